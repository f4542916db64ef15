import type { FastifyInstance } from 'fastify';
import { API } from '../../shared/api';
import { SyncRequestSchema, type Receipt } from '../../shared/contribution';
import { MAX_BATCH_ITEMS, MAX_SYNC_BODY_BYTES } from '../../shared/limits';
import { check } from '../../shared/validate';
import type { HeardDb } from '../db/connect';
import { EngagementLookup, idOf, isRefused, prepareItem, type Prepared } from '../sync/prepare';
import { storeBatch, type StoreFaults } from '../sync/store-contribution';

/**
 * `POST /api/sync`: takes up to 500 contributions, checks each on its own, stores the good
 * ones once per id and answers one receipt per item in the order sent. A bad item is
 * rejected alone; its neighbours are still stored.
 */
export function syncRoutes(app: FastifyInstance, deps: { db: HeardDb; faults?: StoreFaults }): void {
  app.post(API.sync, { bodyLimit: MAX_SYNC_BODY_BYTES }, async (req, reply) => {
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
    const stored = await storeBatch(deps.db.kysely, ready, deps.faults);

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
  });
}
