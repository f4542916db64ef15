/// <reference lib="webworker" />
import { cacheNames } from 'workbox-core';
import { getCacheKeyForURL, type PrecacheEntry } from 'workbox-precaching';
import { PRECACHE_CHECK, type PrecacheReport } from '../src/shared/api';

/**
 * Answers a page that asks whether everything the app needs offline (the shell, every
 * language's strings, easy read, fonts, pictures) is really in Cache Storage, by reading
 * each precached file back rather than trusting that installation went well.
 */
export function registerReadinessCheck(scope: ServiceWorkerGlobalScope, manifest: Array<PrecacheEntry | string>): void {
  scope.addEventListener('message', (event) => {
    if ((event.data as { type?: unknown } | null)?.type !== PRECACHE_CHECK) return;
    const port = event.ports[0];
    if (!port) return;
    event.waitUntil(
      readBack(manifest).then(
        (report) => port.postMessage(report),
        () => port.postMessage({ total: manifest.length, missing: ['*'] } satisfies PrecacheReport),
      ),
    );
  });
}

async function readBack(manifest: Array<PrecacheEntry | string>): Promise<PrecacheReport> {
  const cache = await caches.open(cacheNames.precache);
  const missing: string[] = [];
  for (const entry of manifest) {
    const url = typeof entry === 'string' ? entry : entry.url;
    const key = getCacheKeyForURL(url) ?? url;
    if (!(await cache.match(key))) missing.push(url);
  }
  return { total: manifest.length, missing };
}
