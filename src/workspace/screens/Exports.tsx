import { useState } from 'preact/hooks';
import { PageHeading } from '../../app/components/PageHeading';
import { check } from '../../shared/validate';
import { ExportQuerySchema, WORKSPACE_API, type ExportQuery } from '../../shared/workspace-api';
import { Loaded } from '../components/Async';
import { ErrorSummary, Select, TextInput, errorFor, type FieldError } from '../components/Fields';
import { EngagementNav, useWorkspaceTitle } from '../components/Frame';
import { w } from '../i18n';
import { useDraft } from './EditEngagement';
import { fieldErrors } from './field-errors';
import { languageName } from './Languages';

/** The export URL with the filters as query parameters (empty filters left out). */
export function exportUrl(base: string, query: ExportQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `${base}?${search}` : base;
}

/** Filters, then links to the CSV and JSON exports and to the "about you" aggregate counts. */
export function Exports({ slug }: { slug: string }) {
  const { load } = useDraft(slug);
  const [form, setForm] = useState({ phase: '', language: '', event: '', from: '', to: '' });
  const [applied, setApplied] = useState<ExportQuery>({});
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  useWorkspaceTitle(w('exports.title'), errors.length > 0);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const submit = (event: Event) => {
    event.preventDefault();
    const query = Object.fromEntries(Object.entries(form).filter(([, value]) => value.trim() !== '').map(([k, value]) => [k, value.trim()]));
    const checked = check(ExportQuerySchema, query);
    const problems = checked.ok ? [] : fieldErrors(checked.error, (field) => w(`exports.labels.${field as 'phase'}`));
    if (checked.ok && checked.value.from && checked.value.to && checked.value.from > checked.value.to) {
      problems.push({ field: 'to', message: w('exports.toBeforeFrom') });
    }
    if (!checked.ok || problems.length > 0) {
      setErrors(problems);
      setAttempt((n) => n + 1);
      return;
    }
    setErrors([]);
    setApplied(checked.value);
  };

  return (
    <>
      <EngagementNav slug={slug} current="exports" />
      <ErrorSummary errors={errors} attempt={attempt} />
      <PageHeading>{w('exports.title')}</PageHeading>
      <Loaded load={load}>
        {(draft) => (
          <form onSubmit={submit} noValidate>
            <Select
              id="phase"
              label={w('exports.labels.phase')}
              value={form.phase}
              onValue={set('phase')}
              options={[{ value: '', label: w('exports.any') }, ...draft.bundle.phases.map((p) => ({ value: p.id, label: p.title }))]}
              error={errorFor(errors, 'phase')}
            />
            <Select
              id="language"
              label={w('exports.labels.language')}
              value={form.language}
              onValue={set('language')}
              options={[{ value: '', label: w('exports.any') }, ...draft.bundle.languages.map((l) => ({ value: l, label: languageName(l) }))]}
              error={errorFor(errors, 'language')}
            />
            <TextInput id="event" label={w('exports.labels.event')} hint={w('exports.eventHint')} value={form.event} onValue={set('event')} error={errorFor(errors, 'event')} autocomplete="off" spellcheck={false} />
            <div class="app-ws-dates">
              <TextInput id="from" type="date" label={w('exports.labels.from')} value={form.from} onValue={set('from')} error={errorFor(errors, 'from')} />
              <TextInput id="to" type="date" label={w('exports.labels.to')} value={form.to} onValue={set('to')} error={errorFor(errors, 'to')} />
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary">
              {w('exports.apply')}
            </button>
          </form>
        )}
      </Loaded>
      <h2 class="govuk-heading-m">{w('exports.downloads')}</h2>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" id="export-csv" href={exportUrl(WORKSPACE_API.contributionsCsv(slug), applied)} download>
            {w('exports.csv')}
          </a>
        </li>
        <li>
          <a class="govuk-link" id="export-json" href={exportUrl(WORKSPACE_API.contributionsJson(slug), applied)} download>
            {w('exports.json')}
          </a>
        </li>
        <li>
          <a class="govuk-link" id="export-about-you" href={WORKSPACE_API.aboutYouCounts(slug)} download>
            {w('exports.aboutYou')}
          </a>
        </li>
      </ul>
      <p class="govuk-body-s">{w('exports.privacy')}</p>
    </>
  );
}
