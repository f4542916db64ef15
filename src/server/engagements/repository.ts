import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { EngagementBundle, EngagementSummary } from '../../shared/engagement';

/**
 * Engagements as stored: one row per engagement holding its bundle JSON (with `publicKey:
 * null`; the key is added when serving).
 */

/** The open engagements, for `GET /api/engagements`. */
export async function listOpenEngagements(kysely: Kysely<Database>): Promise<EngagementSummary[]> {
  const rows = await kysely
    .selectFrom('engagements')
    .select(['bundle'])
    .where('status', '=', 'open')
    .orderBy('slug')
    .execute();
  return rows.map(({ bundle }) => {
    const b = JSON.parse(bundle) as EngagementBundle;
    return { slug: b.slug, title: b.title, organisation: b.organisation, languages: b.languages, version: b.version };
  });
}

/** The stored bundle of an open engagement, or null when there is no such open engagement. */
export async function findOpenBundle(kysely: Kysely<Database>, slug: string): Promise<EngagementBundle | null> {
  const row = await kysely
    .selectFrom('engagements')
    .select('bundle')
    .where('slug', '=', slug)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return row ? (JSON.parse(row.bundle) as EngagementBundle) : null;
}

/** The version of the engagement if it is open, or null; reads no content. */
export async function openVersion(kysely: Kysely<Database>, slug: string): Promise<number | null> {
  const row = await kysely.selectFrom('engagements').select('version').where('slug', '=', slug).where('status', '=', 'open').executeTakeFirst();
  return row ? Number(row.version) : null;
}

/** The stored bundle whatever its status, or null; organisers still export a closed engagement. */
export async function findBundle(kysely: Kysely<Database>, slug: string): Promise<EngagementBundle | null> {
  const row = await kysely.selectFrom('engagements').select('bundle').where('slug', '=', slug).executeTakeFirst();
  return row ? (JSON.parse(row.bundle) as EngagementBundle) : null;
}
