import { useEffect, useState } from 'preact/hooks';
import { Loading } from '../components/Loading';
import type { LanguagePageProps } from './LanguagePage';

// Screens that are not on the way to the first question: the language screen and the
// settings page (seldom seen twice) and the outbox. Each loads as its own small chunk
// (precached like the rest, so it opens offline) rather than weighing on every first load.
const loadLanguagePage = () => import('./LanguagePage');
const loadSettingsPage = () => import('./SettingsPage');
const loadOutboxPage = () => import('./OutboxPage');

/** Starts fetching the language screen early, for a device that will see it first. */
export function preloadLanguagePage(): void {
  void loadLanguagePage().catch(() => undefined);
}

function useLoaded<T>(load: () => Promise<T>): T | undefined {
  const [loaded, setLoaded] = useState<T>();
  useEffect(() => {
    let alive = true;
    void load().then((module) => alive && setLoaded(module));
    return () => {
      alive = false;
    };
  }, [load]);
  return loaded;
}

/** The language screen (`LanguagePage`), loaded on demand. */
export function LazyLanguagePage(props: LanguagePageProps) {
  const loaded = useLoaded(loadLanguagePage);
  return loaded ? <loaded.LanguagePage {...props} /> : <Loading />;
}

/** The display settings page (`SettingsPage`), loaded on demand. */
export function LazySettingsPage({ from }: { from: string }) {
  const loaded = useLoaded(loadSettingsPage);
  return loaded ? <loaded.SettingsPage from={from} /> : <Loading />;
}

/** The outbox (`OutboxPage`), loaded on demand. */
export function LazyOutboxPage() {
  const loaded = useLoaded(loadOutboxPage);
  return loaded ? <loaded.OutboxPage /> : <Loading />;
}
