import { loadLazyStrings } from '../../i18n';
import { lazyChunk, useLazyChunk } from '../lazy-chunk';

type CardsModule = typeof import('./ThemeCard');

const cards = lazyChunk(() => Promise.all([import('./ThemeCard'), loadLazyStrings()]).then(([found]) => found));

/**
 * The theme card's pieces (quotes, comment box, the comment's row on the check page), fetched
 * the first time a page needs them (`wanted`): only the crowdsource phase has cards, so they are
 * their own chunk, with their strings (the `card` section) and styles, and the first load never
 * carries them. Undefined while loading; 'failed' when the chunk could not be had, and the page
 * makes do without it.
 */
export function useThemeCards(wanted: boolean): CardsModule | 'failed' | undefined {
  return useLazyChunk(cards, wanted);
}
