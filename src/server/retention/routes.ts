import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { SESSION_COOKIE } from '../../shared/api';
import { check } from '../../shared/validate';
import { CSRF_HEADER } from '../../shared/workspace-api';
import type { Database } from '../db/schema';
import { findBundle } from '../engagements/repository';
import { COOKIE_OPTIONS, CSRF_COOKIE } from '../organiser/request';
import { findSession } from '../organiser/sessions';
import { SWEEP_INTERVAL_MS, retentionOf, setRetention, sweepRetention } from './retention';

const ROUTE = '/api/organiser/engagements/:slug/retention';

const RetentionSchema = v.strictObject({
  deleteAfter: v.pipe(
    v.string('must be a date'),
    v.isoDate('must be a date written YYYY-MM-DD'),
    v.check((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), 'is not a day of the calendar'),
  ),
});

/** Settings for the retention routes and sweep. */
export interface RetentionOptions {
  kysely: Kysely<Database>;
  /** How often to sweep while running (default hourly); it also sweeps once at start. */
  sweepEveryMs?: number;
  /** Where a failed sweep is reported. */
  onSweepError?: (error: unknown) => void;
}

/**
 * `GET|PUT /api/organiser/engagements/:slug/retention` (`{ deleteAfter: "YYYY-MM-DD" }`), and
 * the sweep that erases contributions once their engagement's day is over: at start, then
 * every hour. Reading needs a session; changing needs an owner and the CSRF token, the same
 * rules as every other organiser change.
 */
export async function retentionRoutes(app: FastifyInstance, opts: RetentionOptions): Promise<void> {
  const { kysely } = opts;
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: COOKIE_OPTIONS,
    getToken: (req) => {
      const header = req.headers[CSRF_HEADER];
      return typeof header === 'string' ? header : undefined;
    },
  });

  const guard = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const value = req.cookies[SESSION_COOKIE];
    const session = value ? await findSession(kysely, value) : null;
    if (!session) return reply.code(401).send({ error: 'sign in as an organiser first' });
    if (req.method === 'GET') return undefined;
    // The check is synchronous: it either calls back or has already answered 403.
    let passed = false;
    app.csrfProtection(req, reply, () => (passed = true));
    if (!passed) return reply;
    if (session.role !== 'owner') return reply.code(403).send({ error: 'your role can read but not change this; ask an owner' });
    return undefined;
  };

  app.get<{ Params: { slug: string } }>(ROUTE, { preHandler: guard }, async (req, reply) => {
    const { slug } = req.params;
    if (!(await findBundle(kysely, slug))) return reply.code(404).send({ error: `no engagement '${slug}'` });
    reply.header('cache-control', 'no-store');
    return { slug, deleteAfter: await retentionOf(kysely, slug) };
  });

  app.put<{ Params: { slug: string } }>(ROUTE, { preHandler: guard }, async (req, reply) => {
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

  const report = opts.onSweepError ?? ((error: unknown) => app.log.error({ err: error }, 'retention sweep failed'));
  const sweep = (): void => void sweepRetention(kysely).catch(report);
  app.addHook('onReady', async () => {
    await sweepRetention(kysely).catch(report);
  });
  const timer = setInterval(sweep, opts.sweepEveryMs ?? SWEEP_INTERVAL_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
