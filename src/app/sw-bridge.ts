import type { Workbox } from 'workbox-window';
import { SYNC_TAG } from '../shared/api';

/**
 * The one page-side owner of the service worker: registration, the update prompt and
 * Background Sync registration. Nothing else in the page talks to the worker.
 */

let workbox: Workbox | undefined;

/**
 * Registers `/sw.js` and calls `onUpdateReady` when a new version is waiting (never reloads by
 * itself). workbox-window loads as its own chunk after the first render: registering can wait
 * a moment, the first screen should not.
 */
export function registerServiceWorker(onUpdateReady: () => void): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  import('workbox-window')
    .then(({ Workbox }) => {
      workbox = new Workbox('/sw.js', { scope: '/' });
      workbox.addEventListener('waiting', onUpdateReady);
      return workbox.register();
    })
    .catch((error: unknown) => console.warn('Service worker not registered', error));
}

/** Activates the waiting version and reloads once it controls the page. Call only after drafts are saved. */
export async function applyUpdate(): Promise<void> {
  if (!workbox) return;
  workbox.addEventListener('controlling', () => window.location.reload());
  workbox.messageSkipWaiting();
}

/** Asks the browser to wake the worker for a drain when a connection returns, where Background Sync exists. */
export async function requestBackgroundSync(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const registration = (await navigator.serviceWorker.getRegistration()) as
    | (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } })
    | undefined;
  await registration?.sync?.register(SYNC_TAG).catch(() => undefined);
}
