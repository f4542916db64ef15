import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { removeQuotes } from '../findings/versions';

/**
 * Retention: an organiser chooses, per engagement, the day after which its contributions are
 * erased. The sweep deletes each contribution, its answers and their recordings, keeping only a content-free
 * ledger row (id, content hash, receipt) so that a device replaying an erased id is told it
 * arrived (`duplicate`, with its original receipt) and nothing is stored again. Quotes on the
 * engagement's published "you said, we heard" pages are taken off with them.
 */

/** How often a running server sweeps (besides once at start). */
export const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/** True once the whole of `deleteAfter` (a UTC `YYYY-MM-DD`) is over at `now`. */
export function isPast(deleteAfter: string, now: Date): boolean {
  return now.toISOString().slice(0, 10) > deleteAfter;
}

/** Sets (or moves) the day after which the engagement's contributions are erased. */
export async function setRetention(kysely: Kysely<Database>, slug: string, deleteAfter: string, now = new Date()): Promise<void> {
  const row = { slug, delete_after: deleteAfter, updated_at: now.toISOString() };
  await kysely
    .insertInto('engagement_retention')
    .values(row)
    .onConflict((oc) => oc.column('slug').doUpdateSet({ delete_after: deleteAfter, updated_at: row.updated_at }))
    .execute();
}

/** Removes the engagement's retention day: its contributions are kept until a day is set again. */
export async function clearRetention(kysely: Kysely<Database>, slug: string): Promise<void> {
  await kysely.deleteFrom('engagement_retention').where('slug', '=', slug).execute();
}

/** The engagement's retention day, or null when none is set. */
export async function retentionOf(kysely: Kysely<Database>, slug: string): Promise<string | null> {
  const row = await kysely.selectFrom('engagement_retention').select('delete_after').where('slug', '=', slug).executeTakeFirst();
  return row?.delete_after ?? null;
}

/** Retention days of the given engagements that are over at `now`, by slug. */
export async function expiredAmong(kysely: Kysely<Database>, slugs: readonly string[], now = new Date()): Promise<Map<string, string>> {
  const expired = new Map<string, string>();
  if (slugs.length === 0) return expired;
  const rows = await kysely.selectFrom('engagement_retention').select(['slug', 'delete_after']).where('slug', 'in', [...slugs]).execute();
  for (const row of rows) if (isPast(row.delete_after, now)) expired.set(row.slug, row.delete_after);
  return expired;
}

/** What one sweep erased, per engagement. */
export type SweepResult = Array<{ slug: string; erased: number }>;

/**
 * Erases the contributions of every engagement whose retention day is over: one transaction
 * per engagement (ledger rows in, answers and contributions out), so a failure leaves that
 * engagement as it was and the next sweep tries again. Safe to run from several servers at once.
 */
export async function sweepRetention(kysely: Kysely<Database>, now = new Date()): Promise<SweepResult> {
  const due = await kysely.selectFrom('engagement_retention').select(['slug', 'delete_after']).execute();
  const result: SweepResult = [];
  const erasedAt = now.toISOString();
  for (const { slug, delete_after: deleteAfter } of due) {
    if (!isPast(deleteAfter, now)) continue;
    const erased = await kysely.transaction().execute(async (trx) => {
      const ids = trx.selectFrom('contributions').select('id').where('engagement', '=', slug);
      const numbers = trx.selectFrom('contributions').select('seq').where('engagement', '=', slug);
      // A second server sweeping at the same time may have logged some ids already.
      await trx
        .insertInto('erased_contributions')
        // The number too, so it is never drawn again (receipts are drawn from numbers).
        .columns(['id', 'engagement', 'content_hash', 'receipt', 'erased_at', 'seq'])
        .expression(
          trx
            .selectFrom('contributions')
            .select((eb) => ['id', 'engagement', 'content_hash', 'receipt', eb.cast<string>(eb.val(erasedAt), 'text').as('erased_at'), 'seq'])
            .where('engagement', '=', slug),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
      // Spoken answers live in their own table, referred to by id from the answer.
      const spoken = await trx.selectFrom('answers').select('value').where('kind', '=', 'audio').where('contribution_seq', 'in', numbers).execute();
      const recordings = spoken.flatMap((row) => audioIds(row.value));
      for (let start = 0; start < recordings.length; start += 1000) {
        await trx.deleteFrom('audio').where('id', 'in', recordings.slice(start, start + 1000)).execute();
      }
      // Theme coding and quote marks go with the contribution (the receipt code must find nothing).
      await trx.deleteFrom('contribution_themes').where('contribution_id', 'in', ids).execute();
      await trx.deleteFrom('quotes').where('contribution_id', 'in', ids).execute();
      await trx.deleteFrom('answers').where('contribution_seq', 'in', numbers).execute();
      // People's words quoted on published pages go with their contributions; themes and counts stay.
      await removeQuotes(trx, slug);
      const deleted = await trx.deleteFrom('contributions').where('engagement', '=', slug).executeTakeFirst();
      return Number(deleted.numDeletedRows);
    });
    result.push({ slug, erased });
  }
  return result;
}

// The id as written and in lower case, whichever way the upload stored it.
function audioIds(value: string): string[] {
  try {
    const id = (JSON.parse(value) as { id?: unknown }).id;
    return typeof id === 'string' ? [...new Set([id, id.toLowerCase()])] : [];
  } catch {
    return [];
  }
}
