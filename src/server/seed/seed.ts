import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type * as v from 'valibot';
import type { Database } from '../db/schema';
import { ContentOverlaySchema, EasyReadOverlaySchema, EngagementBundleSchema, type EngagementBundle } from '../../shared/engagement';
import { check } from '../../shared/validate';
import { createEngagementKey } from '../engagements/keys';
import { recordVersion } from '../engagements/versions';

/** The demo engagement seeded on first start (slug `ahp-strategy`). */
export const DEFAULT_SEED_FILE = fileURLToPath(new URL('./ahp-strategy.json', import.meta.url));

/** What seeding did, so start-up can say so and tests can check it ran once. */
export type SeedOutcome = 'inserted' | 'updated' | 'unchanged';

/** Where easy-read versions of engagement content live: `easy-read/<language>/<slug>.json`. */
export const DEFAULT_EASY_READ_DIR = fileURLToPath(new URL('../../../easy-read/', import.meta.url));

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** Where translations of engagement content live: `src/server/seed/translations/<language>/<slug>.json`. */
export const DEFAULT_TRANSLATIONS_DIR = fileURLToPath(new URL('./translations/', import.meta.url));

/** Reads the overlays of one engagement in `dir`, one per language folder that has one, each checked against `schema`. */
async function loadOverlays<S extends v.GenericSchema>(dir: string, slug: string, schema: S): Promise<Record<string, v.InferOutput<S>>> {
  const languages = await readdir(dir, { withFileTypes: true }).then(
    (entries) => entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name),
    (error: unknown) => (isMissing(error) ? [] : Promise.reject(error)),
  );
  const overlays: Record<string, v.InferOutput<S>> = {};
  for (const language of languages.sort()) {
    const file = join(dir, language, `${slug}.json`);
    const text = await readFile(file, 'utf8').catch((error: unknown) => (isMissing(error) ? undefined : Promise.reject(error)));
    if (text === undefined) continue;
    const checked = check(schema, JSON.parse(text) as unknown);
    if (!checked.ok) throw new Error(`${file}: ${checked.error}`);
    overlays[language] = checked.value;
  }
  return overlays;
}

/**
 * Reads and validates an engagement bundle file, with its translations from
 * `translationsDir` and easy-read versions from `easyReadDir` merged in; throws with the file
 * name and the first problem. `languages` gains every language that has a translation.
 */
export async function loadBundleFile(file: string, easyReadDir = DEFAULT_EASY_READ_DIR, translationsDir = DEFAULT_TRANSLATIONS_DIR): Promise<EngagementBundle> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
  const checked = check(EngagementBundleSchema, parsed);
  if (!checked.ok) throw new Error(`${file}: ${checked.error}`);
  const { slug } = checked.value;
  const easyRead = { ...checked.value.easyRead, ...(await loadOverlays(easyReadDir, slug, EasyReadOverlaySchema)) };
  const translations = { ...checked.value.translations, ...(await loadOverlays(translationsDir, slug, ContentOverlaySchema)) };
  const languages = [...new Set([...checked.value.languages, ...Object.keys(translations)])];
  // The key belongs to this server, not to the file: it is filled in when the bundle is served.
  return { ...checked.value, languages, translations, easyRead, publicKey: null };
}

/**
 * Puts `bundle` in the database unless it is already there: inserts it the first time,
 * replaces it only when the file carries a higher version, and makes sure it has a sealing key.
 * Safe to run on every start and from two processes at once.
 */
export async function seedEngagement(kysely: Kysely<Database>, bundle: EngagementBundle, now = new Date().toISOString()): Promise<SeedOutcome> {
  const stored = await kysely
    .selectFrom('engagements')
    .select('version')
    .where('slug', '=', bundle.slug)
    .executeTakeFirst();
  let outcome: SeedOutcome = 'unchanged';
  if (!stored) {
    const result = await kysely
      .insertInto('engagements')
      .values({
        slug: bundle.slug,
        version: bundle.version,
        bundle: JSON.stringify(bundle),
        status: 'open',
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) > 0) outcome = 'inserted';
  } else if (bundle.version > stored.version) {
    await kysely
      .updateTable('engagements')
      .set({ version: bundle.version, bundle: JSON.stringify(bundle), updated_at: now })
      .where('slug', '=', bundle.slug)
      .where('version', '<', bundle.version)
      .execute();
    outcome = 'updated';
  }
  // Seeded content is ordinary published data: a version organisers can build on.
  if (outcome !== 'unchanged') await recordVersion(kysely, bundle, now, null);
  const key = await kysely
    .selectFrom('engagement_keys')
    .select('kid')
    .where('slug', '=', bundle.slug)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  if (!key) await createEngagementKey(kysely, bundle.slug, now);
  return outcome;
}

/**
 * Seeds from `file`. A missing default file is only a warning (a fresh checkout may not have
 * the demo yet); an invalid file stops start-up, since serving a broken bundle would break devices.
 */
export async function seedFromFile(
  kysely: Kysely<Database>,
  file: string,
  warn: (message: string) => void,
): Promise<SeedOutcome | 'missing'> {
  let bundle: EngagementBundle;
  try {
    bundle = await loadBundleFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      warn(`seed file ${file} not found; no demo engagement seeded`);
      return 'missing';
    }
    throw error;
  }
  return seedEngagement(kysely, bundle);
}
