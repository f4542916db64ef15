import { useState } from 'preact/hooks';
import { PageHeading } from '../../app/components/PageHeading';
import { EVENTS_API, ExportEnvelopeSchema, ImportSummarySchema, type ImportSummary } from '../../shared/events';
import { check } from '../../shared/validate';
import { request } from '../api';
import { messageOf } from '../components/Async';
import { ErrorSummary, type FieldError } from '../components/Fields';
import { EngagementNav, useWorkspaceTitle } from '../components/Frame';
import { w } from '../i18n';
import { canEdit, useSession } from '../session';
import { TableWrap } from '../components/TableWrap';

const FIELD = 'export-file';

/**
 * Reads a tablet's export file and says what is wrong with it, or returns its contents. The
 * server checks the same again; checking here first names the problem before any upload.
 */
export async function readExportFile(file: File, slug: string): Promise<{ ok: true; body: unknown } | { ok: false; message: string }> {
  let body: unknown;
  try {
    body = JSON.parse(await readText(file));
  } catch {
    return { ok: false, message: w('imports.notJson') };
  }
  const envelope = check(ExportEnvelopeSchema, body);
  if (!envelope.ok) return { ok: false, message: w('imports.wrongFile', { problem: envelope.error }) };
  if (envelope.value.engagement !== slug) return { ok: false, message: w('imports.otherEngagement', { file: envelope.value.engagement }) };
  return { ok: true, body };
}

// FileReader rather than Blob.text(): it is in every browser and in the DOM tests' jsdom too.
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsText(file);
  });
}

/** Upload of the file a tablet saved at an event, then what was stored, already there, or refused. */
export function ImportFile({ slug }: { slug: string }) {
  const session = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ name: string; summary: ImportSummary } | null>(null);
  useWorkspaceTitle(w('imports.title'), errors.length > 0);
  const error = errors[0]?.message;

  const submit = async (event: Event) => {
    event.preventDefault();
    const fail = (message: string) => {
      setErrors([{ field: FIELD, message }]);
      setAttempt((n) => n + 1);
      setBusy(false);
    };
    if (!file) return fail(w('imports.chooseFile'));
    setBusy(true);
    const read = await readExportFile(file, slug);
    if (!read.ok) return fail(read.message);
    try {
      const summary = await request(EVENTS_API.import(slug), ImportSummarySchema, { method: 'POST', body: read.body });
      setErrors([]);
      setBusy(false);
      setResult({ name: file.name, summary });
    } catch (failure) {
      fail(messageOf(failure));
    }
  };

  return (
    <>
      <EngagementNav slug={slug} current="events" />
      <ErrorSummary errors={errors} attempt={attempt} />
      <PageHeading>{w('imports.title')}</PageHeading>
      <p class="govuk-body">{w('imports.intro')}</p>
      {!canEdit(session) && <p class="govuk-inset-text">{w('common.readOnly')}</p>}
      {canEdit(session) && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
            <label class="govuk-label" for={FIELD}>
              {w('imports.label')}
            </label>
            <div id={`${FIELD}-hint`} class="govuk-hint">
              {w('imports.hint')}
            </div>
            {error && (
              <p id={`${FIELD}-error`} class="govuk-error-message">
                <span class="govuk-visually-hidden">{w('common.errorPrefix')} </span>
                {error}
              </p>
            )}
            <input
              id={FIELD}
              name={FIELD}
              type="file"
              accept="application/json,.json"
              class={`govuk-file-upload${error ? ' govuk-file-upload--error' : ''}`}
              aria-describedby={`${FIELD}-hint${error ? ` ${FIELD}-error` : ''}`}
              onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
              // The workspace styles have no file input; this keeps its button a 44px target.
              style={{ minHeight: '44px', padding: '8px 0', maxWidth: '100%' }}
            />
          </div>
          <button type="submit" class="govuk-button" disabled={busy}>
            {w('imports.submit')}
          </button>
        </form>
      )}
      <div role="status" class="app-ws-status">
        {result && <Summary name={result.name} summary={result.summary} />}
      </div>
    </>
  );
}

function Summary({ name, summary }: { name: string; summary: ImportSummary }) {
  const refused = summary.receipts.map((receipt, index) => ({ receipt, index })).filter(({ receipt }) => receipt.status === 'rejected');
  return (
    <div class="app-ws-notice" id="import-result">
      <h2 class="govuk-heading-m">{w('imports.resultHeading')}</h2>
      <p class="govuk-body">{w('imports.fileName', { name })}</p>
      <ul class="govuk-list">
        <li>{w('imports.accepted', { count: summary.accepted })}</li>
        <li>{w('imports.duplicate', { count: summary.duplicate })}</li>
        <li>{w('imports.rejected', { count: summary.rejected })}</li>
      </ul>
      {refused.length > 0 && (
        <TableWrap label={w('imports.refusedHeading')}>
          <table class="govuk-table">
            <caption class="govuk-table__caption">{w('imports.refusedHeading')}</caption>
            <thead>
              <tr>
                <th scope="col">{w('imports.colItem')}</th>
                <th scope="col">{w('imports.colId')}</th>
                <th scope="col">{w('imports.colReason')}</th>
              </tr>
            </thead>
            <tbody>
              {refused.map(({ receipt, index }) => (
                <tr key={index}>
                  <td>{index + 1}</td>
                  <td class="app-ws-break">{receipt.id ?? w('imports.noId')}</td>
                  <td>{receipt.error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </div>
  );
}
