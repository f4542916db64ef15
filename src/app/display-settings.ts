import { dir, i18n, setLanguage } from '../i18n';
import { getPreferences, onPreferencesChange, type Preferences } from './preferences';

/**
 * Puts the person's display settings on `<html>`, where the stylesheets read them: the
 * text size as the root font size (every size in the styles is in rem, so all text scales),
 * and one class each for high contrast, the readable font and reduced motion. Runs at boot
 * before the first render, and again on every change.
 */

const TEXT_SIZES: ReadonlyArray<Preferences['textSize']> = [100, 150, 200];

/** Class names on `<html>` for each setting, shared with the stylesheets. */
export const DISPLAY_CLASSES = {
  highContrast: 'app-contrast-high',
  readableFont: 'app-font-readable',
  reduceMotion: 'app-reduce-motion',
} as const;

let fontRequested: Promise<unknown> | undefined;

/** Applies text size, contrast, font and motion settings to the document. */
export function applyDisplaySettings(preferences: Preferences, root: HTMLElement = document.documentElement): void {
  // A value edited by hand in storage falls back to the default size rather than breaking the layout.
  const size = TEXT_SIZES.includes(preferences.textSize) ? preferences.textSize : 100;
  root.style.fontSize = size === 100 ? '' : `${size}%`;
  root.classList.toggle(DISPLAY_CLASSES.highContrast, preferences.contrast === 'high');
  root.classList.toggle(DISPLAY_CLASSES.readableFont, preferences.font === 'readable');
  root.classList.toggle(DISPLAY_CLASSES.reduceMotion, preferences.reduceMotion);
  if (preferences.font === 'readable') void loadReadableFont();
}

/**
 * Loads Atkinson Hyperlegible's font faces (regular and bold, self-hosted) the first time
 * the readable font is chosen, so people who never choose it never download it.
 */
export function loadReadableFont(): Promise<unknown> {
  fontRequested ??= Promise.all([
    import('@fontsource/atkinson-hyperlegible/400.css'),
    import('@fontsource/atkinson-hyperlegible/700.css'),
  ]).catch((error: unknown) => {
    // Offline before the font was ever cached: the standard font stays, and a later choice tries again.
    fontRequested = undefined;
    console.warn('Readable font not loaded', error);
  });
  return fontRequested;
}

/** Sets `<html lang dir>` for the language the page is shown in. */
export function applyLanguage(language: string, direction: 'ltr' | 'rtl', root: HTMLElement = document.documentElement): void {
  root.lang = language;
  root.dir = direction;
}

/**
 * Keeps the document in step with the person's choices from now on: applies the display
 * settings at once, sets `<html lang dir>` on every language change, and switches language
 * when the preference changes. Returns the function that stops it.
 */
export function followPreferences(): () => void {
  applyDisplaySettings(getPreferences());
  applyLanguage(i18n.language, dir());
  const onLanguage = (lng: string) => applyLanguage(lng, dir(lng));
  i18n.on('languageChanged', onLanguage);
  const stop = onPreferencesChange((next) => {
    applyDisplaySettings(next);
    if (next.language && next.language !== i18n.language) void setLanguage(next.language);
  });
  return () => {
    stop();
    i18n.off('languageChanged', onLanguage);
  };
}
