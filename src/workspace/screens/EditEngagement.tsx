import { useState } from 'preact/hooks';
import { PageHeading } from '../../app/components/PageHeading';
import type { AboutYouQuestion, EngagementBundle, Phase } from '../../shared/engagement';
import { check } from '../../shared/validate';
import { DraftBundleSchema, DraftResponseSchema, WORKSPACE_API, type DraftResponse } from '../../shared/workspace-api';
import { request } from '../api';
import { Loaded, messageOf, useLoad } from '../components/Async';
import { Checkbox, ErrorSummary, Select, TextArea, TextInput, errorFor, type FieldError } from '../components/Fields';
import { EngagementNav, useWorkspaceTitle } from '../components/Frame';
import { PictureList } from '../components/Picture';
import { w } from '../i18n';
import { canEdit, useSession } from '../session';
import { newPhase, newPrompt, optional, type Change } from './edit-model';
import { fieldErrors } from './field-errors';
import { PromptEditor } from './PromptEditor';

const ABOUT_YOU: AboutYouQuestion[] = ['ageBand', 'ethnicity', 'disability', 'gender', 'firstLanguage'];

/** Loads the draft of one engagement and saves it back; every edit happens on a copy first. */
export function useDraft(slug: string) {
  const [load, , setLoaded] = useLoad(() => request(WORKSPACE_API.draft(slug), DraftResponseSchema), [slug]);
  const save = async (bundle: EngagementBundle): Promise<DraftResponse> => {
    const checked = check(DraftBundleSchema, bundle);
    if (!checked.ok) throw new Error(checked.error);
    const saved = await request(WORKSPACE_API.draft(slug), DraftResponseSchema, { method: 'PUT', body: checked.value });
    setLoaded(saved);
    return saved;
  };
  return { load, save };
}

/** Edit the draft: details, phases with dates, questions of each kind and "about you". */
export function EditEngagement({ slug }: { slug: string }) {
  const { load, save } = useDraft(slug);
  return (
    <>
      <EngagementNav slug={slug} current="edit" />
      <Loaded load={load}>{(draft) => <Editor initial={draft.bundle} save={save} />}</Loaded>
    </>
  );
}

function Editor({ initial, save }: { initial: EngagementBundle; save: (bundle: EngagementBundle) => Promise<DraftResponse> }) {
  const session = useSession();
  const readOnly = !canEdit(session);
  const [bundle, setBundle] = useState(initial);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useWorkspaceTitle(w('edit.title', { title: bundle.title }), errors.length > 0);
  const change: Change = (edit) => {
    setSaved(false);
    setBundle((current) => {
      const next = structuredClone(current);
      edit(next);
      return next;
    });
  };
  const err = (field: string) => errorFor(errors, field);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      await save(bundle);
      setErrors([]);
      setSaved(true);
    } catch (error) {
      setErrors(fieldErrors(messageOf(error), labelFor));
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const aboutYou = bundle.aboutYou?.questions ?? [];
  return (
    <>
      <ErrorSummary errors={errors} attempt={attempt} />
      {saved && (
        <div class="app-ws-notice" role="status">
          <p class="govuk-body">{w('edit.saved')}</p>
        </div>
      )}
      <PageHeading>{w('edit.title', { title: bundle.title })}</PageHeading>
      {readOnly && <p class="govuk-inset-text">{w('common.readOnly')}</p>}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <fieldset class="govuk-fieldset" disabled={readOnly}>
          <legend class="govuk-fieldset__legend govuk-heading-m">{w('edit.details')}</legend>
          <TextInput id="title" label={w('create.labels.title')} value={bundle.title} onValue={(v) => change((d) => void (d.title = v))} error={err('title')} autocomplete="off" />
          <TextInput id="organisation" label={w('create.labels.organisation')} value={bundle.organisation} onValue={(v) => change((d) => void (d.organisation = v))} error={err('organisation')} autocomplete="organization" />
          <TextArea id="intro" label={w('create.labels.intro')} value={bundle.intro} onValue={(v) => change((d) => void (d.intro = v))} error={err('intro')} />
        </fieldset>
        {bundle.phases.map((phase, index) => (
          <PhaseEditor key={index} phase={phase} index={index} errors={errors} readOnly={readOnly} change={change} removable={bundle.phases.length > 1} />
        ))}
        {!readOnly && (
          <button type="button" class="govuk-button govuk-button--secondary" onClick={() => change((d) => void d.phases.push(newPhase(d)))}>
            {w('edit.addPhase')}
          </button>
        )}
        <fieldset class="govuk-fieldset" disabled={readOnly}>
          <legend class="govuk-fieldset__legend govuk-heading-m">{w('edit.aboutYou')}</legend>
          <p class="govuk-hint">{w('edit.aboutYouHint')}</p>
          {ABOUT_YOU.map((question) => (
            <Checkbox
              key={question}
              id={`about-you-${question}`}
              label={w(`aboutYou.${question}`)}
              checked={aboutYou.includes(question)}
              onChecked={(on) =>
                change((d) => {
                  const chosen = ABOUT_YOU.filter((q) => (q === question ? on : aboutYou.includes(q)));
                  d.aboutYou = { questions: chosen };
                })
              }
            />
          ))}
        </fieldset>
        <PictureList />
        {!readOnly && (
          <button type="submit" class="govuk-button app-ws-save" disabled={busy}>
            {w('edit.save')}
          </button>
        )}
      </form>
    </>
  );
}

function PhaseEditor({ phase, index, errors, readOnly, change, removable }: { phase: Phase; index: number; errors: FieldError[]; readOnly: boolean; change: Change; removable: boolean }) {
  const id = (field: string) => `phases-${index}-${field}`;
  const err = (field: string) => errorFor(errors, id(field));
  const edit = (fn: (p: Phase) => void) => change((d) => fn(d.phases[index] as Phase));
  return (
    <section class="app-ws-phase" aria-labelledby={id('heading')}>
      <h2 class="govuk-heading-m" id={id('heading')}>
        {w('edit.phaseHeading', { number: index + 1, title: phase.title })}
      </h2>
      <fieldset class="govuk-fieldset" disabled={readOnly}>
        <legend class="govuk-visually-hidden">{w('edit.phaseHeading', { number: index + 1, title: phase.title })}</legend>
        <TextInput id={id('title')} label={w('edit.phaseTitle')} value={phase.title} onValue={(v) => edit((p) => void (p.title = v))} error={err('title')} autocomplete="off" />
        <TextInput id={id('id')} label={w('edit.phaseId')} hint={w('edit.idHint')} value={phase.id} onValue={(v) => edit((p) => void (p.id = v))} error={err('id')} autocomplete="off" spellcheck={false} />
        <TextArea id={id('intro')} label={w('edit.phaseIntro')} value={phase.intro} onValue={(v) => edit((p) => void (p.intro = v))} error={err('intro')} rows={2} />
        <Select id={id('kind')} label={w('edit.phaseKind')} value={phase.kind} onValue={(v) => edit((p) => void (p.kind = v as Phase['kind']))} error={err('kind')} options={(['conversation', 'crowdsource', 'check'] as const).map((k) => ({ value: k, label: w(`phaseKinds.${k}`) }))} />
        <Select id={id('audience')} label={w('edit.audience')} value={phase.audience} onValue={(v) => edit((p) => void (p.audience = v as Phase['audience']))} error={err('audience')} options={(['public', 'professionals', 'everyone'] as const).map((k) => ({ value: k, label: w(`audiences.${k}`) }))} />
        <div class="app-ws-dates">
          <TextInput id={id('opensAt')} type="date" label={w('edit.opensAt')} value={phase.opensAt ?? ''} onValue={(v) => edit((p) => void (p.opensAt = optional(v)))} error={err('opensAt')} />
          <TextInput id={id('closesAt')} type="date" label={w('edit.closesAt')} value={phase.closesAt ?? ''} onValue={(v) => edit((p) => void (p.closesAt = optional(v)))} error={err('closesAt')} />
        </div>
      </fieldset>
      {phase.prompts.map((prompt, n) => (
        <PromptEditor
          key={n}
          prompt={prompt}
          path={id(`prompts-${n}`)}
          number={n + 1}
          errors={errors}
          readOnly={readOnly}
          onChange={(next) => edit((p) => void (p.prompts[n] = next))}
          onRemove={phase.prompts.length > 1 ? () => edit((p) => void p.prompts.splice(n, 1)) : undefined}
        />
      ))}
      {!readOnly && (
        <p class="govuk-body">
          <button type="button" class="govuk-button govuk-button--secondary" onClick={() => edit((p) => void p.prompts.push(newPrompt(p)))}>
            {w('edit.addPrompt', { phase: phase.title })}
          </button>{' '}
          {removable && (
            <button type="button" class="govuk-button govuk-button--secondary" onClick={() => change((d) => void d.phases.splice(index, 1))}>
              {w('edit.removePhase', { phase: phase.title })}
            </button>
          )}
        </p>
      )}
    </section>
  );
}

/** A field path from a validation message, named the way the form labels it. */
function labelFor(path: string): string {
  const parts = path.split('.');
  const last = parts[parts.length - 1] ?? path;
  const phase = parts[0] === 'phases' ? Number(parts[1]) + 1 : undefined;
  const prompt = parts[2] === 'prompts' ? Number(parts[3]) + 1 : undefined;
  const where = [phase !== undefined ? w('edit.wherePhase', { number: phase }) : '', prompt !== undefined ? w('edit.wherePrompt', { number: prompt }) : ''].filter(Boolean).join(', ');
  return where ? `${where}, ${last}` : last;
}
