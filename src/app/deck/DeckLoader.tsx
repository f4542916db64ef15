import { useEffect, useState } from 'preact/hooks';
import { loadLazyStrings } from '../../i18n';
import { Loading } from '../components/Loading';
import { NotFound } from '../screens/Problems';
import type { DeckProps } from './Deck';

type DeckModule = typeof import('./Deck');

let loaded: Promise<DeckModule> | undefined;

/**
 * The check-and-challenge deck, fetched the first time a statement shows: it is its own chunk
 * (with its strings and styles), so the first load never carries it. The service worker
 * precaches the chunk like every other, so the deck opens offline too.
 */
export function DeckLoader(props: DeckProps) {
  const [module, setModule] = useState<DeckModule | 'failed'>();
  useEffect(() => {
    loaded ??= Promise.all([import('./Deck'), loadLazyStrings()]).then(([found]) => found);
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
  }, []);
  if (module === 'failed') return <NotFound />;
  return module ? <module.Deck {...props} /> : <Loading />;
}
