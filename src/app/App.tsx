import { useT } from './use-t';
import { navigations, paths, useRoute, type Route } from './router';
import { usePreferences } from './preferences';
import { useUpdateReady } from './update-ready';
import { Link } from './components/Link';
import { StatusBar } from './components/StatusBar';
import { UpdateBanner } from './components/UpdateBanner';
import { PreviewBanner, WorkspaceLoader } from './components/WorkspaceLoader';
import { isPreview } from './engagement-source';
import { AssistedGate } from './assisted/AssistedGate';
import { TabletLoader } from './assisted/TabletLoader';
import { captureEventTag } from './event-tag';
import { CheckAnswers } from './screens/CheckAnswers';
import { AboutYouLoader } from './screens/AboutYouLoader';
import { FindingsLoader } from './screens/FindingsLoader';
import { Confirmation } from './screens/Confirmation';
import { EngagementList } from './screens/EngagementList';
import { EngagementStart } from './screens/EngagementStart';
import { LazyLanguagePage, LazyOutboxPage, LazySettingsPage } from './screens/LazyScreens';
import { NotFound } from './screens/Problems';
import { QuestionPage } from './screens/QuestionPage';
import { ReadAloud } from './easy-read/ReadAloud';

/** The page frame (skip link, header, status, main, footer) around the current route's screen. */
export function App() {
  const t = useT();
  const route = useRoute();
  const updateReady = useUpdateReady();
  const { language } = usePreferences();
  // A poster's QR code opens `/e/<slug>?event=<CODE>`: remember the event for this visit.
  captureEventTag(location.search);
  // The organisers' workspace has its own frame and loads as its own chunk.
  if (route.name === 'organiser') return <WorkspaceLoader />;
  // Where the language and settings links come back to: this page, or where those pages came from.
  const here = route.name === 'language' || route.name === 'settings' ? route.from : location.pathname + location.search;
  // A device that has never chosen a language is asked first, whatever link brought it here.
  const firstVisit = !language && route.name !== 'language' && route.name !== 'settings';
  return (
    <>
      <a href="#main-content" class="govuk-skip-link">
        {t('app.skipLink')}
      </a>
      <header class="app-header">
        <div class="govuk-width-container app-header__inner">
          <Link href={paths.list()} class="app-header__name" aria-label={t('app.homeLink')}>
            {t('app.name')}
          </Link>
          <nav class="app-header__nav" aria-label={t('app.headerNav')}>
            <Link href={paths.language(here)} class="app-header__link">
              <svg class="app-header__icon" xmlns="http://www.w3.org/2000/svg" width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path
                  fill="currentColor"
                  d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm6.9 6h-2.9a15.7 15.7 0 0 0-1.4-3.6A8 8 0 0 1 18.9 8ZM12 4c.8 1.2 1.5 2.5 1.9 4h-3.8c.4-1.5 1.1-2.8 1.9-4ZM4.3 14a8.2 8.2 0 0 1 0-4h3.4a16.5 16.5 0 0 0 0 4H4.3Zm.8 2h2.9c.3 1.3.8 2.5 1.4 3.6A8 8 0 0 1 5.1 16ZM8 8H5.1a8 8 0 0 1 4.3-3.6C8.8 5.5 8.4 6.7 8 8Zm4 12c-.8-1.2-1.5-2.5-1.9-4h3.8c-.4 1.5-1.1 2.8-1.9 4Zm2.3-6H9.7a14.7 14.7 0 0 1 0-4h4.6a14.7 14.7 0 0 1 0 4Zm.3 5.6c.6-1.1 1.1-2.3 1.4-3.6h2.9a8 8 0 0 1-4.3 3.6Zm1.7-5.6a16.5 16.5 0 0 0 0-4h3.4a8.2 8.2 0 0 1 0 4h-3.4Z"
                />
              </svg>
              {t('language.headerLink')}
            </Link>
            <Link href={paths.settings(here)} class="app-header__link">
              {t('settings.headerLink')}
            </Link>
          </nav>
        </div>
      </header>
      {updateReady && <UpdateBanner />}
      {isPreview() && <PreviewBanner />}
      <div class="govuk-width-container">
        <StatusBar compact={route.name === 'outbox'} />
        {/* Keyed like the page, so moving on stops the voice. */}
        <ReadAloud key={`read-${navigations()}`} />
        <main class="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {/* Keyed by navigation, so every visit to a page starts from fresh state. */}
          {firstVisit ? <LazyLanguagePage key={navigations()} from={here} firstVisit /> : (
            <AssistedGate route={route}>
              <Screen key={navigations()} route={route} />
            </AssistedGate>
          )}
        </main>
      </div>
      <footer class="app-footer">
        <div class="govuk-width-container">
          <p class="govuk-body-s">
            <Link href={paths.outbox()} class="govuk-link app-footer__link">
              {t('footer.outboxLink')}
            </Link>
          </p>
          <p class="govuk-body-s">{t('footer.privacy')}</p>
          <p class="govuk-body-s">
            {t('pictures.attribution')}{' '}
            <a class="govuk-link app-footer__link" href="https://openmoji.org/" rel="noopener">
              {t('pictures.linkText')}
            </a>
          </p>
        </div>
      </footer>
    </>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'list':
      return <EngagementList />;
    case 'engagement':
      return <EngagementStart slug={route.slug} />;
    case 'question':
      return <QuestionPage slug={route.slug} phase={route.phase} prompt={route.prompt} change={route.change} />;
    case 'check':
      return <CheckAnswers slug={route.slug} phase={route.phase} />;
    case 'done':
      return <Confirmation slug={route.slug} phase={route.phase} />;
    case 'about-you':
      return <AboutYouLoader slug={route.slug} step={route.step} change={route.change} />;
    case 'findings':
      return <FindingsLoader slug={route.slug} />;
    case 'outbox':
      return <LazyOutboxPage />;
    case 'language':
      return <LazyLanguagePage from={route.from} />;
    case 'settings':
      return <LazySettingsPage from={route.from} />;
    case 'tablet':
      return <TabletLoader screen={route.screen} />;
    case 'organiser':
    case 'not-found':
      return <NotFound />;
  }
}
