import { useEffect, useState } from 'preact/hooks';
import type { EngagementBundle, Phase, Prompt } from '../../shared';
import type { DraftAnswer } from '../../storage';
import { useT } from '../use-t';
import { navigate, paths } from '../router';
import { answerError, maxLengthOf, nextStep, previousPrompt } from '../answers';
import { flushDraftSave, readDraft, scheduleDraftSave } from '../draft-autosave';
import { EngagementGate } from '../components/EngagementGate';
import { ErrorSummary } from '../components/ErrorSummary';
import { Link } from '../components/Link';
import { Loading } from '../components/Loading';
import { useDocumentTitle } from '../components/PageHeading';
import { FIELD_ID, QuestionField } from '../components/QuestionFields';
import { hintIdeas, useEasyReadOverlay } from '../easy-read/use-easy-read';
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
        const current = found.prompts.find((p) => p.id === prompt);
        if (!current) return <NotFound />;
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
  const [error, setError] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const [leaving, setLeaving] = useState(false);
  const easyRead = useEasyReadOverlay(bundle);
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

  if (!answers) return <Loading />;

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
      setError(t(problem, { max: maxLengthOf(prompt) }));
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
  const position = phase.prompts.indexOf(prompt) + 1;

  return (
    <>
      <Link href={back} class="govuk-back-link">
        {t('question.back')}
      </Link>
      <ErrorSummary errors={error ? [{ field: FIELD_ID, message: error }] : []} attempt={attempt} />
      <span class="govuk-caption-l">
        {phase.title}
        <span class="app-progress">{t('question.progress', { current: position, total: phase.prompts.length })}</span>
      </span>
      <form method="post" noValidate onSubmit={(event) => void onSubmit(event)}>
        <QuestionField prompt={prompt} answer={answers[prompt.id]} onChange={onChange} error={error} hintIdeas={hintIdeas(easyRead, phase.id, prompt.id)} />
        <button type="submit" class="govuk-button">
          {t('question.continue')}
        </button>
      </form>
    </>
  );
}
