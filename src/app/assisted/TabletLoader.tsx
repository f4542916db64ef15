import type { TabletScreen } from '../router';
import { loadLazyStrings } from '../../i18n';
import { Loading } from '../components/Loading';
import { lazyChunk, useLazyChunk } from '../lazy-chunk';

const screens = lazyChunk(() => Promise.all([import('./screens'), loadLazyStrings()]).then(([found]) => found));

/** The worker's tablet pages load as their own chunk, so they never weigh on a participant's first load. */
export function TabletLoader({ screen }: { screen: TabletScreen }) {
  const module = useLazyChunk(screens);
  if (!module || module === 'failed') return <Loading />;
  return <module.TabletPage screen={screen} />;
}
