import type { FieldError } from '../components/Fields';

/**
 * Turns a one-line validation message (`phases.0.prompts.1.text: is required; title: …`, as
 * `check` and the server write them) into errors linked to the form's fields. A dotted path
 * becomes a field id with dashes (`phases-0-prompts-1-text`); `label` names it for people.
 */
export function fieldErrors(message: string, label: (path: string) => string): FieldError[] {
  return message.split('; ').map((part) => {
    const match = /^([A-Za-z0-9_.]+): (.+)$/.exec(part);
    if (!match) return { message: part };
    const [, path, problem] = match as unknown as [string, string, string];
    return { field: path.replaceAll('.', '-'), message: `${label(path)}: ${problem}` };
  });
}
