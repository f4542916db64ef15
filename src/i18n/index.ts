import i18next, { type TOptions } from 'i18next';
import type en from '../../locales/en/translation.json';
// English is bundled, all but the sections that only lazily loaded pages use (LAZY_SECTIONS).
import {
  app,
  audio,
  check,
  done,
  engagement,
  errors,
  footer,
  install,
  language,
  list,
  listen,
  outbox,
  pictures,
  question,
  scale,
  settings,
  status,
  update,
  vote,
} from '../../locales/en/translation.json';

/**
 * i18next set-up for the page. English is bundled with the first load because it is the
 * source of every key; other languages are separate files fetched only when chosen.
 */

type PluralSuffix = '_zero' | '_one' | '_two' | '_few' | '_many' | '_other';
type StripPlural<K extends string> = K extends `${infer Base}${PluralSuffix}` ? Base : K;
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${StripPlural<K>}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every key in the English strings, so a mistyped key fails type-checking. */
export type TranslationKey = Leaves<typeof en>;

/** Translates a key; `count` picks the plural form. */
export type Translate = (key: TranslationKey, options?: TOptions) => string;

/** The i18next instance the page uses. */
export const i18n = i18next.createInstance();

// Languages other than English load on demand, one file each, so they never cost first load.
const lazyLocales = import.meta.glob<{ default: Record<string, unknown> }>(['../../locales/*/translation.json', '!../../locales/en/translation.json']);

/**
 * The English sections the first load carries. A section left out here is missing until
 * `loadLazyStrings` runs: name it in LAZY_SECTIONS, and load it with the pages that use it.
 */
const firstLoadEnglish = { app, audio, check, done, engagement, errors, footer, install, language, list, listen, outbox, pictures, question, scale, settings, status, update, vote };

/** Names of the English sections in the first load; every other section is in LAZY_SECTIONS. */
export const FIRST_LOAD_SECTIONS = Object.keys(firstLoadEnglish);

/** English sections only lazily loaded pages use: the worker's tablet pages and the optional "about you". */
export const LAZY_SECTIONS = ['assisted', 'ready', 'ledger', 'aboutYou', 'receipt', 'findings', 'deck', 'card'] as const;

let lazyStrings: Promise<void> | undefined;

/**
 * Adds the English LAZY_SECTIONS (a copy of the strings file under its own module id, so it
 * becomes a lazy chunk of its own instead of joining the first load).
 */
export function loadLazyStrings(): Promise<void> {
  lazyStrings ??= import('../../locales/en/translation.json?lazy').then(
    (full: { default: Record<string, unknown> }) => {
      i18n.addResourceBundle('en', 'translation', full.default, true, false);
    },
    (error: unknown) => {
      lazyStrings = undefined;
      throw error;
    },
  );
  return lazyStrings;
}

/** Starts i18next with English bundled and `lng` as the language to show. */
export async function initI18n(lng = 'en'): Promise<typeof i18n> {
  if (!i18n.isInitialized) {
    await i18n.init({
      lng: 'en',
      fallbackLng: 'en',
      supportedLngs: false,
      resources: { en: { translation: firstLoadEnglish } },
      // Preact escapes text itself; escaping here would show entities on screen.
      interpolation: { escapeValue: false },
      returnNull: false,
      // Keep the console for the app's own messages.
      showSupportNotice: false,
    });
  }
  if (lng !== i18n.language) await setLanguage(lng);
  return i18n;
}

/**
 * Loads a language's strings if needed and switches to it. A language with no strings file,
 * or whose file cannot be loaded (offline before it was ever cached), leaves the page as it
 * was; returns whether the switch happened.
 */
export async function setLanguage(lng: string): Promise<boolean> {
  if (!i18n.hasResourceBundle(lng, 'translation')) {
    const load = lazyLocales[`../../locales/${lng}/translation.json`];
    if (!load) return false;
    try {
      i18n.addResourceBundle(lng, 'translation', (await load()).default);
    } catch {
      return false;
    }
  }
  await i18n.changeLanguage(lng);
  return true;
}

/** True when the page has strings for `lng` (English, or a file for it in locales/). */
export function hasStrings(lng: string): boolean {
  return lng === 'en' || lazyLocales[`../../locales/${lng}/translation.json`] !== undefined;
}

/**
 * The language with strings that best fits the browser's list (`navigator.languages`),
 * matching on the primary subtag ("pl-PL" → "pl", "zh-Hans-CN" → "zh"); English when none
 * fits. Only for the language screen of a first visit, before the person has chosen.
 */
export function bestLanguage(preferred: readonly string[]): string {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0] ?? '';
    if (hasStrings(primary)) return primary;
  }
  return 'en';
}

/** Text direction of a language, for `<html dir>`; defaults to the current language. */
export function dir(lng: string = i18n.language): 'ltr' | 'rtl' {
  return i18n.dir(lng);
}

// i18next's own overloads are typed for its global resources declaration; keys are checked by `Translate` instead.
const translate = (key: string, options?: TOptions): string => (i18n.t as (k: string, o?: TOptions) => string)(key, options);

/** Translates outside components (titles, plain functions). */
export const t: Translate = (key, options) => translate(key, options);
