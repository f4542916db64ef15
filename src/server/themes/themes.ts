import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, ThemeTable } from '../db/schema';
import type { Theme, ThemeInput } from '../../shared/workspace-api';
import { MAX_ID_LENGTH } from '../../shared/limits';

/**
 * Themes of one engagement: what organisers code contributions to. A theme keeps its slug
 * once made (it is the id published in bundles, so a rename must not orphan a card that
 * devices already hold); names, summaries and pictures may change freely.
 */

/** A theme was asked for that the engagement does not have. */
export class ThemeNotFound extends Error {}
/** A change that would clash with another theme (same name). */
export class ThemeConflict extends Error {}
/** An order list that does not name each theme exactly once. */
export class ThemeInvalid extends Error {}

type Db = Kysely<Database> | Transaction<Database>;

// Crowdsource cards are `theme-<slug>`, which must still be a bundle id.
const MAX_SLUG = MAX_ID_LENGTH - 'theme-'.length - 4;

/** A slug made from a name: lower-case ASCII letters and digits joined by dashes. */
export function slugFromName(name: string): string {
  const plain = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/g, '');
  return plain || 'theme';
}

function parseJson<T>(text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return {} as T;
  }
}

function toTheme(row: Selectable<ThemeTable>, count: number): Theme {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    summary: row.summary,
    picture: row.picture,
    names: parseJson<Theme['names']>(row.names),
    easyRead: parseJson<Theme['easyRead']>(row.easy_read),
    position: Number(row.position),
    count,
  };
}

/** The themes of `slug` in their order, each with how many contributions are coded to it. */
export async function listThemes(kysely: Db, slug: string): Promise<Theme[]> {
  const rows = await kysely.selectFrom('themes').selectAll().where('engagement', '=', slug).orderBy('position').orderBy('created_at').orderBy('id').execute();
  const counts = await kysely
    .selectFrom('contribution_themes')
    .innerJoin('themes', 'themes.id', 'contribution_themes.theme_id')
    .where('themes.engagement', '=', slug)
    .select((eb) => ['contribution_themes.theme_id', eb.fn.countAll().as('n')])
    .groupBy('contribution_themes.theme_id')
    .execute();
  const byTheme = new Map(counts.map((c) => [c.theme_id, Number(c.n)]));
  return rows.map((row) => toTheme(row, byTheme.get(row.id) ?? 0));
}

/** One theme of `slug`, or null. */
export async function findTheme(kysely: Db, slug: string, id: string): Promise<Theme | null> {
  return (await listThemes(kysely, slug)).find((t) => t.id === id) ?? null;
}

// Names compare without case or surrounding space: "Transport" and "transport " are one theme.
async function assertNameFree(kysely: Db, slug: string, name: string, except?: string): Promise<void> {
  const rows = await kysely.selectFrom('themes').select(['id', 'name']).where('engagement', '=', slug).execute();
  const clash = rows.find((r) => r.id !== except && r.name.trim().toLowerCase() === name.trim().toLowerCase());
  if (clash) throw new ThemeConflict(`there is already a theme called '${clash.name}'`);
}

function columns(input: ThemeInput) {
  return {
    name: input.name,
    summary: input.summary ? input.summary : null,
    picture: input.picture ? input.picture : null,
    names: JSON.stringify(withoutBlankSummaries(input.names ?? {})),
    easy_read: JSON.stringify(withoutBlankSummaries(input.easyRead ?? {})),
  };
}

// An empty field in the form means "none", not an empty string in the bundle.
function withoutBlankSummaries<T extends { summary?: string; picture?: string }>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [lng, value] of Object.entries(record)) {
    const copy = { ...value };
    if (!copy.summary) delete copy.summary;
    if ('picture' in copy && !copy.picture) delete copy.picture;
    out[lng] = copy;
  }
  return out;
}

/** Creates a theme at the end of the list; its slug comes from the name, made unique. */
export async function createTheme(kysely: Db, slug: string, input: ThemeInput, now = new Date().toISOString()): Promise<Theme> {
  await assertNameFree(kysely, slug, input.name);
  const taken = await kysely.selectFrom('themes').select(['slug', 'position']).where('engagement', '=', slug).execute();
  const slugs = new Set(taken.map((t) => t.slug));
  const base = slugFromName(input.name);
  let themeSlug = base;
  for (let n = 2; slugs.has(themeSlug); n += 1) themeSlug = `${base}-${n}`;
  const position = taken.reduce((max, t) => Math.max(max, Number(t.position) + 1), 0);
  const id = randomUUID();
  await kysely
    .insertInto('themes')
    .values({ id, engagement: slug, slug: themeSlug, position, created_at: now, updated_at: now, ...columns(input) })
    .execute();
  return (await findTheme(kysely, slug, id))!;
}

/** Replaces a theme's names, summary, picture and language versions (not its slug). */
export async function updateTheme(kysely: Db, slug: string, id: string, input: ThemeInput, now = new Date().toISOString()): Promise<Theme> {
  if (!(await findTheme(kysely, slug, id))) throw new ThemeNotFound(`no theme '${id}' in '${slug}'`);
  await assertNameFree(kysely, slug, input.name, id);
  await kysely.updateTable('themes').set({ ...columns(input), updated_at: now }).where('id', '=', id).where('engagement', '=', slug).execute();
  return (await findTheme(kysely, slug, id))!;
}

/** Deletes a theme and every coding row pointing at it; returns the deleted theme. */
export async function deleteTheme(kysely: Kysely<Database>, slug: string, id: string): Promise<Theme> {
  const theme = await findTheme(kysely, slug, id);
  if (!theme) throw new ThemeNotFound(`no theme '${id}' in '${slug}'`);
  await kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('contribution_themes').where('theme_id', '=', id).execute();
    await trx.deleteFrom('themes').where('id', '=', id).where('engagement', '=', slug).execute();
  });
  return theme;
}

/** Puts the themes in the order of `ids`, which must name each theme of `slug` exactly once. */
export async function reorderThemes(kysely: Kysely<Database>, slug: string, ids: readonly string[], now = new Date().toISOString()): Promise<Theme[]> {
  const current = await listThemes(kysely, slug);
  const known = new Set(current.map((t) => t.id));
  if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id))) {
    throw new ThemeInvalid(`ids: must list each of the ${known.size} themes exactly once`);
  }
  await kysely.transaction().execute(async (trx) => {
    for (const [position, id] of ids.entries()) {
      await trx.updateTable('themes').set({ position, updated_at: now }).where('id', '=', id).execute();
    }
  });
  return listThemes(kysely, slug);
}
