import { useState } from 'preact/hooks';
import { Link } from '../../app/components/Link';
import { PageHeading } from '../../app/components/PageHeading';
import { API } from '../../shared/api';
import { ModerationItemSchema, ModerationPageSchema, WORKSPACE_API, type ModerationItem, type ModerationPage } from '../../shared/workspace-api';
import { request } from '../api';
import { Loaded, messageOf, useLoad } from '../components/Async';
import { ErrorSummary, TextInput, errorFor, type FieldError } from '../components/Fields';
import { EngagementNav, SubNav, useWorkspaceTitle } from '../components/Frame';
import { w } from '../i18n';
import { wpaths } from '../routes';
import { canEdit, useSession } from '../session';
import { formatDate } from './Engagements';

const STATUSES = ['new', 'hidden', 'shown', 'all'] as const;
type Status = (typeof STATUSES)[number];

/** The queue of free-text and spoken answers: automatic flags, hide with a reason, un-hide. */
export function Moderation({ slug, status: asked }: { slug: string; status: string }) {
  const status: Status = (STATUSES as readonly string[]).includes(asked) ? (asked as Status) : 'new';
  const url = (before?: string) => `${WORKSPACE_API.moderation(slug)}?status=${status}${before ? `&before=${encodeURIComponent(before)}` : ''}`;
  const [load, , setLoaded] = useLoad(() => request(url(), ModerationPageSchema), [slug, status]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [done, setDone] = useState('');
  useWorkspaceTitle(w('moderation.title'), errors.length > 0);
  const fail = (problems: FieldError[]) => {
    setErrors(problems);
    setAttempt((n) => n + 1);
  };

  const replaceItem = (page: ModerationPage, item: ModerationItem): ModerationPage => ({
    ...page,
    items: page.items.map((i) => (i.contributionId === item.contributionId && i.position === item.position ? item : i)),
  });
  const act = async (page: ModerationPage, item: ModerationItem, action: 'hide' | 'show', reason: string) => {
    const field = reasonId(item);
    if (action === 'hide' && !reason.trim()) return fail([{ field, message: w('moderation.reasonRequired') }]);
    try {
      const body = action === 'hide' ? { action, reason: reason.trim() } : reason.trim() ? { action, reason: reason.trim() } : { action };
      const updated = await request(WORKSPACE_API.answerModeration(slug, item.contributionId, item.position), ModerationItemSchema, { method: 'PUT', body });
      setErrors([]);
      setDone(w(action === 'hide' ? 'moderation.hidden' : 'moderation.shown'));
      setLoaded(replaceItem(page, updated));
    } catch (error) {
      fail([{ field, message: messageOf(error) }]);
    }
  };
  const more = async (page: ModerationPage) => {
    if (!page.next) return;
    try {
      const older = await request(url(page.next), ModerationPageSchema);
      setLoaded({ ...older, items: [...page.items, ...older.items] });
    } catch (error) {
      fail([{ message: messageOf(error) }]);
    }
  };

  return (
    <>
      <EngagementNav slug={slug} current="moderation" />
      <ErrorSummary errors={errors} attempt={attempt} />
      <div role="status" class="app-ws-status">
        {done && <p class="govuk-body app-ws-notice">{done}</p>}
      </div>
      <PageHeading>{w('moderation.title')}</PageHeading>
      <p class="govuk-body">
        <Link href={wpaths.audit(slug)} class="govuk-link">
          {w('moderation.auditLink')}
        </Link>
      </p>
      <Loaded load={load}>
        {(page) => (
          <>
            <SubNav
              label={w('moderation.filterLabel')}
              items={STATUSES.map((s) => [s, wpaths.moderation(slug, s), s === 'all' ? w('moderation.all') : `${w(`moderation.status.${s}`)} (${page.counts[s]})`] as const)}
              current={status}
            />
            {page.items.length === 0 && <p class="govuk-body">{w('moderation.empty')}</p>}
            {page.items.length > 0 && (
              <ol class="govuk-list app-ws-queue">
                {page.items.map((item) => (
                  <Item key={`${item.contributionId}-${item.position}`} item={item} errors={errors} onAct={(action, reason) => void act(page, item, action, reason)} />
                ))}
              </ol>
            )}
            {page.next && (
              <button type="button" class="govuk-button govuk-button--secondary" onClick={() => void more(page)}>
                {w('moderation.more')}
              </button>
            )}
          </>
        )}
      </Loaded>
    </>
  );
}

const reasonId = (item: ModerationItem) => `reason-${item.contributionId}-${item.position}`;

function Item({ item, errors, onAct }: { item: ModerationItem; errors: FieldError[]; onAct: (action: 'hide' | 'show', reason: string) => void }) {
  const session = useSession();
  const [reason, setReason] = useState('');
  const id = reasonId(item);
  return (
    <li class="app-ws-item">
      <p class="govuk-body app-ws-meta">
        <strong class={`app-tag app-ws-tag app-ws-tag--${item.status}`}>{w(`moderation.status.${item.status}`)}</strong>{' '}
        {w('moderation.meta', { phase: item.phase, prompt: item.prompt, locale: item.locale, at: formatDate(item.receivedAt), version: item.version ?? '—' })}
      </p>
      {item.kind === 'text' ? (
        <blockquote class="app-ws-answer" lang={item.locale}>
          {item.value}
        </blockquote>
      ) : (
        // The player is 300px wide by default: too wide for a 320px screen without this.
        <figure class="app-ws-answer">
          <figcaption id={`audio-${item.contributionId}-${item.position}`} class="govuk-body">
            {w('moderation.audio', { id: item.value })}
          </figcaption>
          <audio controls preload="none" src={API.organiserAudio(item.value)} aria-labelledby={`audio-${item.contributionId}-${item.position}`} style={{ maxWidth: '100%' }} />
        </figure>
      )}
      {item.flags.length > 0 && (
        <p class="govuk-body-s">
          {w('moderation.flags')}{' '}
          {item.flags.map((flag) => (
            <strong key={flag} class="app-tag app-ws-tag app-ws-tag--flag">
              {w(`flags.${flag}`)}
            </strong>
          ))}
        </p>
      )}
      {item.reason && <p class="govuk-body-s">{w('moderation.reason', { reason: item.reason })}</p>}
      {canEdit(session) && (
        <form
          class="app-ws-actions"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            onAct(item.status === 'hidden' ? 'show' : 'hide', reason);
          }}
        >
          <TextInput id={id} label={w(item.status === 'hidden' ? 'moderation.showReason' : 'moderation.hideReason')} value={reason} onValue={setReason} error={errorFor(errors, id)} autocomplete="off" />
          <button type="submit" class="govuk-button govuk-button--secondary">
            {w(item.status === 'hidden' ? 'moderation.show' : 'moderation.hide')}
          </button>
          {item.status === 'new' && (
            <button type="button" class="govuk-button govuk-button--secondary app-ws-inline" onClick={() => onAct('show', reason)}>
              {w('moderation.approve')}
            </button>
          )}
        </form>
      )}
    </li>
  );
}
