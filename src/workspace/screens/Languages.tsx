import { useState } from 'preact/hooks';
import { Link } from '../../app/components/Link';
import { PageHeading } from '../../app/components/PageHeading';
import { navigate } from '../../app/router';
import type { EngagementBundle } from '../../shared/engagement';
import type { DraftResponse } from '../../shared/workspace-api';
import { Loaded, messageOf } from '../components/Async';
import { ErrorSummary, Select, type FieldError } from '../components/Fields';
import { EngagementNav, useWorkspaceTitle } from '../components/Frame';
import { completeness } from '../content-units';
import { w } from '../i18n';
import { SHIPPED_LANGUAGES, isShipped } from '../languages';
import { wpaths } from '../routes';
import { canEdit, useSession } from '../session';
import { useDraft } from './EditEngagement';

/** The name of a language code, or the code itself for one Heard does not ship. */
export function languageName(lng: string): string {
  return isShipped(lng) ? w(`languages.${lng}`) : lng;
}

/** Each language of the engagement with how complete it is, and a way to add another. */
export function Languages({ slug }: { slug: string }) {
  const { load, save } = useDraft(slug);
  useWorkspaceTitle(w('languages.title'));
  return (
    <>
      <EngagementNav slug={slug} current="languages" />
      <PageHeading>{w('languages.title')}</PageHeading>
      <Loaded load={load}>{(draft) => <Overview draft={draft} save={save} />}</Loaded>
    </>
  );
}

function Overview({ draft, save }: { draft: DraftResponse; save: (bundle: EngagementBundle) => Promise<DraftResponse> }) {
  const session = useSession();
  const bundle = draft.bundle;
  const missing = SHIPPED_LANGUAGES.filter((lng) => !bundle.languages.includes(lng));
  const [adding, setAdding] = useState<string>(missing[0] ?? '');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const add = async (event: Event) => {
    event.preventDefault();
    if (!adding) return;
    try {
      await save({ ...bundle, languages: [...bundle.languages, adding] });
      navigate(wpaths.language(bundle.slug, adding));
    } catch (error) {
      setErrors([{ field: 'add-language', message: messageOf(error) }]);
      setAttempt((n) => n + 1);
    }
  };
  return (
    <>
      <ErrorSummary errors={errors} attempt={attempt} />
      <p class="govuk-body">{w('languages.intro')}</p>
      <ul class="govuk-list app-ws-languages">
        {bundle.languages.map((lng) => {
          const c = completeness(bundle, lng);
          const easyMissing = c.easyReadTotal - c.easyRead;
          const translationMissing = c.translatable - c.translated;
          return (
            <li key={lng}>
              <Link href={wpaths.language(bundle.slug, lng)} class="govuk-link">
                {w('languages.summary', { language: languageName(lng), percent: c.percent })}
              </Link>
              <span class="app-ws-secondary">
                {', '}
                {[
                  c.translatable > 0 ? w('languages.translationMissing', { count: translationMissing }) : '',
                  w('languages.easyReadMissing', { count: easyMissing }),
                ]
                  .filter(Boolean)
                  .join(', ')}
              </span>
            </li>
          );
        })}
      </ul>
      {canEdit(session) && missing.length > 0 && (
        <form onSubmit={(event) => void add(event)} noValidate>
          <Select
            id="add-language"
            label={w('languages.add')}
            value={adding}
            onValue={setAdding}
            options={missing.map((lng) => ({ value: lng, label: languageName(lng) }))}
            error={errors[0]?.message}
          />
          <button type="submit" class="govuk-button govuk-button--secondary">
            {w('languages.addSubmit')}
          </button>
        </form>
      )}
    </>
  );
}
