import { loadLazyStrings } from '../../i18n';
import { Loading } from '../components/Loading';
import { lazyChunk, useLazyChunk } from '../lazy-chunk';
import { NotFound } from './Problems';

/**
 * Everything about "you said, we heard" loads lazily, so none of it weighs on the first load:
 * the page itself (`/e/:slug/findings`), the receipt code on the confirmation page and the link
 * to the page on the start and confirmation pages. They are chunks of their own with their
 * strings (LAZY_SECTIONS); the service worker precaches them like every chunk, so they open
 * offline.
 */

const page = lazyChunk(() => Promise.all([import('../findings/FindingsPage'), loadLazyStrings()]).then(([found]) => found));
// The link needs strings only when there is something to link to; it loads them itself.
const extras = lazyChunk(() => import('../findings/extras'));
const receipt = lazyChunk(() => extras.load().then(async (found) => (await loadLazyStrings(), found)));

/** `/e/:slug/findings`, once its chunk is here. */
export function FindingsLoader({ slug }: { slug: string }) {
  const module = useLazyChunk(page);
  if (module === 'failed') return <NotFound />;
  return module ? <module.FindingsPage slug={slug} /> : <Loading />;
}

/** The confirmation page's receipt code, made from this person's contribution id (history state). */
export function ReceiptCodeLoader({ id }: { id: string | undefined }) {
  const module = useLazyChunk(receipt, id !== undefined);
  if (!id || !module || module === 'failed') return null;
  return <module.ReceiptCode id={id} />;
}

/** A link to the published page, once there is one. */
export function FindingsLinkLoader({ slug }: { slug: string }) {
  const module = useLazyChunk(extras);
  if (!module || module === 'failed') return null;
  return <module.FindingsLink slug={slug} />;
}
