import { MAX_BATCH_ITEMS, SYNC_BATCH_ITEMS, type SyncResponse } from '../shared';
import {
  confirmDelivered,
  countOutbox,
  listQueued,
  markNeedsAttention,
  recordAttempt,
  type OutboxEntry,
} from '../storage';
import { audioIdsOf } from './audio-ids';
import type { AudioUploader } from './audio-upload';
import { takeBatch } from './batch';
import { BatchRefusedError, RetryableError } from './errors';
import { withDrainLock } from './lock';
import { receiptsMatch } from './receipts';
import type { Transport } from './transport';

/** Default request size: 900 KiB of JSON, comfortably under the server's 1 MiB (MAX_SYNC_BODY_BYTES). */
export const DEFAULT_MAX_BATCH_BYTES = 900 * 1024;

/** What one drain did. `error` is set when it stopped before the queue was empty. */
export interface DrainResult {
  /** Entries the server answered for (a receipt or a refusal). */
  sent: number;
  confirmed: number;
  needsAttention: number;
  /** Entries still queued when the drain ended. */
  remaining: number;
  retryAfterMs?: number;
  error?: string;
}

/** What to send through and how big each request may be. `maxItems` (default SYNC_BATCH_ITEMS) is capped at the server's MAX_BATCH_ITEMS. */
export interface DrainOptions {
  transport: Transport;
  maxItems?: number;
  maxBytes?: number;
  signal?: AbortSignal;
  /** Uploads recorded answers ahead of their contributions (default: PUT to API.audio over fetch). */
  audio?: AudioUploader;
}

type Stop = { error: string; retryAfterMs?: number };
type Tally = Pick<DrainResult, 'sent' | 'confirmed' | 'needsAttention'>;

/**
 * Sends queued outbox entries in batches of ≤ maxItems (default SYNC_BATCH_ITEMS, 100) and ≤ maxBytes (default 900 KiB of JSON,
 * under MAX_SYNC_BODY_BYTES), oldest first, until none are left or an error stops it. accepted/duplicate → confirmDelivered;
 * rejected → markNeedsAttention(id, error) (conflict included: it is never silently deleted, never retried automatically);
 * RetryableError → recordAttempt and stop, returning retryAfterMs; BatchRefusedError → send that batch's entries one by one
 * so only the bad ones are parked. Runs under navigator.locks 'heard-drain' when available so a page and the service worker
 * never drain at once (if locks is missing, an in-module queue). Storage failures reject.
 */
export function drain(opts: DrainOptions): Promise<DrainResult> {
  return withDrainLock(() => drainQueue(opts));
}

async function drainQueue(opts: DrainOptions): Promise<DrainResult> {
  const { transport, signal } = opts;
  const maxItems = Math.max(1, Math.min(opts.maxItems ?? SYNC_BATCH_ITEMS, MAX_BATCH_ITEMS));
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BATCH_BYTES;
  // The upload code loads only when an entry has a recording: most drains never need it.
  const audio = () => import('./audio-upload');
  const uploader = async () => opts.audio ?? (await audio()).httpAudioUploader();
  const tally: Tally = { sent: 0, confirmed: 0, needsAttention: 0 };

  async function settle(batch: OutboxEntry[], response: SyncResponse): Promise<void> {
    tally.sent += batch.length;
    const delivered: { id: string; status: 'accepted' | 'duplicate'; receipt?: string }[] = [];
    const refused: { id: string; error: string }[] = [];
    batch.forEach(({ id }, i) => {
      const r = response.receipts[i];
      if (r.status === 'rejected') refused.push({ id, error: r.error ?? 'rejected' });
      else delivered.push(r.receipt === undefined ? { id, status: r.status } : { id, status: r.status, receipt: r.receipt });
    });
    await confirmDelivered(delivered);
    tally.confirmed += delivered.length;
    const deliveredIds = new Set(delivered.map((d) => d.id));
    const withAudio = batch.filter((e) => deliveredIds.has(e.id) && audioIdsOf(e).length > 0);
    if (withAudio.length > 0) await (await audio()).forgetDeliveredAudio(withAudio);
    // A conflict too: the same id with other content needs a person, never a silent delete.
    for (const { id, error } of refused) await markNeedsAttention(id, error);
    tally.needsAttention += refused.length;
  }

  async function fail(entries: OutboxEntry[], error: unknown): Promise<Stop> {
    // Stopped on purpose (page closing): not a failed attempt.
    if (signal?.aborted) return { error: 'aborted' };
    const message = error instanceof Error ? error.message : String(error);
    await recordAttempt(
      entries.map((e) => e.id),
      message,
    );
    const retryAfterMs = error instanceof RetryableError ? error.retryAfterMs : undefined;
    return retryAfterMs === undefined ? { error: message } : { error: message, retryAfterMs };
  }

  async function send(batch: OutboxEntry[]): Promise<SyncResponse> {
    const response = await transport.send(
      batch.map((e) => e.payload),
      signal,
    );
    // Any transport, not just HTTP, must answer every item in order before anything is confirmed.
    if (!receiptsMatch(batch, response.receipts)) throw new RetryableError('The server receipts did not match the answers sent.');
    return response;
  }

  async function park(entry: OutboxEntry, refusal: BatchRefusedError): Promise<void> {
    tally.sent += 1;
    tally.needsAttention += 1;
    await markNeedsAttention(entry.id, refusal.message);
  }

  async function sendOneByOne(batch: OutboxEntry[]): Promise<Stop | undefined> {
    for (const [i, entry] of batch.entries()) {
      if (signal?.aborted) return { error: 'aborted' };
      let response: SyncResponse;
      try {
        response = await send([entry]);
      } catch (error) {
        if (!(error instanceof BatchRefusedError)) return fail(batch.slice(i), error);
        await park(entry, error);
        continue;
      }
      await settle([entry], response);
    }
    return undefined;
  }

  async function sendBatch(taken: OutboxEntry[]): Promise<Stop | undefined> {
    // Recordings go first; an entry whose recording was refused is parked and left out.
    let batch = taken;
    if (taken.some((e) => audioIdsOf(e).length > 0)) {
      try {
        const uploaded = await (await audio()).uploadAudioOf(taken, await uploader(), signal);
        tally.sent += uploaded.parked;
        tally.needsAttention += uploaded.parked;
        batch = uploaded.ready;
      } catch (error) {
        return fail(taken, error);
      }
    }
    if (batch.length === 0) return undefined;
    let response: SyncResponse;
    try {
      response = await send(batch);
    } catch (error) {
      if (!(error instanceof BatchRefusedError)) return fail(batch, error);
      // One bad item can make a whole request unacceptable; find it rather than park its neighbours.
      if (batch.length > 1) return sendOneByOne(batch);
      await park(batch[0], error);
      return undefined;
    }
    await settle(batch, response);
    return undefined;
  }

  let stop: Stop | undefined;
  while (!stop) {
    if (signal?.aborted) {
      stop = { error: 'aborted' };
      break;
    }
    const queued = await listQueued(maxItems);
    if (queued.length === 0) break;
    stop = await sendBatch(takeBatch(queued, maxItems, maxBytes));
  }
  const { waiting } = await countOutbox();
  return { ...tally, remaining: waiting, ...stop };
}
