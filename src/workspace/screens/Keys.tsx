import { useState } from 'preact/hooks';
import { Link } from '../../app/components/Link';
import { PageHeading } from '../../app/components/PageHeading';
import { navigate } from '../../app/router';
import { EVENTS_API, RotateKeyResultSchema, type RotateKeyResult } from '../../shared/events';
import { request } from '../api';
import { messageOf } from '../components/Async';
import { ErrorSummary, type FieldError } from '../components/Fields';
import { EngagementNav, useWorkspaceTitle } from '../components/Frame';
import { w } from '../i18n';
import { wpaths } from '../routes';
import { canEdit, useSession } from '../session';

// The answer of the last rotation, kept across the navigation back from the confirmation
// step so the keys page can say what changed.
let lastMade: { slug: string; result: RotateKeyResult } | undefined;

/**
 * The engagement's sealing key: owners make a new one after a confirmation page that says
 * what happens to tablets and to answers already sealed.
 */
export function Keys({ slug, confirm }: { slug: string; confirm: boolean }) {
  const session = useSession();
  const owner = canEdit(session);
  const asking = confirm && owner;
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [made] = useState(() => {
    const found = lastMade?.slug === slug && !confirm ? lastMade.result : undefined;
    lastMade = undefined;
    return found;
  });
  useWorkspaceTitle(w(asking ? 'keys.confirmTitle' : 'keys.title'), errors.length > 0);

  const rotate = async () => {
    setBusy(true);
    try {
      const result = await request(EVENTS_API.rotateKey(slug), RotateKeyResultSchema, { method: 'POST' });
      lastMade = { slug, result };
      navigate(wpaths.keys(slug));
    } catch (error) {
      setErrors([{ message: messageOf(error) }]);
      setAttempt((n) => n + 1);
      setBusy(false);
    }
  };

  if (asking) {
    return (
      <>
        <EngagementNav slug={slug} current="events" />
        <ErrorSummary errors={errors} attempt={attempt} />
        <PageHeading>{w('keys.confirmTitle')}</PageHeading>
        <p class="govuk-body">{w('keys.confirmWhat')}</p>
        <ul class="govuk-list govuk-list--bullet">
          <li>{w('keys.confirmNext')}</li>
          <li>{w('keys.confirmOld')}</li>
          <li>{w('keys.confirmOffline')}</li>
        </ul>
        <button type="button" class="govuk-button" disabled={busy} onClick={() => void rotate()}>
          {w('keys.confirm')}
        </button>
        <p class="govuk-body">
          <Link href={wpaths.keys(slug)} class="govuk-link">
            {w('keys.cancel')}
          </Link>
        </p>
      </>
    );
  }

  return (
    <>
      <EngagementNav slug={slug} current="events" />
      <div role="status" class="app-ws-status">
        {made && (
          <div class="govuk-body app-ws-notice">
            <p class="govuk-body">{w('keys.made', { kid: made.kid })}</p>
            <p class="govuk-body">{w('keys.retired', { count: made.retired.length })}</p>
          </div>
        )}
      </div>
      <PageHeading>{w('keys.title')}</PageHeading>
      <p class="govuk-body">{w('keys.intro')}</p>
      {owner ? (
        <Link href={wpaths.keys(slug, true)} class="govuk-button govuk-button--secondary">
          {w('keys.make')}
        </Link>
      ) : (
        <p class="govuk-inset-text">{w('keys.ownersOnly')}</p>
      )}
    </>
  );
}
