import { useT } from '../use-t';
import { paths } from '../router';
import { Link } from '../components/Link';
import { PageHeading, useDocumentTitle } from '../components/PageHeading';

/** Shown when an engagement was never opened online on this device and there is no signal now. */
export function NotSaved() {
  const t = useT();
  useDocumentTitle([t('engagement.notSavedTitle')]);
  return (
    <>
      <PageHeading>{t('engagement.notSavedTitle')}</PageHeading>
      <p class="govuk-body">{t('engagement.notSavedBody')}</p>
      <p class="govuk-body">
        <Link href={paths.list()} class="govuk-link">
          {t('engagement.backToList')}
        </Link>
      </p>
    </>
  );
}

/** Shown for a path the app does not know, or an engagement, phase or question that does not exist. */
export function NotFound() {
  const t = useT();
  useDocumentTitle([t('engagement.notFoundTitle')]);
  return (
    <>
      <PageHeading>{t('engagement.notFoundTitle')}</PageHeading>
      <p class="govuk-body">{t('engagement.notFoundBody')}</p>
      <p class="govuk-body">
        <Link href={paths.list()} class="govuk-link">
          {t('engagement.backToList')}
        </Link>
      </p>
    </>
  );
}
