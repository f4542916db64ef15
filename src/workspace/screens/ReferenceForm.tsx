import { useState } from 'preact/hooks';
import type { AboutYouQuestion } from '../../shared/engagement';
import { ABOUT_YOU_OPTIONS, ReferenceSharesSchema, WORKSPACE_API, type ReferenceShares } from '../../shared/workspace-api';
import { request } from '../api';
import { Loaded, messageOf, useLoad } from '../components/Async';
import { ErrorSummary, TextInput, errorFor, type FieldError } from '../components/Fields';
import { w } from '../i18n';
import { canEdit, useSession } from '../session';
import { questionName } from './Dashboard';

const QUESTIONS = Object.keys(ABOUT_YOU_OPTIONS) as AboutYouQuestion[];

/** Reference shares (e.g. census figures) the "about you" answers are compared with, in per cent. */
export function ReferenceForm({ slug, onSaved }: { slug: string; onSaved: () => void }) {
  const session = useSession();
  const [load] = useLoad(() => request(WORKSPACE_API.reference(slug), ReferenceSharesSchema), [slug]);
  if (!canEdit(session)) return null;
  return <Loaded load={load}>{(shares) => <Form slug={slug} initial={shares} onSaved={onSaved} />}</Loaded>;
}

function Form({ slug, initial, onSaved }: { slug: string; initial: ReferenceShares; onSaved: () => void }) {
  const [values, setValues] = useState<Record<string, string>>(() => {
    const out: Record<string, string> = {};
    for (const q of QUESTIONS) for (const [key, share] of Object.entries(initial[q] ?? {})) out[`${q}-${key}`] = String(Math.round(share * 1000) / 10);
    return out;
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [saved, setSaved] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const problems: FieldError[] = [];
    const shares: Record<string, Record<string, number>> = {};
    for (const q of QUESTIONS) {
      for (const key of ABOUT_YOU_OPTIONS[q]) {
        const id = `ref-${q}-${key}`;
        const raw = (values[`${q}-${key}`] ?? '').trim();
        if (!raw) continue;
        const n = Number(raw.replace('%', ''));
        if (!Number.isFinite(n) || n < 0 || n > 100) problems.push({ field: id, message: w('reference.invalid', { question: questionName(q), answer: key }) });
        else (shares[q] ??= {})[key] = n / 100;
      }
    }
    if (problems.length > 0) {
      setErrors(problems);
      setAttempt((n) => n + 1);
      return;
    }
    try {
      await request(WORKSPACE_API.reference(slug), ReferenceSharesSchema, { method: 'PUT', body: shares });
      setErrors([]);
      setSaved(true);
      onSaved();
    } catch (error) {
      setErrors([{ message: messageOf(error) }]);
      setAttempt((n) => n + 1);
    }
  };
  return (
    <details class="app-ws-details">
      <summary>{w('reference.title')}</summary>
      <ErrorSummary errors={errors} attempt={attempt} />
      {saved && <p class="govuk-body app-ws-notice" role="status">{w('reference.saved')}</p>}
      <form onSubmit={(event) => void submit(event)} noValidate>
        {QUESTIONS.map((q) => (
          <fieldset class="govuk-fieldset" key={q}>
            <legend class="govuk-fieldset__legend govuk-heading-s">{questionName(q)}</legend>
            <div class="app-ws-reference">
              {ABOUT_YOU_OPTIONS[q].map((key) => (
                <TextInput
                  key={key}
                  id={`ref-${q}-${key}`}
                  label={w('reference.share', { answer: key })}
                  inputMode="decimal"
                  autocomplete="off"
                  class="app-ws-input--short"
                  value={values[`${q}-${key}`] ?? ''}
                  onValue={(value) => setValues((v) => ({ ...v, [`${q}-${key}`]: value }))}
                  error={errorFor(errors, `ref-${q}-${key}`)}
                />
              ))}
            </div>
          </fieldset>
        ))}
        <button type="submit" class="govuk-button govuk-button--secondary">
          {w('reference.save')}
        </button>
      </form>
    </details>
  );
}
