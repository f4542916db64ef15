import type { Kysely, Transaction } from 'kysely';
import type { AnswerTable, Database, NewContribution } from '../db/schema';
import type { Answer } from '../../shared/contribution';
import type { Prepared } from './prepare';
import { drawReceipts, receiptKey } from './receipt';
import { everyColumn, insertRows, selectByIds, type BulkInsert, type IdLookup } from './bulk-insert';

/** What storing one prepared contribution came to. */
export type StoreResult =
  | { status: 'accepted' | 'duplicate'; receipt: string }
  | { status: 'rejected'; error: string };

/** Test seam: called before each item of a batch is written, so a test can fail or stall a batch midway. */
export interface StoreFaults {
  beforeStore?(position: number): void | Promise<void>;
}

// Rows per INSERT statement, largest first. Multi-row inserts save a round trip per item; a few
// fixed sizes let each statement be compiled once (see insertRows); the largest keep each
// statement well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters (18 columns per
// contribution, 5 per answer).
const CONTRIBUTION_SIZES = [100, 25, 5, 1];
const ANSWER_SIZES = [400, 100, 20, 5, 1];

/** The multi-row insert of contributions (also the bench's raw baseline). */
export const CONTRIBUTION_INSERT: BulkInsert<NewContribution> = {
  columns: everyColumn<NewContribution>()(['id', 'engagement', 'phase', 'version', 'locale', 'easy_read', 'read_aloud', 'assisted', 'audio', 'interpreter', 'channel', 'event', 'created_at', 'received_at', 'content_hash', 'receipt', 'sealed', 'seq']),
  sizes: CONTRIBUTION_SIZES,
  query: (db, rows) => db.insertInto('contributions').values(rows).onConflict((oc) => oc.doNothing()).returning('id'),
};

/** The multi-row insert of answers. */
export const ANSWER_INSERT: BulkInsert<AnswerTable> = {
  columns: everyColumn<AnswerTable>()(['contribution_seq', 'position', 'prompt', 'kind', 'value']),
  sizes: ANSWER_SIZES,
  query: (db, rows) => db.insertInto('answers').values(rows),
};

/**
 * Stores a batch in one transaction, so a crash or error midway leaves nothing of it behind
 * and the device's retry stores every item exactly once. Ids already erased by the retention
 * sweep are answered from its ledger and never stored again; new ids for an engagement in
 * `expired` (slug → retention day) are refused. The rest are inserted with
 * ON CONFLICT DO NOTHING, many rows per statement, and the ids that were not inserted are read
 * back: a second sender racing with the same ids waits on the first one's rows and then finds
 * them, instead of storing them twice. Results come back in the order of `items`.
 */
export async function storeBatch(
  kysely: Kysely<Database>,
  items: readonly Prepared[],
  faults: StoreFaults = {},
  now: Date = new Date(),
  expired: ReadonlyMap<string, string> = new Map(),
): Promise<StoreResult[]> {
  if (items.length === 0) return [];
  const receivedAt = toMinute(now);
  // Writing in id order means two overlapping batches take row locks in the same order, which
  // keeps PostgreSQL from deadlocking them against each other.
  const order = items.map((_, i) => i).sort((a, b) => compare(items[a].id, items[b].id));
  // Read before the transaction: SQLite's one connection is the transaction's until it ends.
  const key = await receiptKey(kysely);
  return kysely.transaction().execute(async (trx) => {
    const results: StoreResult[] = new Array<StoreResult>(items.length);
    const erased = await existingOf(kysely, trx, uniqueIds(items), ERASED);
    // First occurrence of each id still to write, in id order; later repeats are answered below.
    const pending: number[] = [];
    const claimed = new Set<string>();
    for (const index of order) {
      const id = items[index].id;
      if (erased.has(id) || claimed.has(id)) continue;
      claimed.add(id);
      if (!expired.has(items[index].contribution.engagement)) pending.push(index);
    }
    const existing = new Map<string, Known>();
    const written = await insertNew(kysely, trx, key, items, pending, receivedAt, faults, existing);
    // New ids for an engagement past its retention day are refused; stored ones are still answered.
    const late = [...claimed].filter((id) => !written.has(id) && !existing.has(id));
    if (late.length > 0) for (const [id, known] of await existingOf(kysely, trx, late)) existing.set(id, known);

    // Accepted once per id (the first occurrence); every other occurrence compares hashes.
    const answered = new Set<string>();
    for (const index of order) {
      const item = items[index];
      const mine = written.get(item.id);
      if (mine && !answered.has(item.id)) {
        answered.add(item.id);
        results[index] = { status: 'accepted', receipt: mine.receipt };
        continue;
      }
      const known = mine ?? erased.get(item.id) ?? existing.get(item.id);
      const closedOn = expired.get(item.contribution.engagement);
      if (!known && closedOn !== undefined) {
        results[index] = { status: 'rejected', error: `engagement: contributions to '${item.contribution.engagement}' were erased after ${closedOn}; no more are taken` };
        continue;
      }
      if (!known) throw new Error('a contribution was neither stored nor found');
      results[index] = known.content_hash === item.hash ? { status: 'duplicate', receipt: known.receipt } : { status: 'rejected', error: 'conflict' };
    }
    return results;
  });
}

/** The hash and receipt a stored (or erased) id is known by. */
interface Known {
  content_hash: string;
  receipt: string;
}

// Inserts the pending items (indexes into `items`, in id order) and their answers. Returns the
// ids this transaction wrote, with their receipts; ids stored before go into `existing`. A row
// skipped by ON CONFLICT whose id is not stored drew a number in use (only after a restore
// went wrong), and draws again.
async function insertNew(
  kysely: Kysely<Database>,
  trx: Transaction<Database>,
  key: Uint8Array,
  items: readonly Prepared[],
  pending: readonly number[],
  receivedAt: string,
  faults: StoreFaults,
  existing: Map<string, Known>,
): Promise<Map<string, Known & { seq: number }>> {
  const written = new Map<string, Known & { seq: number }>();
  let todo = pending;
  for (let attempt = 0; todo.length > 0; attempt++) {
    if (attempt === 5) throw new Error('could not draw an unused contribution number');
    const drawn = await drawReceipts(kysely, trx, key, todo.length);
    const rows = todo.map((index, n) => contributionRow(items[index], drawn[n].receipt, receivedAt, drawn[n].seq));
    const sent = new Map(rows.map((row) => [row.id, row]));
    const stall = attempt === 0 && faults.beforeStore ? faults.beforeStore.bind(faults) : undefined;
    const before = stall && (async (start: number, count: number) => {
      for (let p = start; p < start + count; p++) await stall(p);
    });
    const inserted = await insertRows<NewContribution, { id: string }>(kysely, trx, CONTRIBUTION_INSERT, rows, before);
    for (const { id } of inserted) {
      const row = sent.get(id)!;
      written.set(id, { content_hash: '', receipt: row.receipt, seq: row.seq });
    }
    const retry: number[] = [];
    const unsure = todo.filter((index) => !written.has(items[index].id));
    if (unsure.length > 0) {
      // Skipped rows whose id is not stored clashed on the number alone.
      const found = await existingOf(kysely, trx, unsure.map((index) => items[index].id));
      for (const [id, known] of found) existing.set(id, known);
      for (const index of unsure) if (!found.has(items[index].id)) retry.push(index);
    }
    todo = retry;
  }
  const answers: AnswerTable[] = [];
  for (const index of pending) {
    const item = items[index];
    const mine = written.get(item.id);
    if (!mine) continue;
    mine.content_hash = item.hash;
    answers.push(...answerRows(item, mine.seq));
  }
  await insertRows(kysely, trx, ANSWER_INSERT, answers);
  return written;
}

const STORED: IdLookup<Known & { id: string }> = {
  query: (db, ids) => db.selectFrom('contributions').select(['id', 'content_hash', 'receipt']).where('id', 'in', ids),
};

// Contributions the retention sweep erased keep their id, hash and receipt in a ledger, so a
// device replaying an old id is told it arrived instead of storing it again.
const ERASED: IdLookup<Known & { id: string }> = {
  query: (db, ids) => db.selectFrom('erased_contributions').select(['id', 'content_hash', 'receipt']).where('id', 'in', ids),
};

async function existingOf(kysely: Kysely<Database>, trx: Transaction<Database>, ids: readonly string[], lookup = STORED): Promise<Map<string, Known>> {
  const found = new Map<string, Known>();
  for (const row of await selectByIds(kysely, trx, lookup, ids)) found.set(row.id, row);
  return found;
}

function uniqueIds(items: readonly Prepared[]): string[] {
  return [...new Set(items.map((item) => item.id))];
}

/** The contributions row of a prepared item (also the bench's raw baseline). */
export function contributionRow(item: Prepared, receipt: string, receivedAt: string, seq: number): NewContribution {
  const c = item.contribution;
  return {
    id: c.id,
    engagement: c.engagement,
    phase: c.phase,
    version: c.version ?? null,
    locale: c.locale,
    easy_read: flag(c.route.easyRead),
    read_aloud: flag(c.route.readAloud),
    assisted: flag(c.route.assisted),
    audio: flag(c.route.audio),
    interpreter: c.route.interpreter === undefined ? null : flag(c.route.interpreter),
    channel: c.channel,
    event: c.event ?? null,
    created_at: c.createdAt,
    received_at: receivedAt,
    content_hash: item.hash,
    receipt,
    sealed: flag(item.sealed),
    seq,
  };
}

/** The answers rows of a prepared item stored with the number `seq`. */
export function answerRows(item: Prepared, seq: number): AnswerTable[] {
  return item.contribution.answers.map((answer, position) => ({
    contribution_seq: seq,
    position,
    prompt: answer.prompt,
    ...answerValue(answer),
  }));
}

/** The kind and stored text of an answer (see AnswerTable for the encoding). */
export function answerValue(answer: Answer): Pick<AnswerTable, 'kind' | 'value'> {
  if (answer.text !== undefined) return { kind: 'text', value: answer.text };
  if (answer.choices !== undefined) return { kind: 'choices', value: JSON.stringify(answer.choices) };
  if (answer.scale !== undefined) return { kind: 'scale', value: String(answer.scale) };
  if (answer.vote !== undefined) return { kind: 'vote', value: answer.vote };
  if (answer.audio !== undefined) return { kind: 'audio', value: JSON.stringify(answer.audio) };
  throw new Error('answer has no value');
}

function flag(value: boolean): number {
  return value ? 1 : 0;
}

function toMinute(date: Date): string {
  return new Date(Math.floor(date.getTime() / 60_000) * 60_000).toISOString();
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
