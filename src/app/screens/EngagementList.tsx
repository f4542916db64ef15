import { useEffect, useState } from 'preact/hooks';
import type { EngagementSummary } from '../../shared';
import { i18n } from '../../i18n';
import { summariesInLanguage } from '../content';
import { getPreferences } from '../preferences';
import { useT } from '../use-t';
import { paths } from '../router';
import { loadEngagementList, saveForOffline, type Loaded } from '../engagement-source';
import { Link } from '../components/Link';
import { InstallPanel } from '../components/InstallPanel';
import { Loading } from '../components/Loading';
import { PageHeading, useDocumentTitle } from '../components/PageHeading';

/** `/`: every open engagement as a link, even when there is only one. */
export function EngagementList() {
  const t = useT();
  const [loaded, setLoaded] = useState<Loaded<EngagementSummary[]>>();
  useDocumentTitle([t('list.title')]);
  useEffect(() => {
    let alive = true;
    void loadEngagementList().then(async (result) => {
      if (!alive) return;
      // Online: keep a copy of each engagement so this device can be used with no signal later.
      if (result.state === 'ready' && !result.fromDevice) void saveForOffline(result.value).catch(() => undefined);
      // Titles in the person's language, all at once, so none changes after it is shown.
      const options = { language: i18n.language, easyRead: getPreferences().easyRead };
      const shown = result.state === 'ready' ? { ...result, value: await summariesInLanguage(result.value, options) } : result;
      if (alive) setLoaded(shown);
    });
    return () => {
      alive = false;
    };
  }, []);
  if (!loaded) return <Loading />;
  if (loaded.state !== 'ready') {
    return (
      <>
        <PageHeading>{t('list.title')}</PageHeading>
        <h2 class="govuk-heading-m">{t('list.notSavedTitle')}</h2>
        <p class="govuk-body">{t('list.notSavedBody')}</p>
      </>
    );
  }
  return (
    <>
      <PageHeading>{t('list.title')}</PageHeading>
      {loaded.fromDevice && <p class="govuk-inset-text">{t('list.offline')}</p>}
      {loaded.value.length === 0 ? (
        <p class="govuk-body">{t('list.empty')}</p>
      ) : (
        <>
          <p class="govuk-body">{t('list.intro')}</p>
          <ul class="govuk-list app-engagement-list">
            {loaded.value.map((summary) => (
              <li key={summary.slug} class="app-engagement-list__item">
                <Link href={paths.engagement(summary.slug)} class="govuk-link govuk-heading-m app-engagement-list__link">
                  {summary.title}
                </Link>
                <p class="govuk-body-s app-secondary-text">{summary.organisation}</p>
              </li>
            ))}
          </ul>
        </>
      )}
      <InstallPanel />
    </>
  );
}
