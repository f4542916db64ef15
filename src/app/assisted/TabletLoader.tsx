import { useEffect, useState } from 'preact/hooks';
import type { TabletScreen } from '../router';
import { loadLazyStrings } from '../../i18n';
import { Loading } from '../components/Loading';

type Screens = typeof import('./screens');

/** The worker's tablet pages load as their own chunk, so they never weigh on a participant's first load. */
export function TabletLoader({ screen }: { screen: TabletScreen }) {
  const [screens, setScreens] = useState<Screens>();
  useEffect(() => {
    let alive = true;
    void Promise.all([import('./screens'), loadLazyStrings()]).then(([loaded]) => alive && setScreens(loaded));
    return () => {
      alive = false;
    };
  }, []);
  if (!screens) return <Loading />;
  return <screens.TabletPage screen={screen} />;
}
