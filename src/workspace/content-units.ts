import type { EngagementBundle, Idea } from '../shared/engagement';

/**
 * Every piece of engagement text a language (or its easy-read version) should cover, with
 * where it lives in the overlays, so the language screen, the completeness view and saving
 * all walk the same list.
 */

/** One text of the source: its path in an overlay and whether easy read writes it as ideas. */
export interface ContentUnit {
  /** Path in an overlay, e.g. `["phases", "conversation", "prompts", "q1", "text"]`. */
  path: string[];
  /** A stable id for fields: the path joined with dashes. */
  id: string;
  /** The source (English) text. */
  source: string;
  /** Intros and hints are lists of ideas (a picture each) in easy read. */
  ideas: boolean;
  /** What the text is, for labels: title, intro, phase, question, hint or choice. */
  role: 'title' | 'intro' | 'phaseTitle' | 'phaseIntro' | 'prompt' | 'hint' | 'choice';
}

const unit = (path: string[], source: string, role: ContentUnit['role'], ideas = false): ContentUnit => ({
  path,
  id: `unit-${path.join('-')}`,
  source,
  ideas,
  role,
});

/** The texts of a bundle in reading order. */
export function contentUnits(bundle: EngagementBundle): ContentUnit[] {
  const units = [unit(['title'], bundle.title, 'title'), unit(['intro'], bundle.intro, 'intro', true)];
  for (const phase of bundle.phases) {
    const base = ['phases', phase.id];
    units.push(unit([...base, 'title'], phase.title, 'phaseTitle'), unit([...base, 'intro'], phase.intro, 'phaseIntro', true));
    for (const prompt of phase.prompts) {
      const at = [...base, 'prompts', prompt.id];
      units.push(unit([...at, 'text'], prompt.text, 'prompt'));
      if (prompt.hint) units.push(unit([...at, 'hint'], prompt.hint, 'hint', true));
      if (prompt.kind === 'choice') prompt.choices.forEach((choice) => units.push(unit([...at, 'choices', choice.id], choice.label, 'choice')));
    }
  }
  return units;
}

/** What an overlay holds at a path: text, a list of ideas, or nothing. */
export function readAt(overlay: unknown, path: string[]): string | Idea[] | undefined {
  let node: unknown = overlay;
  for (const key of path) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'string' || Array.isArray(node) ? (node as string | Idea[]) : undefined;
}

/** Writes (or, for `undefined`, removes) a value at a path, dropping objects left empty. */
export function writeAt(overlay: Record<string, unknown>, path: string[], value: string | Idea[] | undefined): void {
  const [key, ...rest] = path;
  if (key === undefined) return;
  if (rest.length === 0) {
    if (value === undefined) delete overlay[key];
    else overlay[key] = value;
    return;
  }
  const child = (overlay[key] && typeof overlay[key] === 'object' ? overlay[key] : {}) as Record<string, unknown>;
  writeAt(child, rest, value);
  if (Object.keys(child).length === 0) delete overlay[key];
  else overlay[key] = child;
}

/** How much of one language is there: translated texts and easy-read texts, each of a total. */
export interface Completeness {
  lng: string;
  translated: number;
  translatable: number;
  easyRead: number;
  easyReadTotal: number;
  /** Both together, 0–100, rounded down so 100 means nothing is missing. */
  percent: number;
}

const has = (value: string | Idea[] | undefined) => (Array.isArray(value) ? value.length > 0 : Boolean(value?.trim()));

/** Completeness of one language; the source language needs no translation, only easy read. */
export function completeness(bundle: EngagementBundle, lng: string): Completeness {
  const units = contentUnits(bundle);
  const source = bundle.languages[0] ?? 'en';
  const translatable = lng === source ? 0 : units.length;
  const translated = lng === source ? 0 : units.filter((u) => has(readAt(bundle.translations[lng], u.path))).length;
  const easyRead = units.filter((u) => has(readAt(bundle.easyRead[lng], u.path))).length;
  const total = translatable + units.length;
  const percent = total === 0 ? 100 : Math.floor(((translated + easyRead) / total) * 100);
  return { lng, translated, translatable, easyRead, easyReadTotal: units.length, percent };
}
