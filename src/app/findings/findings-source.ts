import * as v from 'valibot';
import { FINDINGS_API, FindingsPageSchema, type FindingsPage } from '../../shared/findings';
import { cacheFindings, getCachedFindings } from '../../storage';

/**
 * Fetches an engagement's published "you said, we heard" page and keeps the last copy on the
 * device. With no connection the kept copy is shown with the day it was last confirmed; the
 * service worker does not cache this API, so this module alone decides what is current.
 */

/** What the page can show. */
export type FindingsState =
  | { kind: 'page'; page: FindingsPage; offlineSince?: string }
  | { kind: 'none' }
  | { kind: 'needs-connection' }
  | { kind: 'failed' };

/** The published page of `slug`: from the server when it answers, else the copy kept on the device. */
export async function loadFindings(slug: string): Promise<FindingsState> {
  const cached = await getCachedFindings(slug).catch(() => undefined);
  const offline = (): FindingsState => (cached ? { kind: 'page', page: cached.page, offlineSince: cached.fetchedAt } : { kind: 'needs-connection' });
  let response: Response;
  try {
    response = await fetch(FINDINGS_API.findings(slug), { cache: 'no-store', headers: cached?.etag ? { 'If-None-Match': cached.etag } : {} });
  } catch {
    return offline();
  }
  if (response.status === 304 && cached) {
    await cacheFindings(cached.page, cached.etag).catch(() => undefined);
    return { kind: 'page', page: cached.page };
  }
  if (response.status === 404) return { kind: 'none' };
  if (!response.ok) return cached ? offline() : { kind: 'failed' };
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return cached ? offline() : { kind: 'failed' };
  }
  const checked = v.safeParse(FindingsPageSchema, body);
  if (!checked.success) return cached ? offline() : { kind: 'failed' };
  // A full device still shows the page; it just cannot keep it for next time.
  await cacheFindings(checked.output, response.headers.get('etag') ?? undefined).catch(() => undefined);
  return { kind: 'page', page: checked.output };
}
