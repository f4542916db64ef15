import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { SESSION_COOKIE } from '../../shared/api';
import { SESSION_LEFT_HEADER, formatSessionLeft } from '../../shared/session-time';
import { check } from '../../shared/validate';
import { AcceptInvitationSchema, CreateInvitationSchema, SignInSchema, WORKSPACE_API, type SessionInfo } from '../../shared/workspace-api';
import { INVITATION_ERROR, acceptInvitation, createInvitation, pendingInvitations } from '../organiser/invitations';
import { findOrganiser, normaliseEmail } from '../organiser/organisers';
import { verifyPassword } from '../organiser/passwords';
import { COOKIE_OPTIONS, organiserOf } from '../organiser/request';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, createSession, deleteSession, findSession, sessionLeft, type Session } from '../organiser/sessions';
import { FailureThrottle } from '../organiser/throttle';
import { rateLimitKey } from '../security';
import { audit } from '../workspace/audit';
import type { OrganiserRouteOptions } from './organiser';

const WRONG = 'e-mail or password not recognised';

function sessionInfo(reply: FastifyReply, session: Session): SessionInfo {
  reply.header('cache-control', 'no-store');
  // Signing in passes no session check, so the answer that starts a session says it here.
  reply.header(SESSION_LEFT_HEADER, formatSessionLeft(sessionLeft(session)));
  return {
    organiser: { id: session.organiserId, email: session.email, role: session.role },
    csrfToken: reply.generateCsrf(),
    idleSeconds: SESSION_IDLE_MS / 1000,
    expiresAt: session.expiresAt,
    idleExpiresAt: session.idleExpiresAt,
  };
}

async function startSession(opts: OrganiserRouteOptions, reply: FastifyReply, organiserId: string): Promise<SessionInfo> {
  const value = await createSession(opts.kysely, organiserId);
  const session = await findSession(opts.kysely, value);
  if (!session) throw new Error('a session just made could not be read back');
  reply.setCookie(SESSION_COOKIE, value, { ...COOKIE_OPTIONS, maxAge: SESSION_ABSOLUTE_MS / 1000 });
  return sessionInfo(reply, session);
}

/**
 * The two organiser routes that need no session: signing in, and accepting an invitation.
 * Both are rate-limited per client under an anonymous key. Sign-in is also slowed down per
 * e-mail after repeated failures; a wrong e-mail and a wrong password get the same answer in
 * the same time.
 */
export async function publicAuthRoutes(app: FastifyInstance, opts: OrganiserRouteOptions): Promise<void> {
  const { kysely } = opts;
  const throttle = new FailureThrottle();
  const rateLimit = (what: string) => ({
    max: opts.signInPerMinute,
    timeWindow: 60_000,
    keyGenerator: rateLimitKey,
    errorResponseBuilder: () => Object.assign(new Error(`too many ${what} attempts; wait a minute and try again`), { statusCode: 429 }),
  });

  app.post(WORKSPACE_API.session, { config: { rateLimit: rateLimit('sign-in') } }, async (req, reply) => {
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
    return startSession(opts, reply, organiser.id);
  });

  app.post(WORKSPACE_API.acceptInvitation, { config: { rateLimit: rateLimit('invitation') } }, async (req, reply) => {
    const input = check(AcceptInvitationSchema, req.body);
    if (!input.ok) return reply.code(400).send({ error: input.error });
    const id = await acceptInvitation(kysely, input.value.token, input.value.password);
    if (!id) return reply.code(410).send({ error: INVITATION_ERROR });
    return startSession(opts, reply, id);
  });
}

/** Session, sign-out, organisers and invitations, behind the organiser guard. */
export async function organiserAuthRoutes(app: FastifyInstance, opts: OrganiserRouteOptions): Promise<void> {
  const { kysely } = opts;

  app.get(WORKSPACE_API.session, async (req, reply) => sessionInfo(reply, organiserOf(req)));

  app.delete(WORKSPACE_API.session, { config: { anyRole: true } }, async (req, reply) => {
    const value = req.cookies[SESSION_COOKIE];
    if (value) await deleteSession(kysely, value);
    reply.clearCookie(SESSION_COOKIE, COOKIE_OPTIONS);
    // The guard said how long the session had left; it has none now.
    reply.removeHeader(SESSION_LEFT_HEADER);
    return reply.code(204).send();
  });

  const ownersOnly = async (req: Parameters<typeof organiserOf>[0], reply: FastifyReply) => {
    if (organiserOf(req).role !== 'owner') await reply.code(403).send({ error: 'only owners can see the team' });
  };

  app.get(WORKSPACE_API.organisers, { preHandler: ownersOnly }, async () => {
    const rows = await kysely.selectFrom('organisers').select(['id', 'email', 'role', 'created_at']).orderBy('email').execute();
    return rows.map((r) => ({ id: r.id, email: r.email, role: r.role, createdAt: r.created_at }));
  });

  app.get(WORKSPACE_API.invitations, { preHandler: ownersOnly }, async () => {
    const rows = await pendingInvitations(kysely);
    return rows.map((r) => ({ id: r.id, email: r.email, role: r.role, expiresAt: r.expires_at, createdAt: r.created_at }));
  });

  app.post(WORKSPACE_API.invitations, async (req, reply) => {
    const input = check(CreateInvitationSchema, req.body);
    if (!input.ok) return reply.code(400).send({ error: input.error });
    const me = organiserOf(req);
    if (await findOrganiser(kysely, input.value.email)) return reply.code(409).send({ error: 'email: this person is already an organiser' });
    const created = await createInvitation(kysely, { email: input.value.email, role: input.value.role, createdBy: me.organiserId });
    await audit(kysely, { engagement: null, by: me.email, action: 'invite', target: `${created.email} as ${created.role}` });
    reply.header('cache-control', 'no-store');
    return reply.code(201).send(created);
  });
}
