import type { EngagementBundle, Phase, Prompt } from '../../shared/engagement';

/** Changes a copy of the draft; screens pass a function that edits the copy in place. */
export type Change = (edit: (draft: EngagementBundle) => void) => void;

/** An id not yet used in `taken`, made of `base` and the first free number. */
export function freeId(base: string, taken: string[]): string {
  for (let n = taken.length + 1; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.includes(id)) return id;
  }
}

/** A new free-text question. */
export function newPrompt(phase: Phase): Prompt {
  return { id: freeId('question', phase.prompts.map((p) => p.id)), kind: 'text', text: 'New question', required: false };
}

/** A new phase with one question, for the public. */
export function newPhase(bundle: EngagementBundle): Phase {
  const phase: Phase = {
    id: freeId('phase', bundle.phases.map((p) => p.id)),
    kind: 'conversation',
    title: 'New phase',
    intro: 'What this phase is about.',
    audience: 'public',
    prompts: [],
  };
  phase.prompts.push(newPrompt(phase));
  return phase;
}

/** Turns a prompt into another kind, keeping its id, text, hint and picture. */
export function withKind(prompt: Prompt, kind: Prompt['kind']): Prompt {
  const base = { id: prompt.id, text: prompt.text, hint: prompt.hint, required: prompt.required, picture: prompt.picture };
  switch (kind) {
    case 'choice':
      return {
        ...base,
        kind,
        multiple: false,
        choices: prompt.kind === 'choice' ? prompt.choices : [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'No' }],
      };
    case 'text':
      return { ...base, kind };
    case 'scale':
      return { ...base, kind };
    case 'vote':
      return { ...base, kind };
  }
}

/** Empty optional text becomes absent, so the bundle never carries `""` where text is optional. */
export function optional(value: string): string | undefined {
  return value.trim() === '' ? undefined : value;
}
