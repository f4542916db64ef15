import { i18n } from '../../i18n';

/**
 * Easy-read versions of the app's own words. When easy read is on, the strings of
 * `easy-read/<lng>/translation.json` become i18next's default namespace (`easy`), built over
 * the standard strings of the same language so a key the easy-read file lacks reads as the
 * standard text of that language, never as another language. The files load lazily (they
 * are precached by the service worker like every chunk), so standard mode never pays for them.
 */

const EASY_NS = 'easy';
const STANDARD_NS = 'translation';

const lazyEasyStrings = import.meta.glob<{ default: Record<string, unknown> }>('../../../easy-read/*/translation.json');

type Strings = { [key: string]: unknown };

function merge(base: Strings, over: Strings): Strings {
  const out: Strings = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const below = out[key];
    out[key] = value && typeof value === 'object' && below && typeof below === 'object' ? merge(below as Strings, value as Strings) : value;
  }
  return out;
}

async function loadEasyStrings(lng: string): Promise<boolean> {
  if (i18n.hasResourceBundle(lng, EASY_NS)) return false;
  const load = lazyEasyStrings[`../../../easy-read/${lng}/translation.json`];
  let easy: Strings = {};
  if (load) {
    try {
      easy = (await load()).default;
    } catch {
      // Offline before the file was ever cached: the standard strings of the language stand in.
    }
  }
  const standard = (i18n.getResourceBundle(lng, STANDARD_NS) as Strings | undefined) ?? {};
  i18n.addResourceBundle(lng, EASY_NS, merge(standard, easy), true, true);
  return true;
}

let applying: Promise<void> = Promise.resolve();

/** Makes i18next's default namespace the easy-read strings of the current language, or the standard ones. */
export function applyEasyStrings(on: boolean): Promise<void> {
  applying = applying.then(async () => {
    const lng = i18n.language;
    const loaded = on ? await loadEasyStrings(lng) : false;
    const ns = on ? EASY_NS : STANDARD_NS;
    const changed = i18n.options.defaultNS !== ns;
    i18n.options.fallbackNS = [STANDARD_NS];
    i18n.setDefaultNamespace(ns);
    // Components re-render on languageChanged; the language is the same, its words are not.
    if (loaded || changed) void i18n.emit('languageChanged', lng);
  });
  return applying;
}
