import { API, ENGAGEMENT_CACHE_NAME, EngagementBundleSchema, PRECACHE_CHECK, check } from '../../shared';
import type { EngagementBundle, PrecacheReport } from '../../shared';
import { cacheEngagement, getCachedEngagement } from '../../storage';

/**
 * Getting a tablet ready for an event, and proving it is: each thing the event needs offline
 * is saved, then read back from where the app will look for it with no signal (IndexedDB,
 * Cache Storage, the service worker's precache). Only that read-back says "ready".
 */

/** Something the event needs that is not on the tablet. */
export type Missing = { kind: 'engagement' | 'key' | 'cache' | 'app' } | { kind: 'file'; file: string };

const CHECK_TIMEOUT_MS = 15_000;

/** Downloads the engagement bundle (every language and easy-read overlay is inside it) and saves both copies. */
export async function saveEngagement(slug: string): Promise<EngagementBundle> {
  const url = API.engagement(slug);
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const result = check(EngagementBundleSchema, await response.clone().json());
  if (!result.ok) throw new Error(`Bad engagement bundle: ${result.error}`);
  await cacheEngagement(result.value, response.headers.get('ETag') ?? undefined);
  if ('caches' in globalThis) await (await caches.open(ENGAGEMENT_CACHE_NAME)).put(url, response);
  return result.value;
}

/**
 * Waits (a while) for the service worker to be installed, which is when it has fetched the
 * app and every language, easy-read and picture file; undefined without one.
 */
export async function waitForServiceWorker(): Promise<ServiceWorker | undefined> {
  if (!('serviceWorker' in navigator)) return undefined;
  const registration = await Promise.race([
    navigator.serviceWorker.ready,
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), CHECK_TIMEOUT_MS)),
  ]);
  return navigator.serviceWorker.controller ?? registration?.active ?? undefined;
}

/** Asks the service worker to read back every file it precached (app, languages, easy read, pictures). */
export async function checkPrecache(): Promise<PrecacheReport | undefined> {
  const worker = await waitForServiceWorker();
  if (!worker) return undefined;
  return new Promise<PrecacheReport | undefined>((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(undefined), CHECK_TIMEOUT_MS);
    channel.port1.onmessage = (event: MessageEvent<PrecacheReport>) => {
      clearTimeout(timer);
      resolve(event.data);
    };
    worker.postMessage({ type: PRECACHE_CHECK }, [channel.port2]);
  });
}

/** Reads back everything the event needs; an empty list means ready to work offline. */
export async function findMissing(slug: string): Promise<Missing[]> {
  const missing: Missing[] = [];
  const saved = await getCachedEngagement(slug).catch(() => undefined);
  if (!saved) missing.push({ kind: 'engagement' });
  else if (!saved.bundle.publicKey) missing.push({ kind: 'key' });
  const cached = 'caches' in globalThis ? await caches.match(API.engagement(slug)).catch(() => undefined) : undefined;
  if (!cached) missing.push({ kind: 'cache' });
  const precache = await checkPrecache();
  if (!precache) missing.push({ kind: 'app' });
  else for (const file of precache.missing) missing.push({ kind: 'file', file });
  return missing;
}
