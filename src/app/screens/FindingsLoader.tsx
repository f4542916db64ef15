import { useEffect, useState } from 'preact/hooks';
import { loadLazyStrings } from '../../i18n';
import { Loading } from '../components/Loading';
import { NotFound } from './Problems';

/**
 * Everything about "you said, we heard" loads lazily, so none of it weighs on the first load:
 * the page itself (`/e/:slug/findings`), the receipt code on the confirmation page and the link
 * to the page on the start and confirmation pages. They are chunks of their own with their
 * strings (LAZY_SECTIONS); the service worker precaches them like every chunk, so they open
 * offline.
 */

type PageModule = typeof import('../findings/FindingsPage');
type ExtrasModule = typeof import('../findings/extras');

let page: Promise<PageModule> | undefined;
let extras: Promise<ExtrasModule> | undefined;

function useLazy<M>(load: () => Promise<M>, forget: () => void, wanted = true): M | 'failed' | undefined {
  const [module, setModule] = useState<M | 'failed'>();
  useEffect(() => {
    if (!wanted) return;
    let alive = true;
    load().then(
      (found) => alive && setModule(found),
      () => {
        forget();
        if (alive) setModule('failed');
      },
    );
    return () => {
      alive = false;
    };
  }, [wanted]);
  return module;
}

const loadPage = () => (page ??= Promise.all([import('../findings/FindingsPage'), loadLazyStrings()]).then(([found]) => found));
// The link needs strings only when there is something to link to; it loads them itself.
const loadExtras = () => (extras ??= import('../findings/extras'));

/** `/e/:slug/findings`, once its chunk is here. */
export function FindingsLoader({ slug }: { slug: string }) {
  const module = useLazy(loadPage, () => (page = undefined));
  if (module === 'failed') return <NotFound />;
  return module ? <module.FindingsPage slug={slug} /> : <Loading />;
}

/** The confirmation page's receipt code, made from this person's contribution id (history state). */
export function ReceiptCodeLoader({ id }: { id: string | undefined }) {
  const module = useLazy(() => loadExtras().then(async (found) => (await loadLazyStrings(), found)), () => (extras = undefined), id !== undefined);
  if (!id || !module || module === 'failed') return null;
  return <module.ReceiptCode id={id} />;
}

/** A link to the published page, once there is one. */
export function FindingsLinkLoader({ slug }: { slug: string }) {
  const module = useLazy(loadExtras, () => (extras = undefined));
  if (!module || module === 'failed') return null;
  return <module.FindingsLink slug={slug} />;
}
