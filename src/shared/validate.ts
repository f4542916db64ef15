import * as v from 'valibot';

/** The outcome of checking untrusted input against a schema, with one readable error line. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Checks `input` against `schema` and, when it fails, says where and why in one line
 * (e.g. `answers.0.scale: must be from 1 to 5`) so the server can return it and the page can show it.
 */
export function check<S extends v.GenericSchema>(schema: S, input: unknown): Checked<v.InferOutput<S>> {
  const result = v.safeParse(schema, input, { abortPipeEarly: true });
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, error: result.issues.slice(0, 3).map(describeIssue).join('; ') };
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = v.getDotPath(issue);
  if (issue.type === 'strict_object' && issue.input !== undefined) {
    return `${path ?? 'item'}: unknown field`;
  }
  return path ? `${path}: ${issue.message}` : issue.message;
}
