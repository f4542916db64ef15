import type { FindingsPage } from '../shared/findings';
import { getDb } from './db';
import { writing } from './errors';

/**
 * The last "you said, we heard" page this device fetched for each engagement, so the page
 * opens with no signal and says how old it is. Only the published page is kept: no receipt
 * code, nothing a person typed.
 */

/** A kept page with what is needed to revalidate it. */
export interface CachedFindings {
  page: FindingsPage;
  etag?: string;
  /** When the device last had it confirmed by the server (fetched, or answered 304). */
  fetchedAt: string;
}

/** Keeps `page` as the latest for its engagement. */
export async function cacheFindings(page: FindingsPage, etag: string | undefined, fetchedAt = new Date().toISOString()): Promise<void> {
  const db = await getDb();
  const record = { slug: page.engagement, page, fetchedAt, ...(etag === undefined ? {} : { etag }) };
  await writing(() => db.put('findings', record));
}

/** The kept page of one engagement, or undefined when this device never fetched one. */
export async function getCachedFindings(slug: string): Promise<CachedFindings | undefined> {
  const db = await getDb();
  const record = await db.get('findings', slug);
  if (!record) return undefined;
  const { slug: _slug, ...rest } = record;
  return rest;
}
