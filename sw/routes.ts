import { NavigationRoute, registerRoute } from 'workbox-routing';
import { createHandlerBoundToURL } from 'workbox-precaching';
import { StaleWhileRevalidate } from 'workbox-strategies';
import { API, ENGAGEMENT_CACHE_NAME, ENGAGEMENT_PATTERN } from '../src/shared/api';

/** Cache holding engagement bundles and the engagement list for offline use. */
export const ENGAGEMENT_CACHE = ENGAGEMENT_CACHE_NAME;

/** Every in-app navigation gets the precached shell, so deep links open offline too. */
export function registerAppShellRoute(): void {
  registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }));
}

/**
 * Engagement bundles: answer from the cache at once and refresh it in the background.
 * The server sends an ETag with `no-cache`, so the refresh is a cheap conditional request.
 */
export function registerEngagementRoutes(): void {
  const strategy = new StaleWhileRevalidate({ cacheName: ENGAGEMENT_CACHE });
  registerRoute(
    ({ url, request }) =>
      request.method === 'GET' &&
      url.origin === self.location.origin &&
      (url.pathname === API.engagements || ENGAGEMENT_PATTERN.test(url.pathname)),
    strategy,
  );
}
