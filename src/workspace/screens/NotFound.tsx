import { PageHeading } from '../../app/components/PageHeading';
import { Link } from '../../app/components/Link';
import { useWorkspaceTitle } from '../components/Frame';
import { w } from '../i18n';
import { wpaths } from '../routes';

/** A workspace path that leads nowhere. */
export function NotFound() {
  useWorkspaceTitle(w('common.notFound'));
  return (
    <>
      <PageHeading>{w('common.notFound')}</PageHeading>
      <p class="govuk-body">
        <Link href={wpaths.engagements()} class="govuk-link">
          {w('engagements.title')}
        </Link>
      </p>
    </>
  );
}
