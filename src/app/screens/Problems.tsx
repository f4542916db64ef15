import { useT } from '../use-t';
import { paths } from '../router';
import { Link } from '../components/Link';
import { PageHeading, useDocumentTitle } from '../components/PageHeading';

type MessageKey = 'engagement.notSavedTitle' | 'engagement.notSavedBody' | 'engagement.notFoundTitle' | 'engagement.notFoundBody';

/** A page that only explains something and offers the way back to the list. */
function MessagePage({ title, body }: { title: MessageKey; body: MessageKey }) {
  const t = useT();
  useDocumentTitle([t(title)]);
  return (
    <>
      <PageHeading>{t(title)}</PageHeading>
      <p class="govuk-body">{t(body)}</p>
      <p class="govuk-body">
        <Link href={paths.list()} class="govuk-link">
          {t('engagement.backToList')}
        </Link>
      </p>
    </>
  );
}

/** Shown when an engagement was never opened online on this device and there is no signal now. */
export function NotSaved() {
  return <MessagePage title="engagement.notSavedTitle" body="engagement.notSavedBody" />;
}

/** Shown for a path the app does not know, or an engagement, phase or question that does not exist. */
export function NotFound() {
  return <MessagePage title="engagement.notFoundTitle" body="engagement.notFoundBody" />;
}
