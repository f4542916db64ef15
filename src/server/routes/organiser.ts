import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { SESSION_COOKIE } from '../../shared/api';
import { SESSION_LEFT_HEADER, formatSessionLeft } from '../../shared/session-time';
import { CSRF_HEADER } from '../../shared/workspace-api';
import type { Database } from '../db/schema';
import { retentionRoutes } from '../retention/routes';
import { COOKIE_OPTIONS, CSRF_COOKIE } from '../organiser/request';
import { findSession, sessionLeft } from '../organiser/sessions';
import { eventOrganiserRoutes } from './events';
import { organiserAuthRoutes, publicAuthRoutes } from './organiser-auth';
import { organiserAuthoringRoutes } from './organiser-authoring';
import { organiserDashboardRoutes } from './organiser-dashboard';
import { organiserExportRoutes } from './organiser-export';
import { organiserFindingsRoutes } from './organiser-findings';
import { organiserModerationRoutes } from './organiser-moderation';
import { organiserReportRoutes } from './organiser-reports';
import { organiserThemeRoutes } from './organiser-themes';

/** Settings for the organiser routes. */
export interface OrganiserRouteOptions {
  kysely: Kysely<Database>;
  /** Sign-in attempts allowed per client per minute. */
  signInPerMinute: number;
  /** Public address printed on event posters; the request's origin when unset. */
  publicUrl?: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Everything under `/api/organiser`. Only signing in and accepting an invitation are open;
 * every other route sits behind one guard: a live session (401 without), a CSRF token on
 * every state-changing request (403 without), and the owner role for any change unless the
 * route says analysts may (403). A route added here cannot forget any of the three.
 */
export async function organiserRoutes(app: FastifyInstance, opts: OrganiserRouteOptions): Promise<void> {
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
  app.decorateRequest('organiser', null);

  await app.register(publicAuthRoutes, opts);

  await app.register(async (guarded) => {
    guarded.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
      const value = req.cookies[SESSION_COOKIE];
      const session = value ? await findSession(kysely, value) : null;
      if (!session) return reply.code(401).send({ error: 'sign in as an organiser first' });
      req.organiser = session;
      // Every answer says how long the session has left, so the workspace can warn in time.
      reply.header(SESSION_LEFT_HEADER, formatSessionLeft(sessionLeft(session)));
    });
    guarded.addHook('preHandler', (req, reply, done) => {
      if (SAFE_METHODS.has(req.method)) return done();
      app.csrfProtection(req, reply, () => {
        if (req.organiser?.role !== 'owner' && !req.routeOptions.config.anyRole) {
          void reply.code(403).send({ error: 'your role can read but not change this; ask an owner' });
          return;
        }
        done();
      });
    });
    await guarded.register(organiserAuthRoutes, opts);
    await guarded.register(organiserAuthoringRoutes, opts);
    await guarded.register(organiserModerationRoutes, opts);
    await guarded.register(organiserThemeRoutes, opts);
    await guarded.register(organiserDashboardRoutes, opts);
    await guarded.register(organiserReportRoutes, opts);
    await guarded.register(organiserExportRoutes, opts);
    await guarded.register(organiserFindingsRoutes, opts);
    await guarded.register(eventOrganiserRoutes, opts);
    await guarded.register(retentionRoutes, opts);
  });
}
