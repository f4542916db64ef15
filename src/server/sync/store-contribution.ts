import type { Kysely, Transaction } from 'kysely';
import type { AnswerTable, Database, NewContribution } from '../db/schema';
import type { Answer } from '../../shared/contribution';
import type { Prepared } from './prepare';
import { newReceipt } from './receipt';

/** What storing one prepared contribution came to. */
export type StoreResult =
  | { status: 'accepted' | 'duplicate'; receipt: string }
  | { status: 'rejected'; error: 'conflict' };

/** Test seam: called before each item of a batch is written, so a test can fail or stall a batch midway. */
export interface StoreFaults {
  beforeStore?(position: number): void | Promise<void>;
}

/**
 * Stores a batch in one transaction, so a crash or error midway leaves nothing of it behind
 * and the device's retry stores every item exactly once. Each id is inserted with
 * ON CONFLICT DO NOTHING and read back: a second sender racing with the same ids waits on
 * the first one's rows and then finds them, instead of storing them twice. Results come back
 * in the order of `items`.
 */
export async function storeBatch(
  kysely: Kysely<Database>,
  items: readonly Prepared[],
  faults: StoreFaults = {},
  now: Date = new Date(),
): Promise<StoreResult[]> {
  if (items.length === 0) return [];
  const receivedAt = toMinute(now);
  // Writing in id order means two overlapping batches take row locks in the same order, which
  // keeps PostgreSQL from deadlocking them against each other.
  const order = items.map((_, i) => i).sort((a, b) => compare(items[a].id, items[b].id));
  return kysely.transaction().execute(async (trx) => {
    const results: StoreResult[] = new Array<StoreResult>(items.length);
    for (const [position, index] of order.entries()) {
      await faults.beforeStore?.(position);
      results[index] = await storeOne(trx, items[index], receivedAt);
    }
    return results;
  });
}

async function storeOne(trx: Transaction<Database>, item: Prepared, receivedAt: string): Promise<StoreResult> {
  // A receipt clash is one in a trillion, but if it happens the insert is skipped like a
  // duplicate would be; no row under this id tells the two apart, and we draw again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const receipt = newReceipt();
    const inserted = await trx
      .insertInto('contributions')
      .values(contributionRow(item, receipt, receivedAt))
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
      await trx.insertInto('answers').values(answerRows(item)).execute();
      return { status: 'accepted', receipt };
    }
    const existing = await trx
      .selectFrom('contributions')
      .select(['content_hash', 'receipt'])
      .where('id', '=', item.id)
      .executeTakeFirst();
    if (existing) {
      return existing.content_hash === item.hash
        ? { status: 'duplicate', receipt: existing.receipt }
        : { status: 'rejected', error: 'conflict' };
    }
  }
  throw new Error('could not draw an unused receipt');
}

function contributionRow(item: Prepared, receipt: string, receivedAt: string): NewContribution {
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
  };
}

function answerRows(item: Prepared): AnswerTable[] {
  return item.contribution.answers.map((answer, position) => ({
    contribution_id: item.id,
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
