import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { AboutYouQuestion } from '../../shared/engagement';
import type { AboutYouCounts, Dashboard, KeyedCount, ReferenceShares, ReportCount } from '../../shared/workspace-api';
import { CountTable, shownShare } from './complement';
import { moderationCounts } from './moderation';

/**
 * The reach dashboard: who was heard, through which route, over time. Counts are grouped in
 * SQL, then suppressed and protected together here, before they leave the server: every split
 * adds up to the total beside it, so a "<10" next to a total could be worked out by subtraction
 * without the extra figures `CountTable` withholds (see `protectReach` and `protectAboutYou`).
 */

/** An inclusive range of days, `YYYY-MM-DD`; either end may be open. */
export interface DayRange {
  from?: string;
  to?: string;
}

/** Columns of the about_you table, by question. */
export const ABOUT_YOU_COLUMNS = {
  ageBand: 'age_band',
  ethnicity: 'ethnicity',
  disability: 'disability',
  gender: 'gender',
  firstLanguage: 'first_language',
} as const satisfies Record<AboutYouQuestion, string>;

const QUESTIONS = Object.keys(ABOUT_YOU_COLUMNS) as AboutYouQuestion[];

/** Raw counts by key, as grouped in SQL: only keys with at least one contribution. */
export type RawGroups = Array<{ key: string; n: number }>;

/** The raw figures of the reach part of the dashboard (everything but "about you"). */
export interface ReachFigures {
  total: number;
  perDay: RawGroups;
  byPhase: RawGroups;
  byLanguage: RawGroups;
  /** One per route flag, 0 included; a contribution may count under several. */
  byRoute: RawGroups;
  byChannel: RawGroups;
  byEvent: RawGroups;
  byVersion: RawGroups;
  moderation: { new: number; hidden: number };
}

/** The raw "about you" figures: responses, and per question the answers given (skipped ones are not counted). */
export interface AboutYouFigures {
  total: number;
  questions: Array<{ question: AboutYouQuestion; answers: RawGroups }>;
}

function contributions(kysely: Kysely<Database>, slug: string, range: DayRange) {
  let query = kysely.selectFrom('contributions').where('engagement', '=', slug);
  // created_at is ISO 8601, so the day is its first ten characters and comparing text compares time.
  if (range.from) query = query.where('created_at', '>=', range.from);
  if (range.to) query = query.where('created_at', '<', `${range.to}T99`);
  return query;
}

type Grouped = Array<{ key: string | number | null; n: string | number | bigint }>;

const groups = (rows: Grouped): RawGroups => rows.map((r) => ({ key: r.key === null ? '' : String(r.key), n: Number(r.n) }));

/** Builds the dashboard of `slug` for a range of days. */
export async function dashboard(kysely: Kysely<Database>, slug: string, range: DayRange = {}): Promise<Dashboard> {
  return { ...protectReach(await reachFigures(kysely, slug, range)), aboutYou: await aboutYouCoverage(kysely, slug, range) };
}

async function reachFigures(kysely: Kysely<Database>, slug: string, range: DayRange): Promise<ReachFigures> {
  const base = () => contributions(kysely, slug, range);
  const day = sql<string>`substr(created_at, 1, 10)`;
  const by = async (column: 'phase' | 'locale' | 'channel' | 'version') =>
    groups((await base().select((eb) => [eb.ref(column).as('key'), eb.fn.countAll().as('n')]).groupBy(column).orderBy(column).execute()) as Grouped);
  const totals = await base()
    .select((eb) => [
      eb.fn.countAll().as('total'),
      eb.fn.sum<number>('easy_read').as('easyRead'),
      eb.fn.sum<number>('read_aloud').as('readAloud'),
      eb.fn.sum<number>('assisted').as('assisted'),
      eb.fn.sum<number>('audio').as('audio'),
      eb.fn.sum<number>(eb.fn.coalesce('interpreter', sql<number>`0`)).as('interpreter'),
    ])
    .executeTakeFirstOrThrow();
  const perDay = (await base().select((eb) => [day.as('key'), eb.fn.countAll().as('n')]).groupBy(day).orderBy(day).execute()) as Grouped;
  const events = (await base()
    .select((eb) => [eb.fn.coalesce('event', sql<string>`''`).as('key'), eb.fn.countAll().as('n')])
    .groupBy('event')
    .orderBy('event')
    .execute()) as Grouped;
  const routes = ['easyRead', 'readAloud', 'assisted', 'audio', 'interpreter'] as const;
  return {
    total: Number(totals.total),
    perDay: groups(perDay),
    byPhase: await by('phase'),
    byLanguage: await by('locale'),
    byRoute: routes.map((key) => ({ key, n: Number(totals[key] ?? 0) })),
    byChannel: await by('channel'),
    byEvent: groups(events),
    byVersion: await by('version'),
    moderation: await moderationCounts(kysely, slug),
  };
}

/**
 * Suppresses and protects the reach figures as one table. The sums a reader can use: the total
 * is the sum of the days (of the chosen range), of the phases, of the languages, of the two
 * channels, of the events (with "not at an event") and of the content versions. Route flags
 * overlap, so they add up to nothing, but each is at most the total. Where, in this data, the
 * channel and the event code agree (online = not at an event, at an event = the event codes),
 * the reader could guess that too, so it is declared. The moderation figures count answers
 * over all time, not contributions in the range, and are not part of any figure shown here.
 */
export function protectReach(raw: ReachFigures): Omit<Dashboard, 'aboutYou'> {
  const table = new CountTable();
  const total = table.cell(raw.total);
  const split = (rows: RawGroups) => {
    const cells = rows.map((r) => table.cell(r.n));
    table.sum(total, cells);
    return cells;
  };
  const perDay = split(raw.perDay);
  const byPhase = split(raw.byPhase);
  const byLanguage = split(raw.byLanguage);
  const byChannel = split(raw.byChannel);
  const byEvent = split(raw.byEvent);
  const byVersion = split(raw.byVersion);
  // Those who did not use a route are never shown, but they are 0 or more: each route is at most the total.
  const byRoute = raw.byRoute.map((r) => {
    const cell = table.cell(r.n);
    table.sum(total, [cell, table.unseen(raw.total - r.n)]);
    return cell;
  });
  const cellOf = (rows: RawGroups, cells: number[], key: string) => cells[rows.findIndex((r) => r.key === key)];
  const online = cellOf(raw.byChannel, byChannel, 'online');
  const atEvent = cellOf(raw.byChannel, byChannel, 'event');
  const noEvent = cellOf(raw.byEvent, byEvent, '');
  const coded = byEvent.filter((c) => c !== noEvent);
  const codedSum = coded.reduce((a, c) => a + table.raw(c), 0);
  if (online !== undefined && noEvent !== undefined && table.raw(online) === table.raw(noEvent)) table.sum(online, [noEvent]);
  if (atEvent !== undefined && table.raw(atEvent) === codedSum) table.sum(atEvent, coded);
  const moderationNew = table.cell(raw.moderation.new);
  const moderationHidden = table.cell(raw.moderation.hidden);
  const out = table.protect();
  const keyed = (rows: RawGroups, cells: number[]): KeyedCount[] => rows.map((r, i) => ({ key: r.key, count: out[cells[i]] }));
  return {
    total: out[total],
    perDay: keyed(raw.perDay, perDay).map(({ key, count }) => ({ day: key, count })),
    byPhase: keyed(raw.byPhase, byPhase),
    byLanguage: keyed(raw.byLanguage, byLanguage),
    byRoute: keyed(raw.byRoute, byRoute),
    byChannel: keyed(raw.byChannel, byChannel),
    byEvent: keyed(raw.byEvent, byEvent),
    byVersion: keyed(raw.byVersion, byVersion),
    moderation: { new: out[moderationNew], hidden: out[moderationHidden] },
  };
}

async function aboutYouRaw(kysely: Kysely<Database>, slug: string, range: DayRange): Promise<AboutYouFigures> {
  let base = kysely.selectFrom('about_you').where('engagement', '=', slug);
  if (range.from) base = base.where('day', '>=', range.from);
  if (range.to) base = base.where('day', '<=', range.to);
  const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const questions: AboutYouFigures['questions'] = [];
  for (const question of QUESTIONS) {
    const column = ABOUT_YOU_COLUMNS[question];
    const rows = await base
      .select((eb) => [eb.ref(column).as('key'), eb.fn.countAll().as('n')])
      .where(column, 'is not', null)
      .groupBy(column)
      .orderBy(column)
      .execute();
    questions.push({ question, answers: rows.map((r) => ({ key: String(r.key), n: Number(r.n) })) });
  }
  return { total, questions };
}

/** Protected "about you" counts of one question, with each answer's share of those who answered it. */
interface ProtectedQuestion {
  question: AboutYouQuestion;
  /** Those who answered: never sent, but what the shares are of (a number only when shares are given). */
  answered: ReportCount;
  answers: Array<{ key: string; count: ReportCount; share: number | null }>;
}

/**
 * Suppresses and protects the "about you" figures as one table (they are never linked to
 * contributions, so they share no sum with the reach figures). A person may skip any question,
 * so a question's answers add up to the people who answered it, not to the responses: that
 * number is not shown, but the shares reveal it (a count of 10 with a share of 0.909 means 11
 * answered), so it is a figure of the table, shown exactly when shares are given. It is at
 * most the responses; how many skipped (responses less those who answered) is never shown and
 * not protected: it says nothing about anyone's answers. The dashboard and the export use this
 * one function, so over the same days they give the same figures.
 */
export function protectAboutYou(raw: AboutYouFigures): { responses: ReportCount; questions: ProtectedQuestion[] } {
  const table = new CountTable();
  const responses = table.cell(raw.total);
  const questions = raw.questions.map(({ question, answers }) => {
    const cells = answers.map((a) => table.cell(a.n));
    const answeredN = answers.reduce((sum, a) => sum + a.n, 0);
    const answered = table.cell(answeredN);
    table.sum(answered, cells);
    table.sum(responses, [answered, table.unseen(raw.total - answeredN)]);
    return { question, answers, cells, answered };
  });
  const out = table.protect();
  return {
    responses: out[responses],
    questions: questions.map(({ question, answers, cells, answered }) => ({
      question,
      answered: out[answered],
      answers: answers.map((a, i) => ({ key: a.key, count: out[cells[i]], share: shownShare(out[cells[i]], out[answered]) })),
    })),
  };
}

/** "About you" answers compared with the organiser's reference shares. */
export async function aboutYouCoverage(kysely: Kysely<Database>, slug: string, range: DayRange = {}): Promise<Dashboard['aboutYou']> {
  const figures = protectAboutYou(await aboutYouRaw(kysely, slug, range));
  const reference = await readReference(kysely, slug);
  return {
    responses: figures.responses,
    questions: figures.questions.map(({ question, answered, answers }) => {
      const refs = reference[question] ?? {};
      // An answer with a reference share but no one giving it is a known 0: outside the table, it hides nothing.
      const zeros = Object.keys(refs)
        .filter((key) => !answers.some((a) => a.key === key))
        .map((key) => ({ key, count: 0, share: shownShare(0, answered) }));
      return { question, answers: [...answers, ...zeros].map((a) => ({ ...a, reference: refs[a.key] ?? null })) };
    }),
  };
}

/** The aggregate "about you" export: protected counts per question and answer, nothing else. */
export async function aboutYouCounts(kysely: Kysely<Database>, slug: string): Promise<AboutYouCounts> {
  const figures = protectAboutYou(await aboutYouRaw(kysely, slug, {}));
  return {
    engagement: slug,
    responses: figures.responses,
    questions: figures.questions.map(({ question, answers }) => ({ question, answers: answers.map((a) => ({ key: a.key, count: a.count })) })),
  };
}

/** The reference shares entered for `slug` (empty when none). */
export async function readReference(kysely: Kysely<Database>, slug: string): Promise<ReferenceShares> {
  const row = await kysely.selectFrom('reference_shares').select('shares').where('engagement', '=', slug).executeTakeFirst();
  return row ? (JSON.parse(row.shares) as ReferenceShares) : {};
}

/** Replaces the reference shares of `slug`. */
export async function saveReference(kysely: Kysely<Database>, slug: string, shares: ReferenceShares, now = new Date().toISOString()): Promise<void> {
  const json = JSON.stringify(shares);
  await kysely
    .insertInto('reference_shares')
    .values({ engagement: slug, shares: json, updated_at: now })
    .onConflict((oc) => oc.column('engagement').doUpdateSet({ shares: json, updated_at: now }))
    .execute();
}
