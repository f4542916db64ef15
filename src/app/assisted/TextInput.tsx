import { ErrorMessage } from '../components/ErrorSummary';

/** Props of one GOV.UK text input: its id, label, optional hint and error, and the input's own attributes. */
export type TextInputProps = {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'password';
  inputMode?: 'text' | 'numeric';
  autoComplete?: string;
  autoCapitalize?: 'off' | 'characters';
  spellcheck?: boolean;
  class?: string;
};

/** A GOV.UK text input with label, hint and error message wired to it for screen readers. */
export function TextInput({ id, label, hint, error, value, onInput, class: extra = '', ...rest }: TextInputProps) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
      <label class="govuk-label" for={id}>
        {label}
      </label>
      {hint && (
        <div id={`${id}-hint`} class="govuk-hint">
          {hint}
        </div>
      )}
      <ErrorMessage id={`${id}-error`} message={error} />
      <input
        {...rest}
        id={id}
        class={`govuk-input ${error ? 'govuk-input--error' : ''} ${extra}`}
        value={value}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
    </div>
  );
}
