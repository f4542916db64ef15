import type { Vote, WireContribution } from '../shared';
import { getDb, write } from './db';
import { DECK_KEY, freshDeckRecord, type DeckRecord } from './deck-secret';
import { newEntry, type SubmitSource } from './outbox';
import { notifyOutboxChange } from './notify';

/**
 * The check-and-challenge deck on this device: the secret its vote ids are made from (see
 * src/shared/deck-vote-id.ts) and the votes cast under it, so a person who comes back to a
 * statement sees what they said. One record in `meta` (deck-secret.ts), so renewing the
 * secret when the tablet is passed on forgets the last person's votes in the same write. Each
 * vote is also an outbox entry of its own; this record only says what was chosen, never more.
 */

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

/** The device's deck secret, made (32 random bytes) the first time it is asked for. */
export async function getDeckSecret(): Promise<Uint8Array> {
  return write(['meta'], async (tx) => {
    const store = tx.objectStore('meta');
    const found = (await store.get(DECK_KEY)) as DeckRecord | undefined;
    if (found) return found.secret;
    const record = freshDeckRecord();
    await store.put(record, DECK_KEY);
    return record.secret;
  });
}

/** A vote cast on this device: what was chosen, and whether it may still change (never sent yet). */
export interface DeckVote {
  vote: Vote;
  sent: boolean;
}

/** Whether the entry with this id has gone, or may have gone, to the server. */
function wasSent(inOutbox: { attempts: number; state: string } | undefined, inLedger: unknown): boolean {
  // Not in the outbox any more (confirmed, or cleared) counts as sent too: a new entry with the id would conflict.
  return inLedger !== undefined || !inOutbox || inOutbox.attempts > 0 || inOutbox.state !== 'queued';
}

/** The votes cast under the current secret for these ids; ids never voted on are left out. */
export async function getDeckVotes(ids: string[]): Promise<Record<string, DeckVote>> {
  const db = await getDb();
  const tx = db.transaction(['meta', 'outbox', 'ledger']);
  const record = (await tx.objectStore('meta').get(DECK_KEY)) as DeckRecord | undefined;
  const found: Record<string, DeckVote> = {};
  for (const id of ids) {
    const vote = record?.votes[id];
    if (!vote) continue;
    const [entry, confirmed] = await Promise.all([tx.objectStore('outbox').get(id), tx.objectStore('ledger').get(id)]);
    found[id] = { vote, sent: wasSent(entry, confirmed) };
  }
  return found;
}

/**
 * What became of a vote: `queued` (first vote), `replaced` (the queued, never-sent entry now
 * holds the new vote), `unchanged` (the same vote again), or `kept` (the earlier vote was
 * already sent, so it stands; `vote` says what it was).
 */
export type DeckVoteOutcome = { outcome: 'queued' | 'replaced' | 'unchanged'; vote: Vote } | { outcome: 'kept'; vote: Vote | undefined };

/**
 * Queues one vote as its own outbox entry, in one transaction with the record of it. `payload`
 * carries the vote's id (made under `secret`), sealed or not. An entry with the same id that
 * has never been tried is replaced; one already tried, refused or confirmed is kept, because
 * the server may hold it and the same id with other content would be a conflict. Callers hold
 * the sync drain lock, so no drain is sending the old entry meanwhile. Throws when the secret
 * was renewed since the id was made (the tablet was passed on in another tab).
 */
export async function queueDeckVote(payload: WireContribution, vote: Vote, secret: Uint8Array, from: SubmitSource): Promise<DeckVoteOutcome> {
  const result = await write(
    ['meta', 'outbox', 'ledger'],
    async (tx): Promise<DeckVoteOutcome> => {
      const meta = tx.objectStore('meta');
      const outbox = tx.objectStore('outbox');
      const record = (await meta.get(DECK_KEY)) as DeckRecord | undefined;
      if (!record || !sameBytes(record.secret, secret)) throw new Error('The deck was renewed for the next person');
      const [existing, confirmed] = await Promise.all([outbox.get(payload.id), tx.objectStore('ledger').get(payload.id)]);
      const earlier = record.votes[payload.id];
      const known = earlier !== undefined || existing !== undefined || confirmed !== undefined;
      if (known && wasSent(existing, confirmed)) return { outcome: 'kept', vote: earlier };
      if (existing && earlier === vote) return { outcome: 'unchanged', vote };
      await outbox.put(newEntry(payload, from));
      await meta.put({ ...record, votes: { ...record.votes, [payload.id]: vote } }, DECK_KEY);
      return { outcome: existing ? 'replaced' : 'queued', vote };
    },
    'strict',
  );
  if (result.outcome === 'queued' || result.outcome === 'replaced') notifyOutboxChange();
  return result;
}
