import { i18n } from '../../i18n';
import { getPreferences, onPreferencesChange } from '../preferences';

/**
 * Switches the page in and out of easy read: a class on `<html>` for the easy-read
 * stylesheet, and the easy-read strings (easy-strings.ts), which load only once easy read is
 * first turned on so standard mode never pays for them.
 */

/** Class on `<html>` while easy read is on. */
export const EASY_READ_CLASS = 'app-easy-read';

let strings: Promise<typeof import('./easy-strings')> | undefined;
const loadStrings = () => (strings ??= import('./easy-strings'));

/** Applies easy read on or off to the document and the app's strings. */
export async function applyEasyRead(on: boolean, root: HTMLElement = document.documentElement): Promise<void> {
  root.classList.toggle(EASY_READ_CLASS, on);
  if (!on && !strings) return;
  try {
    await (await loadStrings()).applyEasyStrings(on);
  } catch {
    // Offline before the easy-read code was ever cached: pictures and layout still apply.
    strings = undefined;
  }
}

/** Follows the easy-read preference and the language from boot on; resolves once the first switch is done. */
export function startEasyRead(): Promise<void> {
  onPreferencesChange((next) => void applyEasyRead(next.easyRead));
  // A new language needs its own easy-read strings.
  i18n.on('languageChanged', () => {
    if (getPreferences().easyRead) void applyEasyRead(true);
  });
  return applyEasyRead(getPreferences().easyRead);
}
