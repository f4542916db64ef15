import { MAX_TEXT_ANSWER } from '../shared';
import type { Answer, Contribution, EngagementBundle, Phase, Prompt } from '../shared';
import type { DraftAnswer } from '../storage';
import type { TranslationKey } from '../i18n';

/**
 * Rules about answers that do not depend on the screen: when a prompt counts as answered,
 * what makes an answer invalid, and how a draft becomes a Contribution on the wire.
 */

/**
 * The prompts a participant is shown, in order: all but `withdrawn` statements. Every page of
 * a phase (question order, progress, check answers, required checks, the contribution, the
 * check-and-challenge deck) goes through this one list.
 */
export function visiblePrompts(phase: Phase): Prompt[] {
  const shown = phase.prompts.filter((prompt) => !(prompt.kind === 'vote' && prompt.withdrawn));
  if (phase.kind !== 'check') return shown;
  // Check and challenge: the deck of statements first, then its questions ("what is missing?").
  return [...shown.filter((p) => isDeckStatement(phase, p)), ...shown.filter((p) => !isDeckStatement(phase, p))];
}

/**
 * True for a statement of the check-and-challenge deck: a vote prompt of a `check` phase. The
 * deck (src/app/deck/) sends each vote on its own as soon as it is cast, so a statement is never
 * part of the draft, check-your-answers or the phase's contribution.
 */
export function isDeckStatement(phase: Phase, prompt: Prompt): boolean {
  return phase.kind === 'check' && prompt.kind === 'vote';
}

/** The visible prompts answered on question pages and sent together from check-your-answers: all but the deck's statements. */
export function questionPrompts(phase: Phase): Prompt[] {
  return visiblePrompts(phase).filter((prompt) => !isDeckStatement(phase, prompt));
}

/** True when a vote prompt offers an optional comment beside the vote (a theme card). */
export function offersComment(prompt: Prompt): boolean {
  return prompt.kind === 'vote' && prompt.comment === true;
}

/** True for a theme card: a vote prompt with example quotes or a comment box (src/app/cards/). */
export function isThemeCard(prompt: Prompt): boolean {
  return prompt.kind === 'vote' && (prompt.comment === true || (prompt.quotes?.length ?? 0) > 0);
}

/** The comment written on a theme card, trimmed; empty when there is none. */
export function commentOf(prompt: Prompt, answer: DraftAnswer | undefined): string {
  return offersComment(prompt) ? (answer?.text ?? '').trim() : '';
}

/** The longest answer a text prompt takes: its own limit, never above the wire limit. */
export function maxLengthOf(prompt: Prompt): number {
  return prompt.kind === 'text' && prompt.maxLength ? Math.min(prompt.maxLength, MAX_TEXT_ANSWER) : MAX_TEXT_ANSWER;
}

/** True when the draft answer holds something for this prompt's kind. */
export function isAnswered(prompt: Prompt, answer: DraftAnswer | undefined): boolean {
  if (!answer) return false;
  switch (prompt.kind) {
    case 'text':
      return answer.audio !== undefined || (answer.text ?? '').trim().length > 0;
    case 'choice':
      return (answer.choices ?? []).some((id) => prompt.choices.some((c) => c.id === id));
    case 'scale':
      return typeof answer.scale === 'number' && answer.scale >= 1 && answer.scale <= 5;
    case 'vote':
      return answer.vote === 'agree' || answer.vote === 'disagree' || answer.vote === 'unsure';
  }
}

/** The error message key for an answer, or undefined when it may be sent. */
export function answerError(prompt: Prompt, answer: DraftAnswer | undefined): TranslationKey | undefined {
  if (prompt.kind === 'text' && !answer?.audio && (answer?.text ?? '').trim().length > maxLengthOf(prompt)) return 'errors.textTooLong';
  if (commentOf(prompt, answer).length > MAX_TEXT_ANSWER) return 'card.commentTooLong';
  if (!prompt.required || isAnswered(prompt, answer)) return undefined;
  switch (prompt.kind) {
    case 'text':
      return 'errors.textRequired';
    case 'choice':
      return prompt.multiple ? 'errors.choicesRequired' : 'errors.choiceRequired';
    case 'scale':
      return 'errors.scaleRequired';
    case 'vote':
      return 'errors.voteRequired';
  }
}

/**
 * The wire answers for one prompt: its answer, if any, and on a theme card the comment as a
 * second answer `{ prompt, text }` (a blank comment sends nothing).
 */
export function toWireAnswers(prompt: Prompt, answer: DraftAnswer | undefined): Answer[] {
  const main = toWireAnswer(prompt, answer);
  const comment = commentOf(prompt, answer);
  return [...(main ? [main] : []), ...(comment ? [{ prompt: prompt.id, text: comment }] : [])];
}

/** The wire answer for one prompt, or undefined when it was not answered. */
export function toWireAnswer(prompt: Prompt, answer: DraftAnswer | undefined): Answer | undefined {
  if (!answer || !isAnswered(prompt, answer)) return undefined;
  switch (prompt.kind) {
    case 'text':
      // A spoken answer stands instead of the written one.
      return answer.audio ? { prompt: prompt.id, audio: answer.audio } : { prompt: prompt.id, text: (answer.text ?? '').trim() };
    case 'choice': {
      // Keep the prompt's order and drop ids a newer engagement version no longer has.
      const chosen = prompt.choices.filter((c) => answer.choices?.includes(c.id)).map((c) => c.id);
      return { prompt: prompt.id, choices: prompt.multiple ? chosen : chosen.slice(0, 1) };
    }
    case 'scale':
      return { prompt: prompt.id, scale: answer.scale as number };
    case 'vote':
      return { prompt: prompt.id, vote: answer.vote as NonNullable<DraftAnswer['vote']> };
  }
}

/**
 * Builds one person's contribution to a phase from their draft answers; unanswered prompts
 * are left out. `locale` is the language the person answered in (free text stays as they
 * wrote it); `route` says how they took part (easy read, read aloud…), all false unless set.
 */
export function buildContribution(
  bundle: EngagementBundle,
  phase: Phase,
  answers: Record<string, DraftAnswer>,
  locale: string,
  route: Partial<Contribution['route']> = {},
): Contribution {
  const wire = visiblePrompts(phase).flatMap((prompt) => toWireAnswers(prompt, answers[prompt.id]));
  return {
    id: crypto.randomUUID(),
    engagement: bundle.slug,
    phase: phase.id,
    version: bundle.version,
    answers: wire,
    locale,
    // A spoken answer is itself the sign that the person took part by audio.
    route: { easyRead: false, readAloud: false, assisted: false, audio: wire.some((a) => a.audio !== undefined), ...route },
    channel: 'online',
    createdAt: new Date().toISOString(),
  };
}

/** Where Continue goes from a prompt: the next prompt's id, or 'check' after the last. */
export function nextStep(phase: Phase, promptId: string): string {
  const prompts = visiblePrompts(phase);
  const index = prompts.findIndex((p) => p.id === promptId);
  return prompts[index + 1]?.id ?? 'check';
}

/** The prompt before this one, or undefined on the first. */
export function previousPrompt(phase: Phase, promptId: string): Prompt | undefined {
  const prompts = visiblePrompts(phase);
  const index = prompts.findIndex((p) => p.id === promptId);
  return index > 0 ? prompts[index - 1] : undefined;
}
