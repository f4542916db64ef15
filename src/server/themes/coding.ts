import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { CodingItem, CodingPage, CodingQuery } from '../../shared/workspace-api';
import { receiptCode } from '../../shared/receipt-code';
import { bundleForVersion } from '../engagements/versions';

/**
 * Theme coding: which themes each contribution is coded to, and which free-text answers may be
 * published as quotes. Themes belong to the whole contribution (a receipt code names one
 * contribution); the publishable mark belongs to one answer. A hidden answer (moderation) may
 * be coded but is never a quote: the mark is refused, and readers of quotes leave hidden ones out.
 */

const PAGE_SIZE = 50;

/** Something refused because of the state it is in (e.g. publishing a hidden answer). */
export class CodingConflict extends Error {}
/** A contribution, answer or theme that `slug` does not have. */
export class CodingNotFound extends Error {}
/** Input naming things that do not belong together (e.g. a theme of another engagement). */
export class CodingInvalid extends Error {}

// Free-text answers of an engagement; audio answers have no text to code here.
function textAnswers(kysely: Kysely<Database>, slug: string) {
  return kysely
    .selectFrom('answers')
    .innerJoin('contributions', 'contributions.seq', 'answers.contribution_seq')
    .leftJoin('answer_moderation', (join) =>
      join.onRef('answer_moderation.contribution_id', '=', 'contributions.id').onRef('answer_moderation.position', '=', 'answers.position'),
    )
    .where('contributions.engagement', '=', slug)
    .where('answers.kind', '=', 'text');
}

type Filtered = ReturnType<typeof textAnswers>;

function filtered(kysely: Kysely<Database>, slug: string, query: Pick<CodingQuery, 'phase' | 'prompt'>): Filtered {
  let q = textAnswers(kysely, slug);
  if (query.phase) q = q.where('contributions.phase', '=', query.phase);
  if (query.prompt) q = q.where('answers.prompt', '=', query.prompt);
  return q;
}

function untagged(q: Filtered): Filtered {
  return q.where(({ not, exists, selectFrom }) =>
    not(exists(selectFrom('contribution_themes').select('contribution_themes.theme_id').whereRef('contribution_themes.contribution_id', '=', 'contributions.id'))),
  );
}

function codedTo(q: Filtered, themeId: string): Filtered {
  return q.where(({ exists, selectFrom }) =>
    exists(
      selectFrom('contribution_themes')
        .select('contribution_themes.theme_id')
        .whereRef('contribution_themes.contribution_id', '=', 'contributions.id')
        .where('contribution_themes.theme_id', '=', themeId),
    ),
  );
}

async function countOf(q: Filtered): Promise<number> {
  const row = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Questions as participants saw them, by `version|phase|prompt`, for the versions given. */
async function promptTexts(kysely: Kysely<Database>, slug: string, versions: Iterable<number>): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const version of new Set(versions)) {
    const bundle = await bundleForVersion(kysely, slug, version);
    for (const phase of bundle?.phases ?? []) for (const prompt of phase.prompts) texts.set(`${version}|${phase.id}|${prompt.id}`, prompt.text);
  }
  return texts;
}

/** Theme ids per contribution, for the contributions given. */
export async function themesOf(kysely: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await kysely
      .selectFrom('contribution_themes')
      .innerJoin('themes', 'themes.id', 'contribution_themes.theme_id')
      .select(['contribution_themes.contribution_id', 'contribution_themes.theme_id'])
      .where('contribution_themes.contribution_id', 'in', ids.slice(start, start + 500))
      .orderBy('themes.position')
      .execute();
    for (const r of rows) out.set(r.contribution_id, [...(out.get(r.contribution_id) ?? []), r.theme_id]);
  }
  return out;
}

/** One page of the coding list: oldest first, filtered to untagged answers, one theme's, or all. */
export async function codingPage(kysely: Kysely<Database>, slug: string, query: CodingQuery): Promise<CodingPage> {
  let q = filtered(kysely, slug, query);
  if (query.filter === 'untagged') q = untagged(q);
  if (query.filter === 'theme') q = codedTo(q, query.theme ?? '');
  const offset = query.offset;
  const rows = await q
    .leftJoin('quotes', (join) => join.onRef('quotes.contribution_id', '=', 'contributions.id').onRef('quotes.position', '=', 'answers.position'))
    .select([
      'contributions.id as contribution_id', 'answers.position', 'answers.prompt', 'answers.value',
      'contributions.phase', 'contributions.version', 'contributions.locale', 'contributions.easy_read', 'contributions.read_aloud',
      'contributions.assisted', 'contributions.audio', 'contributions.event', 'answer_moderation.status', 'quotes.publishable',
    ])
    .orderBy('contributions.received_at')
    .orderBy('contributions.created_at')
    .orderBy('contributions.id')
    .orderBy('answers.position')
    .limit(PAGE_SIZE + 1)
    .offset(offset)
    .execute();
  const page = rows.slice(0, PAGE_SIZE);
  const texts = await promptTexts(kysely, slug, page.flatMap((r) => (r.version === null ? [] : [Number(r.version)])));
  const themes = await themesOf(kysely, [...new Set(page.map((r) => r.contribution_id))]);
  const items: CodingItem[] = page.map((r) => ({
    contributionId: r.contribution_id,
    position: Number(r.position),
    phase: r.phase,
    prompt: r.prompt,
    promptText: texts.get(`${r.version}|${r.phase}|${r.prompt}`) ?? null,
    text: r.value,
    locale: r.locale,
    route: { easyRead: Number(r.easy_read) === 1, readAloud: Number(r.read_aloud) === 1, assisted: Number(r.assisted) === 1, audio: Number(r.audio) === 1 },
    event: r.event,
    hidden: r.status === 'hidden',
    themes: themes.get(r.contribution_id) ?? [],
    publishable: Number(r.publishable ?? 0) === 1,
  }));
  const base = filtered(kysely, slug, query);
  const counts = { all: await countOf(base), untagged: await countOf(untagged(filtered(kysely, slug, query))) };
  const total = query.filter === 'all' ? counts.all : query.filter === 'untagged' ? counts.untagged : await countOf(codedTo(filtered(kysely, slug, query), query.theme ?? ''));
  return { items, total, offset, next: rows.length > PAGE_SIZE ? offset + PAGE_SIZE : null, counts, questions: await questionsOf(kysely, slug) };
}

// The questions an engagement's free-text answers answer, in phase and prompt order, each worded as in the newest version that has answers to it.
async function questionsOf(kysely: Kysely<Database>, slug: string): Promise<CodingPage['questions']> {
  const rows = await textAnswers(kysely, slug)
    .select((eb) => ['contributions.phase', 'answers.prompt', eb.fn.max('contributions.version').as('version'), eb.fn.countAll().as('n')])
    .groupBy(['contributions.phase', 'answers.prompt'])
    .orderBy('contributions.phase')
    .orderBy('answers.prompt')
    .execute();
  const texts = await promptTexts(kysely, slug, rows.flatMap((r) => (r.version === null ? [] : [Number(r.version)])));
  return rows.map((r) => ({ phase: r.phase, prompt: r.prompt, text: texts.get(`${r.version}|${r.phase}|${r.prompt}`) ?? null, count: Number(r.n) }));
}

async function assertContributions(kysely: Kysely<Database>, slug: string, ids: readonly string[]): Promise<void> {
  const wanted = [...new Set(ids)];
  for (let start = 0; start < wanted.length; start += 500) {
    const chunk = wanted.slice(start, start + 500);
    const found = await kysely.selectFrom('contributions').select('id').where('engagement', '=', slug).where('id', 'in', chunk).execute();
    if (found.length !== chunk.length) {
      const have = new Set(found.map((f) => f.id));
      throw new CodingNotFound(`no contribution ${chunk.find((id) => !have.has(id))} in '${slug}'`);
    }
  }
}

async function assertThemes(kysely: Kysely<Database>, slug: string, themeIds: readonly string[]): Promise<void> {
  if (themeIds.length === 0) return;
  const found = await kysely.selectFrom('themes').select('id').where('engagement', '=', slug).where('id', 'in', [...themeIds]).execute();
  const have = new Set(found.map((f) => f.id));
  const missing = themeIds.find((id) => !have.has(id));
  if (missing !== undefined) throw new CodingInvalid(`themes: no theme '${missing}' in '${slug}'`);
}

/**
 * Makes `themeIds` the themes of one contribution: coding rows for themes no longer named go,
 * new ones come with the contribution's receipt code. Returns the themes it is now coded to.
 */
export async function setContributionThemes(kysely: Kysely<Database>, slug: string, contributionId: string, themeIds: readonly string[], now = new Date().toISOString()): Promise<string[]> {
  await assertContributions(kysely, slug, [contributionId]);
  const wanted = [...new Set(themeIds)];
  await assertThemes(kysely, slug, wanted);
  const code = await receiptCode(contributionId);
  await kysely.transaction().execute(async (trx) => {
    let drop = trx.deleteFrom('contribution_themes').where('contribution_id', '=', contributionId);
    if (wanted.length > 0) drop = drop.where('theme_id', 'not in', wanted);
    await drop.execute();
    if (wanted.length > 0) {
      await trx
        .insertInto('contribution_themes')
        .values(wanted.map((theme_id) => ({ contribution_id: contributionId, theme_id, receipt_code: code, coded_at: now })))
        .onConflict((oc) => oc.columns(['contribution_id', 'theme_id']).doNothing())
        .execute();
    }
  });
  return (await themesOf(kysely, [contributionId])).get(contributionId) ?? [];
}

/** Codes each of `contributionIds` to one more theme (keeping their other themes). */
export async function addToTheme(kysely: Kysely<Database>, slug: string, themeId: string, contributionIds: readonly string[], now = new Date().toISOString()): Promise<void> {
  const ids = [...new Set(contributionIds)];
  await assertContributions(kysely, slug, ids);
  await assertThemes(kysely, slug, [themeId]);
  const rows = await Promise.all(ids.map(async (id) => ({ contribution_id: id, theme_id: themeId, receipt_code: await receiptCode(id), coded_at: now })));
  for (let start = 0; start < rows.length; start += 200) {
    await kysely
      .insertInto('contribution_themes')
      .values(rows.slice(start, start + 200))
      .onConflict((oc) => oc.columns(['contribution_id', 'theme_id']).doNothing())
      .execute();
  }
}

/** Marks one free-text answer as a publishable quote or not; a hidden answer cannot be one. */
export async function markQuote(kysely: Kysely<Database>, slug: string, contributionId: string, position: number, publishable: boolean, now = new Date().toISOString()): Promise<boolean> {
  const answer = await textAnswers(kysely, slug)
    .select(['answer_moderation.status'])
    .where('contributions.id', '=', contributionId)
    .where('answers.position', '=', position)
    .executeTakeFirst();
  if (!answer) throw new CodingNotFound(`no free-text answer ${position} in contribution ${contributionId} of '${slug}'`);
  if (publishable && answer.status === 'hidden') {
    throw new CodingConflict('this answer is hidden by moderation, so it cannot be a publishable quote; show it again in moderation first');
  }
  const flag = publishable ? 1 : 0;
  await kysely
    .insertInto('quotes')
    .values({ contribution_id: contributionId, position, publishable: flag, marked_at: now })
    .onConflict((oc) => oc.columns(['contribution_id', 'position']).doUpdateSet({ publishable: flag, marked_at: now }))
    .execute();
  return publishable;
}

/** Most answers the suggestion aid looks at in one go. */
export const SUGGESTION_CAP = 5000;

/** Untagged, visible, non-blank free-text answers (oldest first, at most SUGGESTION_CAP + 1). */
export async function suggestionInput(kysely: Kysely<Database>, slug: string, query: { phase?: string; prompt?: string }) {
  const rows = await untagged(filtered(kysely, slug, query))
    .where((eb) => eb.or([eb('answer_moderation.status', 'is', null), eb('answer_moderation.status', '!=', 'hidden')]))
    .where('answers.value', '!=', '')
    .select(['contributions.id as contribution_id', 'answers.position', 'answers.value', 'contributions.locale'])
    .orderBy('contributions.received_at')
    .orderBy('contributions.id')
    .orderBy('answers.position')
    .limit(SUGGESTION_CAP + 1)
    .execute();
  return rows
    .filter((r) => r.value.trim() !== '')
    .map((r) => ({ contributionId: r.contribution_id, position: Number(r.position), text: r.value, locale: r.locale }));
}

/**
 * Up to `limit` quotes for one theme: answers marked publishable, not hidden, of contributions
 * coded to it, in the order they were marked.
 */
export async function publishableQuotes(kysely: Kysely<Database>, slug: string, themeId: string, limit: number): Promise<Array<{ text: string; locale: string }>> {
  const rows = await textAnswers(kysely, slug)
    .innerJoin('quotes', (join) => join.onRef('quotes.contribution_id', '=', 'contributions.id').onRef('quotes.position', '=', 'answers.position'))
    .innerJoin('contribution_themes', 'contribution_themes.contribution_id', 'contributions.id')
    .where('contribution_themes.theme_id', '=', themeId)
    .where('quotes.publishable', '=', 1)
    .where((eb) => eb.or([eb('answer_moderation.status', 'is', null), eb('answer_moderation.status', '!=', 'hidden')]))
    .select(['answers.value', 'contributions.locale'])
    .orderBy('quotes.marked_at')
    .orderBy('contributions.id')
    .orderBy('answers.position')
    .limit(limit)
    .execute();
  return rows.filter((r) => r.value.trim() !== '').map((r) => ({ text: r.value.trim(), locale: r.locale }));
}
