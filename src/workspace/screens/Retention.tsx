import { useState } from 'preact/hooks';
import * as v from 'valibot';
import { PageHeading } from '../../app/components/PageHeading';
import { API } from '../../shared/api';
import { EventDateSchema } from '../../shared/events';
import { check } from '../../shared/validate';
import { request } from '../api';
import { Loaded, messageOf, useLoad } from '../components/Async';
import { ErrorSummary, TextInput, errorFor, type FieldError } from '../components/Fields';
import { EngagementNav, useWorkspaceTitle } from '../components/Frame';
import { w } from '../i18n';
import { canEdit, useSession } from '../session';

/** Answer of `GET` and `PUT` on the retention path (`erased` only after a `PUT`). */
const RetentionSchema = v.object({ slug: v.string(), deleteAfter: v.nullable(v.string()), erased: v.optional(v.number()) });

const FIELD = 'delete-after';

/** Today as `YYYY-MM-DD` in UTC, the calendar the server's sweep uses. */
function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Checks a retention day typed by an organiser: a real date, not before today. A past day
 * would erase everything at once, which is never what a date form should do by accident.
 */
export function retentionDayProblem(day: string, today = todayUtc()): string | undefined {
  if (!day.trim()) return w('retention.required');
  const checked = check(EventDateSchema, day.trim());
  if (!checked.ok) return `${w('retention.label')}: ${checked.error}`;
  if (checked.value < today) return w('retention.past');
  return undefined;
}

/** When the engagement's contributions are erased: the day set now, and (owners) a form to set it. */
export function Retention({ slug }: { slug: string }) {
  const session = useSession();
  const [load, , setLoaded] = useLoad(() => request(API.retention(slug), RetentionSchema), [slug]);
  const [day, setDay] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  useWorkspaceTitle(w('retention.title'), errors.length > 0);

  const submit = async (event: Event) => {
    event.preventDefault();
    const fail = (message: string) => {
      setErrors([{ field: FIELD, message }]);
      setAttempt((n) => n + 1);
      setBusy(false);
    };
    const problem = retentionDayProblem(day);
    if (problem) return fail(problem);
    setBusy(true);
    try {
      const saved = await request(API.retention(slug), RetentionSchema, { method: 'PUT', body: { deleteAfter: day.trim() } });
      setErrors([]);
      setBusy(false);
      const erased = saved.erased ? ` ${w('retention.erased', { count: saved.erased })}` : '';
      setDone(`${w('retention.saved', { date: saved.deleteAfter ?? '' })}${erased}`);
      setLoaded(saved);
    } catch (error) {
      fail(messageOf(error));
    }
  };

  const clear = async () => {
    setBusy(true);
    try {
      const saved = await request(API.retention(slug), RetentionSchema, { method: 'DELETE' });
      setErrors([]);
      setDone(w('retention.cleared'));
      setLoaded(saved);
    } catch (error) {
      setErrors([{ field: FIELD, message: messageOf(error) }]);
      setAttempt((n) => n + 1);
    }
    setBusy(false);
  };

  return (
    <>
      <EngagementNav slug={slug} current="retention" />
      <ErrorSummary errors={errors} attempt={attempt} />
      <div role="status" class="app-ws-status">
        {done && <p class="govuk-body app-ws-notice">{done}</p>}
      </div>
      <PageHeading>{w('retention.title')}</PageHeading>
      <p class="govuk-body">{w('retention.intro')}</p>
      <p class="govuk-body">{w('retention.aboutYou')}</p>
      <Loaded load={load}>
        {(retention) => (
          <>
            <p class="govuk-inset-text" id="retention-current">
              {retention.deleteAfter ? w('retention.current', { date: retention.deleteAfter }) : w('retention.none')}
            </p>
            {canEdit(session) ? (
              <form onSubmit={(e) => void submit(e)} noValidate>
                <TextInput id={FIELD} type="date" label={w('retention.label')} hint={w('retention.hint')} value={day} onValue={setDay} error={errorFor(errors, FIELD)} min={todayUtc()} />
                <p class="govuk-body-s">{w('retention.change')}</p>
                <div class="govuk-button-group">
                  <button type="submit" class="govuk-button" disabled={busy}>
                    {w('retention.save')}
                  </button>
                  {retention.deleteAfter && (
                    <button type="button" class="govuk-button govuk-button--secondary" disabled={busy} onClick={() => void clear()}>
                      {w('retention.clear')}
                    </button>
                  )}
                </div>
              </form>
            ) : (
              <p class="govuk-inset-text">{w('common.readOnly')}</p>
            )}
          </>
        )}
      </Loaded>
    </>
  );
}
