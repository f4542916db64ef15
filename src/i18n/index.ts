import i18next, { type TOptions } from 'i18next';
import en from '../../locales/en/translation.json';

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

/** Starts i18next with English bundled and `lng` as the language to show. */
export async function initI18n(lng = 'en'): Promise<typeof i18n> {
  if (!i18n.isInitialized) {
    await i18n.init({
      lng: 'en',
      fallbackLng: 'en',
      supportedLngs: false,
      resources: { en: { translation: en } },
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

/** Loads a language's strings if needed and switches to it; unknown languages stay on English. */
export async function setLanguage(lng: string): Promise<void> {
  if (!i18n.hasResourceBundle(lng, 'translation')) {
    const load = lazyLocales[`../../locales/${lng}/translation.json`];
    if (!load) return;
    i18n.addResourceBundle(lng, 'translation', (await load()).default);
  }
  await i18n.changeLanguage(lng);
}

/** Text direction of a language, for `<html dir>`; defaults to the current language. */
export function dir(lng: string = i18n.language): 'ltr' | 'rtl' {
  return i18n.dir(lng);
}

// i18next's own overloads are typed for its global resources declaration; keys are checked by `Translate` instead.
const translate = (key: string, options?: TOptions): string => (i18n.t as (k: string, o?: TOptions) => string)(key, options);

/** Translates outside components (titles, plain functions). */
export const t: Translate = (key, options) => translate(key, options);
