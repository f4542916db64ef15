import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { check } from '../../shared/validate';
import { AboutYouItemSchema, AboutYouRequestSchema, WORKSPACE_API, type AboutYouResponse } from '../../shared/workspace-api';
import { findOpenBundle } from '../engagements/repository';

/**
 * `POST /api/about-you`: "about you" (equality monitoring) answers, sent apart from any
 * contribution. Stored with the day only and no contribution id, so they cannot be joined
 * back to what someone said. Each item is checked on its own; a resent id is a duplicate.
 */
export function aboutYouRoutes(app: FastifyInstance, deps: { kysely: Kysely<Database> }): void {
  app.post(WORKSPACE_API.aboutYou, { bodyLimit: 256 * 1024 }, async (req, reply) => {
    const body = check(AboutYouRequestSchema, req.body);
    if (!body.ok) return reply.code(400).send({ error: body.error });
    const day = new Date().toISOString().slice(0, 10);
    const open = new Map<string, boolean>();
    const receipts: AboutYouResponse['receipts'] = [];
    for (const raw of body.value.items) {
      const item = check(AboutYouItemSchema, raw);
      const rawId = typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string' && raw.id.length <= 64 ? raw.id : null;
      if (!item.ok) {
        receipts.push({ id: rawId, status: 'rejected', error: item.error });
        continue;
      }
      const { id, engagement, answers } = item.value;
      if (!open.has(engagement)) open.set(engagement, Boolean(await findOpenBundle(deps.kysely, engagement)));
      if (!open.get(engagement)) {
        receipts.push({ id: rawId, status: 'rejected', error: `engagement: no open engagement '${engagement}'` });
        continue;
      }
      const result = await deps.kysely
        .insertInto('about_you')
        .values({
          id, engagement, day,
          age_band: answers.ageBand ?? null,
          ethnicity: answers.ethnicity ?? null,
          disability: answers.disability ?? null,
          gender: answers.gender ?? null,
          first_language: answers.firstLanguage ?? null,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      receipts.push({ id: rawId, status: Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? 'accepted' : 'duplicate' });
    }
    reply.header('cache-control', 'no-store');
    return { receipts };
  });
}
