import { useState } from 'preact/hooks';
import { PageHeading } from '../../app/components/PageHeading';
import { navigate } from '../../app/router';
import { check } from '../../shared/validate';
import { CreateEngagementSchema, WORKSPACE_API, WorkspaceEngagementSchema } from '../../shared/workspace-api';
import { request } from '../api';
import { messageOf } from '../components/Async';
import { ErrorSummary, TextArea, TextInput, errorFor, type FieldError } from '../components/Fields';
import { useWorkspaceTitle } from '../components/Frame';
import { w } from '../i18n';
import { wpaths } from '../routes';
import { fieldErrors } from './field-errors';

/** Starts a new engagement: the server makes a draft with one phase and one question to edit. */
export function CreateEngagement() {
  const [form, setForm] = useState({ slug: '', title: '', organisation: '', intro: '' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  useWorkspaceTitle(w('create.title'), errors.length > 0);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: Event) => {
    event.preventDefault();
    const fail = (next: FieldError[]) => {
      setErrors(next);
      setAttempt((n) => n + 1);
      setBusy(false);
    };
    const checked = check(CreateEngagementSchema, form);
    if (!checked.ok) return fail(fieldErrors(checked.error, (field) => w(`create.labels.${field as 'slug'}`)));
    setBusy(true);
    try {
      const created = await request(WORKSPACE_API.engagements, WorkspaceEngagementSchema, { method: 'POST', body: checked.value });
      navigate(wpaths.edit(created.slug));
    } catch (error) {
      fail(fieldErrors(messageOf(error), (field) => w(`create.labels.${field as 'slug'}`)));
    }
  };

  return (
    <>
      <ErrorSummary errors={errors} attempt={attempt} />
      <PageHeading>{w('create.title')}</PageHeading>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextInput id="title" label={w('create.labels.title')} value={form.title} onValue={set('title')} error={errorFor(errors, 'title')} autocomplete="off" />
        <TextInput
          id="slug"
          label={w('create.labels.slug')}
          hint={w('create.slugHint')}
          value={form.slug}
          onValue={set('slug')}
          error={errorFor(errors, 'slug')}
          autocomplete="off"
          spellcheck={false}
        />
        <TextInput
          id="organisation"
          label={w('create.labels.organisation')}
          value={form.organisation}
          onValue={set('organisation')}
          error={errorFor(errors, 'organisation')}
          autocomplete="organization"
        />
        <TextArea id="intro" label={w('create.labels.intro')} hint={w('create.introHint')} value={form.intro} onValue={set('intro')} error={errorFor(errors, 'intro')} />
        <button type="submit" class="govuk-button" disabled={busy}>
          {w('create.submit')}
        </button>
      </form>
    </>
  );
}
