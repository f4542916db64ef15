import { check } from '../shared/validate';
import { ABOUT_YOU_PATH, AboutYouResponseSchema } from '../shared/about-you';
import { deferAboutYou, deleteAboutYou, listAboutYou, queueAboutYou, type AboutYouRecord } from '../storage';
import type { AboutYouAnswers } from '../shared/about-you';
import { backoffDelay } from './backoff';

/**
 * Sends "about you" records on their own: never in a contribution's request, and only after
 * a fresh random wait each time, so the server cannot tell from timing whose answers they
 * sit beside. Failed sends are retried with backoff, like the outbox; the record's own
 * random id makes a resend harmless.
 */

/** Shortest random wait before a record is sent, in ms. */
export const MIN_DELAY_MS = 20_000;
/** Longest random wait before a record is sent, in ms. */
export const MAX_DELAY_MS = 240_000;
/** Most records in one request (the server takes 100). */
const MAX_PER_REQUEST = 100;

/** A random wait in [MIN_DELAY_MS, MAX_DELAY_MS). */
export function randomDelay(random: () => number = Math.random): number {
  return MIN_DELAY_MS + Math.floor(random() * (MAX_DELAY_MS - MIN_DELAY_MS));
}

/** How the sender is wired; all injectable for tests. */
export interface AboutYouSyncOptions {
  fetch?: typeof fetch;
  baseUrl?: string;
  now?: () => number;
  random?: () => number;
  isOnline?: () => boolean;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** What one send did. */
export interface AboutYouSendResult {
  sent: number;
  failed: number;
}

/**
 * Sends every record that is due, in requests of at most 100. Answered records (accepted,
 * duplicate or refused as invalid, which no resend would change) are removed; on any failure
 * the records stay and wait a backoff plus a fresh random delay.
 */
export async function sendDueAboutYou(opts: AboutYouSyncOptions = {}): Promise<AboutYouSendResult> {
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  const due = (await listAboutYou()).filter((record) => record.notBefore <= now());
  let sent = 0;
  let failed = 0;
  for (let start = 0; start < due.length; start += MAX_PER_REQUEST) {
    const batch = due.slice(start, start + MAX_PER_REQUEST);
    const answered = await post(batch, opts);
    if (answered) {
      await deleteAboutYou(answered);
      sent += answered.length;
    } else {
      await deferAboutYou(
        batch.map((r) => r.id),
        (attempts) => now() + backoffDelay(attempts, { random }) + randomDelay(random),
      );
      failed += batch.length;
    }
  }
  return { sent, failed };
}

// The ids the server answered for, or null when the request failed and must be retried.
async function post(batch: AboutYouRecord[], opts: AboutYouSyncOptions): Promise<string[] | null> {
  const doFetch = opts.fetch ?? globalThis.fetch;
  const items = batch.map(({ id, engagement, answers }) => ({ id, engagement, answers }));
  try {
    const response = await doFetch(`${opts.baseUrl ?? ''}${ABOUT_YOU_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ items }),
      credentials: 'omit',
      cache: 'no-store',
    });
    if (!response.ok) return null;
    const checked = check(AboutYouResponseSchema, await response.json());
    if (!checked.ok) return null;
    const ids = new Set(batch.map((r) => r.id));
    return checked.value.receipts.flatMap((r) => (r.id && ids.has(r.id) ? [r.id] : []));
  } catch {
    return null;
  }
}

/**
 * Decides when to send: one timer, set for the earliest record's time but never sooner than a
 * fresh random delay after whatever woke it (start, coming online, a new record), so coming
 * back online does not send it alongside the outbox.
 */
export class AboutYouSync {
  private timer: unknown;
  private hasTimer = false;
  private running = false;
  private readonly opts: Required<Pick<AboutYouSyncOptions, 'now' | 'random' | 'isOnline' | 'setTimer' | 'clearTimer'>> & AboutYouSyncOptions;

  constructor(opts: AboutYouSyncOptions = {}) {
    this.opts = {
      ...opts,
      now: opts.now ?? Date.now,
      random: opts.random ?? Math.random,
      isOnline: opts.isOnline ?? (() => (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine !== false),
      setTimer: opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms)),
      clearTimer: opts.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)),
    };
  }

  /** Queues a new record (with its own random id) and plans its sending. */
  async queue(engagement: string, answers: AboutYouAnswers): Promise<void> {
    await queueAboutYou({ id: crypto.randomUUID(), engagement, answers }, this.opts.now() + randomDelay(this.opts.random));
    await this.wake();
  }

  /** Plans the next send if none is planned. Never rejects. */
  async wake(): Promise<void> {
    if (this.hasTimer || this.running) return;
    let records: AboutYouRecord[];
    try {
      records = await listAboutYou();
    } catch {
      return;
    }
    if (records.length === 0 || this.hasTimer) return;
    const earliest = Math.min(...records.map((r) => r.notBefore));
    const at = Math.max(earliest, this.opts.now() + randomDelay(this.opts.random));
    this.hasTimer = true;
    this.timer = this.opts.setTimer(() => void this.run(), at - this.opts.now());
  }

  /** Drops the planned send (tests, page unload). */
  stop(): void {
    if (this.hasTimer) this.opts.clearTimer(this.timer);
    this.hasTimer = false;
  }

  private async run(): Promise<void> {
    this.hasTimer = false;
    // Offline, the `online` event wakes it again (with a fresh delay).
    if (!this.opts.isOnline()) return;
    this.running = true;
    try {
      await sendDueAboutYou(this.opts);
    } catch {
      // Storage trouble: the records are still there; the next wake tries again.
    } finally {
      this.running = false;
    }
    await this.wake();
  }
}
