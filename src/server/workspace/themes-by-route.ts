import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/schema';
import type { ThemeCell, ThemeRow, ThemesByRoute } from '../../shared/workspace-api';
import { ROUTES } from './check-results';
import { CountTable, shownShare } from './complement';

/**
 * Themes by route: for each theme, the contributions coded to it in all, through each route,
 * in each language and at each event, beside the same figures for every codeable contribution
 * (one with a written answer, or already coded) and for those not coded yet. A share says what
 * part of a column's contributions went to the theme, so a route's voices can be compared
 * with everyone's. Grouped in SQL; suppressed and protected here (see `CountTable`).
 */

type Route = (typeof ROUTES)[number];

/** Raw figures of one row. */
interface RawRow {
  total: number;
  routes: Record<Route, number>;
  languages: Map<string, number>;
  events: Map<string, number>;
}

const emptyRow = (): RawRow => ({ total: 0, routes: Object.fromEntries(ROUTES.map((r) => [r, 0])) as Record<Route, number>, languages: new Map(), events: new Map() });

type Filter = (eb: ExpressionBuilder<Database, 'contributions'>) => Expression<SqlBool>;

const ROUTE_COLUMNS = {
  easyRead: 'contributions.easy_read',
  readAloud: 'contributions.read_aloud',
  assisted: 'contributions.assisted',
  audio: 'contributions.audio',
  interpreter: 'contributions.interpreter',
} as const satisfies Record<Route, string>;

// SUM of each route flag; interpreter is null when the device did not say.
const routeSums = () => ROUTES.map((r) => sql<number>`sum(coalesce(${sql.ref(ROUTE_COLUMNS[r])}, 0))`.as(r));
const eventKey = sql<string>`coalesce(contributions.event, '')`;

function fill(row: RawRow, totals: Record<string, unknown>): void {
  row.total = Number(totals.n);
  for (const route of ROUTES) row.routes[route] = Number(totals[route] ?? 0);
}

const hasText: Filter = (eb) =>
  eb.exists(eb.selectFrom('answers').select('answers.position').whereRef('answers.contribution_seq', '=', 'contributions.seq').where('answers.kind', '=', 'text'));
const hasTheme: Filter = (eb) =>
  eb.exists(eb.selectFrom('contribution_themes').select('contribution_themes.theme_id').whereRef('contribution_themes.contribution_id', '=', 'contributions.id'));

// One row of figures for the contributions of `slug` that pass `filter`.
async function population(kysely: Kysely<Database>, slug: string, filter: Filter): Promise<RawRow> {
  const base = () => kysely.selectFrom('contributions').where('contributions.engagement', '=', slug).where(filter);
  const row = emptyRow();
  fill(row, await base().select((eb) => [eb.fn.countAll().as('n'), ...routeSums()]).executeTakeFirstOrThrow());
  const languages = await base().select((eb) => ['contributions.locale as key', eb.fn.countAll().as('n')]).groupBy('contributions.locale').execute();
  for (const r of languages) row.languages.set(r.key, Number(r.n));
  const events = await base().select((eb) => [eventKey.as('key'), eb.fn.countAll().as('n')]).groupBy('contributions.event').execute();
  for (const r of events) row.events.set(r.key, Number(r.n));
  return row;
}

// One row of figures per theme of `slug`: the contributions coded to it.
async function perTheme(kysely: Kysely<Database>, slug: string): Promise<Map<string, RawRow>> {
  const base = () =>
    kysely
      .selectFrom('contribution_themes')
      .innerJoin('themes', 'themes.id', 'contribution_themes.theme_id')
      .innerJoin('contributions', 'contributions.id', 'contribution_themes.contribution_id')
      .where('themes.engagement', '=', slug)
      .where('contributions.engagement', '=', slug);
  const rows = new Map<string, RawRow>();
  const rowOf = (id: string) => rows.get(id) ?? rows.set(id, emptyRow()).get(id)!;
  const totals = await base()
    .select((eb) => ['contribution_themes.theme_id as theme', eb.fn.countAll().as('n'), ...routeSums()])
    .groupBy('contribution_themes.theme_id')
    .execute();
  for (const t of totals) fill(rowOf(t.theme), t);
  const languages = await base()
    .select((eb) => ['contribution_themes.theme_id as theme', 'contributions.locale as key', eb.fn.countAll().as('n')])
    .groupBy(['contribution_themes.theme_id', 'contributions.locale'])
    .execute();
  for (const r of languages) rowOf(r.theme).languages.set(r.key, Number(r.n));
  const events = await base()
    .select((eb) => ['contribution_themes.theme_id as theme', eventKey.as('key'), eb.fn.countAll().as('n')])
    .groupBy(['contribution_themes.theme_id', 'contributions.event'])
    .execute();
  for (const r of events) rowOf(r.theme).events.set(r.key, Number(r.n));
  return rows;
}

/** Builds the themes-by-route table of `slug`. */
export async function themesByRoute(kysely: Kysely<Database>, slug: string): Promise<ThemesByRoute> {
  const themes = await kysely.selectFrom('themes').select(['id', 'name']).where('engagement', '=', slug).orderBy('position').orderBy('name').execute();
  const all = await population(kysely, slug, (eb) => eb.or([hasText(eb), hasTheme(eb)]));
  const notCoded = await population(kysely, slug, (eb) => eb.and([hasText(eb), eb.not(hasTheme(eb))]));
  const coded = await perTheme(kysely, slug);
  return protectRows(all, notCoded, themes.map((t) => ({ id: t.id, name: t.name, raw: coded.get(t.id) ?? emptyRow() })));
}

/** Column keys of the table: total, routes, then languages and events as the row of all has them. */
interface Columns {
  languages: string[];
  events: string[];
}

/**
 * Suppresses and protects the table. Each row's language figures and its event figures add
 * up to its total. Themes overlap (one contribution may have several), so a column adds up
 * only where, in this data, no contribution of that column is coded twice: then all = not
 * coded + the themes, and the table is protected as if the reader knew it.
 */
export function protectRows(all: RawRow, notCoded: RawRow, themes: Array<{ id: string; name: string; raw: RawRow }>): ThemesByRoute {
  const columns: Columns = { languages: [...all.languages.keys()].sort(), events: [...all.events.keys()].sort() };
  const table = new CountTable();
  const place = (raw: RawRow) => {
    const total = table.cell(raw.total);
    const routes = ROUTES.map((r) => table.cell(raw.routes[r]));
    const languages = columns.languages.map((k) => table.cell(raw.languages.get(k) ?? 0));
    const events = columns.events.map((k) => table.cell(raw.events.get(k) ?? 0));
    table.sum(total, languages);
    table.sum(total, events);
    return [total, ...routes, ...languages, ...events];
  };
  const allCells = place(all);
  const notCodedCells = place(notCoded);
  const themeCells = themes.map((t) => place(t.raw));
  allCells.forEach((cell, i) => {
    const parts = [notCodedCells[i], ...themeCells.map((c) => c[i])];
    if (parts.reduce((a, p) => a + table.raw(p), 0) === table.raw(cell)) table.sum(cell, parts);
  });
  const out = table.protect();
  const base = allCells.map((c) => out[c]);
  const keys = ['total', ...ROUTES, ...columns.languages, ...columns.events];
  const cells = (handles: number[]): ThemeCell[] => handles.map((h, i) => ({ key: keys[i], count: out[h], share: shownShare(out[h], base[i]) }));
  const row = (theme: string | null, name: string, handles: number[]): ThemeRow => {
    const c = cells(handles);
    const r = 1 + ROUTES.length;
    const l = r + columns.languages.length;
    return { theme, name, total: c[0], byRoute: c.slice(1, r), byLanguage: c.slice(r, l), byEvent: c.slice(l) };
  };
  return {
    all: row(null, '', allCells),
    themes: themes.map((t, i) => row(t.id, t.name, themeCells[i])),
    notCoded: row(null, '', notCodedCells),
  };
}
