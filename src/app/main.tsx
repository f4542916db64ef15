import { render } from 'preact';
import { dir, initI18n } from '../i18n';
import { App } from './App';
import { preloadFromPath } from './engagement-source';
import { registerServiceWorker } from './sw-bridge';
import { startSync } from './sync';
import { showUpdateBanner } from './update-ready';
import './styles.css';

/** Boots the participant app: strings, the page, the service worker and syncing. */
async function boot(): Promise<void> {
  preloadFromPath(location.pathname);
  const i18n = await initI18n('en');
  document.documentElement.lang = i18n.language;
  document.documentElement.dir = dir();
  const root = document.getElementById('app');
  if (root) render(<App />, root);
  registerServiceWorker(showUpdateBanner);
  startSync();
}

void boot();
