/** URL paths of the HTTP API. The page, the service worker, the server and the tests all use these. */
export const API = {
  health: '/api/health',
  engagements: '/api/engagements',
  engagement: (slug: string) => `/api/engagements/${encodeURIComponent(slug)}`,
  sync: '/api/sync',
  organiserSession: '/api/organiser/session',
  contributionsCsv: (slug: string) =>
    `/api/organiser/engagements/${encodeURIComponent(slug)}/contributions.csv`,
} as const;

/** Route pattern of one engagement bundle, for routers that take patterns. */
export const ENGAGEMENT_PATTERN = /^\/api\/engagements\/[^/]+$/;

/** Name of the organiser session cookie (the `__Host-` prefix pins it to this origin, path `/`, Secure). */
export const SESSION_COOKIE = '__Host-heard_session';

/** Background Sync tag the page registers and the service worker answers. */
export const SYNC_TAG = 'heard-outbox';
