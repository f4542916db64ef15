import { useT } from './use-t';
import { navigations, paths, useRoute, type Route } from './router';
import { useUpdateReady } from './update-ready';
import { Link } from './components/Link';
import { StatusBar } from './components/StatusBar';
import { UpdateBanner } from './components/UpdateBanner';
import { CheckAnswers } from './screens/CheckAnswers';
import { Confirmation } from './screens/Confirmation';
import { EngagementList } from './screens/EngagementList';
import { EngagementStart } from './screens/EngagementStart';
import { OutboxPage } from './screens/OutboxPage';
import { NotFound } from './screens/Problems';
import { QuestionPage } from './screens/QuestionPage';

/** The page frame (skip link, header, status, main, footer) around the current route's screen. */
export function App() {
  const t = useT();
  const route = useRoute();
  const updateReady = useUpdateReady();
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
        </div>
      </header>
      {updateReady && <UpdateBanner />}
      <div class="govuk-width-container">
        <StatusBar compact={route.name === 'outbox'} />
        <main class="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {/* Keyed by navigation, so every visit to a page starts from fresh state. */}
          <Screen key={navigations()} route={route} />
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
    case 'outbox':
      return <OutboxPage />;
    case 'not-found':
      return <NotFound />;
  }
}
