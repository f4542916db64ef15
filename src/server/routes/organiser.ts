import { setTimeout as sleep } from 'node:timers/promises';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { API, SESSION_COOKIE } from '../../shared/api';
import { check } from '../../shared/validate';
import type { Database } from '../db/schema';
import { findBundle } from '../engagements/repository';
import { contributionsCsv } from '../organiser/export';
import { findOrganiser, normaliseEmail } from '../organiser/organisers';
import { verifyPassword } from '../organiser/passwords';
import { SESSION_ABSOLUTE_MS, createSession, deleteSession, findSession } from '../organiser/sessions';
import { FailureThrottle } from '../organiser/throttle';
import { rateLimitKey } from '../security';

const SignInSchema = v.strictObject({
  email: v.pipe(v.string('must be a string'), v.minLength(1, 'is required'), v.maxLength(254, 'is too long')),
  password: v.pipe(v.string('must be a string'), v.minLength(1, 'is required'), v.maxLength(1024, 'is too long')),
});

// `__Host-` cookies must be Secure, Path=/ and carry no Domain; SameSite=Strict keeps other
// sites from riding on the session.
const COOKIE_OPTIONS = { path: '/', secure: true, httpOnly: true, sameSite: 'strict' } as const;

const WRONG = 'e-mail or password not recognised';

/** Settings for the organiser routes. */
export interface OrganiserRouteOptions {
  kysely: Kysely<Database>;
  /** Sign-in attempts allowed per client per minute. */
  signInPerMinute: number;
}

/**
 * Organiser sign-in and sign-out (`/api/organiser/session`) and the contributions export.
 * Sign-in is rate-limited per client under an anonymous key and slowed down per e-mail after
 * repeated failures; a wrong e-mail and a wrong password get the same answer in the same time.
 */
export async function organiserRoutes(app: FastifyInstance, opts: OrganiserRouteOptions): Promise<void> {
  const { kysely } = opts;
  const throttle = new FailureThrottle();

  app.post(
    API.organiserSession,
    {
      config: {
        rateLimit: {
          max: opts.signInPerMinute,
          timeWindow: 60_000,
          keyGenerator: rateLimitKey,
          errorResponseBuilder: () => Object.assign(new Error('too many sign-in attempts; wait a minute and try again'), { statusCode: 429 }),
        },
      },
    },
    async (req, reply) => {
      const input = check(SignInSchema, req.body);
      if (!input.ok) return reply.code(400).send({ error: input.error });
      const email = normaliseEmail(input.value.email);
      const delay = throttle.delayFor(email);
      if (delay > 0) await sleep(delay);
      const organiser = await findOrganiser(kysely, email);
      const good = await verifyPassword(organiser?.password_hash ?? null, input.value.password);
      if (!organiser || !good) {
        throttle.fail(email);
        return reply.code(401).send({ error: WRONG });
      }
      throttle.succeed(email);
      const value = await createSession(kysely, organiser.id);
      reply.setCookie(SESSION_COOKIE, value, { ...COOKIE_OPTIONS, maxAge: SESSION_ABSOLUTE_MS / 1000 });
      reply.header('cache-control', 'no-store');
      return { ok: true };
    },
  );

  app.delete(API.organiserSession, async (req, reply) => {
    const value = req.cookies[SESSION_COOKIE];
    if (value) await deleteSession(kysely, value);
    reply.clearCookie(SESSION_COOKIE, COOKIE_OPTIONS);
    return reply.code(204).send();
  });

  const requireOrganiser = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const value = req.cookies[SESSION_COOKIE];
    const session = value ? await findSession(kysely, value) : null;
    if (!session) await reply.code(401).send({ error: 'sign in as an organiser first' });
  };

  app.get<{ Params: { slug: string } }>(
    '/api/organiser/engagements/:slug/contributions.csv',
    { preHandler: requireOrganiser },
    async (req, reply) => {
      const { slug } = req.params;
      if (!(await findBundle(kysely, slug))) return reply.code(404).send({ error: `no engagement '${slug}'` });
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${slug}-contributions.csv"`)
        .header('cache-control', 'no-store');
      return reply.send(Readable.from(contributionsCsv(kysely, slug)));
    },
  );
}
