import { isSealed, type WireContribution } from '../shared';
import { getDb, write } from './db';
import { draftKey } from './drafts';
import { notifyOutboxChange } from './notify';

/** `queued` waits to be sent; `needs-attention` was refused and waits for a person. */
export type OutboxState = 'queued' | 'needs-attention';

/** A submitted contribution that has not yet been confirmed by the server. */
export interface OutboxEntry {
  /** The contribution's own UUID, so a resend is recognised by the server. */
  id: string;
  engagement: string;
  phase?: string;
  event?: string;
  payload: WireContribution;
  state: OutboxState;
  attempts: number;
  lastError?: string;
  queuedAt: string;
  lastAttemptAt?: string;
  /** UTF-8 length of the payload's JSON, so sync can fill requests without re-encoding. */
  bytes: number;
  /** Ids of recorded answers to upload before the payload (a sealed payload hides them). */
  audio?: string[];
}

const encoder = new TextEncoder();

let lastQueuedMs = 0;

/**
 * Now, but always later than the last entry queued here, so entries submitted within one
 * millisecond still leave in the order they were made rather than by random id.
 */
function nextQueuedAt(): string {
  lastQueuedMs = Math.max(Date.now(), lastQueuedMs + 1);
  return new Date(lastQueuedMs).toISOString();
}

function stateRange(state: OutboxState): IDBKeyRange {
  // [state] sorts before every [state, time] and [state, []] after every string time.
  return IDBKeyRange.bound([state], [state, []]);
}

/** Where a submission came from: its draft, and on a shared tablet the event (a sealed payload hides it). */
export interface SubmitSource {
  engagement: string;
  phase: string;
  event?: string;
  /** Ids of the recordings the answers refer to. */
  audio?: string[];
}

/** A fresh queued entry for `payload`, as every submission makes it (deck votes too, see deck.ts). */
export function newEntry(payload: WireContribution, from?: SubmitSource): OutboxEntry {
  const entry: OutboxEntry = {
    id: payload.id,
    engagement: payload.engagement,
    payload,
    state: 'queued',
    attempts: 0,
    queuedAt: nextQueuedAt(),
    bytes: encoder.encode(JSON.stringify(payload)).length,
  };
  // A sealed payload hides its phase and event; the draft it came from still names the phase.
  const phase = isSealed(payload) ? from?.phase : payload.phase;
  if (phase !== undefined) entry.phase = phase;
  const event = isSealed(payload) ? from?.event : payload.event;
  if (event !== undefined) entry.event = event;
  if (from?.audio && from.audio.length > 0) entry.audio = from.audio;
  return entry;
}

/**
 * Atomically (ONE IndexedDB transaction over outbox+drafts) adds the outbox entry and deletes the draft it came from,
 * so a tab killed mid-save leaves either the draft or the entry, never neither and never both.
 * Submitting the same id twice (a double tap) keeps the first entry and returns it.
 */
export async function submitContribution(
  payload: WireContribution,
  from?: SubmitSource,
): Promise<OutboxEntry> {
  const entry = newEntry(payload, from);
  const stored = await write(
    ['outbox', 'drafts'],
    async (tx) => {
      const outbox = tx.objectStore('outbox');
      const existing = await outbox.get(entry.id);
      if (!existing) await outbox.add(entry);
      if (from) await tx.objectStore('drafts').delete(draftKey(from.engagement, from.phase));
      return existing ?? entry;
    },
    'strict',
  );
  notifyOutboxChange();
  return stored;
}

/** Entries waiting to be sent, oldest first. */
export async function listQueued(limit?: number): Promise<OutboxEntry[]> {
  const db = await getDb();
  return db.getAllFromIndex('outbox', 'by-state-queuedAt', stateRange('queued'), limit);
}

/** Entries the server refused, oldest first, for a person to look at. */
export async function listNeedsAttention(): Promise<OutboxEntry[]> {
  const db = await getDb();
  return db.getAllFromIndex('outbox', 'by-state-queuedAt', stateRange('needs-attention'));
}

/** How many entries wait to be sent and how many need a person. */
export async function countOutbox(): Promise<{ waiting: number; needsAttention: number }> {
  const db = await getDb();
  const index = db.transaction('outbox').store.index('by-state-queuedAt');
  const [waiting, needsAttention] = await Promise.all([
    index.count(stateRange('queued')),
    index.count(stateRange('needs-attention')),
  ]);
  return { waiting, needsAttention };
}

/** Updates entries that still exist; ids already confirmed elsewhere are skipped. */
async function update(ids: string[], change: (entry: OutboxEntry) => OutboxEntry): Promise<void> {
  if (ids.length === 0) return;
  await write(['outbox'], async (tx) => {
    const store = tx.objectStore('outbox');
    for (const id of ids) {
      const entry = await store.get(id);
      if (entry) await store.put(change(entry));
    }
  });
  notifyOutboxChange();
}

/** Counts one more send attempt (attempts++, lastAttemptAt, and lastError when given). */
export function recordAttempt(ids: string[], error?: string): Promise<void> {
  const at = new Date().toISOString();
  return update(ids, (entry) => ({
    ...entry,
    attempts: entry.attempts + 1,
    lastAttemptAt: at,
    ...(error === undefined ? {} : { lastError: error }),
  }));
}

/** Parks an entry the server refused: it is kept, never retried on its own, and shown to a person. */
export function markNeedsAttention(id: string, error: string): Promise<void> {
  const at = new Date().toISOString();
  return update([id], (entry) => ({
    ...entry,
    state: 'needs-attention',
    attempts: entry.attempts + 1,
    lastAttemptAt: at,
    lastError: error,
  }));
}

/** A person asked to try again: back to 'queued' with attempts reset, keeping its place in the queue. */
export function retryEntry(id: string): Promise<void> {
  return update([id], ({ lastError: _dropped, ...entry }) => ({ ...entry, state: 'queued', attempts: 0 }));
}
