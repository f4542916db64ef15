import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { API } from '../../shared/api';
import type { HeardDb } from '../db/connect';

/** `GET /api/health`: says the server is up, which database it uses, and its version. */
export function healthRoutes(app: FastifyInstance, deps: { db: HeardDb; version: string }): void {
  app.get(API.health, async (_req, reply) => {
    // A trivial query proves the database answers, not just that the process runs.
    await sql`select 1`.execute(deps.db.kysely);
    reply.header('cache-control', 'no-store');
    return { ok: true, db: deps.db.kind, version: deps.version };
  });
}
