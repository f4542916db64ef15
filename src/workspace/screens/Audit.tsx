import * as v from 'valibot';
import { Link } from '../../app/components/Link';
import { PageHeading } from '../../app/components/PageHeading';
import { AuditEntrySchema, WORKSPACE_API } from '../../shared/workspace-api';
import { request } from '../api';
import { Loaded, useLoad } from '../components/Async';
import { EngagementNav, useWorkspaceTitle } from '../components/Frame';
import { w } from '../i18n';
import { wpaths } from '../routes';
import { formatDate } from './Engagements';
import { TableWrap } from '../components/TableWrap';

const AuditSchema = v.array(AuditEntrySchema);

/** Who hid or showed what, when and why, newest first. */
export function Audit({ slug }: { slug: string }) {
  const [load] = useLoad(() => request(WORKSPACE_API.audit(slug), AuditSchema), [slug]);
  useWorkspaceTitle(w('audit.title'));
  return (
    <>
      <EngagementNav slug={slug} current="moderation" />
      <PageHeading>{w('audit.title')}</PageHeading>
      <p class="govuk-body">
        <Link href={wpaths.moderation(slug)} class="govuk-link">
          {w('audit.back')}
        </Link>
      </p>
      <Loaded load={load}>
        {(entries) =>
          entries.length === 0 ? (
            <p class="govuk-body">{w('audit.empty')}</p>
          ) : (
            <TableWrap label={w('audit.title')}>
              <table class="govuk-table">
                <caption class="govuk-visually-hidden">{w('audit.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{w('audit.when')}</th>
                    <th scope="col">{w('audit.who')}</th>
                    <th scope="col">{w('audit.what')}</th>
                    <th scope="col">{w('audit.target')}</th>
                    <th scope="col">{w('audit.why')}</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry, index) => (
                    <tr key={index}>
                      <td>{formatDate(entry.at)}</td>
                      <td>{entry.by}</td>
                      <td>{entry.action}</td>
                      <td class="app-ws-break">{entry.target}</td>
                      <td>{entry.reason ?? '—'}</td>
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
