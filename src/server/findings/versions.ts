import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { FindingsPage } from '../../shared/findings';
import type { VersionSummary } from '../../shared/workspace-api';
import { buildPage, readFindingsDraft } from './page';

/**
 * Published versions of the "you said, we heard" page. Each is the exact JSON served to
 * devices, stored once and never changed by organisers; publishing again adds the next
 * version. The one exception is retention: once an engagement's contributions are erased,
 * the people's own words quoted on its pages go too (`removeQuotes`).
 */

/** Why publishing failed: what is missing, or another organiser published at the same moment. */
export class FindingsPublishError extends Error {
  constructor(message: string, readonly status: 404 | 409) {
    super(message);
  }
}

/** The latest published page of `slug` as stored (JSON text), or null before the first publish. */
export async function latestPageJson(kysely: Kysely<Database>, slug: string): Promise<{ version: number; json: string } | null> {
  const row = await kysely
    .selectFrom('findings_versions')
    .select(['version', 'page'])
    .where('engagement', '=', slug)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { version: row.version, json: row.page } : null;
}

/** The latest published page of `slug`, or null. */
export async function latestPage(kysely: Kysely<Database>, slug: string): Promise<FindingsPage | null> {
  const latest = await latestPageJson(kysely, slug);
  return latest ? (JSON.parse(latest.json) as FindingsPage) : null;
}

/** One published version, or null. */
export async function pageVersion(kysely: Kysely<Database>, slug: string, version: number): Promise<FindingsPage | null> {
  const row = await kysely.selectFrom('findings_versions').select('page').where('engagement', '=', slug).where('version', '=', version).executeTakeFirst();
  return row ? (JSON.parse(row.page) as FindingsPage) : null;
}

/** Published versions, newest first. */
export async function listPageVersions(kysely: Kysely<Database>, slug: string): Promise<VersionSummary[]> {
  const rows = await kysely
    .selectFrom('findings_versions')
    .select(['version', 'published_at', 'published_by'])
    .where('engagement', '=', slug)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((row) => ({ version: row.version, publishedAt: row.published_at, publishedBy: row.published_by }));
}

/** The draft as it would be published now: the next version, stamped `now`. */
export async function previewPage(kysely: Kysely<Database>, slug: string, now = new Date().toISOString()) {
  const { draft } = await readFindingsDraft(kysely, slug);
  const latest = await latestPageJson(kysely, slug);
  return buildPage(kysely, slug, draft, (latest?.version ?? 0) + 1, now);
}

/** Publishes the draft of `slug` as a new version; throws FindingsPublishError with what is missing. */
export async function publishPage(kysely: Kysely<Database>, slug: string, by: string, now = new Date().toISOString()): Promise<FindingsPage> {
  const built = await previewPage(kysely, slug, now);
  if (!built.ok) throw new FindingsPublishError(built.problems.join('; '), 409);
  try {
    await kysely
      .insertInto('findings_versions')
      .values({ engagement: slug, version: built.page.version, page: JSON.stringify(built.page), published_at: now, published_by: by })
      .execute();
  } catch (error) {
    // The primary key (engagement, version) turns a second publish of the same version into an error.
    if (await pageVersion(kysely, slug, built.page.version)) throw new FindingsPublishError('someone else published this page at the same moment; look at the latest version and try again', 409);
    throw error;
  }
  return built.page;
}

/**
 * Takes every quote off every published version of `slug`, leaving themes, counts and texts:
 * called by the retention sweep, in its transaction, when the contributions they came from are
 * erased. The stored JSON changes, so its ETag does, and devices fetch the page without them.
 * A version without quotes is left exactly as it was.
 */
export async function removeQuotes(kysely: Kysely<Database>, slug: string): Promise<void> {
  const rows = await kysely.selectFrom('findings_versions').select(['version', 'page']).where('engagement', '=', slug).execute();
  for (const row of rows) {
    const page = JSON.parse(row.page) as FindingsPage;
    if (!page.themes.some((theme) => theme.quotes.length > 0)) continue;
    const stripped: FindingsPage = { ...page, themes: page.themes.map((theme) => ({ ...theme, quotes: [] })) };
    await kysely.updateTable('findings_versions').set({ page: JSON.stringify(stripped) }).where('engagement', '=', slug).where('version', '=', row.version).execute();
  }
}
