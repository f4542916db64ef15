/** Name of the Web Lock that one page or the service worker holds while draining. */
export const DRAIN_LOCK = 'heard-drain';

// Where Web Locks are missing, drains in this context at least queue behind each other.
let tail: Promise<unknown> = Promise.resolve();

/**
 * Runs `fn` while holding the drain lock, so a page and the service worker never send the
 * same entries at once. A second caller waits its turn rather than being turned away, and
 * then finds only what is still queued.
 */
export async function withDrainLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (locks) return await locks.request(DRAIN_LOCK, () => fn());
  const run = tail.then(fn);
  tail = run.catch(() => undefined);
  return run;
}
