import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { navigate, paths, type Route } from '../router';
import { Loading } from '../components/Loading';
import { isCurrentPerson, useAssisted } from './session';

// Pages that hold no answers: the worker's own, and the language and display choices a
// person may make before their turn starts.
const OPEN_ROUTES = new Set<Route['name']>(['tablet', 'language', 'settings']);

/**
 * Stands in front of every participant page. On a shared tablet in assisted mode a page is
 * shown only to the person whose turn made it: any other history entry, a typed address or
 * a reload goes to the "pass the tablet" screen instead, which clears what was left.
 */
export function AssistedGate({ route, children }: { route: Route; children: ComponentChildren }) {
  const assisted = useAssisted();
  const allowed = OPEN_ROUTES.has(route.name) || !assisted.mode || isCurrentPerson(history.state);
  useEffect(() => {
    if (assisted.loaded && !allowed) navigate(paths.tablet('pass'), { replace: true });
  }, [assisted.loaded, allowed]);
  if (!assisted.loaded || !allowed) return <Loading />;
  return (
    <>
      {assisted.mode && !OPEN_ROUTES.has(route.name) && <LazyIdleWatch />}
      {children}
    </>
  );
}

type IdleWatchModule = typeof import('./IdleWatch');

// Only shared tablets watch for idle people, so the watcher loads with the first person's turn.
function LazyIdleWatch() {
  const [loaded, setLoaded] = useState<IdleWatchModule>();
  useEffect(() => {
    let alive = true;
    void import('./IdleWatch').then((module) => alive && setLoaded(module));
    return () => {
      alive = false;
    };
  }, []);
  return loaded ? <loaded.IdleWatch /> : null;
}
