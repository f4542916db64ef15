import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import * as v from 'valibot';
import { FINDINGS_API, ReceiptLookupSchema, type FindingsPage } from '../../shared/findings';
import { normaliseReceiptCode } from '../../shared/receipt-code';
import { useT } from '../use-t';
import { ErrorMessage, type PageError } from '../components/ErrorSummary';
import { Picture } from '../easy-read/Picture';
import { FINDINGS_PICTURES } from '../easy-read/ui-pictures';
import { themeText } from './findings-text';
import { Heading, useContentOptions } from './parts';

const FIELD = 'receipt-code';

/**
 * "Check your receipt code": looks the code up online and lists the page's themes that
 * contribution was coded to, in the person's language and mode. The code is kept only in
 * this form while the page is open; the field is never autofilled or spell-checked.
 */
export function ReceiptForm({ page, errors, onErrors }: { page: FindingsPage; errors: PageError[]; onErrors: (errors: PageError[]) => void }) {
  const t = useT();
  const options = useContentOptions();
  const [value, setValue] = useState('');
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<{ code: string; themes: string[] }>();
  const resultRef = useRef<HTMLHeadingElement>(null);
  const error = errors.find((e) => e.field === FIELD)?.message;

  // Before paint, like the error summary's focus: the answer is read out as soon as it shows.
  useLayoutEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const fail = (message: string) => {
    setResult(undefined);
    onErrors([{ message, field: FIELD }]);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (checking) return;
    if (!value.trim()) return fail(t('findings.receiptEmpty'));
    const code = normaliseReceiptCode(value);
    if (!code) return fail(t('findings.receiptMalformed'));
    if (navigator.onLine === false) return fail(t('findings.receiptOffline'));
    setChecking(true);
    try {
      const response = await fetch(FINDINGS_API.receipt(page.engagement, code), { cache: 'no-store' });
      if (response.status === 404) return fail(t('findings.receiptNotFound'));
      if (response.status === 400) return fail(t('findings.receiptMalformed'));
      const body = response.ok ? v.safeParse(ReceiptLookupSchema, await response.json().catch(() => null)) : undefined;
      if (!body?.success) return fail(t('findings.receiptFailed'));
      onErrors([]);
      setResult(body.output);
    } catch {
      fail(t('findings.receiptOffline'));
    } finally {
      setChecking(false);
    }
  };

  const themes = result ? page.themes.filter((theme) => result.themes.includes(theme.id)) : [];
  return (
    <>
      <form class="app-receipt-form" noValidate onSubmit={(event) => void submit(event)}>
        <div class={error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
          <Heading level={2} picture={FINDINGS_PICTURES.receipt} className="govuk-heading-l">
            {t('findings.receiptHeading')}
          </Heading>
          <label class="govuk-label" for={FIELD}>
            {t('findings.receiptLabel')}
          </label>
          <div class="govuk-hint" id={`${FIELD}-hint`}>
            {t('findings.receiptHint')}
          </div>
          <ErrorMessage id={`${FIELD}-error`} message={error} />
          <input
            class={error ? 'govuk-input govuk-input--width-10 govuk-input--error' : 'govuk-input govuk-input--width-10'}
            id={FIELD}
            name="code"
            type="text"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            dir="ltr"
            aria-describedby={error ? `${FIELD}-hint ${FIELD}-error` : `${FIELD}-hint`}
            value={value}
            onInput={(event) => setValue(event.currentTarget.value)}
          />
        </div>
        <button type="submit" class="govuk-button" aria-disabled={checking}>
          {t('findings.receiptButton')}
        </button>
      </form>
      {result && (
        <section class="app-receipt-result" aria-labelledby="receipt-result-heading">
          <h3 class="govuk-heading-m" id="receipt-result-heading" tabIndex={-1} ref={resultRef}>
            {themes.length > 0 ? t('findings.resultHeading') : t('findings.resultNone')}
          </h3>
          <p class="govuk-body app-secondary-text">
            {/* Isolated left to right, so the code keeps its order inside right-to-left text. */}
            {t('findings.resultCode', { code: `\u2066${result.code}\u2069` })}
          </p>
          {themes.length > 0 && (
            <ul class="govuk-list app-receipt-themes" role="list">
              {themes.map((theme) => {
                const shown = themeText(theme, page, options);
                return (
                  <li key={theme.id} class="app-findings-heading">
                    {shown.picture && <Picture id={shown.picture} />}
                    <span lang={shown.name.lang}>{shown.name.text}</span>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
