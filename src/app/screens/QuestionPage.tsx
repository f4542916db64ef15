import { useEffect, useState } from 'preact/hooks';
import type { EngagementBundle, Phase, Prompt } from '../../shared';
import type { DraftAnswer } from '../../storage';
import { useT } from '../use-t';
import { navigate, paths } from '../router';
import { answerError, isThemeCard, isDeckStatement, maxLengthOf, nextStep, previousPrompt, questionPrompts, visiblePrompts } from '../answers';
import { flushDraftSave, readDraft, scheduleDraftSave } from '../draft-autosave';
import { EngagementGate } from '../components/EngagementGate';
import { ErrorSummary } from '../components/ErrorSummary';
import { Link } from '../components/Link';
import { Loading } from '../components/Loading';
import { useDocumentTitle } from '../components/PageHeading';
import { COMMENT_ID, FIELD_ID, QuestionField } from '../components/QuestionFields';
import { hintIdeas, useEasyReadOverlay } from '../easy-read/use-easy-read';
import { useThemeCards } from '../cards/use-theme-cards';
import { DeckLoader } from '../deck/DeckLoader';
import { NotFound } from './Problems';

/** Which question to show, and whether Continue should return to the check page. */
export interface QuestionRouteProps {
  slug: string;
  phase: string;
  prompt: string;
  change: boolean;
}

/** `/e/:slug/:phase/:promptId`: one question per page, autosaved as the person answers. */
export function QuestionPage({ slug, phase, prompt, change }: QuestionRouteProps) {
  return (
    <EngagementGate slug={slug} phase={phase}>
      {(bundle, found) => {
        // A withdrawn statement is no longer shown, even to a link or a draft that names it.
        const current = visiblePrompts(found).find((p) => p.id === prompt);
        if (!current) return <NotFound />;
        // A statement of a check-and-challenge phase is a card of the deck, which loads on its own.
        if (isDeckStatement(found, current)) return <DeckLoader bundle={bundle} phase={found} statement={current} />;
        return <QuestionForm bundle={bundle} phase={found} prompt={current} change={change} />;
      }}
    </EngagementGate>
  );
}

interface QuestionFormProps {
  bundle: EngagementBundle;
  phase: Phase;
  prompt: Prompt;
  change: boolean;
}

function QuestionForm({ bundle, phase, prompt, change }: QuestionFormProps) {
  const t = useT();
  const [answers, setAnswers] = useState<Record<string, DraftAnswer>>();
  const [error, setError] = useState<{ field: string; message: string }>();
  const [attempt, setAttempt] = useState(0);
  const [leaving, setLeaving] = useState(false);
  const easyRead = useEasyReadOverlay(bundle);
  const cards = useThemeCards(isThemeCard(prompt));
  useDocumentTitle([prompt.text, bundle.title], Boolean(error));

  useEffect(() => {
    let alive = true;
    void readDraft(bundle.slug, phase.id)
      .catch(() => undefined)
      .then((draft) => alive && setAnswers(draft?.answers ?? {}));
    return () => {
      alive = false;
    };
  }, [bundle.slug, phase.id]);

  // A theme card waits for its chunk here, so the page draws once, whole.
  if (!answers || (cards === undefined && isThemeCard(prompt))) return <Loading />;

  const save = (next: Record<string, DraftAnswer>, step: string) =>
    scheduleDraftSave({ engagement: bundle.slug, phase: phase.id, version: bundle.version, answers: next, step });

  const onChange = (answer: DraftAnswer) => {
    const next = { ...answers, [prompt.id]: answer };
    setAnswers(next);
    save(next, prompt.id);
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (leaving) return;
    const problem = answerError(prompt, answers[prompt.id]);
    if (problem) {
      // Only a theme card's comment can be too long on a vote prompt.
      setError({ field: problem === 'card.commentTooLong' ? COMMENT_ID : FIELD_ID, message: t(problem, { max: maxLengthOf(prompt) }) });
      setAttempt((n) => n + 1);
      return;
    }
    const step = change ? 'check' : nextStep(phase, prompt.id);
    setLeaving(true);
    save(answers, step);
    await flushDraftSave();
    navigate(step === 'check' ? paths.check(bundle.slug, phase.id) : paths.question(bundle.slug, phase.id, step));
  };

  const previous = previousPrompt(phase, prompt.id);
  const back = change
    ? paths.check(bundle.slug, phase.id)
    : previous
      ? paths.question(bundle.slug, phase.id, previous.id)
      : paths.engagement(bundle.slug);
  // In a check phase the deck counts its statements itself: "Question 1 of 1" after "Statement 5 of 5".
  const shown = questionPrompts(phase);
  // A theme card draws its quotes and comment box around the vote; without its chunk (offline
  // before it was ever cached) it is still a vote.
  const Field = cards && cards !== 'failed' ? cards.ThemeCardField : QuestionField;
  const position = shown.indexOf(prompt) + 1;

  return (
    <>
      <Link href={back} class="govuk-back-link">
        {t('question.back')}
      </Link>
      <ErrorSummary errors={error ? [error] : []} attempt={attempt} />
      <span class="govuk-caption-l">
        {phase.title}
        <span class="app-progress">{t('question.progress', { current: position, total: shown.length })}</span>
      </span>
      <form method="post" noValidate onSubmit={(event) => void onSubmit(event)}>
        <Field
          prompt={prompt}
          answer={answers[prompt.id]}
          onChange={onChange}
          error={error?.field === FIELD_ID ? error.message : undefined}
          commentError={error?.field === COMMENT_ID ? error.message : undefined}
          hintIdeas={hintIdeas(easyRead, phase.id, prompt.id)}
        />
        <button type="submit" class="govuk-button">
          {t('question.continue')}
        </button>
      </form>
    </>
  );
}
