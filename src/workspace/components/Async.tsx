import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { w } from '../i18n';

/** Where a screen's data stands: loading, loaded, or failed with a message. */
export type Load<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; message: string; status: number };

/** Loads data once (and again on `reload`); keeps the last good value while reloading. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): [Load<T>, () => Promise<void>, (value: T) => void] {
  const [result, setResult] = useState<Load<T>>({ state: 'loading' });
  // The caller names what the load depends on, like useEffect's list.
  const run = useCallback(() => load(), deps);
  const reload = useCallback(async () => {
    try {
      setResult({ state: 'ready', value: await run() });
    } catch (error) {
      setResult({ state: 'failed', message: messageOf(error), status: error instanceof ApiError ? error.status : 0 });
    }
  }, [run]);
  useEffect(() => void reload(), [reload]);
  return [result, reload, (value: T) => setResult({ state: 'ready', value })];
}

/** A readable message for any error thrown by a request. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Shows a loading line, the failure, or the content once the data is there. */
export function Loaded<T>({ load, children }: { load: Load<T>; children: (value: T) => ComponentChildren }) {
  if (load.state === 'loading') return <p class="govuk-body">{w('common.loading')}</p>;
  if (load.state === 'failed') {
    return (
      <div class="govuk-error-summary" role="alert">
        <h2 class="govuk-error-summary__title">{load.status === 404 ? w('common.notFound') : w('common.problem')}</h2>
        <p class="govuk-body">{load.message}</p>
      </div>
    );
  }
  return <>{children(load.value)}</>;
}
