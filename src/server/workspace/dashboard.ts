import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { AboutYouQuestion } from '../../shared/engagement';
import type { AboutYouCounts, Dashboard, KeyedCount, ReferenceShares } from '../../shared/workspace-api';
import { moderationCounts } from './moderation';
import { shareOf, suppress } from './suppress';

/**
 * The reach dashboard: who was heard, through which route, over time. Every count is
 * suppressed here, before it leaves the server (see `suppress`).
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

function contributions(kysely: Kysely<Database>, slug: string, range: DayRange) {
  let query = kysely.selectFrom('contributions').where('engagement', '=', slug);
  // created_at is ISO 8601, so the day is its first ten characters and comparing text compares time.
  if (range.from) query = query.where('created_at', '>=', range.from);
  if (range.to) query = query.where('created_at', '<', `${range.to}T99`);
  return query;
}

type Grouped = Array<{ key: string | number | null; n: string | number | bigint }>;

function keyed(rows: Grouped): KeyedCount[] {
  return rows.map((r) => ({ key: r.key === null ? '' : String(r.key), count: suppress(Number(r.n)) }));
}

/** Builds the dashboard of `slug` for a range of days. */
export async function dashboard(kysely: Kysely<Database>, slug: string, range: DayRange = {}): Promise<Dashboard> {
  const base = () => contributions(kysely, slug, range);
  const day = sql<string>`substr(created_at, 1, 10)`;
  const by = (column: 'phase' | 'locale' | 'channel' | 'version') =>
    base().select((eb) => [eb.ref(column).as('key'), eb.fn.countAll().as('n')]).groupBy(column).orderBy(column).execute() as Promise<Grouped>;
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
  const moderation = await moderationCounts(kysely, slug);
  const routes = ['easyRead', 'readAloud', 'assisted', 'audio', 'interpreter'] as const;
  return {
    total: suppress(Number(totals.total)),
    perDay: keyed(perDay).map(({ key, count }) => ({ day: key, count })),
    byPhase: keyed(await by('phase')),
    byLanguage: keyed(await by('locale')),
    byRoute: routes.map((key) => ({ key, count: suppress(Number(totals[key] ?? 0)) })),
    byChannel: keyed(await by('channel')),
    byEvent: keyed(events),
    byVersion: keyed(await by('version')),
    moderation: { new: suppress(moderation.new), hidden: suppress(moderation.hidden) },
    aboutYou: await aboutYouCoverage(kysely, slug, range),
  };
}

async function aboutYouRaw(kysely: Kysely<Database>, slug: string, range: DayRange) {
  let base = kysely.selectFrom('about_you').where('engagement', '=', slug);
  if (range.from) base = base.where('day', '>=', range.from);
  if (range.to) base = base.where('day', '<=', range.to);
  const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const questions: Array<{ question: AboutYouQuestion; answers: Array<{ key: string; n: number }> }> = [];
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

/** "About you" answers compared with the organiser's reference shares. */
export async function aboutYouCoverage(kysely: Kysely<Database>, slug: string, range: DayRange = {}): Promise<Dashboard['aboutYou']> {
  const raw = await aboutYouRaw(kysely, slug, range);
  const reference = await readReference(kysely, slug);
  return {
    responses: suppress(raw.total),
    questions: raw.questions.map(({ question, answers }) => {
      const answered = answers.reduce((sum, a) => sum + a.n, 0);
      const refs = reference[question] ?? {};
      const keys = [...new Set([...answers.map((a) => a.key), ...Object.keys(refs)])];
      return {
        question,
        answers: keys.map((key) => {
          const n = answers.find((a) => a.key === key)?.n ?? 0;
          return { key, count: suppress(n), share: shareOf(n, answered), reference: refs[key] ?? null };
        }),
      };
    }),
  };
}

/** The aggregate "about you" export: suppressed counts per question and answer, nothing else. */
export async function aboutYouCounts(kysely: Kysely<Database>, slug: string): Promise<AboutYouCounts> {
  const raw = await aboutYouRaw(kysely, slug, {});
  return {
    engagement: slug,
    responses: suppress(raw.total),
    questions: raw.questions.map(({ question, answers }) => ({ question, answers: answers.map((a) => ({ key: a.key, count: suppress(a.n) })) })),
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
