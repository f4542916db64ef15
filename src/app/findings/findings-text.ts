import type { Idea } from '../../shared';
import type { FindingsPage, FindingsTheme } from '../../shared/findings';
import type { ContentOptions } from '../content';

/**
 * The page's texts in the person's language and mode, taken like the engagement's own
 * (content.ts): easy read in the language → the language → easy read in the source language →
 * the source text. Each text says which language it is in, so the page can mark it with `lang`
 * when it falls back; lists of ideas (text with pictures) are used only in the chosen
 * language, so a picture never sits beside words in another language.
 */

/** A text and the language it is written in. */
export interface Shown {
  text: string;
  lang: string;
}

/** A block of the page: easy-read ideas when there are some, else a text. */
export interface ShownBlock {
  ideas?: Idea[];
  text: Shown;
}

const joinIdeas = (ideas: Idea[] | undefined): string | undefined => (ideas && ideas.length > 0 ? ideas.map((idea) => idea.text).join(' ') : undefined);

function pick(candidates: Array<[string | undefined, string]>, fallback: Shown): Shown {
  for (const [text, lang] of candidates) if (text) return { text, lang };
  return fallback;
}

/** The source language: the first of the engagement's languages. */
export const sourceOf = (page: FindingsPage): string => page.languages[0] ?? 'en';

/** The page's title (the engagement's name). */
export function pageTitle(page: FindingsPage, { language, easyRead }: ContentOptions): Shown {
  const source = sourceOf(page);
  return pick(
    [
      [easyRead ? page.easyRead[language]?.title : undefined, language],
      [language === source ? undefined : page.translations[language]?.title, language],
      [easyRead ? page.easyRead[source]?.title : undefined, source],
    ],
    { text: page.title, lang: source },
  );
}

/** The intro or "what happens next". */
export function pageBlock(page: FindingsPage, key: 'intro' | 'next', { language, easyRead }: ContentOptions): ShownBlock {
  const source = sourceOf(page);
  const ideas = easyRead ? page.easyRead[language]?.[key] : undefined;
  const text = pick(
    [
      [joinIdeas(ideas), language],
      [language === source ? undefined : page.translations[language]?.[key], language],
      [easyRead ? joinIdeas(page.easyRead[source]?.[key]) : undefined, source],
    ],
    { text: page[key], lang: source },
  );
  return ideas && ideas.length > 0 ? { ideas, text } : { text };
}

/** A theme's name, summary and (in easy read) picture. */
export function themeText(theme: FindingsTheme, page: FindingsPage, { language, easyRead }: ContentOptions): { name: Shown; summary?: Shown; picture?: string } {
  const source = sourceOf(page);
  const easyHere = easyRead ? theme.easyRead[language] : undefined;
  const easySource = easyRead ? theme.easyRead[source] : undefined;
  const named = language === source ? undefined : theme.names[language];
  const name = pick(
    [
      [easyHere?.name, language],
      [named?.name, language],
      [easySource?.name, source],
    ],
    { text: theme.name, lang: source },
  );
  const summary = pick(
    [
      [easyHere?.summary, language],
      [named?.summary, language],
      [easySource?.summary, source],
      [theme.summary, source],
    ],
    { text: '', lang: source },
  );
  const picture = easyRead ? (easyHere?.picture ?? easySource?.picture ?? theme.picture) : undefined;
  return { name, ...(summary.text ? { summary } : {}), ...(picture ? { picture } : {}) };
}
