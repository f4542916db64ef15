import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { API } from '../../shared/api';
import type { HeardDb } from '../db/connect';

/**
 * `GET /api/health`: says the server is up, which database it uses, and its version; 503 with
 * `ok: false` while the database does not answer, so a load balancer stops sending traffic here.
 */
export function healthRoutes(app: FastifyInstance, deps: { db: HeardDb; version: string }): void {
  app.get(API.health, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      // A trivial query proves the database answers, not just that the process runs.
      await sql`select 1`.execute(deps.db.kysely);
    } catch (error) {
      req.log.warn({ err: error }, 'health check: database unreachable');
      return reply.code(503).send({ ok: false, db: deps.db.kind, version: deps.version, error: 'the database is not answering' });
    }
    return { ok: true, db: deps.db.kind, version: deps.version };
  });
}
