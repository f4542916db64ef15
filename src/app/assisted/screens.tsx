import './assisted.css';
import { useEffect } from 'preact/hooks';
import { useT } from '../use-t';
import { historyState, navigate, paths, type TabletScreen } from '../router';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { GetReady } from './GetReady';
import { Ledger } from './Ledger';
import { PassTablet } from './PassTablet';
import { PinLock } from './PinLock';
import { TabletHome } from './TabletHome';
import { stopAssistedMode } from './mode-control';
import { useAssisted } from './session';

/**
 * The worker's pages for a shared tablet. In assisted mode everything but the "pass the
 * tablet" screen asks for the PIN first; out of it, the pass screen leads back to `/tablet`.
 */
export function TabletPage({ screen }: { screen: TabletScreen }) {
  const t = useT();
  const { loaded, mode } = useAssisted();
  const redirect = !loaded ? undefined : mode ? (screen === 'home' ? 'pass' : undefined) : screen === 'pass' || screen === 'leave' ? 'home' : undefined;
  useEffect(() => {
    if (redirect) navigate(paths.tablet(redirect), { replace: true });
  }, [redirect]);
  if (!loaded || redirect) return <Loading />;
  switch (screen) {
    case 'home':
      return <TabletHome code={historyState<string>('code')} />;
    case 'pass':
      return mode ? <PassTablet mode={mode} /> : <Loading />;
    case 'ready':
      return mode ? <PinLock title={t('ready.title')}><GetReady /></PinLock> : <GetReady />;
    case 'ledger':
      return mode ? <PinLock title={t('ledger.title')}><Ledger /></PinLock> : <Ledger />;
    case 'leave':
      return (
        <PinLock title={t('assisted.leaveTitle')}>
          <Leave />
        </PinLock>
      );
  }
}

function Leave() {
  const t = useT();
  const leave = async () => {
    await stopAssistedMode();
    navigate(paths.tablet(), { replace: true, state: { left: true } });
  };
  return (
    <>
      <PageHeading>{t('assisted.leaveTitle')}</PageHeading>
      <p class="govuk-body">{t('assisted.leaveIntro')}</p>
      <button type="button" class="govuk-button" onClick={() => void leave()}>
        {t('assisted.leaveButton')}
      </button>
    </>
  );
}
