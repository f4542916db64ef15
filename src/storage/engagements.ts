import type { EngagementBundle, EngagementSummary } from '../shared';
import { getDb } from './db';
import { writing } from './errors';

/** Keeps an engagement bundle on the device so it opens with no signal; `etag` records which server version this copy is. */
export async function cacheEngagement(bundle: EngagementBundle, etag?: string): Promise<void> {
  const db = await getDb();
  const record = { slug: bundle.slug, bundle, cachedAt: new Date().toISOString(), ...(etag === undefined ? {} : { etag }) };
  await writing(() => db.put('engagements', record));
}

/** The cached bundle of one engagement, with its ETag and when it was cached. */
export async function getCachedEngagement(
  slug: string,
): Promise<{ bundle: EngagementBundle; etag?: string; cachedAt: string } | undefined> {
  const db = await getDb();
  const record = await db.get('engagements', slug);
  if (!record) return undefined;
  const { slug: _slug, ...rest } = record;
  return rest;
}

/** Summaries of every cached engagement, for the list shown when offline. */
export async function listCachedEngagements(): Promise<EngagementSummary[]> {
  const db = await getDb();
  const records = await db.getAll('engagements');
  return records.map(({ bundle }) => ({
    slug: bundle.slug,
    title: bundle.title,
    organisation: bundle.organisation,
    languages: bundle.languages,
    version: bundle.version,
  }));
}
