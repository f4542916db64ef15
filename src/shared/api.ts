/** URL paths of the HTTP API. The page, the service worker, the server and the tests all use these. */
export const API = {
  health: '/api/health',
  engagements: '/api/engagements',
  engagement: (slug: string) => `/api/engagements/${encodeURIComponent(slug)}`,
  sync: '/api/sync',
  organiserSession: '/api/organiser/session',
  /** `PUT` a recorded answer's bytes (idempotent by id); the contribution refers to it by id. */
  audio: (id: string) => `/api/audio/${encodeURIComponent(id)}`,
  /** An organiser plays a recorded answer (behind the organiser session). */
  organiserAudio: (id: string) => `/api/organiser/audio/${encodeURIComponent(id)}`,
  contributionsCsv: (slug: string) =>
    `/api/organiser/engagements/${encodeURIComponent(slug)}/contributions.csv`,
  /** GET → `{ slug, deleteAfter }`; PUT `{ deleteAfter: "YYYY-MM-DD" }` sets when contributions are erased (owners). */
  retention: (slug: string) => `/api/organiser/engagements/${encodeURIComponent(slug)}/retention`,
} as const;

/** Route pattern of one engagement bundle, for routers that take patterns. */
export const ENGAGEMENT_PATTERN = /^\/api\/engagements\/[^/]+$/;

/** Name of the organiser session cookie (the `__Host-` prefix pins it to this origin, path `/`, Secure). */
export const SESSION_COOKIE = '__Host-heard_session';

/** Background Sync tag the page registers and the service worker answers. */
export const SYNC_TAG = 'heard-outbox';

/** Cache Storage name of the engagement bundles the service worker keeps for offline use. */
export const ENGAGEMENT_CACHE_NAME = 'heard-engagements';

/** Message a page posts to the service worker to read back every precached file; the answer comes on the message's port. */
export const PRECACHE_CHECK = 'HEARD_PRECACHE_CHECK';

/** The service worker's answer to PRECACHE_CHECK: how many files it should hold and which are missing. */
export interface PrecacheReport {
  total: number;
  missing: string[];
}
