import { useEffect, useState } from 'preact/hooks';
import { useT } from '../use-t';

// Most loads come from the device in a few milliseconds; a message that flashes for that
// long only distracts, so it appears only when loading is really taking time.
const SHOW_AFTER_MS = 500;

/** A quiet placeholder while a page's content loads; says "Loading…" only if it takes a while. */
export function Loading() {
  const t = useT();
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setVisible(true), SHOW_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
  return <p class="govuk-body app-loading">{visible ? t('app.loading') : ''}</p>;
}
