import type { Kysely } from 'kysely';
import * as v from 'valibot';
import type { Database } from '../db/schema';
import type { EngagementBundle, Idea } from '../../shared/engagement';
import { FindingsPageSchema, PublishedCountSchema, type FindingsEasyTexts, type FindingsPage, type FindingsTexts, type FindingsTheme } from '../../shared/findings';
import { PictureIdSchema } from '../../shared/engagement';
import type { FindingsDraft } from '../../shared/workspace-api';
import { readDraft as readEngagementDraft } from '../engagements/versions';
import { suppress } from '../workspace/suppress';
import { quotableAnswers, storedThemes } from './themes';

/**
 * The draft of an engagement's "you said, we heard" page, and the page it makes. The draft
 * names themes and quotes by id; the page is built from the coding tables at the moment of
 * building, so a quote unmarked or hidden since it was chosen never reaches the page.
 */

/** An empty draft, for an engagement whose page nobody has started. */
export const EMPTY_DRAFT: FindingsDraft = { intro: '', next: '', translations: {}, easyRead: {}, themes: [] };

/** The saved draft and when it was saved, or the empty draft. */
export async function readFindingsDraft(kysely: Kysely<Database>, slug: string): Promise<{ draft: FindingsDraft; updatedAt: string | null }> {
  const row = await kysely.selectFrom('findings_drafts').select(['draft', 'updated_at']).where('engagement', '=', slug).executeTakeFirst();
  return row ? { draft: JSON.parse(row.draft) as FindingsDraft, updatedAt: row.updated_at } : { draft: EMPTY_DRAFT, updatedAt: null };
}

/** Replaces the draft (already validated and checked against the engagement's themes). */
export async function saveFindingsDraft(kysely: Kysely<Database>, slug: string, draft: FindingsDraft, by: string, now = new Date().toISOString()): Promise<void> {
  const json = JSON.stringify(draft);
  await kysely
    .insertInto('findings_drafts')
    .values({ engagement: slug, draft: json, updated_at: now, updated_by: by })
    .onConflict((oc) => oc.column('engagement').doUpdateSet({ draft: json, updated_at: now, updated_by: by }))
    .execute();
}

/** The bundle the page takes its title and languages from: the published one, else the draft. */
export async function engagementOf(kysely: Kysely<Database>, slug: string): Promise<EngagementBundle | null> {
  const published = await kysely.selectFrom('engagements').select('bundle').where('slug', '=', slug).executeTakeFirst();
  if (published) return JSON.parse(published.bundle) as EngagementBundle;
  return (await readEngagementDraft(kysely, slug))?.bundle ?? null;
}

/**
 * Problems that stop a draft from being saved: themes that are not the engagement's, and
 * quotes that may not be quoted for their theme. Empty when the draft may be saved.
 */
export async function draftProblems(kysely: Kysely<Database>, slug: string, draft: FindingsDraft): Promise<string[]> {
  const [themes, quotable] = await Promise.all([storedThemes(kysely, slug), quotableAnswers(kysely, slug)]);
  const known = new Set(themes.map((theme) => theme.id));
  const problems: string[] = [];
  const seen = new Set<string>();
  draft.themes.forEach((chosen, i) => {
    if (!known.has(chosen.id)) problems.push(`themes.${i}.id: no theme '${chosen.id}' in '${slug}'`);
    if (seen.has(chosen.id)) problems.push(`themes.${i}.id: theme '${chosen.id}' is chosen twice`);
    seen.add(chosen.id);
    const allowed = quotable.get(chosen.id) ?? [];
    chosen.quotes.forEach((quote, j) => {
      if (!allowed.some((a) => a.contribution === quote.contribution && a.position === quote.position)) {
        problems.push(`themes.${i}.quotes.${j}: answer ${quote.contribution}#${quote.position} is not a publishable, visible answer coded to this theme`);
      }
    });
  });
  return problems;
}

/** A page built from a draft, or what is missing before it can be published. */
export type BuiltPage = { ok: true; page: FindingsPage } | { ok: false; problems: string[] };

const nonEmpty = (text: string | undefined): string | undefined => (text && text.trim() ? text.trim() : undefined);
const ideas = (list: Idea[] | undefined): Idea[] | undefined => (list && list.length > 0 ? list : undefined);
const picture = (id: string | null | undefined): string | undefined => (id && v.is(PictureIdSchema, id) ? id : undefined);

// Leaves out keys whose value is undefined, so the stored JSON and its ETag stay the same for the same content.
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/** Builds the page `draft` makes now, as version `version` published at `publishedAt`. */
export async function buildPage(kysely: Kysely<Database>, slug: string, draft: FindingsDraft, version: number, publishedAt: string): Promise<BuiltPage> {
  const bundle = await engagementOf(kysely, slug);
  if (!bundle) return { ok: false, problems: [`no engagement '${slug}'`] };
  const [themes, quotable] = await Promise.all([storedThemes(kysely, slug), quotableAnswers(kysely, slug)]);
  const problems: string[] = [];
  const intro = nonEmpty(draft.intro);
  const next = nonEmpty(draft.next);
  if (!intro) problems.push('intro: write what the page is about');
  if (!next) problems.push('next: write what happens next');
  if (draft.themes.length === 0) problems.push('themes: choose at least one theme');
  const byId = new Map(themes.map((theme) => [theme.id, theme]));
  const languages = bundle.languages;
  const source = languages[0] ?? 'en';

  const pageThemes: FindingsTheme[] = [];
  for (const chosen of draft.themes) {
    const theme = byId.get(chosen.id);
    if (!theme) {
      problems.push(`themes: a chosen theme ('${chosen.id}') no longer exists; save the page again`);
      continue;
    }
    const allowed = quotable.get(theme.id) ?? [];
    const quotes = chosen.quotes
      .map((ref) => allowed.find((a) => a.contribution === ref.contribution && a.position === ref.position))
      .filter((quote) => quote !== undefined)
      .map((quote) => ({ text: quote.text.slice(0, 1000), locale: quote.locale }));
    const count = suppress(theme.coded);
    pageThemes.push({
      id: theme.id,
      name: theme.name,
      ...compact({ summary: nonEmpty(theme.summary ?? undefined), picture: picture(theme.picture) }),
      count: v.is(PublishedCountSchema, count) ? count : '<10',
      names: Object.fromEntries(
        languages
          .filter((lng) => lng !== source && nonEmpty(theme.names[lng]?.name))
          .map((lng) => [lng, compact({ name: nonEmpty(theme.names[lng]?.name), summary: nonEmpty(theme.names[lng]?.summary) })]),
      ),
      easyRead: Object.fromEntries(
        languages
          .filter((lng) => theme.easyRead[lng] && (nonEmpty(theme.easyRead[lng]?.name) || picture(theme.easyRead[lng]?.picture)))
          .map((lng) => [lng, compact({ name: nonEmpty(theme.easyRead[lng]?.name), summary: nonEmpty(theme.easyRead[lng]?.summary), picture: picture(theme.easyRead[lng]?.picture) })]),
      ),
      quotes,
    });
  }
  if (problems.length > 0 || !intro || !next) return { ok: false, problems };

  const translations: Record<string, FindingsTexts> = {};
  const easyRead: Record<string, FindingsEasyTexts> = {};
  for (const lng of languages) {
    const texts = compact({
      title: lng === source ? undefined : nonEmpty(bundle.translations[lng]?.title),
      intro: lng === source ? undefined : nonEmpty(draft.translations[lng]?.intro),
      next: lng === source ? undefined : nonEmpty(draft.translations[lng]?.next),
    });
    if (Object.keys(texts).length > 0) translations[lng] = texts;
    const easy = compact({ title: nonEmpty(bundle.easyRead[lng]?.title), intro: ideas(draft.easyRead[lng]?.intro), next: ideas(draft.easyRead[lng]?.next) });
    if (Object.keys(easy).length > 0) easyRead[lng] = easy;
  }
  const page: FindingsPage = { engagement: slug, version, publishedAt, languages, title: bundle.title, intro, next, translations, easyRead, themes: pageThemes };
  // The same schema devices check it with: nothing a device would refuse is ever published.
  const checked = v.safeParse(FindingsPageSchema, page);
  if (!checked.success) return { ok: false, problems: checked.issues.slice(0, 3).map((issue) => `${v.getDotPath(issue) ?? 'page'}: ${issue.message}`) };
  return { ok: true, page };
}
