import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SyncScheduler, type DrainResult } from '../../src/sync';

const OK: DrainResult = { sent: 2, confirmed: 2, needsAttention: 0, remaining: 0 };
const FAILED: DrainResult = { sent: 0, confirmed: 0, needsAttention: 0, remaining: 2, error: 'No connection to the server.' };

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-03-01T20:00:00.000Z'));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('SyncScheduler', () => {
  it('drains on start and records the success', async () => {
    const drain = vi.fn(async () => OK);
    const scheduler = new SyncScheduler({ drain });

    scheduler.start();
    expect(scheduler.state.running).toBe(true);
    await vi.advanceTimersByTimeAsync(0);

    expect(drain).toHaveBeenCalledTimes(1);
    expect(scheduler.state).toEqual({ running: false, lastResult: OK, lastSyncAt: '2025-03-01T20:00:00.000Z', failures: 0 });
  });

  it('backs off after failures, growing with each, and resets on success', async () => {
    const results = [FAILED, FAILED, OK];
    const drain = vi.fn(async () => results.shift()!);
    const backoff = vi.fn((attempt: number) => 1000 * 2 ** attempt);
    const scheduler = new SyncScheduler({ drain, backoff });

    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(scheduler.state).toMatchObject({ failures: 1, nextAttemptAt: '2025-03-01T20:00:01.000Z' });
    expect(backoff).toHaveBeenLastCalledWith(0);

    await vi.advanceTimersByTimeAsync(999);
    expect(drain).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(drain).toHaveBeenCalledTimes(2);
    expect(scheduler.state.failures).toBe(2);
    expect(backoff).toHaveBeenLastCalledWith(1);

    await vi.advanceTimersByTimeAsync(2000);
    expect(drain).toHaveBeenCalledTimes(3);
    expect(scheduler.state.failures).toBe(0);
    expect(scheduler.state.nextAttemptAt).toBeUndefined();

    await vi.advanceTimersByTimeAsync(10 * 60 * 1000);
    expect(drain).toHaveBeenCalledTimes(3);
  });

  it('waits as long as the server asked, skipping automatic triggers meanwhile', async () => {
    const drain = vi.fn(async (): Promise<DrainResult> => ({ ...FAILED, retryAfterMs: 60_000 }));
    const scheduler = new SyncScheduler({ drain, backoff: () => 1000 });

    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(scheduler.state.nextAttemptAt).toBe('2025-03-01T20:01:00.000Z');

    await vi.advanceTimersByTimeAsync(30_000);
    expect(await scheduler.trigger('online')).toBeUndefined();
    expect(drain).toHaveBeenCalledTimes(1);

    await vi.advanceTimersByTimeAsync(30_000);
    expect(drain).toHaveBeenCalledTimes(2);
  });

  it('lets a person send now even inside a wait or offline', async () => {
    let online = false;
    const drain = vi.fn(async () => OK);
    const scheduler = new SyncScheduler({ drain, isOnline: () => online });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(drain).not.toHaveBeenCalled();

    expect(await scheduler.trigger('visible')).toBeUndefined();
    expect(await scheduler.trigger('manual')).toEqual(OK);
    online = true;
    expect(await scheduler.trigger('online')).toEqual(OK);
    expect(drain).toHaveBeenCalledTimes(2);
  });

  it('folds triggers during a drain into one follow-up run', async () => {
    const gates = [deferred<DrainResult>(), deferred<DrainResult>()];
    const drain = vi.fn(() => gates[drain.mock.calls.length - 1]!.promise);
    const scheduler = new SyncScheduler({ drain });

    scheduler.start();
    const a = scheduler.trigger('submitted');
    const b = scheduler.trigger('online');
    const c = scheduler.trigger('visible');
    expect(drain).toHaveBeenCalledTimes(1);
    expect(b).toBe(a);
    expect(c).toBe(a);

    gates[0]!.resolve(OK);
    await vi.advanceTimersByTimeAsync(0);
    expect(drain).toHaveBeenCalledTimes(2);
    gates[1]!.resolve({ ...OK, sent: 1 });

    await expect(a).resolves.toEqual({ ...OK, sent: 1 });
    expect(drain).toHaveBeenCalledTimes(2);
  });

  it('stop() cancels the retry timer and ignores later triggers', async () => {
    const drain = vi.fn(async () => FAILED);
    const setTimer = vi.fn((fn: () => void, ms: number) => setTimeout(fn, ms));
    const clearTimer = vi.fn((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
    const scheduler = new SyncScheduler({ drain, backoff: () => 5000, setTimer, clearTimer });

    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(setTimer).toHaveBeenCalledWith(expect.any(Function), 5000);

    scheduler.stop();
    expect(clearTimer).toHaveBeenCalledWith(setTimer.mock.results[0]!.value);
    expect(scheduler.state.nextAttemptAt).toBeUndefined();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await scheduler.trigger('online')).toBeUndefined();
    expect(drain).toHaveBeenCalledTimes(1);
  });

  it('counts a drain that throws as a failure and never rejects', async () => {
    const drain = vi.fn(async (): Promise<DrainResult> => {
      throw new Error('This device is out of storage space');
    });
    const scheduler = new SyncScheduler({ drain, backoff: () => 1000 });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);

    expect(scheduler.state.failures).toBe(1);
    expect(scheduler.state.lastResult?.error).toMatch(/out of storage/);
    expect(scheduler.state.nextAttemptAt).toBeDefined();
    scheduler.stop();
  });

  it('tells subscribers about every change until they unsubscribe', async () => {
    const scheduler = new SyncScheduler({ drain: async () => OK });
    const seen: boolean[] = [];
    const unsubscribe = scheduler.subscribe(() => seen.push(scheduler.state.running));

    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    unsubscribe();
    await scheduler.trigger('manual');

    expect(seen).toEqual([true, false]);
  });
});
