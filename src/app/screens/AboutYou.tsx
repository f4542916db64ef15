import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { EngagementBundle } from '../../shared';
import type { AboutYouQuestion } from '../../shared/engagement';
import type { AboutYouAnswers } from '../../shared/about-you';
import type { TranslationKey } from '../../i18n';
import { StorageFullError } from '../../storage';
import { useLanguage, useT } from '../use-t';
import { navigate, paths } from '../router';
import { getAboutYouSync } from '../sync';
import { EngagementGate } from '../components/EngagementGate';
import { ErrorSummary, type PageError } from '../components/ErrorSummary';
import { Link } from '../components/Link';
import { PageHeading, useDocumentTitle } from '../components/PageHeading';
import { NotFound } from './Problems';
import { Question, answersInProgress, labelOf } from './AboutYouQuestion';

/**
 * The optional "about you" (equality monitoring) pages, offered after taking part: an offer
 * page, one question per page, a check page, then thanks. Answers stay in memory until sent
 * to the device's own queue (never in a draft, never with a contribution), which sends them
 * on their own after a random wait.
 */

/** Asked when the engagement does not list its own questions. */
export const DEFAULT_QUESTIONS: readonly AboutYouQuestion[] = ['ageBand', 'ethnicity', 'disability', 'gender', 'firstLanguage'];

/** Props of the "about you" pages: the engagement, and `start`, a question id, `check` or `done`. */
export interface AboutYouProps {
  slug: string;
  step: string;
  change: boolean;
}

/** `/e/:slug/about-you[/:step]`. */
export function AboutYou({ slug, step, change }: AboutYouProps) {
  return <EngagementGate slug={slug}>{(bundle) => <AboutYouStep bundle={bundle} step={step} change={change} />}</EngagementGate>;
}

/** The questions an engagement asks: its own list when it gives one, the default set otherwise. */
export function questionsOf(bundle: EngagementBundle): readonly AboutYouQuestion[] {
  return bundle.aboutYou?.questions ?? DEFAULT_QUESTIONS;
}

function AboutYouStep({ bundle, step, change }: { bundle: EngagementBundle; step: string; change: boolean }) {
  const questions = questionsOf(bundle);
  if (questions.length === 0) return <NotOffered bundle={bundle} />;
  if (step === 'start') return <Offer bundle={bundle} first={questions[0]} />;
  if (step === 'check') return <Check bundle={bundle} questions={questions} />;
  if (step === 'done') return <Done bundle={bundle} />;
  const index = questions.indexOf(step as AboutYouQuestion);
  if (index < 0) return <NotFound />;
  return <Question key={step} bundle={bundle} questions={questions} index={index} change={change} />;
}

/** The offer of these pages on the confirmation page, saying they are optional and kept apart. */
export function AboutYouOffer({ bundle }: { bundle: EngagementBundle }) {
  const t = useT();
  return (
    <>
      <h2 class="govuk-heading-m">{t('aboutYou.offerHeading')}</h2>
      <p class="govuk-body">{t('aboutYou.offerBody')}</p>
      <div class="govuk-inset-text">{t('aboutYou.offerApart')}</div>
      <LinkLine href={paths.aboutYou(bundle.slug)}>{t('aboutYou.offerLink')}</LinkLine>
    </>
  );
}

function Offer({ bundle, first }: { bundle: EngagementBundle; first: AboutYouQuestion }) {
  const t = useT();
  useDocumentTitle([t('aboutYou.offerTitle'), bundle.title]);
  return (
    <>
      <PageHeading>{t('aboutYou.offerTitle')}</PageHeading>
      <p class="govuk-body">{t('aboutYou.offerBody')}</p>
      <div class="govuk-inset-text">{t('aboutYou.offerApart')}</div>
      <p class="govuk-body">{t('aboutYou.offerChoice')}</p>
      <p class="govuk-body">
        <Link href={paths.aboutYou(bundle.slug, first)} class="govuk-button" role="button" draggable={false}>
          {t('aboutYou.start')}
        </Link>
      </p>
      <LinkLine href={paths.engagement(bundle.slug)}>{t('aboutYou.skip')}</LinkLine>
    </>
  );
}

function Check({ bundle, questions }: { bundle: EngagementBundle; questions: readonly AboutYouQuestion[] }) {
  const t = useT();
  const language = useLanguage();
  const [errors, setErrors] = useState<PageError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [sending, setSending] = useState(false);
  useDocumentTitle([t('aboutYou.checkTitle'), bundle.title], errors.length > 0);
  const answers = answersInProgress.get(bundle.slug) ?? {};

  const fail = (message: string, href?: string) => {
    setErrors([{ message, ...(href ? { href } : {}) }]);
    setAttempt((n) => n + 1);
  };

  const send = async (event: Event) => {
    event.preventDefault();
    if (sending) return;
    const given = Object.fromEntries(questions.flatMap((q) => (answers[q] ? [[q, answers[q]]] : []))) as AboutYouAnswers;
    if (Object.keys(given).length === 0) return fail(t('aboutYou.noAnswers'), paths.aboutYou(bundle.slug, questions[0]));
    setSending(true);
    try {
      await (await getAboutYouSync()).queue(bundle.slug, given);
      answersInProgress.delete(bundle.slug);
      // Replace this page, so Back from the thanks never reopens the answers.
      navigate(paths.aboutYou(bundle.slug, 'done'), { replace: true });
    } catch (error) {
      setSending(false);
      fail(t(error instanceof StorageFullError ? 'aboutYou.storageFull' : 'aboutYou.saveFailed'));
    }
  };

  return (
    <>
      <ErrorSummary errors={errors} attempt={attempt} />
      <span class="govuk-caption-l">{t('aboutYou.caption')}</span>
      <PageHeading>{t('aboutYou.checkTitle')}</PageHeading>
      <dl class="govuk-summary-list">
        {questions.map((question) => {
          const text = t(`aboutYou.questions.${question}` as TranslationKey);
          const value = answers[question];
          return (
            <div class="govuk-summary-list__row" key={question}>
              <dt class="govuk-summary-list__key">{text}</dt>
              <dd class="govuk-summary-list__value">{value ? labelOf(question, value, language, t) : t('aboutYou.notAnswered')}</dd>
              <dd class="govuk-summary-list__actions">
                <Link href={paths.aboutYou(bundle.slug, question, true)} class="govuk-link">
                  {t('aboutYou.change')}
                  <span class="govuk-visually-hidden"> {t('aboutYou.changeHidden', { question: text })}</span>
                </Link>
              </dd>
            </div>
          );
        })}
      </dl>
      <p class="govuk-body">{t('aboutYou.checkApart')}</p>
      <form method="post" noValidate onSubmit={(event) => void send(event)}>
        <button type="submit" class="govuk-button" disabled={sending}>
          {t('aboutYou.send')}
        </button>
      </form>
    </>
  );
}

function NotOffered({ bundle }: { bundle: EngagementBundle }) {
  const t = useT();
  useDocumentTitle([t('aboutYou.offerTitle'), bundle.title]);
  return (
    <>
      <PageHeading>{t('aboutYou.offerTitle')}</PageHeading>
      <p class="govuk-body">{t('aboutYou.notOffered')}</p>
      <LinkLine href={paths.engagement(bundle.slug)}>{t('aboutYou.finish')}</LinkLine>
    </>
  );
}

function Done({ bundle }: { bundle: EngagementBundle }) {
  const t = useT();
  useDocumentTitle([t('aboutYou.doneTitle'), bundle.title]);
  return (
    <>
      <div class="govuk-panel govuk-panel--confirmation">
        <PageHeading className="govuk-panel__title">{t('aboutYou.doneTitle')}</PageHeading>
      </div>
      <p class="govuk-body">{t('aboutYou.doneBody')}</p>
      <LinkLine href={paths.engagement(bundle.slug)}>{t('aboutYou.finish')}</LinkLine>
    </>
  );
}

// A link on a line of its own, as these pages end.
function LinkLine({ href, children }: { href: string; children: ComponentChildren }) {
  return (
    <p class="govuk-body">
      <Link href={href} class="govuk-link">
        {children}
      </Link>
    </p>
  );
}
