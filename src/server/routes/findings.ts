import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { FINDINGS_API, type ReceiptLookup } from '../../shared/findings';
import { ReceiptCodeSchema } from '../../shared/receipt-code';
import { check } from '../../shared/validate';
import { latestPage, latestPageJson } from '../findings/versions';
import { themesForReceipt } from '../findings/receipts';
import { rateLimitKey } from '../security';
import { matchesIfNoneMatch } from './engagements';

/** Settings for the public findings routes. */
export interface FindingsRouteOptions {
  kysely: Kysely<Database>;
  /** Receipt-code lookups allowed per client per minute (default 30). */
  receiptsPerMinute?: number;
}

const notPublished = (slug: string) => ({ error: `no 'you said, we heard' page has been published for '${slug}' yet` });

/**
 * The public "you said, we heard" page and receipt-code lookups. The page carries a strong
 * ETag (a hash of the stored JSON, which never changes for a version), so a device that has
 * it gets a 304. Lookups are rate-limited by an in-memory keyed hash of the address (never the
 * address itself, never stored); with 60-bit codes that keeps guessing hopeless.
 */
export function findingsRoutes(app: FastifyInstance, opts: FindingsRouteOptions): void {
  const { kysely } = opts;

  app.get<{ Params: { slug: string } }>(routePattern(FINDINGS_API.findings(':slug')), async (req, reply) => {
    const latest = await latestPageJson(kysely, req.params.slug);
    if (!latest) return reply.code(404).header('cache-control', 'no-cache').send(notPublished(req.params.slug));
    const etag = `"${createHash('sha256').update(latest.json).digest('base64url')}"`;
    reply.header('etag', etag).header('cache-control', 'no-cache');
    if (matchesIfNoneMatch(req, etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(latest.json);
  });

  app.get<{ Params: { slug: string; code: string } }>(
    routePattern(FINDINGS_API.receipt(':slug', ':code')),
    {
      config: {
        rateLimit: {
          max: opts.receiptsPerMinute ?? 30,
          timeWindow: 60_000,
          keyGenerator: rateLimitKey,
          errorResponseBuilder: () => Object.assign(new Error('too many codes checked; wait a minute and try again'), { statusCode: 429 }),
        },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const code = check(ReceiptCodeSchema, req.params.code);
      if (!code.ok) return reply.code(400).send({ error: `code: ${code.error}` });
      const page = await latestPage(kysely, req.params.slug);
      if (!page) return reply.code(404).send(notPublished(req.params.slug));
      const themes = await themesForReceipt(kysely, req.params.slug, code.value, page);
      if (!themes) return reply.code(404).send({ error: 'no contribution with that code has been coded yet; it may not have arrived, or not been read yet' });
      const answer: ReceiptLookup = { code: code.value, themes };
      return answer;
    },
  );
}

// The path functions encode their arguments; `:name` comes out as `%3Aname`.
const routePattern = (path: string): string => path.replace(/%3A(\w+)/g, ':$1');
