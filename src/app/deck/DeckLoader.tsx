import { loadLazyStrings } from '../../i18n';
import { Loading } from '../components/Loading';
import { lazyChunk, useLazyChunk } from '../lazy-chunk';
import { NotFound } from '../screens/Problems';
import type { DeckProps } from './Deck';

const deck = lazyChunk(() => Promise.all([import('./Deck'), loadLazyStrings()]).then(([found]) => found));

/**
 * The check-and-challenge deck, fetched the first time a statement shows: it is its own chunk
 * (with its strings and styles), so the first load never carries it.
 */
export function DeckLoader(props: DeckProps) {
  const module = useLazyChunk(deck);
  if (module === 'failed') return <NotFound />;
  return module ? <module.Deck {...props} /> : <Loading />;
}
