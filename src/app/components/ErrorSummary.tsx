import { useLayoutEffect, useRef } from 'preact/hooks';
import { useT } from '../use-t';
import { Link } from './Link';

/**
 * One problem on the page: a field on this page (`field`, its id), a page to fix it on
 * (`href`), or neither for a problem with no field, such as a full device.
 */
export interface PageError {
  message: string;
  field?: string;
  href?: string;
}

/**
 * The GOV.UK error summary: announced, focused, and linking to each field in error.
 * `attempt` changes on every failed try so focus returns to it each time. `title` replaces the
 * participant wording of the heading (the workspace has its own strings).
 */
export function ErrorSummary({ errors, attempt, title }: { errors: PageError[]; attempt: number; title?: string }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  // Before paint, like the page heading: a focus that lands later can take keys typed into a field meanwhile.
  useLayoutEffect(() => {
    if (errors.length > 0) ref.current?.focus();
  }, [attempt, errors.length]);
  if (errors.length === 0) return null;
  return (
    <div ref={ref} class="govuk-error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 class="govuk-error-summary__title" id="error-summary-title">
        {title ?? t('errors.summaryTitle')}
      </h2>
      <ul class="govuk-list govuk-error-summary__list">
        {errors.map((error) => (
          <li key={`${error.field ?? error.href ?? ''}${error.message}`}>
            <ErrorLink error={error} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function ErrorLink({ error }: { error: PageError }) {
  if (error.field) {
    const field = error.field;
    return (
      <a href={`#${field}`} onClick={(event) => focusField(event, field)}>
        {error.message}
      </a>
    );
  }
  if (error.href) return <Link href={error.href}>{error.message}</Link>;
  return <span class="app-error-text">{error.message}</span>;
}

// Like GOV.UK Frontend: focus the field itself and bring its question (label or legend) into view.
// Field ids are the page's own fixed ids, so they need no escaping in the selector.
function focusField(event: Event, id: string): void {
  const field = document.getElementById(id);
  if (!field) return;
  event.preventDefault();
  const caption = field.closest('fieldset')?.querySelector('legend') ?? document.querySelector(`label[for="${id}"]`);
  field.focus({ preventScroll: true });
  (caption ?? field).scrollIntoView?.();
}

/** The inline message above a field in error, with "Error:" for screen readers. */
export function ErrorMessage({ id, message }: { id: string; message: string | undefined }) {
  const t = useT();
  if (!message) return null;
  return (
    <p id={id} class="govuk-error-message">
      <span class="govuk-visually-hidden">{t('errors.errorPrefix')} </span>
      {message}
    </p>
  );
}
