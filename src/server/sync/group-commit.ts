import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Prepared } from './prepare';
import { storeBatch, type StoreFaults, type StoreResult } from './store-contribution';

/** Stores one request's prepared items; `expired` as in storeBatch. */
export type StoreItems = (items: readonly Prepared[], expired: ReadonlyMap<string, string>) => Promise<StoreResult[]>;

interface Waiting {
  items: readonly Prepared[];
  expired: ReadonlyMap<string, string>;
  resolve(results: StoreResult[]): void;
  reject(error: unknown): void;
}

/** Most items written in one merged transaction (a few full sync batches). */
export const GROUP_MAX_ITEMS = 2000;

/**
 * Group commit for a database with one writer (SQLite): while one transaction is being
 * written, batches from other requests wait, and the next transaction takes all of them at
 * once. Each contribution then costs less, because a commit writes every page it changed once
 * however many rows changed it, and the random-keyed indexes (id, receipt, engagement and
 * minute) share more pages the more rows one commit holds. Results go back to each request in its own
 * order, exactly as if its batch had been written alone: an id sent by two merged requests is
 * accepted for the first and answered `duplicate` (or `conflict`) for the second, as storeBatch
 * does across transactions.
 *
 * A merged transaction that fails is rolled back whole, so nothing of it is stored; each of
 * its batches is then written again on its own, so a batch that cannot be stored fails alone
 * and never takes the batches merged with it down. PostgreSQL takes concurrent transactions
 * itself and does not need this.
 */
export function groupCommit(kysely: Kysely<Database>, faults: StoreFaults = {}, maxItems = GROUP_MAX_ITEMS): StoreItems {
  const queue: Waiting[] = [];
  let writing = false;

  const writeAlone = async (batch: Waiting): Promise<void> => {
    try {
      batch.resolve(await storeBatch(kysely, batch.items, faults, new Date(), batch.expired));
    } catch (error) {
      batch.reject(error);
    }
  };

  const writeGroup = async (group: Waiting[]): Promise<void> => {
    if (group.length === 1) return writeAlone(group[0]);
    const expired = new Map<string, string>();
    for (const batch of group) for (const [slug, day] of batch.expired) expired.set(slug, day);
    let results: StoreResult[];
    try {
      results = await storeBatch(kysely, group.flatMap((batch) => batch.items), faults, new Date(), expired);
    } catch {
      for (const batch of group) await writeAlone(batch);
      return;
    }
    let start = 0;
    for (const batch of group) {
      batch.resolve(results.slice(start, start + batch.items.length));
      start += batch.items.length;
    }
  };

  const drain = async (): Promise<void> => {
    writing = true;
    try {
      while (queue.length > 0) {
        // A write runs start to end without giving way to network events (the SQLite calls
        // are synchronous), so requests that arrived meanwhile are still unread. One turn of
        // the event loop lets them be read, checked and queued here before the next group is cut.
        await new Promise<void>((resolve) => setImmediate(resolve));
        // Always at least one batch (a single one may be up to a full request), then as many
        // more as fit under maxItems, in arrival order.
        const group = [queue.shift() as Waiting];
        let size = group[0].items.length;
        while (queue.length > 0 && size + queue[0].items.length <= maxItems) {
          size += queue[0].items.length;
          group.push(queue.shift() as Waiting);
        }
        await writeGroup(group);
      }
    } finally {
      writing = false;
    }
  };

  return (items, expired) =>
    new Promise<StoreResult[]>((resolve, reject) => {
      queue.push({ items, expired, resolve, reject });
      if (!writing) void drain();
    });
}
