import { render } from 'preact';
import { bestLanguage, initI18n } from '../i18n';
import { App } from './App';
import { applyDisplaySettings, followPreferences } from './display-settings';
import { startEasyRead } from './easy-read/strings';
import { preloadFromPath } from './engagement-source';
import { listenForInstall } from './install';
import { getPreferences, previewFromQuery, setPreviewOverride } from './preferences';
import { preloadLanguagePage } from './screens/LazyScreens';
import { registerServiceWorker } from './sw-bridge';
import { startSync } from './sync';
import { showUpdateBanner } from './update-ready';
import './styles.css';

/** Boots the participant app: display settings, strings, the page, the service worker and syncing. */
async function boot(): Promise<void> {
  preloadFromPath(location.pathname);
  // Chromium may offer installing before the first render; the offer is kept until asked for.
  listenForInstall();
  // An organiser's preview picks language and mode for this page only, before anything shows.
  setPreviewOverride(previewFromQuery(location.search));
  const preferences = getPreferences();
  applyDisplaySettings(preferences);
  if (!preferences.language) preloadLanguagePage();
  // Before the person has chosen, the language screen speaks the browser's language if Heard has it.
  await initI18n(preferences.language ?? bestLanguage(navigator.languages ?? [navigator.language]));
  followPreferences();
  // Easy-read words load before the first render when easy read is on, so the page never flips.
  await startEasyRead();
  const root = document.getElementById('app');
  if (root) render(<App />, root);
  registerServiceWorker(showUpdateBanner);
  startSync();
}

void boot();
