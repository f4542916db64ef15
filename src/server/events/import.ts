import type { Kysely } from 'kysely';
import type { Receipt } from '../../shared/contribution';
import { MAX_BATCH_ITEMS } from '../../shared/limits';
import type { ImportSummary } from '../../shared/events';
import type { Database } from '../db/schema';
import { EngagementLookup, idOf, isRefused, prepareItem, type Prepared, type Refused } from '../sync/prepare';
import { storeBatch } from '../sync/store-contribution';

/**
 * Imports the contributions of a tablet's export file through the very checks and store that
 * `POST /api/sync` uses, so a contribution that reached the server both ways, or a file
 * imported twice, is stored once. Items are checked one by one: a damaged one is rejected
 * with its reason and never takes its neighbours down.
 */
export async function importItems(kysely: Kysely<Database>, slug: string, items: readonly unknown[]): Promise<ImportSummary> {
  const lookup = new EngagementLookup(kysely);
  const receipts: Receipt[] = [];
  // Stored in chunks the size of a sync batch, so one transaction never grows with the file.
  for (let start = 0; start < items.length; start += MAX_BATCH_ITEMS) {
    const chunk = items.slice(start, start + MAX_BATCH_ITEMS);
    const checked = await Promise.all(chunk.map((item) => checkItem(item, slug, lookup)));
    const ready: Prepared[] = [];
    for (const result of checked) if (!isRefused(result)) ready.push(result);
    const stored = await storeBatch(kysely, ready);
    let next = 0;
    checked.forEach((result, i) => {
      const id = idOf(chunk[i]);
      if (isRefused(result)) {
        receipts.push({ id, status: 'rejected', error: result.error });
        return;
      }
      const outcome = stored[next++];
      receipts.push(
        outcome.status === 'rejected' ? { id, status: 'rejected', error: outcome.error } : { id, status: outcome.status, receipt: outcome.receipt },
      );
    });
  }
  const count = (status: Receipt['status']): number => receipts.filter((r) => r.status === status).length;
  return { accepted: count('accepted'), duplicate: count('duplicate'), rejected: count('rejected'), receipts };
}

// The export file only ever holds sealed contributions of the engagement it names; anything
// else in it did not come from a tablet's ledger and is refused before it is opened.
async function checkItem(item: unknown, slug: string, lookup: EngagementLookup): Promise<Prepared | Refused> {
  if (typeof item !== 'object' || item === null || Array.isArray(item) || !('sealed' in item)) {
    return { error: 'item: must be a sealed contribution' };
  }
  if ((item as { engagement?: unknown }).engagement !== slug) {
    return { error: `engagement: item is not for '${slug}'` };
  }
  return prepareItem(item, lookup);
}
