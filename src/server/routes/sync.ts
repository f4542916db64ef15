import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API } from '../../shared/api';
import { SyncRequestSchema, type Receipt } from '../../shared/contribution';
import { MAX_BATCH_ITEMS, MAX_SYNC_BODY_BYTES } from '../../shared/limits';
import { check } from '../../shared/validate';
import type { HeardDb } from '../db/connect';
import { EngagementLookup, idOf, isRefused, prepareItem, type Prepared } from '../sync/prepare';
import { expiredAmong } from '../retention/retention';
import { anonymousKey } from '../security';
import { storeBatch, type StoreFaults } from '../sync/store-contribution';
import { groupCommit, type StoreItems } from '../sync/group-commit';

/** Limits on `POST /api/sync` (see syncRoutes for why they are keyed as they are). */
export interface SyncLimits {
  /** Times the same batch may be sent per minute (default 20). */
  sameBatchPerMinute?: number;
  /** Sync requests one process works on at once before answering 503 (default 32). */
  inFlight?: number;
}

/**
 * `POST /api/sync`: takes up to 500 contributions, checks each on its own, stores the good
 * ones once per id and answers one receipt per item in the order sent. A bad item is
 * rejected alone; its neighbours are still stored.
 *
 * Limits without addresses: the endpoint is anonymous and devices send no identity, so there
 * is nothing per person to count by that is not an IP address, and we keep none. Two limits
 * instead: (1) per batch, keyed by an in-memory keyed hash of the batch's smallest id, which
 * stops a broken or hostile client replaying the same queue in a loop (429); (2) a cap on
 * requests in progress per process, which sheds a flood before it reaches the database (503
 * with Retry-After). Devices retry both with backoff, so a limit never loses a contribution.
 * Per-address limits, if wanted, belong at the reverse proxy, which sees addresses anyway.
 */
export function syncRoutes(app: FastifyInstance, deps: { db: HeardDb; faults?: StoreFaults; limits?: SyncLimits }): void {
  const maxInFlight = deps.limits?.inFlight ?? 32;
  let inFlight = 0;
  // SQLite has one writer, so batches that arrive together are written in one transaction.
  const store: StoreItems = deps.db.kind === 'sqlite'
    ? groupCommit(deps.db.kysely, deps.faults)
    : (items, expired) => storeBatch(deps.db.kysely, items, deps.faults, new Date(), expired);
  const config = {
    rateLimit: {
      max: deps.limits?.sameBatchPerMinute ?? 20,
      timeWindow: 60_000,
      // After parsing, so the key can come from the body.
      hook: 'preHandler' as const,
      keyGenerator: batchKey,
      errorResponseBuilder: () => Object.assign(new Error('this batch was sent too often; wait a minute and try again'), { statusCode: 429 }),
    },
  };
  app.post(API.sync, { bodyLimit: MAX_SYNC_BODY_BYTES, config }, async (req, reply) => {
    if (inFlight >= maxInFlight) {
      reply.header('retry-after', '1');
      return reply.code(503).send({ error: 'the server is busy; try again in a moment' });
    }
    inFlight++;
    try {
      return await handle(req, reply);
    } finally {
      inFlight--;
    }
  });

  const handle = async (req: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const items = (req.body as { items?: unknown } | null)?.items;
    if (Array.isArray(items) && items.length > MAX_BATCH_ITEMS) {
      // A size problem the device fixes by splitting the batch, hence 413 rather than 400.
      return reply.code(413).send({ error: `items: at most ${MAX_BATCH_ITEMS} items per request, got ${items.length}` });
    }
    const request = check(SyncRequestSchema, req.body);
    if (!request.ok) return reply.code(400).send({ error: request.error });
    const lookup = new EngagementLookup(deps.db.kysely);
    const checked = await Promise.all(request.value.items.map((item) => prepareItem(item, lookup)));

    const ready: Prepared[] = [];
    for (const result of checked) if (!isRefused(result)) ready.push(result);
    const engagements = [...new Set(ready.map((item) => item.contribution.engagement))];
    const stored = await store(ready, await expiredAmong(deps.db.kysely, engagements));

    let next = 0;
    // Each receipt echoes the id as the device sent it (ids are stored in lower case).
    const receipts: Receipt[] = checked.map((result, i) => {
      const id = idOf(request.value.items[i]);
      if (isRefused(result)) return { id, status: 'rejected', error: result.error };
      const outcome = stored[next++];
      return outcome.status === 'rejected'
        ? { id, status: 'rejected', error: outcome.error }
        : { id, status: outcome.status, receipt: outcome.receipt };
    });
    reply.header('cache-control', 'no-store');
    return { receipts };
  };
}

// The same queue sent again starts with the same smallest id; a hostile client changing ids
// gets a new key each time and meets the in-flight cap instead.
function batchKey(req: FastifyRequest): string {
  const items = (req.body as { items?: unknown } | null)?.items;
  let smallest = '';
  if (Array.isArray(items)) {
    for (const item of items) {
      const id = idOf(item)?.toLowerCase();
      if (id !== undefined && (smallest === '' || id < smallest)) smallest = id;
    }
  }
  return anonymousKey(`sync\n${smallest}`);
}
