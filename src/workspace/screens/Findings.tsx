import { useState } from 'preact/hooks';
import { PageHeading } from '../../app/components/PageHeading';
import { paths } from '../../app/router';
import type { FindingsPage } from '../../shared/findings';
import { FindingsPreviewSchema, FindingsWorkspaceSchema, PublishedSchema, WORKSPACE_API, type FindingsWorkspace } from '../../shared/workspace-api';
import { request } from '../api';
import { Loaded, messageOf, useLoad } from '../components/Async';
import { ErrorSummary, TextArea, errorFor, type FieldError } from '../components/Fields';
import { EngagementNav, useWorkspaceTitle } from '../components/Frame';
import { w } from '../i18n';
import { wpaths } from '../routes';
import { canEdit, useSession } from '../session';
import { formatDate } from './Engagements';
import { languageName } from './Languages';
import { toDraft, toModel, type Model } from './findings-model';
import { Preview, ThemeChoice } from './FindingsParts';
import '../styles/findings.css';

/**
 * "You said, we heard": organisers write the public page's texts (in every language and in
 * easy read), choose the themes it shows and a few quotes for each, preview it exactly as it
 * would be published, and publish it as a new version. Analysts can read it all.
 */

/** The "you said, we heard" screen of one engagement. */
export function Findings({ slug }: { slug: string }) {
  const [load, , setLoaded] = useLoad(() => request(WORKSPACE_API.findings(slug), FindingsWorkspaceSchema), [slug]);
  return (
    <>
      <EngagementNav slug={slug} current="findings" />
      <Loaded load={load}>{(view) => <Editor slug={slug} view={view} onSaved={setLoaded} />}</Loaded>
    </>
  );
}

function Editor({ slug, view, onSaved }: { slug: string; view: FindingsWorkspace; onSaved: (view: FindingsWorkspace) => void }) {
  const session = useSession();
  const editable = canEdit(session);
  const [model, setModel] = useState(() => toModel(view));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [notice, setNotice] = useState<string>();
  const [preview, setPreview] = useState<FindingsPage>();
  const [busy, setBusy] = useState(false);
  useWorkspaceTitle(w('findings.title'), errors.length > 0);

  const fail = (next: FieldError[]) => {
    setErrors(next);
    setNotice(undefined);
    setAttempt((n) => n + 1);
  };
  const edit = (change: (m: Model) => void) =>
    setModel((m) => {
      const next: Model = { ...m, translations: structuredClone(m.translations), easyRead: structuredClone(m.easyRead), themes: new Map([...m.themes].map(([k, v]) => [k, new Set(v)])) };
      change(next);
      return next;
    });

  // Every action saves first, so what is previewed or published is what is on screen.
  const save = async (): Promise<boolean> => {
    const built = toDraft(model, view);
    if (!built.ok) {
      fail(built.errors);
      return false;
    }
    try {
      onSaved(await request(WORKSPACE_API.findingsDraft(slug), FindingsWorkspaceSchema, { method: 'PUT', body: built.draft }));
      setErrors([]);
      return true;
    } catch (error) {
      fail([{ message: messageOf(error) }]);
      return false;
    }
  };
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };
  const onSave = () =>
    run(async () => {
      if (await save()) setNotice(w('findings.saved'));
    });
  const onPreview = () =>
    run(async () => {
      if (editable && !(await save())) return;
      try {
        const built = await request(WORKSPACE_API.findingsPreview(slug), FindingsPreviewSchema);
        setPreview(built.page ?? undefined);
        if (built.page) setErrors([]);
        else fail(built.problems.map((message) => ({ message })));
      } catch (error) {
        setPreview(undefined);
        fail([{ message: messageOf(error) }]);
      }
    });
  const onPublish = () =>
    run(async () => {
      if (!(await save())) return;
      try {
        const published = await request(WORKSPACE_API.findingsPublish(slug), PublishedSchema, { method: 'POST', body: {} });
        setNotice(w('findings.published', { version: published.version }));
        setPreview(undefined);
        onSaved(await request(WORKSPACE_API.findings(slug), FindingsWorkspaceSchema));
      } catch (error) {
        fail([{ message: messageOf(error) }]);
      }
    });

  const source = view.languages[0] ?? 'en';
  const latest = view.versions[0];
  return (
    <>
      <ErrorSummary errors={errors} attempt={attempt} />
      {notice && (
        <div class="app-ws-notice" role="status">
          <p class="govuk-body">{notice}</p>
        </div>
      )}
      <PageHeading>{w('findings.title')}</PageHeading>
      <p class="govuk-body">{w('findings.intro')}</p>
      {!editable && <p class="govuk-inset-text">{w('common.readOnly')}</p>}
      <p class="govuk-body">
        {latest ? w('findings.current', { version: latest.version }) : w('findings.notPublished')}{' '}
        {latest && (
          <a class="govuk-link" href={paths.findings(slug)} target="_blank" rel="noopener">
            {w('findings.publicLink')}
            <span class="govuk-visually-hidden"> {w('common.newTab')}</span>
          </a>
        )}
      </p>

      <form noValidate onSubmit={(event) => (event.preventDefault(), void onSave())}>
        <h2 class="govuk-heading-m">{w('findings.textsHeading')}</h2>
        <TextArea id="findings-intro" label={w('findings.introLabel')} hint={w('findings.introHint')} value={model.intro} rows={4} lang={source} error={errorFor(errors, 'findings-intro')} onValue={(v) => edit((m) => void (m.intro = v))} />
        <TextArea id="findings-next" label={w('findings.nextLabel')} hint={w('findings.nextHint')} value={model.next} rows={4} lang={source} error={errorFor(errors, 'findings-next')} onValue={(v) => edit((m) => void (m.next = v))} />

        <h2 class="govuk-heading-m">{w('findings.themesHeading')}</h2>
        <p class="govuk-hint">{w('findings.themesHint')}</p>
        {view.themes.length === 0 ? (
          <p class="govuk-body">
            {w('findings.noThemes')}{' '}
            <a class="govuk-link" href={wpaths.themes(slug)}>
              {w('findings.themesLink')}
            </a>
          </p>
        ) : (
          view.themes.map((theme, i) => <ThemeChoice key={theme.id} index={i} theme={theme} model={model} error={errorFor(errors, `findings-theme-${i}`)} edit={edit} />)
        )}

        <h2 class="govuk-heading-m">{w('findings.languagesHeading')}</h2>
        <p class="govuk-hint">{w('findings.languagesHint')}</p>
        <p class="govuk-hint">{w('language.ideasHint')}</p>
        {view.languages.map((lng) => (
          <details class="govuk-details" key={lng} open={errors.some((e) => e.field?.includes(`-${lng}-`))}>
            <summary class="govuk-details__summary">
              <span class="govuk-details__summary-text">{languageName(lng)}</span>
            </summary>
            <div class="govuk-details__text">
              {lng !== source &&
                (['intro', 'next'] as const).map((key) => (
                  <TextArea
                    key={key}
                    id={`findings-${lng}-${key}`}
                    label={w('findings.translationOf', { language: languageName(lng), what: w(key === 'intro' ? 'findings.introLabel' : 'findings.nextLabel') })}
                    value={model.translations[lng]?.[key] ?? ''}
                    rows={3}
                    lang={lng}
                    dir="auto"
                    onValue={(v) => edit((m) => void ((m.translations[lng] ??= { intro: '', next: '' })[key] = v))}
                  />
                ))}
              {(['intro', 'next'] as const).map((key) => (
                <TextArea
                  key={`easy-${key}`}
                  id={`findings-easy-${lng}-${key}`}
                  label={w('findings.easyReadOf', { language: languageName(lng), what: w(key === 'intro' ? 'findings.introLabel' : 'findings.nextLabel') })}
                  hint={w('language.ideasShort')}
                  value={model.easyRead[lng]?.[key] ?? ''}
                  rows={4}
                  lang={lng}
                  dir="auto"
                  error={errorFor(errors, `findings-easy-${lng}-${key}`)}
                  onValue={(v) => edit((m) => void ((m.easyRead[lng] ??= { intro: '', next: '' })[key] = v))}
                />
              ))}
            </div>
          </details>
        ))}

        <div class="govuk-button-group">
          {editable && (
            <button type="submit" class="govuk-button" disabled={busy}>
              {w('findings.save')}
            </button>
          )}
          <button type="button" class="govuk-button govuk-button--secondary" disabled={busy} onClick={() => void onPreview()}>
            {w('findings.preview')}
          </button>
        </div>
        {editable && (
          <>
            <p class="govuk-body">{w('findings.publishHint')}</p>
            <button type="button" class="govuk-button" disabled={busy} onClick={() => void onPublish()}>
              {w('findings.publish')}
            </button>
          </>
        )}
      </form>

      {preview && <Preview page={preview} />}

      <h2 class="govuk-heading-m">{w('findings.versions')}</h2>
      {view.versions.length === 0 ? (
        <p class="govuk-body">{w('findings.noVersions')}</p>
      ) : (
        <ul class="govuk-list">
          {view.versions.map((item) => (
            <li key={item.version}>{w('findings.version', { version: item.version, at: formatDate(item.publishedAt), by: item.publishedBy ?? '—' })}</li>
          ))}
        </ul>
      )}
    </>
  );
}
