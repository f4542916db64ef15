import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { API } from '../../shared/api';
import type { Database } from '../db/schema';
import { currentPublicKey } from '../engagements/keys';
import { findOpenBundle, listOpenEngagements } from '../engagements/repository';

/**
 * `GET /api/engagements` and `GET /api/engagements/:slug`. The bundle carries a strong ETag
 * (a hash of the exact body) so devices revalidate cheaply with If-None-Match and get a 304
 * until the content or the key changes. It stays fresh for a few seconds, so the copy a deep
 * link preloads (the Link header on the page) is used at once instead of revalidated.
 */
export const BUNDLE_CACHE_CONTROL = 'max-age=15, must-revalidate';

export function engagementRoutes(app: FastifyInstance, deps: { kysely: Kysely<Database> }): void {
  app.get(API.engagements, async (_req, reply) => {
    reply.header('cache-control', 'no-cache');
    return listOpenEngagements(deps.kysely);
  });

  app.get<{ Params: { slug: string } }>(`${API.engagements}/:slug`, async (req, reply) => {
    const bundle = await findOpenBundle(deps.kysely, req.params.slug);
    if (!bundle) return reply.code(404).send({ error: `no open engagement '${req.params.slug}'` });
    const body = JSON.stringify({ ...bundle, publicKey: await currentPublicKey(deps.kysely, bundle.slug) });
    const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
    reply.header('etag', etag).header('cache-control', BUNDLE_CACHE_CONTROL);
    if (matchesIfNoneMatch(req, etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(body);
  });
}

/**
 * Whether the request's If-None-Match names `etag`. Weak comparison (RFC 9110 §13.1.2), so a
 * W/ prefix added by a proxy still matches.
 */
export function matchesIfNoneMatch(req: FastifyRequest, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
