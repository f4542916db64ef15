import { useState } from 'preact/hooks';
import type { EngagementBundle } from '../../shared';
import type { AboutYouQuestion } from '../../shared/engagement';
import { ABOUT_YOU_OPTIONS, type AboutYouAnswers } from '../../shared/about-you';
import type { TranslationKey } from '../../i18n';
import { useLanguage, useT } from '../use-t';
import { navigate, paths } from '../router';
import { ErrorMessage, ErrorSummary, type PageError } from '../components/ErrorSummary';
import { PageHeading, useDocumentTitle } from '../components/PageHeading';

/** One "about you" question page: GOV.UK radios, "Prefer not to say" last, one question per page. */

const FIELD_ID = 'about-you-answer';
const ERROR_ID = 'about-you-error';
const PREFER_NOT = 'prefer-not-to-say';

/**
 * Answers in progress, per engagement; kept in memory only, so nothing is left on the device
 * when the person stops half-way or closes the page.
 */
export const answersInProgress = new Map<string, AboutYouAnswers>();

/** Props of a question page: the engagement, its questions and which one this is. */
export interface QuestionProps {
  bundle: EngagementBundle;
  questions: readonly AboutYouQuestion[];
  index: number;
  change: boolean;
}

/** The page of question `index`; Continue goes to the next one, or back to the check page. */
export function Question({ bundle, questions, index, change }: QuestionProps) {
  const t = useT();
  const language = useLanguage();
  const question = questions[index];
  const answers = answersInProgress.get(bundle.slug) ?? {};
  const [selected, setSelected] = useState<string | undefined>(answers[question]);
  const [error, setError] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const heading = t(`aboutYou.questions.${question}` as TranslationKey);
  useDocumentTitle([heading, bundle.title], error !== undefined);
  const options = optionsFor(question, bundle, language, t);
  const hint = question === 'disability' ? t('aboutYou.hints.disability') : undefined;

  const next = (event: Event) => {
    event.preventDefault();
    if (!selected) {
      setError(t('aboutYou.chooseOne'));
      setAttempt((n) => n + 1);
      return;
    }
    answersInProgress.set(bundle.slug, { ...(answersInProgress.get(bundle.slug) ?? {}), [question]: selected });
    const last = index === questions.length - 1;
    navigate(change || last ? paths.aboutYou(bundle.slug, 'check') : paths.aboutYou(bundle.slug, questions[index + 1]));
  };

  const errors: PageError[] = error ? [{ message: error, field: FIELD_ID }] : [];
  const describedBy = [hint && `${FIELD_ID}-hint`, error && ERROR_ID].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <ErrorSummary errors={errors} attempt={attempt} />
      <form method="post" noValidate onSubmit={next}>
        <div class={error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
          <fieldset class="govuk-fieldset" aria-describedby={describedBy}>
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--l">
              <span class="govuk-caption-l">
                {t('aboutYou.caption')} – {t('aboutYou.progress', { current: index + 1, total: questions.length })}
              </span>
              <PageHeading className="govuk-fieldset__heading">{heading}</PageHeading>
            </legend>
            {hint && (
              <div id={`${FIELD_ID}-hint`} class="govuk-hint">
                {hint}
              </div>
            )}
            <ErrorMessage id={ERROR_ID} message={error} />
            <div class="govuk-radios">
              {options.map((option, i) => {
                const id = i === 0 ? FIELD_ID : `${FIELD_ID}-${i + 1}`;
                return (
                  <div class="govuk-radios__item" key={option.value}>
                    <input
                      class="govuk-radios__input"
                      id={id}
                      name={FIELD_ID}
                      type="radio"
                      value={option.value}
                      checked={selected === option.value}
                      onChange={() => setSelected(option.value)}
                    />
                    <label class="govuk-label govuk-radios__label" for={id}>
                      {option.label}
                    </label>
                  </div>
                );
              })}
            </div>
          </fieldset>
        </div>
        <button type="submit" class="govuk-button">
          {t('question.continue')}
        </button>
      </form>
    </>
  );
}

/** The answers offered for a question, "Prefer not to say" last. */
function optionsFor(question: AboutYouQuestion, bundle: EngagementBundle, language: string, t: (key: TranslationKey) => string) {
  const keys: readonly string[] =
    question === 'firstLanguage'
      ? [...bundle.languages.filter((code) => /^[a-z]{2,3}$/.test(code)), ...ABOUT_YOU_OPTIONS.firstLanguage]
      : ABOUT_YOU_OPTIONS[question];
  return keys.map((value) => ({ value, label: labelOf(question, value, language, t) }));
}

/** The label of one answer to a question, in the page's language. */
export function labelOf(question: AboutYouQuestion, value: string, language: string, t: (key: TranslationKey) => string): string {
  if (value === PREFER_NOT) return t('aboutYou.preferNotToSay');
  if (question === 'firstLanguage' && value !== 'other') return languageName(value, language);
  return t(`aboutYou.options.${question}.${value}` as TranslationKey);
}

/** A language's name in the page's language, with its own name beside it when that differs. */
function languageName(code: string, language: string): string {
  try {
    const here = new Intl.DisplayNames([language], { type: 'language' }).of(code) ?? code;
    const own = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
    return here === own ? here : `${here} (${own})`;
  } catch {
    return code;
  }
}
