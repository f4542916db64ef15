import type { Answer, Contribution } from '../../shared/contribution';
import type { EngagementBundle, Prompt } from '../../shared/engagement';

/**
 * Checks a schema-valid contribution against the engagement it names: the phase exists, every
 * answer is to a prompt of that phase, once, and has the shape that prompt asks for. A theme
 * card (a vote prompt with `comment`) takes its vote and one comment `{ prompt, text }`, in
 * either order. A withdrawn statement still takes votes: a device may hold an older version.
 * Returns a readable error in the same `path: message` form as `check`, or null when it fits.
 */
export function checkFits(bundle: EngagementBundle, contribution: Contribution): string | null {
  const phase = bundle.phases.find((p) => p.id === contribution.phase);
  if (!phase) return `phase: no phase '${contribution.phase}' in engagement '${bundle.slug}'`;
  const prompts = new Map(phase.prompts.map((p) => [p.id, p]));
  const seen = new Set<string>();
  for (const [index, answer] of contribution.answers.entries()) {
    const at = `answers.${index}`;
    const prompt = prompts.get(answer.prompt);
    if (!prompt) return `${at}.prompt: no prompt '${answer.prompt}' in phase '${phase.id}'`;
    const comment = isComment(prompt, answer);
    // Ids cannot hold a space, so a comment's key never meets another prompt's.
    const key = comment ? `${answer.prompt} comment` : answer.prompt;
    if (seen.has(key)) return `${at}.prompt: prompt '${answer.prompt}' ${comment ? 'has a comment' : 'is answered'} twice`;
    seen.add(key);
    // The wire schema already limits a comment's length, as it does every text answer's.
    if (comment) continue;
    const misfit = answerMisfit(prompt, answer);
    if (misfit) return `${at}${misfit}`;
  }
  return null;
}

function isComment(prompt: Prompt, answer: Answer): boolean {
  return prompt.kind === 'vote' && prompt.comment === true && answer.text !== undefined;
}

// Returns the path suffix and message, or null when the answer suits the prompt.
function answerMisfit(prompt: Prompt, answer: Answer): string | null {
  switch (prompt.kind) {
    case 'text':
      // A spoken answer stands in for a written one.
      if (answer.text !== undefined) {
        if (prompt.maxLength !== undefined && answer.text.length > prompt.maxLength) {
          return `.text: must be at most ${prompt.maxLength} characters`;
        }
        return null;
      }
      return answer.audio !== undefined ? null : `: prompt '${prompt.id}' takes text or audio`;
    case 'choice': {
      if (answer.choices === undefined) return `: prompt '${prompt.id}' takes choices`;
      const known = new Set(prompt.choices.map((c) => c.id));
      const unknown = answer.choices.find((c) => !known.has(c));
      if (unknown !== undefined) return `.choices: no choice '${unknown}' in prompt '${prompt.id}'`;
      if (new Set(answer.choices).size !== answer.choices.length) return '.choices: a choice is listed twice';
      if (!prompt.multiple && answer.choices.length > 1) return `.choices: prompt '${prompt.id}' takes only one choice`;
      return null;
    }
    case 'scale':
      return answer.scale !== undefined ? null : `: prompt '${prompt.id}' takes a scale from 1 to 5`;
    case 'vote':
      if (answer.vote !== undefined) return null;
      return `: prompt '${prompt.id}' takes agree, disagree or unsure${prompt.comment ? ', and a comment as text' : ''}`;
  }
}
