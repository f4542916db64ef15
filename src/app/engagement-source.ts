import * as v from 'valibot';
import { API, EngagementBundleSchema, EngagementSummarySchema, check } from '../shared';
import type { EngagementBundle, EngagementSummary } from '../shared';
import { cacheEngagement, getCachedEngagement, listCachedEngagements } from '../storage';
import { matchRoute } from './router';

/**
 * Where engagements come from: the network first (through the service worker when it
 * controls the page), then the copy saved on this device. Every good bundle from the
 * network is saved, so one visit online is enough to take part offline afterwards.
 */

/** The outcome of loading: the content (and whether it is the device's saved copy), or why not. */
export type Loaded<T> =
  | { state: 'ready'; value: T; fromDevice: boolean }
  | { state: 'not-saved' }
  | { state: 'not-found' };

// A network request that hangs (a weak signal) must not keep the page blank for long.
const NETWORK_TIMEOUT_MS = 8000;
const SummariesSchema = v.array(EngagementSummarySchema);

const loaded = new Map<string, Promise<Loaded<EngagementBundle>>>();

// An organiser's preview (`?preview=1`, opened from the workspace in a tab of its own) shows the
// draft (see preview-source.ts, loaded only then). The tab remembers it, so reloading a later
// page of the preview stays a preview.
const PREVIEW_KEY = 'heard:preview';

/** True in a tab opened as an organiser's preview of a draft: its answers are never sent. */
export function isPreview(): boolean {
  const asked = new URLSearchParams(location.search).get('preview') === '1';
  try {
    if (asked) sessionStorage.setItem(PREVIEW_KEY, '1');
    return asked || sessionStorage.getItem(PREVIEW_KEY) === '1';
  } catch {
    return asked;
  }
}

/**
 * Loads an engagement bundle. Within one page session the first good result is reused, so
 * moving between questions never waits on the network; `refresh` asks the network again.
 */
export function loadEngagement(slug: string, options: { refresh?: boolean } = {}): Promise<Loaded<EngagementBundle>> {
  const known = loaded.get(slug);
  if (known && !options.refresh) return known;
  const next: Promise<Loaded<EngagementBundle>> = fetchEngagement(slug).then((result) => {
    if (result.state === 'ready') return result;
    // A refresh that fails keeps serving what the page already had.
    if (known) return known;
    // Nothing to show: ask again next time rather than remember the failure.
    if (loaded.get(slug) === next) loaded.delete(slug);
    return result;
  });
  loaded.set(slug, next);
  return next;
}

async function fetchEngagement(slug: string): Promise<Loaded<EngagementBundle>> {
  if (isPreview()) return (await import('./preview-source')).fetchPreview(slug);
  // The device's copy is read while the network answers, and used only if it does not. The
  // browser revalidates with the ETag itself (the server sends no-cache), so nothing waits
  // on IndexedDB before the request goes out.
  const saved = getCachedEngagement(slug).catch(() => undefined);
  try {
    const response = await fetchWithTimeout(API.engagement(slug));
    if (response.status === 404 && !(await saved)) return { state: 'not-found' };
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const result = check(EngagementBundleSchema, await response.json());
    if (!result.ok) throw new Error(`Bad engagement bundle: ${result.error}`);
    // Saved for offline use without holding up the screen (on a first visit this write also
    // creates the database).
    void cacheEngagement(result.value, response.headers.get('ETag') ?? undefined).catch(() => undefined);
    return { state: 'ready', value: result.value, fromDevice: false };
  } catch {
    const cached = await saved;
    if (cached) return { state: 'ready', value: cached.bundle, fromDevice: true };
    return { state: 'not-saved' };
  }
}

/** Loads the list of open engagements, or the ones saved on this device when offline. */
export async function loadEngagementList(): Promise<Loaded<EngagementSummary[]>> {
  try {
    const response = await fetchWithTimeout(API.engagements);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const result = check(SummariesSchema, await response.json());
    if (!result.ok) throw new Error(`Bad engagement list: ${result.error}`);
    return { state: 'ready', value: result.value, fromDevice: false };
  } catch {
    const saved = await listCachedEngagements().catch(() => []);
    return saved.length > 0 ? { state: 'ready', value: saved, fromDevice: true } : { state: 'not-saved' };
  }
}

/**
 * Saves engagements the device has not got yet (or has an older version of), so a tablet
 * that opened the list once online can be used at an event with no signal.
 */
export async function saveForOffline(summaries: EngagementSummary[], limit = 5): Promise<void> {
  const saved = new Map((await listCachedEngagements().catch(() => [])).map((s) => [s.slug, s.version]));
  const missing = summaries.filter((s) => saved.get(s.slug) !== s.version).slice(0, limit);
  await Promise.all(missing.map((s) => loadEngagement(s.slug, { refresh: true })));
}

// A plain GET with no extra headers, so the browser can hand over the response the server
// told it to preload (see the Link header on deep links) instead of asking twice.
async function fetchWithTimeout(url: string): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), NETWORK_TIMEOUT_MS);
  try {
    return await fetch(url, { signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}

/** Starts loading the engagement a deep link points at, so it arrives while the page boots. */
export function preloadFromPath(pathname: string): void {
  const route = matchRoute(pathname);
  if ('slug' in route) void loadEngagement(route.slug);
}

/** Forgets bundles loaded in this page session (tests start each case fresh). */
export function resetLoadedEngagements(): void {
  loaded.clear();
}
