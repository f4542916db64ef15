import { useEffect, useState } from 'preact/hooks';
import { loadLazyStrings } from '../../i18n';

type CardsModule = typeof import('./ThemeCard');

let loaded: Promise<CardsModule> | undefined;
let ready: CardsModule | undefined;

/**
 * The theme card's pieces (quotes, comment box, the comment's row on the check page), fetched
 * the first time a page needs them (`wanted`): only the crowdsource phase has cards, so they are
 * their own chunk, with their strings (the `card` section) and styles, and the first load never
 * carries them. The service worker precaches the chunk, so cards open offline too. Undefined
 * while loading; 'failed' when the chunk could not be had, and the page makes do without it.
 */
export function useThemeCards(wanted: boolean): CardsModule | 'failed' | undefined {
  const [module, setModule] = useState<CardsModule | 'failed' | undefined>(ready);
  useEffect(() => {
    if (!wanted || ready) return;
    loaded ??= Promise.all([import('./ThemeCard'), loadLazyStrings()]).then(([found]) => (ready = found));
    let alive = true;
    loaded.then(
      (found) => alive && setModule(found),
      () => {
        loaded = undefined;
        if (alive) setModule('failed');
      },
    );
    return () => {
      alive = false;
    };
  }, [wanted]);
  return wanted ? (ready ?? module) : undefined;
}
