import type { EngagementBundle } from '../../shared';
import { loadLazyStrings } from '../../i18n';
import { useAssisted } from '../assisted/session';
import { Loading } from '../components/Loading';
import { lazyChunk, useLazyChunk } from '../lazy-chunk';
import type { AboutYouProps } from './AboutYou';
import { NotFound } from './Problems';

/**
 * The "about you" pages and the offer of them, fetched the first time either shows: few
 * people take them, so they are their own chunk (with their strings, which are not in the
 * first load either).
 */
const aboutYou = lazyChunk(() => Promise.all([import('./AboutYou'), loadLazyStrings()]).then(([found]) => found));

/** `/e/:slug/about-you[/:step]`, once its chunk is here. */
export function AboutYouLoader(props: AboutYouProps) {
  const module = useLazyChunk(aboutYou);
  if (module === 'failed') return <NotFound />;
  return module ? <module.AboutYou {...props} /> : <Loading />;
}

/**
 * The offer on the confirmation page. Not on a shared tablet: the next person must find
 * nothing of the last one there, answers about themselves least of all. It shows last on the
 * page, once loaded, so nothing above it moves.
 */
export function AboutYouOfferLoader({ bundle }: { bundle: EngagementBundle }) {
  const assisted = useAssisted();
  // No list in the bundle means the default questions; an empty list means none.
  const wanted = assisted.loaded && !assisted.mode && bundle.aboutYou?.questions.length !== 0;
  const module = useLazyChunk(aboutYou, wanted);
  if (!wanted || !module || module === 'failed') return null;
  return <module.AboutYouOffer bundle={bundle} />;
}
