/// <reference lib="webworker" />
// The service worker entry only wires events; what each does lives beside it.
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { clientsClaim } from 'workbox-core';
import type { PrecacheEntry } from 'workbox-precaching';
import { registerAppShellRoute, registerEngagementRoutes } from './routes';
import { registerBackgroundSync } from './background-sync';
import { registerReadinessCheck } from './readiness';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

// Read once: the build injects the list here, and the readiness check reads the same list back.
const manifest = self.__WB_MANIFEST;
precacheAndRoute(manifest);
cleanupOutdatedCaches();
registerAppShellRoute();
registerEngagementRoutes();
registerBackgroundSync(self);
registerReadinessCheck(self, manifest);

// A new version waits until the page says the person is ready (see src/app/sw-bridge.ts),
// so an update never reloads over a half-written answer. The very first install has no
// page to disturb, so it takes control at once and the first visit already works offline.
self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
clientsClaim();
