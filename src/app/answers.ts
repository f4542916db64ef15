import { MAX_TEXT_ANSWER } from '../shared';
import type { Answer, Contribution, EngagementBundle, Phase, Prompt } from '../shared';
import type { DraftAnswer } from '../storage';
import type { TranslationKey } from '../i18n';

/**
 * Rules about answers that do not depend on the screen: when a prompt counts as answered,
 * what makes an answer invalid, and how a draft becomes a Contribution on the wire.
 */

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
  const wire = phase.prompts.flatMap((prompt) => toWireAnswer(prompt, answers[prompt.id]) ?? []);
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
  const index = phase.prompts.findIndex((p) => p.id === promptId);
  return phase.prompts[index + 1]?.id ?? 'check';
}

/** The prompt before this one, or undefined on the first. */
export function previousPrompt(phase: Phase, promptId: string): Prompt | undefined {
  const index = phase.prompts.findIndex((p) => p.id === promptId);
  return index > 0 ? phase.prompts[index - 1] : undefined;
}
