/// <reference lib="webworker" />
import { SYNC_TAG } from '../src/shared/api';
import { drain, httpTransport } from '../src/sync';

/** The Background Sync event, which TypeScript's webworker library does not describe yet. */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
  readonly lastChance: boolean;
}

/**
 * Where the browser has Background Sync, it wakes the worker when a connection returns,
 * even with the tab closed, and the worker runs the same drain as the page. Throwing makes
 * the browser retry later with its own backoff.
 */
export function registerBackgroundSync(scope: ServiceWorkerGlobalScope): void {
  scope.addEventListener('sync', (event) => {
    const sync = event as SyncEvent;
    if (sync.tag !== SYNC_TAG) return;
    sync.waitUntil(
      drain({ transport: httpTransport() }).then((result) => {
        if (result.remaining > 0 && result.error) throw new Error(result.error);
      }),
    );
  });
}
