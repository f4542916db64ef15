import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { EngagementBundle, Phase, Prompt, Vote } from '../../shared';
import { StorageFullError, type DeckVote } from '../../storage';
import { useT } from '../use-t';
import { navigate, paths } from '../router';
import { isDeckStatement, nextStep, previousPrompt, visiblePrompts } from '../answers';
import { personActive } from '../assisted/session';
import { ErrorSummary, type PageError } from '../components/ErrorSummary';
import { Link } from '../components/Link';
import { Loading } from '../components/Loading';
import { PageHeading, useDocumentTitle } from '../components/PageHeading';
import { Ideas } from '../easy-read/Ideas';
import { Picture } from '../easy-read/Picture';
import { VOTE_PICTURES } from '../easy-read/ui-pictures';
import { hintIdeas, useEasyRead, useEasyReadOverlay } from '../easy-read/use-easy-read';
import { castVote, earlierVote } from './cast-vote';
import './deck.css';

/** Which statement of which check-and-challenge phase the card shows. */
export interface DeckProps {
  bundle: EngagementBundle;
  phase: Phase;
  statement: Prompt;
}

const VOTES: readonly Vote[] = ['agree', 'disagree', 'unsure'];
const STATEMENT_ID = 'deck-statement';
const CHOOSE_ID = 'deck-choose';

/**
 * One statement of the deck per page: "Statement 2 of 5", the statement as the heading, and
 * Agree / Disagree / Not sure as three big buttons. A tap saves the vote at once (its own
 * outbox entry, see cast-vote.ts) and moves on; Skip moves on without one. Coming back shows
 * the earlier vote, which can change until it has been sent.
 */
export function Deck({ bundle, phase, statement }: DeckProps) {
  const t = useT();
  const easyRead = useEasyRead();
  const overlay = useEasyReadOverlay(bundle);
  // undefined while loading; null when there is no earlier vote.
  const [earlier, setEarlier] = useState<DeckVote | null>();
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<PageError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [kept, setKept] = useState(false);
  const notice = useRef<HTMLDivElement>(null);
  // A second tap before the first vote is saved is ignored (state would only see it a render late).
  const busy = useRef(false);
  useDocumentTitle([statement.text, bundle.title], errors.length > 0);

  useEffect(() => {
    let alive = true;
    void earlierVote(bundle, phase, statement)
      .catch(() => undefined)
      .then((found) => alive && setEarlier(found ?? null));
    return () => {
      alive = false;
    };
  }, [bundle, phase, statement]);

  // A change refused because the vote had already gone: say so where focus is (before paint, like the error summary).
  useLayoutEffect(() => {
    if (kept) notice.current?.focus();
  }, [kept]);

  if (earlier === undefined) return <Loading />;

  const statements = visiblePrompts(phase).filter((p) => isDeckStatement(phase, p));
  const position = statements.indexOf(statement) + 1;
  const next = nextStep(phase, statement.id);
  const previous = previousPrompt(phase, statement.id);
  const nextPath = next === 'check' ? undefined : paths.question(bundle.slug, phase.id, next);
  const goOn = () => {
    if (nextPath) return navigate(nextPath);
    // The deck was all there is: every vote is already on its way, so the phase is done.
    if (personActive()) return navigate(paths.tablet('pass'), { replace: true, state: { thanks: true } });
    navigate(paths.done(bundle.slug, phase.id));
  };

  const cast = async (vote: Vote) => {
    if (busy.current) return;
    busy.current = true;
    setSaving(true);
    try {
      const result = await castVote(bundle, phase, statement, vote);
      if (result.outcome !== 'kept' || !result.vote) return goOn();
      setEarlier({ vote: result.vote, sent: true });
      setKept(true);
      setSaving(false);
      busy.current = false;
    } catch (error) {
      busy.current = false;
      setSaving(false);
      setErrors([{ message: t(error instanceof StorageFullError ? 'deck.storageFull' : 'deck.saveFailed') }]);
      setAttempt((n) => n + 1);
    }
  };

  const sent = earlier?.sent === true;
  const back = previous ? paths.question(bundle.slug, phase.id, previous.id) : paths.engagement(bundle.slug);
  const ideas = hintIdeas(overlay, phase.id, statement.id);

  return (
    <>
      <Link href={back} class="govuk-back-link">
        {t('question.back')}
      </Link>
      <ErrorSummary errors={errors} attempt={attempt} />
      <span class="govuk-caption-l">
        {phase.title}
        <span class="app-progress">{t('deck.progress', { current: position, total: statements.length })}</span>
      </span>
      <PageHeading className="govuk-heading-l app-deck__statement">
        {easyRead && statement.picture && <Picture id={statement.picture} size={72} className="app-heading-picture" />}
        <span id={STATEMENT_ID}>{statement.text}</span>
      </PageHeading>
      {statement.hint && (ideas ? <Ideas ideas={ideas} /> : <p class="govuk-hint">{statement.hint}</p>)}
      {earlier && (
        <div ref={notice} class="govuk-inset-text app-deck__earlier" tabIndex={-1} role={kept ? 'alert' : undefined}>
          {t(sent ? 'deck.sentVote' : 'deck.yourVote', { vote: t(`vote.${earlier.vote}`) })}
        </div>
      )}
      {sent ? (
        <button type="button" class="govuk-button" onClick={goOn}>
          {t('question.continue')}
        </button>
      ) : (
        <form method="post" noValidate onSubmit={(event) => event.preventDefault()}>
          <p class="govuk-body app-deck__choose" id={CHOOSE_ID}>
            {t('deck.choose')}
          </p>
          <div class={easyRead ? 'app-deck__votes app-deck__votes--pictures' : 'app-deck__votes'} role="group" aria-labelledby={`${CHOOSE_ID} ${STATEMENT_ID}`}>
            {VOTES.map((vote) => (
              <button
                key={vote}
                type="submit"
                name="vote"
                value={vote}
                class={earlier?.vote === vote ? 'govuk-button app-deck__vote app-deck__vote--chosen' : 'govuk-button app-deck__vote'}
                onClick={(event) => {
                  event.preventDefault();
                  void cast(vote);
                }}
              >
                {easyRead && <Picture id={VOTE_PICTURES[vote]} size={64} />}
                <span>{t(`vote.${vote}`)}</span>
                {/* Seen, not heard: the words above the buttons already say which was chosen. */}
                {earlier?.vote === vote && <span aria-hidden="true">{'\u2713'}</span>}
              </button>
            ))}
          </div>
          {saving && (
            <p class="govuk-body app-secondary-text" role="status">
              {t('deck.saving')}
            </p>
          )}
        </form>
      )}
      {!sent && (
        <p class="govuk-body">
          <Link href={nextPath ?? paths.done(bundle.slug, phase.id)} class="govuk-link app-deck__skip" onClick={nextPath ? undefined : skipToEnd(goOn)}>
            {t('deck.skip')}
          </Link>
        </p>
      )}
    </>
  );
}

// Skipping the last statement ends the phase the way a vote would (on a shared tablet, "pass the tablet").
const skipToEnd = (goOn: () => void) => (event: Event) => {
  event.preventDefault();
  goOn();
};
