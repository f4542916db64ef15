import { Loading } from '../components/Loading';
import { lazyChunk, useLazyChunk } from '../lazy-chunk';
import type { LanguagePageProps } from './LanguagePage';

// Screens that are not on the way to the first question: the language screen and the
// settings page (seldom seen twice) and the outbox. Each loads as its own small chunk
// (precached like the rest, so it opens offline) rather than weighing on every first load.
const languagePage = lazyChunk(() => import('./LanguagePage'));
const settingsPage = lazyChunk(() => import('./SettingsPage'));
const outboxPage = lazyChunk(() => import('./OutboxPage'));

/** Starts fetching the language screen early, for a device that will see it first. */
export function preloadLanguagePage(): void {
  void languagePage.load().catch(() => undefined);
}

/** The language screen (`LanguagePage`), loaded on demand. */
export function LazyLanguagePage(props: LanguagePageProps) {
  const loaded = useLazyChunk(languagePage);
  return loaded && loaded !== 'failed' ? <loaded.LanguagePage {...props} /> : <Loading />;
}

/** The display settings page (`SettingsPage`), loaded on demand. */
export function LazySettingsPage({ from }: { from: string }) {
  const loaded = useLazyChunk(settingsPage);
  return loaded && loaded !== 'failed' ? <loaded.SettingsPage from={from} /> : <Loading />;
}

/** The outbox (`OutboxPage`), loaded on demand. */
export function LazyOutboxPage() {
  const loaded = useLazyChunk(outboxPage);
  return loaded && loaded !== 'failed' ? <loaded.OutboxPage /> : <Loading />;
}
