import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { check } from '../../shared/validate';
import { ReferenceSharesSchema, WORKSPACE_API } from '../../shared/workspace-api';
import { findBundle } from '../engagements/repository';
import { readDraft } from '../engagements/versions';
import { organiserOf, slugRoute } from '../organiser/request';
import { audit } from '../workspace/audit';
import { dashboard, readReference, saveReference } from '../workspace/dashboard';
import type { OrganiserRouteOptions } from './organiser';

const Day = v.optional(v.pipe(v.string(), v.isoDate('must be a date like 2026-01-31')));
const RangeSchema = v.strictObject({ from: Day, to: Day });

type SlugParams = { Params: { slug: string } };

/** The reach dashboard and the reference shares it compares "about you" answers with. */
export async function organiserDashboardRoutes(app: FastifyInstance, opts: OrganiserRouteOptions): Promise<void> {
  const { kysely } = opts;
  const exists = async (slug: string) => Boolean((await findBundle(kysely, slug)) ?? (await readDraft(kysely, slug)));

  app.get<SlugParams>(slugRoute(WORKSPACE_API.dashboard), async (req, reply) => {
    const range = check(RangeSchema, req.query);
    if (!range.ok) return reply.code(400).send({ error: range.error });
    if (!(await exists(req.params.slug))) return reply.code(404).send({ error: `no engagement '${req.params.slug}'` });
    reply.header('cache-control', 'no-store');
    return dashboard(kysely, req.params.slug, range.value);
  });

  app.get<SlugParams>(slugRoute(WORKSPACE_API.reference), async (req, reply) => {
    if (!(await exists(req.params.slug))) return reply.code(404).send({ error: `no engagement '${req.params.slug}'` });
    return readReference(kysely, req.params.slug);
  });

  app.put<SlugParams>(slugRoute(WORKSPACE_API.reference), async (req, reply) => {
    const input = check(ReferenceSharesSchema, req.body);
    if (!input.ok) return reply.code(400).send({ error: input.error });
    if (!(await exists(req.params.slug))) return reply.code(404).send({ error: `no engagement '${req.params.slug}'` });
    for (const [question, shares] of Object.entries(input.value)) {
      const sum = Object.values(shares ?? {}).reduce((a, b) => a + b, 0);
      if (sum > 1.001) return reply.code(400).send({ error: `${question}: shares add up to more than 1` });
    }
    await saveReference(kysely, req.params.slug, input.value);
    await audit(kysely, { engagement: req.params.slug, by: organiserOf(req).email, action: 'edit-reference', target: req.params.slug });
    return readReference(kysely, req.params.slug);
  });
}
