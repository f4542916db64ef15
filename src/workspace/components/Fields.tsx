import type { ComponentChildren, JSX } from 'preact';
import { ErrorSummary as PageErrorSummary } from '../../app/components/ErrorSummary';
import { w } from '../i18n';

/** One problem on a form: the id of the field to fix, or none for a problem with no field. */
export interface FieldError {
  field?: string;
  message: string;
}

/** The GOV.UK error summary, the participant pages' own, headed in the workspace's wording. */
export function ErrorSummary({ errors, attempt }: { errors: FieldError[]; attempt: number }) {
  return <PageErrorSummary errors={errors} attempt={attempt} title={w('common.problem')} />;
}

/** The error of one field, if any. */
export function errorFor(errors: FieldError[], field: string): string | undefined {
  return errors.find((error) => error.field === field)?.message;
}

interface FieldProps {
  id: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  error?: string | undefined;
  /** Extra content after the control (a preview, a score). */
  after?: ComponentChildren;
}

function describedBy(id: string, hint: unknown, error: unknown, extra?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : '', extra ?? ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Group({ id, label, hint, error, after, children }: FieldProps & { children: ComponentChildren }) {
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={id}>
        {label}
      </label>
      {hint && (
        <div id={`${id}-hint`} class="govuk-hint">
          {hint}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">{w('common.errorPrefix')} </span>
          {error}
        </p>
      )}
      {children}
      {after}
    </div>
  );
}

type InputAttributes = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'label' | 'value' | 'onInput'>;

/** A labelled text input with hint and error; `value`/`onValue` keep it controlled. */
export function TextInput(props: FieldProps & InputAttributes & { value: string; onValue: (value: string) => void; describedByExtra?: string }) {
  const { id, label, hint, error, after, value, onValue, describedByExtra, class: className, ...rest } = props;
  return (
    <Group id={id} label={label} hint={hint} error={error} after={after}>
      <input
        {...rest}
        id={id}
        name={rest.name ?? id}
        class={`govuk-input${error ? ' govuk-input--error' : ''}${className ? ` ${String(className)}` : ''}`}
        value={value}
        aria-describedby={describedBy(id, hint, error, describedByExtra)}
        onInput={(event) => onValue(event.currentTarget.value)}
      />
    </Group>
  );
}

/** A labelled text area with hint and error. */
export function TextArea(props: FieldProps & { value: string; onValue: (value: string) => void; rows?: number; describedByExtra?: string; lang?: string; dir?: 'ltr' | 'rtl' | 'auto' }) {
  const { id, label, hint, error, after, value, onValue, rows = 3, describedByExtra, lang, dir } = props;
  return (
    <Group id={id} label={label} hint={hint} error={error} after={after}>
      <textarea
        id={id}
        name={id}
        class={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
        rows={rows}
        value={value}
        lang={lang}
        dir={dir}
        aria-describedby={describedBy(id, hint, error, describedByExtra)}
        onInput={(event) => onValue(event.currentTarget.value)}
      />
    </Group>
  );
}

/** A labelled select with hint and error. */
export function Select(props: FieldProps & { value: string; onValue: (value: string) => void; options: Array<{ value: string; label: string }> }) {
  const { id, label, hint, error, after, value, onValue, options } = props;
  return (
    <Group id={id} label={label} hint={hint} error={error} after={after}>
      <select
        id={id}
        name={id}
        class={`govuk-select${error ? ' govuk-select--error' : ''}`}
        value={value}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onValue(event.currentTarget.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Group>
  );
}

/** One checkbox with its label, and a hint under the label when given. */
export function Checkbox({ id, label, hint, checked, onChecked }: { id: string; label: ComponentChildren; hint?: ComponentChildren; checked: boolean; onChecked: (checked: boolean) => void }) {
  return (
    <div class="govuk-checkboxes__item">
      <input
        class="govuk-checkboxes__input"
        id={id}
        name={id}
        type="checkbox"
        checked={checked}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChecked(event.currentTarget.checked)}
      />
      <label class="govuk-label govuk-checkboxes__label" for={id}>
        {label}
      </label>
      {hint && (
        <div id={`${id}-hint`} class="govuk-hint govuk-checkboxes__hint">
          {hint}
        </div>
      )}
    </div>
  );
}
