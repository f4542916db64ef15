import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { check } from '../../shared/validate';
import type { Database } from '../db/schema';
import { findBundle } from '../engagements/repository';
import { SWEEP_INTERVAL_MS, clearRetention, retentionOf, setRetention, sweepRetention } from './retention';

const ROUTE = '/api/organiser/engagements/:slug/retention';

const RetentionSchema = v.strictObject({
  deleteAfter: v.pipe(
    v.string('must be a date'),
    v.isoDate('must be a date written YYYY-MM-DD'),
    v.check((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), 'is not a day of the calendar'),
  ),
});

/** Settings for the retention routes. */
export interface RetentionRouteOptions {
  kysely: Kysely<Database>;
}

/** Settings for the retention sweep. */
export interface RetentionSweepOptions {
  kysely: Kysely<Database>;
  /** How often to sweep while running (default hourly); it also sweeps once at start. */
  sweepEveryMs?: number;
  /** Where a failed sweep is reported. */
  onSweepError?: (error: unknown) => void;
}

/**
 * `GET|PUT|DELETE /api/organiser/engagements/:slug/retention` (`{ deleteAfter: "YYYY-MM-DD" }`;
 * DELETE removes the day, so nothing is erased until one is set again).
 * Registered inside the organiser scope, whose guard asks for a session to read and an owner
 * with the CSRF token to change, the same rules as every other organiser change.
 */
export async function retentionRoutes(app: FastifyInstance, opts: RetentionRouteOptions): Promise<void> {
  const { kysely } = opts;
  app.get<{ Params: { slug: string } }>(ROUTE, async (req, reply) => {
    const { slug } = req.params;
    if (!(await findBundle(kysely, slug))) return reply.code(404).send({ error: `no engagement '${slug}'` });
    reply.header('cache-control', 'no-store');
    return { slug, deleteAfter: await retentionOf(kysely, slug) };
  });

  app.put<{ Params: { slug: string } }>(ROUTE, async (req, reply) => {
    const { slug } = req.params;
    const input = check(RetentionSchema, req.body);
    if (!input.ok) return reply.code(400).send({ error: input.error });
    if (!(await findBundle(kysely, slug))) return reply.code(404).send({ error: `no engagement '${slug}'` });
    await setRetention(kysely, slug, input.value.deleteAfter);
    // A day already over takes effect now rather than at the next hourly sweep.
    const swept = await sweepRetention(kysely);
    const erased = swept.find((s) => s.slug === slug)?.erased ?? 0;
    reply.header('cache-control', 'no-store');
    return { slug, deleteAfter: input.value.deleteAfter, erased };
  });

  app.delete<{ Params: { slug: string } }>(ROUTE, async (req, reply) => {
    const { slug } = req.params;
    if (!(await findBundle(kysely, slug))) return reply.code(404).send({ error: `no engagement '${slug}'` });
    await clearRetention(kysely, slug);
    reply.header('cache-control', 'no-store');
    return { slug, deleteAfter: null };
  });
}

/**
 * The sweep that erases contributions once their engagement's day is over: at start, then
 * every hour.
 */
export async function retentionSweep(app: FastifyInstance, opts: RetentionSweepOptions): Promise<void> {
  const { kysely } = opts;
  const report = opts.onSweepError ?? ((error: unknown) => app.log.error({ err: error }, 'retention sweep failed'));
  const sweep = (): void => void sweepRetention(kysely).catch(report);
  app.addHook('onReady', async () => {
    await sweepRetention(kysely).catch(report);
  });
  const timer = setInterval(sweep, opts.sweepEveryMs ?? SWEEP_INTERVAL_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
