import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { FindingsThemeChoice } from '../../shared/workspace-api';
import { suppress } from '../workspace/suppress';

/**
 * What a "you said, we heard" page may show, read from the coding tables: each theme with its
 * translated and easy-read names, its count of coded contributions (1–9 leave as "<10", as on
 * the dashboard) and the answers that may be quoted. An answer may be quoted only when it is
 * marked publishable, is not hidden by moderation, is free text, and its contribution is coded
 * to the theme: the page never carries anyone's words on any other terms.
 */

/** A theme as stored, with its JSON columns read. */
export interface StoredTheme {
  id: string;
  name: string;
  summary: string | null;
  picture: string | null;
  names: Record<string, { name?: string; summary?: string }>;
  easyRead: Record<string, { name?: string; summary?: string; picture?: string }>;
  /** Contributions coded to it, not suppressed: only `suppress` decides what leaves. */
  coded: number;
}

/** A quotable answer. */
export interface QuotableAnswer {
  contribution: string;
  position: number;
  text: string;
  locale: string;
}

function parseRecord<T>(json: string): Record<string, T> {
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, T>) : {};
  } catch {
    return {};
  }
}

/** The themes of an engagement in their order, with counts. */
export async function storedThemes(kysely: Kysely<Database>, slug: string): Promise<StoredTheme[]> {
  const rows = await kysely.selectFrom('themes').selectAll().where('engagement', '=', slug).orderBy('position').orderBy('name').execute();
  const counts = await kysely
    .selectFrom('contribution_themes')
    .innerJoin('contributions', 'contributions.id', 'contribution_themes.contribution_id')
    .select(['contribution_themes.theme_id', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('contributions.engagement', '=', slug)
    .groupBy('contribution_themes.theme_id')
    .execute();
  const coded = new Map(counts.map((row) => [row.theme_id, Number(row.n)]));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    summary: row.summary || null,
    picture: row.picture || null,
    names: parseRecord(row.names),
    easyRead: parseRecord(row.easy_read),
    coded: coded.get(row.id) ?? 0,
  }));
}

/** Quotable answers of an engagement by theme id, oldest first. */
export async function quotableAnswers(kysely: Kysely<Database>, slug: string): Promise<Map<string, QuotableAnswer[]>> {
  const rows = await kysely
    .selectFrom('quotes')
    .innerJoin('contributions', 'contributions.id', 'quotes.contribution_id')
    .innerJoin('answers', (join) => join.onRef('answers.contribution_seq', '=', 'contributions.seq').onRef('answers.position', '=', 'quotes.position'))
    .innerJoin('contribution_themes', 'contribution_themes.contribution_id', 'quotes.contribution_id')
    .leftJoin('answer_moderation', (join) =>
      join.onRef('answer_moderation.contribution_id', '=', 'quotes.contribution_id').onRef('answer_moderation.position', '=', 'quotes.position'),
    )
    .select(['contribution_themes.theme_id', 'quotes.contribution_id', 'quotes.position', 'answers.value', 'contributions.locale'])
    .where('contributions.engagement', '=', slug)
    .where('quotes.publishable', '=', 1)
    .where('answers.kind', '=', 'text')
    .where((eb) => eb.or([eb('answer_moderation.status', 'is', null), eb('answer_moderation.status', '!=', 'hidden')]))
    .orderBy('contributions.received_at')
    .orderBy('quotes.contribution_id')
    .orderBy('quotes.position')
    .execute();
  const byTheme = new Map<string, QuotableAnswer[]>();
  for (const row of rows) {
    const list = byTheme.get(row.theme_id) ?? [];
    list.push({ contribution: row.contribution_id, position: row.position, text: row.value, locale: row.locale });
    byTheme.set(row.theme_id, list);
  }
  return byTheme;
}

/** The themes as the workspace offers them for the page. */
export async function themeChoices(kysely: Kysely<Database>, slug: string): Promise<FindingsThemeChoice[]> {
  const [themes, quotes] = await Promise.all([storedThemes(kysely, slug), quotableAnswers(kysely, slug)]);
  return themes.map((theme) => ({
    id: theme.id,
    name: theme.name,
    summary: theme.summary,
    picture: theme.picture,
    count: suppress(theme.coded),
    namedIn: Object.keys(theme.names).filter((lng) => theme.names[lng]?.name),
    easyReadIn: Object.keys(theme.easyRead).filter((lng) => theme.easyRead[lng]?.name),
    quotes: quotes.get(theme.id) ?? [],
  }));
}
