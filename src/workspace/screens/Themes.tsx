import * as v from 'valibot';
import { useState } from 'preact/hooks';
import { Link } from '../../app/components/Link';
import { PageHeading } from '../../app/components/PageHeading';
import { navigate } from '../../app/router';
import { check } from '../../shared/validate';
import {
  DraftResponseSchema, ThemeInputSchema, ThemeSchema, WORKSPACE_API, type DraftResponse, type Theme, type ThemeInput,
} from '../../shared/workspace-api';
import { request } from '../api';
import { Loaded, messageOf, useLoad } from '../components/Async';
import { ErrorSummary, Select, TextArea, TextInput, errorFor, type FieldError } from '../components/Fields';
import { EngagementNav, SubNav, useWorkspaceTitle } from '../components/Frame';
import { PICTURE_LIST_ID, PictureList } from '../components/Picture';
import { w } from '../i18n';
import { wpaths } from '../routes';
import { canEdit, useSession } from '../session';
import { fieldErrors } from './field-errors';
import { languageName } from './Languages';
import '../styles/themes.css';

/**
 * Themes of an engagement: the list with how complete each theme's languages are, a form to
 * add or change one (names in every language of the engagement, easy read with pictures),
 * deleting with a confirmation, and sending the themes to a crowdsource phase as cards.
 */

export const ThemeListSchema = v.array(ThemeSchema);

// A message to show on the list after a form or confirmation page sends the organiser back.
let flash = '';

/** The three theme pages, as a small navigation under the engagement's own. */
export function ThemesNav({ slug, current }: { slug: string; current: 'themes' | 'coding' | 'suggestions' }) {
  const items = [
    ['themes', wpaths.themes(slug), w('themes.title')],
    ['coding', wpaths.coding(slug), w('themes.coding.title')],
    ['suggestions', wpaths.suggestions(slug), w('themes.suggest.title')],
  ] as const;
  return (
    <>
      <EngagementNav slug={slug} current="themes" />
      <SubNav label={w('themes.navLabel')} items={items} current={current} />
    </>
  );
}

/** Which languages a theme still lacks: translated names (other languages) and easy read (all). */
export function missingLanguages(theme: Theme, languages: readonly string[]): { names: string[]; easyRead: string[] } {
  return {
    names: languages.slice(1).filter((lng) => !theme.names[lng]?.name),
    easyRead: languages.filter((lng) => !theme.easyRead[lng]?.name),
  };
}

/** The themes page: the list, a theme's form (`?theme=new|<id>`) or a delete confirmation (`?delete=<id>`). */
export function Themes({ slug, theme, remove }: { slug: string; theme: string | null; remove: string | null }) {
  const [load, reload] = useLoad(
    async () => ({ themes: await request(WORKSPACE_API.themes(slug), ThemeListSchema), draft: await request(WORKSPACE_API.draft(slug), DraftResponseSchema) }),
    [slug],
  );
  return (
    <Loaded load={load}>
      {({ themes, draft }) => {
        if (theme !== null) {
          const found = themes.find((t) => t.id === theme);
          if (theme !== 'new' && !found) return <ThemeGone slug={slug} />;
          return <ThemeForm slug={slug} theme={found} languages={draft.bundle.languages} />;
        }
        const doomed = remove !== null ? themes.find((t) => t.id === remove) : undefined;
        if (doomed) return <DeleteTheme slug={slug} theme={doomed} />;
        return <ThemeList slug={slug} themes={themes} draft={draft} reload={reload} />;
      }}
    </Loaded>
  );
}

function ThemeList({ slug, themes, draft, reload }: { slug: string; themes: Theme[]; draft: DraftResponse; reload: () => Promise<void> }) {
  const session = useSession();
  const owner = canEdit(session);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [done, setDone] = useState(() => {
    const message = flash;
    flash = '';
    return message;
  });
  const [busy, setBusy] = useState(false);
  const phases = draft.bundle.phases.filter((p) => p.kind === 'crowdsource');
  const [phase, setPhase] = useState(phases[0]?.id ?? '');
  const languages = draft.bundle.languages;
  useWorkspaceTitle(w('themes.title'), errors.length > 0);
  const fail = (message: string, field?: string) => {
    setErrors([{ field, message }]);
    setAttempt((n) => n + 1);
    setBusy(false);
  };

  const move = async (index: number, by: -1 | 1) => {
    const ids = themes.map((t) => t.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved);
    try {
      await request(WORKSPACE_API.themeOrder(slug), ThemeListSchema, { method: 'PUT', body: { ids } });
      setErrors([]);
      setDone(w(by < 0 ? 'themes.movedUp' : 'themes.movedDown', { name: themes[index].name }));
      await reload();
    } catch (error) {
      fail(messageOf(error));
    }
  };

  const send = async (event: Event) => {
    event.preventDefault();
    if (!phase) return fail(w('themes.send.choosePhase'), 'send-phase');
    setBusy(true);
    try {
      await request(WORKSPACE_API.crowdsourceSnapshot(slug), DraftResponseSchema, { method: 'POST', body: { phase } });
      setErrors([]);
      setBusy(false);
      const title = phases.find((p) => p.id === phase)?.title ?? phase;
      setDone(w('themes.send.done', { count: themes.length, phase: title }));
    } catch (error) {
      fail(messageOf(error), 'send-phase');
    }
  };

  return (
    <>
      <ThemesNav slug={slug} current="themes" />
      <ErrorSummary errors={errors} attempt={attempt} />
      <div role="status" class="app-ws-status">
        {done && (
          <div class="govuk-body app-ws-notice">
            <p>{done}</p>
          </div>
        )}
      </div>
      <PageHeading>{w('themes.title')}</PageHeading>
      <p class="govuk-body">{w('themes.intro')}</p>
      {!owner && <p class="govuk-body">{w('themes.analystNote')}</p>}
      {owner && (
        <p class="govuk-body">
          <Link href={wpaths.themeForm(slug, 'new')} class="govuk-button">
            {w('themes.add')}
          </Link>
        </p>
      )}
      {themes.length === 0 && <p class="govuk-body">{w('themes.none')}</p>}
      {themes.length > 0 && (
        <ol class="govuk-list app-ws-themes">
          {themes.map((theme, index) => {
            const missing = missingLanguages(theme, languages);
            const complete = missing.names.length === 0 && missing.easyRead.length === 0;
            return (
              <li key={theme.id} class="app-ws-item">
                <h2 class="govuk-heading-m">
                  {w('themes.numbered', { n: index + 1, name: theme.name })}
                </h2>
                <dl class="govuk-summary-list">
                  {theme.summary && (
                    <div class="govuk-summary-list__row">
                      <dt class="govuk-summary-list__key">{w('themes.fields.summary')}</dt>
                      <dd class="govuk-summary-list__value">{theme.summary}</dd>
                    </div>
                  )}
                  <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{w('themes.coded')}</dt>
                    <dd class="govuk-summary-list__value">
                      <Link href={wpaths.coding(slug, theme.id)} class="govuk-link">
                        {w('themes.codedCount', { count: theme.count })}
                      </Link>
                    </dd>
                  </div>
                  <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{w('themes.languages')}</dt>
                    <dd class="govuk-summary-list__value">
                      {complete ? (
                        <strong class="app-tag app-ws-tag app-ws-tag--shown">{w('themes.complete')}</strong>
                      ) : (
                        <ul class="govuk-list">
                          {missing.names.map((lng) => (
                            <li key={`n-${lng}`}>{w('themes.missingName', { language: languageName(lng) })}</li>
                          ))}
                          {missing.easyRead.map((lng) => (
                            <li key={`e-${lng}`}>{w('themes.missingEasyRead', { language: languageName(lng) })}</li>
                          ))}
                        </ul>
                      )}
                    </dd>
                  </div>
                </dl>
                {owner && (
                  <ul class="govuk-list app-ws-theme-actions">
                    <li>
                      <Link href={wpaths.themeForm(slug, theme.id)} class="govuk-link">
                        {w('themes.change')}
                        <span class="govuk-visually-hidden"> {theme.name}</span>
                      </Link>
                    </li>
                    <li>
                      <Link href={wpaths.themeDelete(slug, theme.id)} class="govuk-link">
                        {w('themes.delete')}
                        <span class="govuk-visually-hidden"> {theme.name}</span>
                      </Link>
                    </li>
                    {index > 0 && (
                      <li>
                        <button type="button" class="govuk-button govuk-button--secondary app-ws-small-button" onClick={() => void move(index, -1)}>
                          {w('themes.moveUp')}
                          <span class="govuk-visually-hidden"> {theme.name}</span>
                        </button>
                      </li>
                    )}
                    {index < themes.length - 1 && (
                      <li>
                        <button type="button" class="govuk-button govuk-button--secondary app-ws-small-button" onClick={() => void move(index, 1)}>
                          {w('themes.moveDown')}
                          <span class="govuk-visually-hidden"> {theme.name}</span>
                        </button>
                      </li>
                    )}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {owner && (
        <section aria-labelledby="send-heading">
          <h2 class="govuk-heading-m" id="send-heading">
            {w('themes.send.heading')}
          </h2>
          <p class="govuk-body">{w('themes.send.intro')}</p>
          {phases.length === 0 ? (
            <p class="govuk-body">
              {w('themes.send.noPhase')}{' '}
              <Link href={wpaths.edit(slug)} class="govuk-link">
                {w('themes.send.editLink')}
              </Link>
            </p>
          ) : (
            <form onSubmit={(e) => void send(e)} noValidate>
              <Select
                id="send-phase"
                label={w('themes.send.phase')}
                value={phase}
                onValue={setPhase}
                error={errorFor(errors, 'send-phase')}
                options={phases.map((p) => ({ value: p.id, label: p.title }))}
              />
              <button type="submit" class="govuk-button" disabled={busy || themes.length === 0}>
                {w('themes.send.button')}
              </button>
            </form>
          )}
          <p class="govuk-body">
            <Link href={wpaths.publish(slug)} class="govuk-link">
              {w('themes.send.publishLink')}
            </Link>
          </p>
        </section>
      )}
    </>
  );
}

type Form = { name: string; summary: string; picture: string; names: Record<string, { name: string; summary: string }>; easyRead: Record<string, { name: string; picture: string }> };

function formOf(theme: Theme | undefined, languages: readonly string[]): Form {
  return {
    name: theme?.name ?? '',
    summary: theme?.summary ?? '',
    picture: theme?.picture ?? '',
    names: Object.fromEntries(languages.slice(1).map((lng) => [lng, { name: theme?.names[lng]?.name ?? '', summary: theme?.names[lng]?.summary ?? '' }])),
    easyRead: Object.fromEntries(languages.map((lng) => [lng, { name: theme?.easyRead[lng]?.name ?? '', picture: theme?.easyRead[lng]?.picture ?? '' }])),
  };
}

// Languages left blank are left out; half-filled ones go in, so the check names the missing name.
function inputOf(form: Form, theme: Theme | undefined): ThemeInput {
  const names: NonNullable<ThemeInput['names']> = {};
  for (const [lng, value] of Object.entries(form.names)) if (value.name.trim() || value.summary.trim()) names[lng] = { name: value.name, summary: value.summary };
  const easyRead: NonNullable<ThemeInput['easyRead']> = {};
  for (const [lng, value] of Object.entries(form.easyRead)) {
    // The form has no field for an easy-read summary; keep one the theme already has.
    const summary = theme?.easyRead[lng]?.summary;
    if (value.name.trim() || value.picture.trim()) easyRead[lng] = { name: value.name, picture: value.picture, ...(summary ? { summary } : {}) };
  }
  return { name: form.name, summary: form.summary, picture: form.picture, names, easyRead };
}

function fieldLabel(path: string): string {
  const [group, lng, field] = path.split('.');
  if (group === 'names' && lng) return w(field === 'summary' ? 'themes.fields.summaryIn' : 'themes.fields.nameIn', { language: languageName(lng) });
  if (group === 'easyRead' && lng) return w(field === 'picture' ? 'themes.fields.easyPictureIn' : 'themes.fields.easyNameIn', { language: languageName(lng) });
  if (group === 'summary') return w('themes.fields.summary');
  if (group === 'picture') return w('themes.fields.picture');
  return w('themes.fields.name');
}

function ThemeForm({ slug, theme, languages }: { slug: string; theme: Theme | undefined; languages: readonly string[] }) {
  const [form, setForm] = useState<Form>(() => formOf(theme, languages));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const heading = theme ? w('themes.form.changeHeading', { name: theme.name }) : w('themes.form.addHeading');
  useWorkspaceTitle(heading, errors.length > 0);
  const fail = (next: FieldError[]) => {
    setErrors(next);
    setAttempt((n) => n + 1);
    setBusy(false);
  };
  const setName = (lng: string, key: 'name' | 'summary') => (value: string) => setForm((f) => ({ ...f, names: { ...f.names, [lng]: { ...f.names[lng], [key]: value } } }));
  const setEasy = (lng: string, key: 'name' | 'picture') => (value: string) => setForm((f) => ({ ...f, easyRead: { ...f.easyRead, [lng]: { ...f.easyRead[lng], [key]: value } } }));

  const submit = async (event: Event) => {
    event.preventDefault();
    const checked = check(ThemeInputSchema, inputOf(form, theme));
    if (!checked.ok) return fail(fieldErrors(checked.error, fieldLabel));
    setBusy(true);
    try {
      const saved = theme
        ? await request(WORKSPACE_API.theme(slug, theme.id), ThemeSchema, { method: 'PUT', body: checked.value })
        : await request(WORKSPACE_API.themes(slug), ThemeSchema, { method: 'POST', body: checked.value });
      flash = w(theme ? 'themes.form.saved' : 'themes.form.added', { name: saved.name });
      navigate(wpaths.themes(slug));
    } catch (error) {
      const message = messageOf(error);
      fail(fieldErrors(message, fieldLabel).map((e) => (e.field ? e : { field: 'name', message: `${w('themes.fields.name')}: ${e.message}` })));
    }
  };

  const source = languages[0];
  return (
    <>
      <ThemesNav slug={slug} current="themes" />
      <ErrorSummary errors={errors} attempt={attempt} />
      <PageHeading>{heading}</PageHeading>
      <PictureList />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextInput id="name" label={w('themes.fields.name')} hint={w('themes.form.nameHint')} value={form.name} onValue={(name) => setForm((f) => ({ ...f, name }))} error={errorFor(errors, 'name')} autocomplete="off" />
        <TextArea id="summary" label={w('themes.fields.summaryOptional')} hint={w('themes.form.summaryHint')} value={form.summary} onValue={(summary) => setForm((f) => ({ ...f, summary }))} error={errorFor(errors, 'summary')} />
        <TextInput
          id="picture"
          label={w('themes.fields.pictureOptional')}
          hint={w('themes.form.pictureHint')}
          value={form.picture}
          onValue={(picture) => setForm((f) => ({ ...f, picture }))}
          error={errorFor(errors, 'picture')}
          list={PICTURE_LIST_ID}
          autocomplete="off"
          spellcheck={false}
          class="govuk-input--width-20"
        />
        {languages.slice(1).map((lng) => (
          <fieldset key={lng} class="govuk-fieldset app-ws-fieldset">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{w('themes.form.languageLegend', { language: languageName(lng) })}</legend>
            <TextInput id={`names-${lng}-name`} label={w('themes.fields.nameIn', { language: languageName(lng) })} value={form.names[lng]?.name ?? ''} onValue={setName(lng, 'name')} error={errorFor(errors, `names-${lng}-name`)} lang={lng} autocomplete="off" />
            <TextArea id={`names-${lng}-summary`} label={w('themes.fields.summaryIn', { language: languageName(lng) })} value={form.names[lng]?.summary ?? ''} onValue={setName(lng, 'summary')} error={errorFor(errors, `names-${lng}-summary`)} lang={lng} dir="auto" />
          </fieldset>
        ))}
        <fieldset class="govuk-fieldset app-ws-fieldset">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{w('themes.form.easyLegend')}</legend>
          <p class="govuk-body">{w('themes.form.easyIntro')}</p>
          {languages.map((lng) => (
            <div key={lng}>
              <TextInput
                id={`easyRead-${lng}-name`}
                label={w('themes.fields.easyNameIn', { language: languageName(lng) })}
                value={form.easyRead[lng]?.name ?? ''}
                onValue={setEasy(lng, 'name')}
                error={errorFor(errors, `easyRead-${lng}-name`)}
                lang={lng}
                autocomplete="off"
              />
              <TextInput
                id={`easyRead-${lng}-picture`}
                label={w('themes.fields.easyPictureIn', { language: languageName(lng) })}
                hint={lng === source ? w('themes.form.easyPictureHint') : undefined}
                value={form.easyRead[lng]?.picture ?? ''}
                onValue={setEasy(lng, 'picture')}
                error={errorFor(errors, `easyRead-${lng}-picture`)}
                list={PICTURE_LIST_ID}
                autocomplete="off"
                spellcheck={false}
                class="govuk-input--width-20"
              />
            </div>
          ))}
        </fieldset>
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button" disabled={busy}>
            {theme ? w('themes.form.save') : w('themes.form.create')}
          </button>
          <Link href={wpaths.themes(slug)} class="govuk-link">
            {w('themes.form.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}

// A link to a theme someone has since deleted.
function ThemeGone({ slug }: { slug: string }) {
  useWorkspaceTitle(w('themes.gone'));
  return (
    <>
      <ThemesNav slug={slug} current="themes" />
      <PageHeading>{w('themes.gone')}</PageHeading>
      <p class="govuk-body">
        <Link href={wpaths.themes(slug)} class="govuk-link">
          {w('themes.backToList')}
        </Link>
      </p>
    </>
  );
}

function DeleteTheme({ slug, theme }: { slug: string; theme: Theme }) {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const heading = w('themes.deleteHeading', { name: theme.name });
  useWorkspaceTitle(heading, errors.length > 0);
  const confirm = async () => {
    setBusy(true);
    try {
      await request(WORKSPACE_API.theme(slug, theme.id), null, { method: 'DELETE' });
      flash = w('themes.deleted', { name: theme.name });
      navigate(wpaths.themes(slug));
    } catch (error) {
      setErrors([{ message: messageOf(error) }]);
      setAttempt((n) => n + 1);
      setBusy(false);
    }
  };
  return (
    <>
      <ThemesNav slug={slug} current="themes" />
      <ErrorSummary errors={errors} attempt={attempt} />
      <PageHeading>{heading}</PageHeading>
      <p class="govuk-body">{w('themes.deleteWarning', { count: theme.count })}</p>
      <div class="govuk-button-group">
        <button type="button" class="govuk-button app-ws-button--warning" disabled={busy} onClick={() => void confirm()}>
          {w('themes.deleteConfirm')}
        </button>
        <Link href={wpaths.themes(slug)} class="govuk-link">
          {w('themes.form.cancel')}
        </Link>
      </div>
    </>
  );
}
