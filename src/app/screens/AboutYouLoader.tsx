import { useEffect, useState } from 'preact/hooks';
import type { EngagementBundle } from '../../shared';
import { loadLazyStrings } from '../../i18n';
import { useAssisted } from '../assisted/session';
import { Loading } from '../components/Loading';
import type { AboutYouProps } from './AboutYou';
import { NotFound } from './Problems';

type AboutYouModule = typeof import('./AboutYou');

let loaded: Promise<AboutYouModule> | undefined;

/**
 * The "about you" pages and the offer of them, fetched the first time either shows: few
 * people take them, so they are their own chunk (with their strings, which are not in the
 * first load either). The service worker precaches the chunk, so they open offline too.
 */
function useAboutYouModule(wanted = true): AboutYouModule | 'failed' | undefined {
  const [module, setModule] = useState<AboutYouModule | 'failed'>();
  useEffect(() => {
    if (!wanted) return;
    loaded ??= Promise.all([import('./AboutYou'), loadLazyStrings()]).then(([found]) => found);
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
  return module;
}

/** `/e/:slug/about-you[/:step]`, once its chunk is here. */
export function AboutYouLoader(props: AboutYouProps) {
  const module = useAboutYouModule();
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
  const module = useAboutYouModule(wanted);
  if (!wanted || !module || module === 'failed') return null;
  return <module.AboutYouOffer bundle={bundle} />;
}
