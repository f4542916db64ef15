import { useMemo, useState } from 'preact/hooks';
import { PageHeading } from '../../app/components/PageHeading';
import type { EngagementBundle, Idea } from '../../shared/engagement';
import type { DraftResponse } from '../../shared/workspace-api';
import { Loaded, messageOf } from '../components/Async';
import { ErrorSummary, TextArea, errorFor, type FieldError } from '../components/Fields';
import { EngagementNav, useWorkspaceTitle } from '../components/Frame';
import { PicturePreview } from '../components/Picture';
import { completeness, contentUnits, readAt, writeAt, type ContentUnit } from '../content-units';
import { w } from '../i18n';
import { ideaWords, ideasToText, textToIdeas } from '../ideas';
import { directionOf } from '../languages';
import { MIN_READING_EASE, readabilityOf } from '../readability';
import { canEdit, useSession } from '../session';
import { useDraft } from './EditEngagement';
import { languageName } from './Languages';

type Texts = Record<string, string>;

/** One language's translation and easy-read text, side by side with the English. */
export function Language({ slug, lng }: { slug: string; lng: string }) {
  const { load, save } = useDraft(slug);
  useWorkspaceTitle(w('language.title', { language: languageName(lng) }));
  return (
    <>
      <EngagementNav slug={slug} current="languages" />
      <PageHeading>{w('language.title', { language: languageName(lng) })}</PageHeading>
      <Loaded load={load}>{(draft) => <Editor draft={draft} lng={lng} save={save} />}</Loaded>
    </>
  );
}

function initialTexts(bundle: EngagementBundle, units: ContentUnit[], lng: string): { translation: Texts; easy: Texts } {
  const translation: Texts = {};
  const easy: Texts = {};
  for (const unit of units) {
    const t = readAt(bundle.translations[lng], unit.path);
    translation[unit.id] = typeof t === 'string' ? t : '';
    const e = readAt(bundle.easyRead[lng], unit.path);
    easy[unit.id] = Array.isArray(e) ? ideasToText(e) : (e ?? '');
  }
  return { translation, easy };
}

function Editor({ draft, lng, save }: { draft: DraftResponse; lng: string; save: (bundle: EngagementBundle) => Promise<DraftResponse> }) {
  const session = useSession();
  const readOnly = !canEdit(session);
  const bundle = draft.bundle;
  const units = useMemo(() => contentUnits(bundle), [bundle]);
  const isSource = lng === (bundle.languages[0] ?? 'en');
  const [texts, setTexts] = useState(() => initialTexts(bundle, units, lng));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [saved, setSaved] = useState(false);
  const dir = directionOf(lng);

  const next = useMemo(() => withTexts(bundle, units, lng, texts, isSource), [bundle, units, lng, texts, isSource]);
  const c = completeness(next.ok ? next.bundle : bundle, lng);
  const english = lng === 'en' ? readabilityOf(units.flatMap((u) => (u.ideas ? ideaWords(texts.easy[u.id] ?? '') : [texts.easy[u.id] ?? '']))) : undefined;

  const submit = async (event: Event) => {
    event.preventDefault();
    const fail = (problems: FieldError[]) => {
      setErrors(problems);
      setAttempt((n) => n + 1);
    };
    if (!next.ok) return fail(next.errors);
    try {
      await save(next.bundle);
      setErrors([]);
      setSaved(true);
    } catch (error) {
      fail([{ message: messageOf(error) }]);
    }
  };
  const set = (kind: 'translation' | 'easy', id: string) => (value: string) => {
    setSaved(false);
    setTexts((current) => ({ ...current, [kind]: { ...current[kind], [id]: value } }));
  };

  return (
    <>
      <ErrorSummary errors={errors} attempt={attempt} />
      {saved && (
        <div class="app-ws-notice" role="status">
          <p class="govuk-body">{w('edit.saved')}</p>
        </div>
      )}
      <p class="govuk-body-l" id="completeness">
        {isSource
          ? w('language.completenessSource', { language: languageName(lng), percent: c.percent, count: c.easyReadTotal - c.easyRead })
          : w('language.completeness', { language: languageName(lng), percent: c.percent, count: c.easyReadTotal - c.easyRead, translations: c.translatable - c.translated })}
      </p>
      {english && english.score !== undefined && (
        <p class={`govuk-body app-ws-score${english.score < MIN_READING_EASE ? ' app-ws-score--low' : ''}`}>
          {w('language.readability', { score: english.score, target: MIN_READING_EASE })}{' '}
          {w('language.longSentences', { count: english.longSentences.length })}
        </p>
      )}
      <p class="govuk-hint">{w('language.ideasHint')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <fieldset class="govuk-fieldset" disabled={readOnly}>
          <legend class="govuk-visually-hidden">{w('language.title', { language: languageName(lng) })}</legend>
          {units.map((unit) => {
            const easyText = texts.easy[unit.id] ?? '';
            const report = lng === 'en' ? readabilityOf(unit.ideas ? ideaWords(easyText) : [easyText]) : undefined;
            const label = w(`language.roles.${unit.role}`);
            return (
              <div class={`app-ws-row${isSource ? '' : ' app-ws-row--three'}`} key={unit.id}>
                <div class="app-ws-source">
                  <h2 class="govuk-heading-s">{label}</h2>
                  <p class="govuk-body" lang={bundle.languages[0] ?? 'en'}>
                    {unit.source}
                  </p>
                </div>
                {!isSource && (
                  <TextArea
                    id={`${unit.id}-translation`}
                    label={w('language.translationOf', { language: languageName(lng), what: label })}
                    value={texts.translation[unit.id] ?? ''}
                    onValue={set('translation', unit.id)}
                    rows={unit.role === 'title' || unit.role === 'choice' ? 1 : 3}
                    lang={lng}
                    dir={dir}
                    error={errorFor(errors, `${unit.id}-translation`)}
                  />
                )}
                <TextArea
                  id={`${unit.id}-easy`}
                  label={w('language.easyReadOf', { language: languageName(lng), what: label })}
                  hint={unit.ideas ? w('language.ideasShort') : undefined}
                  value={easyText}
                  onValue={set('easy', unit.id)}
                  rows={unit.ideas ? 4 : 1}
                  lang={lng}
                  dir={dir}
                  error={errorFor(errors, `${unit.id}-easy`)}
                  describedByExtra={report?.score !== undefined ? `${unit.id}-easy-score` : undefined}
                  after={
                    <>
                      {report && report.score !== undefined && (
                        <p id={`${unit.id}-easy-score`} class={`govuk-body-s app-ws-score${report.longSentences.length > 0 ? ' app-ws-score--low' : ''}`}>
                          {w('language.fieldScore', { score: report.score })}{' '}
                          {report.longSentences.map((s) => (
                            <span key={s} class="app-ws-long">
                              {w('language.tooLong', { sentence: s })}{' '}
                            </span>
                          ))}
                        </p>
                      )}
                      {unit.ideas && <IdeaPictures text={easyText} />}
                    </>
                  }
                />
              </div>
            );
          })}
        </fieldset>
        {!readOnly && (
          <button type="submit" class="govuk-button app-ws-save">
            {w('language.save', { language: languageName(lng) })}
          </button>
        )}
      </form>
    </>
  );
}

function IdeaPictures({ text }: { text: string }) {
  const parsed = textToIdeas(text);
  if (!parsed.ok || parsed.ideas.length === 0) return null;
  return (
    <div class="app-ws-idea-pictures">
      {parsed.ideas.map((idea, index) => (
        <PicturePreview key={index} id={idea.picture} />
      ))}
    </div>
  );
}

/** The bundle with this language's texts written into its overlays, or what stops that. */
function withTexts(bundle: EngagementBundle, units: ContentUnit[], lng: string, texts: { translation: Texts; easy: Texts }, isSource: boolean) {
  const translation = structuredClone(bundle.translations[lng] ?? {}) as Record<string, unknown>;
  const easy = structuredClone(bundle.easyRead[lng] ?? {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const unit of units) {
    if (!isSource) writeAt(translation, unit.path, (texts.translation[unit.id] ?? '').trim() || undefined);
    const typed = (texts.easy[unit.id] ?? '').trim();
    let value: string | Idea[] | undefined = typed || undefined;
    if (unit.ideas && typed) {
      const parsed = textToIdeas(typed);
      if (parsed.ok) value = parsed.ideas;
      else errors.push({ field: `${unit.id}-easy`, message: w('language.ideaNeedsPicture', { what: w(`language.roles.${unit.role}`), line: parsed.line }) });
    }
    writeAt(easy, unit.path, value);
  }
  if (errors.length > 0) return { ok: false as const, errors };
  const next: EngagementBundle = { ...bundle, easyRead: { ...bundle.easyRead, [lng]: easy } };
  if (!isSource) next.translations = { ...bundle.translations, [lng]: translation };
  return { ok: true as const, bundle: next };
}
