import { useEffect, useReducer } from 'preact/hooks';
import { i18n, t } from '../i18n';
import type { Translate } from '../i18n';

/**
 * The translate function for components. It re-renders the component when the language
 * changes, which is all the page needs from a React binding for i18next.
 */
export function useT(): Translate {
  useLanguage();
  return t;
}

/** The language the page is shown in, re-rendering the component when it changes. */
export function useLanguage(): string {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const onChange = () => rerender(undefined);
    i18n.on('languageChanged', onChange);
    return () => i18n.off('languageChanged', onChange);
  }, []);
  return i18n.language;
}
