import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ContributionSchema, check } from '../../shared';
import type { EngagementBundle, Phase } from '../../shared';
import { StorageFullError, requestPersistence, submitContribution } from '../../storage';
import type { Draft } from '../../storage';
import { i18n } from '../../i18n';
import { useT } from '../use-t';
import { navigate, paths } from '../router';
import { buildContribution, isAnswered, isDeckStatement, offersComment, questionPrompts } from '../answers';
import { getPreferences } from '../preferences';
import { clearReadAloudUsed, readAloudUsed } from '../easy-read/route-flags';
import { flushDraftSave, forgetDraft, readDraft } from '../draft-autosave';
import { isPreview } from '../engagement-source';
import { syncAfterSubmit } from '../sync';
import { forOutbox, personActive, withProvenance } from '../assisted/session';
import { AnswerSummary } from '../components/AnswerSummary';
import { useThemeCards } from '../cards/use-theme-cards';
import { EngagementGate } from '../components/EngagementGate';
import { ErrorSummary, type PageError } from '../components/ErrorSummary';
import { Link } from '../components/Link';
import { Loading } from '../components/Loading';
import { PageHeading, useDocumentTitle } from '../components/PageHeading';

/** `/e/:slug/:phase/check`: every answer with a way to change it, then "Send my answers". */
export function CheckAnswers({ slug, phase }: { slug: string; phase: string }) {
  return <EngagementGate slug={slug} phase={phase}>{(bundle, found) => <CheckPage bundle={bundle} phase={found} />}</EngagementGate>;
}

function CheckPage({ bundle, phase }: { bundle: EngagementBundle; phase: Phase }) {
  const t = useT();
  // undefined while loading; null when there is no draft (never started, or already sent).
  const [draft, setDraft] = useState<Draft | null>();
  const [errors, setErrors] = useState<PageError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [sending, setSending] = useState(false);
  useDocumentTitle([t('check.title'), bundle.title], errors.length > 0);
  // A theme card's comment has a row of its own, drawn by the cards' chunk.
  const cards = useThemeCards(phase.prompts.some(offersComment));

  useEffect(() => {
    let alive = true;
    void readDraft(bundle.slug, phase.id)
      .catch(() => undefined)
      .then((found) => alive && setDraft(found ?? null));
    return () => {
      alive = false;
    };
  }, [bundle.slug, phase.id]);

  if (draft === undefined || (cards === undefined && phase.prompts.some(offersComment))) return <Loading />;
  if (draft === null) return <NothingToCheck slug={bundle.slug} />;

  const fail = (problems: PageError[]) => {
    setErrors(problems);
    setAttempt((n) => n + 1);
  };

  const send = async (event: Event) => {
    event.preventDefault();
    if (sending) return;
    const missing = questionPrompts(phase).filter((p) => p.required && !isAnswered(p, draft.answers[p.id]));
    if (missing.length > 0) {
      return fail(
        missing.map((p) => ({ message: t('check.missingRequired', { question: p.text }), href: paths.question(bundle.slug, phase.id, p.id, true) })),
      );
    }
    // The language the questions were shown in, and whether they were in easy read.
    // Tagged with the event it was made at and, on a shared tablet, how the person took part.
    const contribution = withProvenance(
      buildContribution(bundle, phase, draft.answers, i18n.language, { easyRead: getPreferences().easyRead, readAloud: readAloudUsed() }),
    );
    if (contribution.answers.length === 0 && phase.prompts.some((p) => isDeckStatement(phase, p))) {
      // Check and challenge: each vote went on its own from the deck, and "what is missing?" was left blank.
      await flushDraftSave();
      forgetDraft(bundle.slug, phase.id);
      if (personActive()) return navigate(paths.tablet('pass'), { replace: true, state: { thanks: true } });
      return navigate(paths.done(bundle.slug, phase.id), { replace: true });
    }
    if (contribution.answers.length === 0) {
      const first = questionPrompts(phase)[0];
      return fail([{ message: t('check.noAnswers'), ...(first ? { href: paths.question(bundle.slug, phase.id, first.id, true) } : {}) }]);
    }
    const checked = check(ContributionSchema, contribution);
    if (!checked.ok) {
      console.warn('Contribution failed validation', checked.error);
      return fail([{ message: t('check.saveFailed') }]);
    }
    setSending(true);
    try {
      // A draft write still waiting could land after the submission and bring the answers back.
      await flushDraftSave();
      // An organiser's preview walks the whole journey, but its answers are never queued or sent.
      if (isPreview()) {
        forgetDraft(bundle.slug, phase.id);
        return navigate(paths.done(bundle.slug, phase.id), { replace: true });
      }
      // On a shared tablet the answers are sealed before they are written, so nobody can read them there.
      const payload = await forOutbox(checked.value, bundle);
      const event = checked.value.event;
      // Recordings are listed beside the payload: sealed, it no longer shows which to upload first.
      const audio = checked.value.answers.flatMap((answer) => (answer.audio ? [answer.audio.id] : []));
      const entry = await submitContribution(payload, { engagement: bundle.slug, phase: phase.id, ...(event ? { event } : {}), ...(audio.length ? { audio } : {}) });
      forgetDraft(bundle.slug, phase.id);
      clearReadAloudUsed();
      void requestPersistence().catch(() => false);
      syncAfterSubmit();
      // A shared tablet goes straight to "pass the tablet", which clears this person's traces.
      // The receipt code shows there once (see PassTablet), never again from history.
      if (personActive()) return navigate(paths.tablet('pass'), { replace: true, state: { thanks: true, contribution: entry.id } });
      // Replace this page in history, so Back from the confirmation never reopens the answers.
      navigate(paths.done(bundle.slug, phase.id), { replace: true, state: { contribution: entry.id } });
    } catch (error) {
      setSending(false);
      fail([{ message: t(error instanceof StorageFullError ? 'check.storageFull' : 'check.saveFailed') }]);
    }
  };

  return (
    <>
      <ErrorSummary errors={errors} attempt={attempt} />
      <span class="govuk-caption-l">{phase.title}</span>
      <PageHeading>{t('check.title')}</PageHeading>
      <dl class="govuk-summary-list">
        {questionPrompts(phase).map((prompt) => {
          const change = paths.question(bundle.slug, phase.id, prompt.id, true);
          const answer = draft.answers[prompt.id];
          return (
            <Fragment key={prompt.id}>
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">{prompt.text}</dt>
                <dd class="govuk-summary-list__value">
                  <AnswerSummary prompt={prompt} answer={answer} />
                </dd>
                <dd class="govuk-summary-list__actions">
                  <Link href={change} class="govuk-link">
                    {t('check.change')}
                    <span class="govuk-visually-hidden"> {t('check.changeHidden', { question: prompt.text })}</span>
                  </Link>
                </dd>
              </div>
              {cards && cards !== 'failed' && offersComment(prompt) && <cards.CommentRow prompt={prompt} answer={answer} change={change} />}
            </Fragment>
          );
        })}
      </dl>
      <p class="govuk-body">{t('check.anonymous')}</p>
      <form method="post" noValidate onSubmit={(event) => void send(event)}>
        <button type="submit" class="govuk-button" disabled={sending}>
          {sending ? t('check.sending') : t('check.send')}
        </button>
      </form>
    </>
  );
}

function NothingToCheck({ slug }: { slug: string }) {
  const t = useT();
  return (
    <>
      <PageHeading>{t('check.emptyTitle')}</PageHeading>
      <p class="govuk-body">{t('check.emptyBody')}</p>
      <p class="govuk-body">
        <Link href={paths.engagement(slug)} class="govuk-link">
          {t('check.startAgain')}
        </Link>
      </p>
    </>
  );
}
