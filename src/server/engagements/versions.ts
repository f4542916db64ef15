import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { EngagementBundle } from '../../shared/engagement';
import type { CreateEngagement } from '../../shared/workspace-api';
import { createEngagementKey } from './keys';

/**
 * Drafts and published versions. Organisers edit one draft per engagement; publishing copies
 * it into a new immutable version and makes that version the one `engagements` serves.
 * Older versions stay, so contributions made against them still validate.
 */

/** The bundle of one published version, or null when `slug` never published `version`. */
export async function bundleForVersion(kysely: Kysely<Database>, slug: string, version: number): Promise<EngagementBundle | null> {
  const row = await kysely
    .selectFrom('engagement_versions')
    .select('bundle')
    .where('slug', '=', slug)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? (JSON.parse(row.bundle) as EngagementBundle) : null;
}

/** Published versions of `slug`, newest first. */
export function listVersions(kysely: Kysely<Database>, slug: string): Promise<Array<{ version: number; published_at: string; published_by: string | null }>> {
  return kysely
    .selectFrom('engagement_versions')
    .select(['version', 'published_at', 'published_by'])
    .where('slug', '=', slug)
    .orderBy('version', 'desc')
    .execute();
}

/** Records `bundle` as a published version unless that version is already there (seeding). */
export async function recordVersion(kysely: Kysely<Database>, bundle: EngagementBundle, at: string, by: string | null): Promise<void> {
  await kysely
    .insertInto('engagement_versions')
    .values({ slug: bundle.slug, version: bundle.version, bundle: JSON.stringify({ ...bundle, publicKey: null }), published_at: at, published_by: by })
    .onConflict((oc) => oc.columns(['slug', 'version']).doNothing())
    .execute();
}

/** The draft of an engagement with what the workspace shows about it. */
export interface Draft {
  bundle: EngagementBundle;
  publishedVersion: number | null;
  draftChanged: boolean;
  updatedAt: string;
}

async function latestPublished(kysely: Kysely<Database>, slug: string): Promise<{ bundle: EngagementBundle; updatedAt: string } | null> {
  const row = await kysely.selectFrom('engagements').select(['bundle', 'updated_at']).where('slug', '=', slug).executeTakeFirst();
  return row ? { bundle: JSON.parse(row.bundle) as EngagementBundle, updatedAt: row.updated_at } : null;
}

// Versions differ only in their number; everything else says whether there is anything to publish.
function sameContent(a: EngagementBundle, b: EngagementBundle): boolean {
  return JSON.stringify({ ...a, version: 0, publicKey: null }) === JSON.stringify({ ...b, version: 0, publicKey: null });
}

/** The draft of `slug` (the latest published content when nobody has edited it), or null. */
export async function readDraft(kysely: Kysely<Database>, slug: string): Promise<Draft | null> {
  const published = await latestPublished(kysely, slug);
  const row = await kysely.selectFrom('engagement_drafts').select(['bundle', 'updated_at']).where('slug', '=', slug).executeTakeFirst();
  if (!row && !published) return null;
  const publishedVersion = published ? published.bundle.version : null;
  const base = row ? (JSON.parse(row.bundle) as EngagementBundle) : published!.bundle;
  const bundle = { ...base, version: (publishedVersion ?? 0) + 1, publicKey: null };
  return {
    bundle,
    publishedVersion,
    draftChanged: !published || sameContent(bundle, published.bundle) === false,
    updatedAt: row?.updated_at ?? published!.updatedAt,
  };
}

/** Replaces the draft of `slug` with `bundle` (already validated; slug checked by the caller). */
export async function saveDraft(kysely: Kysely<Database>, bundle: EngagementBundle, now = new Date().toISOString()): Promise<void> {
  const json = JSON.stringify({ ...bundle, publicKey: null });
  await kysely
    .insertInto('engagement_drafts')
    .values({ slug: bundle.slug, bundle: json, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('slug').doUpdateSet({ bundle: json, updated_at: now }))
    .execute();
}

/** True when `slug` is taken by a published engagement or a draft. */
export async function slugTaken(kysely: Kysely<Database>, slug: string): Promise<boolean> {
  const published = await kysely.selectFrom('engagements').select('slug').where('slug', '=', slug).executeTakeFirst();
  const draft = await kysely.selectFrom('engagement_drafts').select('slug').where('slug', '=', slug).executeTakeFirst();
  return Boolean(published ?? draft);
}

/** The starter draft of a new engagement: one conversation phase with one free-text prompt. */
export function starterBundle(input: CreateEngagement): EngagementBundle {
  return {
    slug: input.slug,
    title: input.title,
    intro: input.intro,
    organisation: input.organisation,
    version: 1,
    languages: ['en'],
    phases: [
      {
        id: 'conversation',
        kind: 'conversation',
        title: input.title,
        intro: input.intro,
        audience: 'everyone',
        prompts: [{ id: 'ideas', kind: 'text', text: 'What matters most to you?', required: true }],
      },
    ],
    translations: {},
    easyRead: {},
    publicKey: null,
  };
}

/** Thrown when publishing finds nothing to publish or loses a race with another publish. */
export class PublishError extends Error {}

/**
 * Publishes the draft of `slug` as the next version: stores it immutably, makes it the one
 * served, and gives a new engagement its sealing key. Two publishes at once cannot both win:
 * the version number is a primary key.
 */
export async function publishDraft(kysely: Kysely<Database>, slug: string, by: string, now = new Date().toISOString()): Promise<{ version: number; publishedAt: string }> {
  const draft = await readDraft(kysely, slug);
  if (!draft) throw new PublishError(`no engagement '${slug}'`);
  const bundle = draft.bundle;
  await kysely.transaction().execute(async (trx) => {
    const taken = await trx
      .insertInto('engagement_versions')
      .values({ slug, version: bundle.version, bundle: JSON.stringify(bundle), published_at: now, published_by: by })
      .onConflict((oc) => oc.columns(['slug', 'version']).doNothing())
      .executeTakeFirst();
    if (Number(taken.numInsertedOrUpdatedRows ?? 0) === 0) throw new PublishError('someone else published at the same moment; reload and try again');
    if (draft.publishedVersion === null) {
      await trx
        .insertInto('engagements')
        .values({ slug, version: bundle.version, bundle: JSON.stringify(bundle), status: 'open', created_at: now, updated_at: now })
        .execute();
    } else {
      await trx.updateTable('engagements').set({ version: bundle.version, bundle: JSON.stringify(bundle), updated_at: now }).where('slug', '=', slug).execute();
    }
  });
  const key = await kysely.selectFrom('engagement_keys').select('kid').where('slug', '=', slug).where('retired_at', 'is', null).executeTakeFirst();
  if (!key) await createEngagementKey(kysely, slug, now);
  return { version: bundle.version, publishedAt: now };
}
