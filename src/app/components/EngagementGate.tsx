import type { VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { EngagementBundle, Phase } from '../../shared';
import { useContent } from '../content';
import { loadEngagement, type Loaded } from '../engagement-source';
import { NotFound, NotSaved } from '../screens/Problems';
import { Loading } from './Loading';

/** Props of the gate: which engagement (and phase) the page needs, and the page to show with them. */
export interface EngagementGateProps {
  slug: string;
  /** When set, the phase must exist in the engagement. */
  phase?: string;
  /** Ask the network again even if this page session already loaded the engagement. */
  refresh?: boolean;
  children: (bundle: EngagementBundle, phase: Phase, fromDevice: boolean) => VNode;
}

/**
 * Loads an engagement and shows the page only once it is here; otherwise the clear
 * "not saved on this device" page, or "page not found" for an unknown slug or phase. The
 * page gets the engagement's texts in the person's language and mode (`useContent`).
 */
export function EngagementGate({ slug, phase, refresh = false, children }: EngagementGateProps) {
  const [loaded, setLoaded] = useState<Loaded<EngagementBundle>>();
  useEffect(() => {
    let alive = true;
    void loadEngagement(slug, { refresh }).then((result) => alive && setLoaded(result));
    return () => {
      alive = false;
    };
  }, [slug, refresh]);
  if (!loaded) return <Loading />;
  if (loaded.state === 'not-saved') return <NotSaved />;
  if (loaded.state === 'not-found') return <NotFound />;
  return <InLanguage bundle={loaded.value} phase={phase} fromDevice={loaded.fromDevice} children={children} />;
}

function InLanguage({ bundle, phase, fromDevice, children }: { bundle: EngagementBundle; phase?: string; fromDevice: boolean; children: EngagementGateProps['children'] }) {
  const content = useContent(bundle);
  const found = phase === undefined ? content.phases[0] : content.phases.find((p) => p.id === phase);
  if (!found) return <NotFound />;
  return children(content, found, fromDevice);
}
