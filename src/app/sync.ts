import { SyncScheduler, drain, httpTransport } from '../sync';
import type { AboutYouSync } from '../sync/about-you';
import { listAboutYou } from '../storage';
import { requestBackgroundSync } from './sw-bridge';

/**
 * The page's one sync scheduler. It drains the outbox when the page starts, when the
 * connection comes back, when the page is shown again and after each submission; the
 * scheduler itself adds timed retries with backoff.
 */

let scheduler: SyncScheduler | undefined;

/** The page's scheduler, made on first use so tests and boot share one instance. */
export function getScheduler(): SyncScheduler {
  if (!scheduler) {
    const transport = httpTransport();
    scheduler = new SyncScheduler({
      drain: () => drain({ transport }),
      isOnline: () => navigator.onLine,
    });
  }
  return scheduler;
}

let aboutYou: Promise<AboutYouSync> | undefined;

/**
 * The page's sender of "about you" records, which go on their own, after a random wait. Few
 * people answer those questions, so the sender is its own chunk, loaded when first needed.
 */
export function getAboutYouSync(): Promise<AboutYouSync> {
  aboutYou ??= import('../sync/about-you').then((module) => new module.AboutYouSync());
  aboutYou.catch(() => (aboutYou = undefined));
  return aboutYou;
}

// Loads the sender only when the device holds records for it.
function wakeAboutYou(): void {
  void listAboutYou()
    .then(async (records) => {
      if (records.length > 0) await (await getAboutYouSync()).wake();
    })
    .catch(() => undefined);
}

/** Starts syncing and wires the browser events that should wake it. Safe to call once at boot. */
export function startSync(): SyncScheduler {
  const sync = getScheduler();
  window.addEventListener('online', () => {
    sync.trigger('online');
    wakeAboutYou();
  });
  wakeAboutYou();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') sync.trigger('visible');
  });
  sync.start();
  return sync;
}

/** Called after a contribution is queued: try now, and let the service worker retry if the page closes. */
export function syncAfterSubmit(): void {
  getScheduler().trigger('submitted');
  requestBackgroundSync().catch(() => undefined);
}
