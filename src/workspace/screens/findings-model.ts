import { MAX_THEME_QUOTES } from '../../shared/findings';
import type { FindingsDraft, FindingsWorkspace } from '../../shared/workspace-api';
import type { FieldError } from '../components/Fields';
import { w } from '../i18n';
import { ideasToText, textToIdeas } from '../ideas';
import { languageName } from './Languages';

/**
 * The "you said, we heard" form as organisers edit it, and the draft it makes: easy-read texts
 * are typed as lines of "picture code, then words" and checked here before anything is sent.
 */

/** Intro and "what happens next" of one language, as typed. */
export type Texts = { intro: string; next: string };

/** The form: texts as typed (easy read as "picture code, then words" lines), the chosen themes and quotes. */
export interface Model {
  intro: string;
  next: string;
  translations: Record<string, Texts>;
  easyRead: Record<string, Texts>;
  themes: Map<string, Set<string>>;
}

/** One key per answer, for sets of chosen quotes. */
export const quoteKey = (q: { contribution: string; position: number }) => `${q.contribution}#${q.position}`;

/** The form filled from the saved draft. */
export function toModel(view: FindingsWorkspace): Model {
  const { draft } = view;
  return {
    intro: draft.intro,
    next: draft.next,
    translations: Object.fromEntries(view.languages.slice(1).map((lng) => [lng, { intro: draft.translations[lng]?.intro ?? '', next: draft.translations[lng]?.next ?? '' }])),
    easyRead: Object.fromEntries(view.languages.map((lng) => [lng, { intro: ideasToText(draft.easyRead[lng]?.intro), next: ideasToText(draft.easyRead[lng]?.next) }])),
    themes: new Map(draft.themes.map((t) => [t.id, new Set(t.quotes.map(quoteKey))])),
  };
}

/** The draft the form makes, or the fields to fix. */
export function toDraft(model: Model, view: FindingsWorkspace): { ok: true; draft: FindingsDraft } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const easyRead: FindingsDraft['easyRead'] = {};
  for (const lng of view.languages) {
    const entry: FindingsDraft['easyRead'][string] = {};
    for (const key of ['intro', 'next'] as const) {
      const text = model.easyRead[lng]?.[key] ?? '';
      if (!text.trim()) continue;
      const parsed = textToIdeas(text);
      const what = w('findings.easyReadOf', { language: languageName(lng), what: w(key === 'intro' ? 'findings.introLabel' : 'findings.nextLabel') });
      if (!parsed.ok) errors.push({ field: `findings-easy-${lng}-${key}`, message: w('language.ideaNeedsPicture', { what, line: parsed.line }) });
      else if (parsed.ideas.length > 0) entry[key] = parsed.ideas;
    }
    if (entry.intro || entry.next) easyRead[lng] = entry;
  }
  const themes: FindingsDraft['themes'] = [];
  view.themes.forEach((theme, i) => {
    const chosen = model.themes.get(theme.id);
    if (!chosen) return;
    const quotes = theme.quotes.filter((q) => chosen.has(quoteKey(q))).map((q) => ({ contribution: q.contribution, position: q.position }));
    if (quotes.length > MAX_THEME_QUOTES) errors.push({ field: `findings-theme-${i}`, message: w('findings.tooManyQuotes', { name: theme.name, max: MAX_THEME_QUOTES }) });
    themes.push({ id: theme.id, quotes: quotes.slice(0, MAX_THEME_QUOTES) });
  });
  if (errors.length > 0) return { ok: false, errors };
  const translations = Object.fromEntries(
    Object.entries(model.translations)
      .filter(([, t]) => t.intro.trim() || t.next.trim())
      .map(([lng, t]) => [lng, { intro: t.intro, next: t.next }]),
  );
  return { ok: true, draft: { intro: model.intro, next: model.next, translations, easyRead, themes } };
}
