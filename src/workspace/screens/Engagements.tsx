import * as v from 'valibot';
import { Link } from '../../app/components/Link';
import { PageHeading } from '../../app/components/PageHeading';
import { WORKSPACE_API, WorkspaceEngagementSchema } from '../../shared/workspace-api';
import { request } from '../api';
import { Loaded, useLoad } from '../components/Async';
import { useWorkspaceTitle } from '../components/Frame';
import { w } from '../i18n';
import { wpaths } from '../routes';
import { canEdit, useSession } from '../session';
import { TableWrap } from '../components/TableWrap';

const ListSchema = v.array(WorkspaceEngagementSchema);

/** Every engagement with its published version and whether the draft has changes. */
export function Engagements() {
  const session = useSession();
  const [load] = useLoad(() => request(WORKSPACE_API.engagements, ListSchema), []);
  useWorkspaceTitle(w('engagements.title'));
  return (
    <>
      <PageHeading>{w('engagements.title')}</PageHeading>
      {canEdit(session) && (
        <p class="govuk-body">
          <Link href={wpaths.create()} class="govuk-button govuk-button--secondary">
            {w('engagements.create')}
          </Link>
        </p>
      )}
      <Loaded load={load}>
        {(list) =>
          list.length === 0 ? (
            <p class="govuk-body">{w('engagements.empty')}</p>
          ) : (
            <TableWrap label={w('engagements.title')}>
              <table class="govuk-table">
                <caption class="govuk-visually-hidden">{w('engagements.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{w('engagements.colTitle')}</th>
                    <th scope="col">{w('engagements.colStatus')}</th>
                    <th scope="col">{w('engagements.colUpdated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((item) => (
                    <tr key={item.slug}>
                      <td>
                        <Link href={wpaths.edit(item.slug)} class="govuk-link">
                          {item.title}
                        </Link>
                        <span class="app-ws-secondary"> ({item.slug})</span>
                      </td>
                      <td>
                        {item.publishedVersion === null ? w('engagements.notPublished') : w('engagements.published', { version: item.publishedVersion })}
                        {item.draftChanged && <strong class="app-tag app-ws-tag">{w('engagements.draftChanged')}</strong>}
                      </td>
                      <td>{formatDate(item.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )
        }
      </Loaded>
    </>
  );
}

/** A date-time as "21 Nov 2026, 10:30" in the organiser's locale. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
