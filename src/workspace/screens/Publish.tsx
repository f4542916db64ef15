import * as v from 'valibot';
import { useState } from 'preact/hooks';
import { PageHeading } from '../../app/components/PageHeading';
import { PublishedSchema, VersionSummarySchema, WORKSPACE_API } from '../../shared/workspace-api';
import { request } from '../api';
import { Loaded, messageOf, useLoad } from '../components/Async';
import { ErrorSummary, type FieldError } from '../components/Fields';
import { EngagementNav, useWorkspaceTitle } from '../components/Frame';
import { w } from '../i18n';
import { wpaths } from '../routes';
import { canEdit, useSession } from '../session';
import { useDraft } from './EditEngagement';
import { formatDate } from './Engagements';
import { languageName } from './Languages';
import { TableWrap } from '../components/TableWrap';

const VersionsSchema = v.array(VersionSummarySchema);

/** Preview the draft as participants will see it, in any language and mode, then publish it. */
export function Publish({ slug }: { slug: string }) {
  const session = useSession();
  const { load } = useDraft(slug);
  const [versions, reloadVersions] = useLoad(() => request(WORKSPACE_API.versions(slug), VersionsSchema), [slug]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [published, setPublished] = useState<number | undefined>();
  const [busy, setBusy] = useState(false);
  useWorkspaceTitle(w('publish.title'), errors.length > 0);

  const publish = async () => {
    setBusy(true);
    try {
      const result = await request(WORKSPACE_API.publish(slug), PublishedSchema, { method: 'POST', body: {} });
      setPublished(result.version);
      setErrors([]);
      await reloadVersions();
    } catch (error) {
      setErrors([{ message: messageOf(error) }]);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <EngagementNav slug={slug} current="publish" />
      <ErrorSummary errors={errors} attempt={attempt} />
      {published !== undefined && (
        <div class="app-ws-notice" role="status">
          <p class="govuk-body">{w('publish.done', { version: published })}</p>
        </div>
      )}
      <PageHeading>{w('publish.title')}</PageHeading>
      <Loaded load={load}>
        {(draft) => (
          <>
            <h2 class="govuk-heading-m">{w('publish.previewHeading')}</h2>
            <p class="govuk-body">{w('publish.previewIntro')}</p>
            <TableWrap label={w('publish.previewHeading')}>
              <table class="govuk-table">
                <caption class="govuk-visually-hidden">{w('publish.previewHeading')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{w('publish.colLanguage')}</th>
                    <th scope="col">{w('publish.colStandard')}</th>
                    <th scope="col">{w('publish.colEasy')}</th>
                  </tr>
                </thead>
                <tbody>
                  {draft.bundle.languages.map((lng) => (
                    <tr key={lng}>
                      <th scope="row">{languageName(lng)}</th>
                      {(['standard', 'easy'] as const).map((mode) => (
                        <td key={mode}>
                          <a class="govuk-link" href={wpaths.preview(slug, lng, mode)} target="_blank" rel="noopener">
                            {w(mode === 'easy' ? 'publish.previewEasy' : 'publish.previewStandard', { language: languageName(lng) })}
                            <span class="govuk-visually-hidden"> {w('common.newTab')}</span>
                          </a>
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <h2 class="govuk-heading-m">{w('publish.publishHeading')}</h2>
            <p class="govuk-body">
              {draft.publishedVersion === null ? w('publish.never') : w('publish.current', { version: draft.publishedVersion })}{' '}
              {draft.draftChanged ? w('publish.changed') : w('publish.unchanged')}
            </p>
            {canEdit(session) && (
              <button type="button" class="govuk-button" disabled={busy} onClick={() => void publish()}>
                {w('publish.submit')}
              </button>
            )}
          </>
        )}
      </Loaded>
      <h2 class="govuk-heading-m">{w('publish.versions')}</h2>
      <Loaded load={versions}>
        {(list) =>
          list.length === 0 ? (
            <p class="govuk-body">{w('publish.noVersions')}</p>
          ) : (
            <ul class="govuk-list">
              {list.map((item) => (
                <li key={item.version}>{w('publish.version', { version: item.version, at: formatDate(item.publishedAt), by: item.publishedBy ?? '—' })}</li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </>
  );
}
