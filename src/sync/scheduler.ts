import { backoffDelay } from './backoff';
import type { DrainResult } from './drain';

/** Why a drain was asked for. */
export type TriggerReason = 'start' | 'online' | 'visible' | 'timer' | 'manual' | 'submitted';

/** What the UI shows about syncing. A new object on every change. */
export interface SyncState {
  running: boolean;
  lastResult?: DrainResult;
  /** When a drain last finished without an error. */
  lastSyncAt?: string;
  /** When the next timed retry will run, if one is set. */
  nextAttemptAt?: string;
  /** Drains in a row that ended in an error; drives the backoff. */
  failures: number;
}

/** How the scheduler is wired; timers and the online check are injectable for tests and the service worker. */
export interface SyncSchedulerOptions {
  drain: () => Promise<DrainResult>;
  backoff?: typeof backoffDelay;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  isOnline?: () => boolean;
}

/**
 * Decides WHEN to drain. No DOM: the page wires window 'online'/'visibilitychange' to trigger(); the service worker calls drain
 * directly. Runs drain on start(), on trigger(reason), and on a timer after failures with backoffDelay (respecting
 * retryAfterMs); coalesces triggers while a drain runs (one follow-up run at most); exposes state for the UI.
 * trigger() never rejects, so event handlers may call it without catching.
 */
export class SyncScheduler {
  private readonly opts: Required<Omit<SyncSchedulerOptions, 'drain'>> & Pick<SyncSchedulerOptions, 'drain'>;
  private readonly listeners = new Set<() => void>();
  private current: SyncState = { running: false, failures: 0 };
  private active = false;
  private timer: unknown;
  private hasTimer = false;
  private inFlight?: Promise<DrainResult | undefined>;
  private followUp?: Promise<DrainResult | undefined>;
  private followUpReason?: TriggerReason;
  /** The server asked (Retry-After) not to be called before this time. */
  private notBefore = 0;

  constructor(opts: SyncSchedulerOptions) {
    this.opts = {
      drain: opts.drain,
      backoff: opts.backoff ?? backoffDelay,
      setTimer: opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms)),
      clearTimer: opts.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)),
      isOnline: opts.isOnline ?? (() => (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine !== false),
    };
  }

  /** The current state, for the UI. */
  get state(): Readonly<SyncState> {
    return this.current;
  }

  /** Starts scheduling and drains once now. */
  start(): void {
    if (this.active) return;
    this.active = true;
    void this.trigger('start');
  }

  /** Stops scheduling: cancels the retry timer; a drain already running finishes but nothing follows it. */
  stop(): void {
    this.active = false;
    this.cancelTimer();
    this.update({ nextAttemptAt: undefined });
  }

  /**
   * Asks for a drain now. While one runs, later triggers fold into a single follow-up run.
   * Skipped (resolves undefined) when stopped, offline, or inside a server-asked wait; a
   * 'manual' trigger, a person pressing "send now", goes ahead regardless.
   */
  trigger(reason: TriggerReason): Promise<DrainResult | undefined> {
    if (!this.active) return Promise.resolve(undefined);
    if (this.inFlight) {
      if (!this.followUp || reason === 'manual') this.followUpReason = reason;
      this.followUp ??= this.inFlight.then(() => {
        const next = this.followUpReason ?? reason;
        this.followUp = undefined;
        this.followUpReason = undefined;
        return this.trigger(next);
      });
      return this.followUp;
    }
    if (reason !== 'manual' && (!this.opts.isOnline() || Date.now() < this.notBefore)) return Promise.resolve(undefined);
    const run = this.run().finally(() => {
      this.inFlight = undefined;
    });
    this.inFlight = run;
    return run;
  }

  /** Calls `listener` after every state change; returns an unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async run(): Promise<DrainResult> {
    this.cancelTimer();
    this.update({ running: true, nextAttemptAt: undefined });
    let result: DrainResult;
    try {
      result = await this.opts.drain();
    } catch (error) {
      // Storage failed under the drain; report it like any failed drain and back off.
      const message = error instanceof Error ? error.message : String(error);
      result = { sent: 0, confirmed: 0, needsAttention: 0, remaining: this.current.lastResult?.remaining ?? 0, error: message };
    }
    if (result.error === undefined) {
      this.notBefore = 0;
      this.update({ running: false, lastResult: result, lastSyncAt: new Date().toISOString(), failures: 0 });
    } else {
      const failures = this.current.failures + 1;
      this.update({ running: false, lastResult: result, failures });
      this.scheduleRetry(failures, result.retryAfterMs);
    }
    return result;
  }

  private scheduleRetry(failures: number, retryAfterMs: number | undefined): void {
    if (!this.active) return;
    const wait = retryAfterMs ?? 0;
    const delay = Math.max(this.opts.backoff(failures - 1), wait);
    this.notBefore = Date.now() + wait;
    this.timer = this.opts.setTimer(() => {
      this.hasTimer = false;
      void this.trigger('timer');
    }, delay);
    this.hasTimer = true;
    this.update({ nextAttemptAt: new Date(Date.now() + delay).toISOString() });
  }

  private cancelTimer(): void {
    if (!this.hasTimer) return;
    this.opts.clearTimer(this.timer);
    this.hasTimer = false;
  }

  private update(change: Partial<SyncState>): void {
    const next: SyncState = { ...this.current, ...change };
    // Keep optional fields absent rather than present-but-undefined.
    if (next.nextAttemptAt === undefined) delete next.nextAttemptAt;
    this.current = next;
    for (const listener of [...this.listeners]) listener();
  }
}
