import { API, check, SyncResponseSchema, type SyncResponse, type WireContribution } from '../shared';
import { BatchRefusedError, RetryableError } from './errors';
import { receiptsMatch } from './receipts';
import { parseRetryAfter } from './retry-after';

/** Sends one batch and returns the server's receipts, in order. Throws RetryableError or BatchRefusedError. */
export interface Transport {
  send(items: WireContribution[], signal?: AbortSignal): Promise<SyncResponse>;
}

/** Statuses with which the server says the request's content itself is wrong. */
const CONTENT_REFUSALS = new Set([400, 413, 415, 422]);

function statusError(response: Response): Error {
  const { status } = response;
  if (status === 408 || status === 429 || status >= 500) {
    return new RetryableError(`The server could not take the answers yet (${status}).`, {
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
    });
  }
  // Only these say the request's content is wrong; the drain then finds the bad items one by one.
  if (CONTENT_REFUSALS.has(status)) return new BatchRefusedError(`The server refused the request (${status}).`, status);
  // Any other 4xx (401, 403, 404 …) comes from something between the device and Heard (a captive
  // portal, a proxy set up wrongly), says nothing about the answers, and must not park them all.
  if (status >= 400) return new RetryableError(`The sync address is not answering as expected (${status}).`, { retryAfterMs: 60_000 });
  // 1xx/3xx that fetch did not resolve: nothing was confirmed, so try again later.
  return new RetryableError(`Unexpected answer from the server (${status}).`);
}

/** POSTs to API.sync with fetch; validates the answer with SyncResponseSchema; receipts must match items by id and order, else RetryableError. */
export function httpTransport(opts: { baseUrl?: string; fetch?: typeof fetch } = {}): Transport {
  const url = `${opts.baseUrl ?? ''}${API.sync}`;
  return {
    async send(items, signal) {
      // Looked up per call so a page or test that replaces fetch later is honoured.
      const doFetch = opts.fetch ?? globalThis.fetch;
      let response: Response;
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ items }),
          credentials: 'same-origin',
          cache: 'no-store',
          signal,
        });
      } catch (error) {
        if (signal?.aborted) throw error;
        throw new RetryableError('No connection to the server.', { cause: error });
      }
      if (!response.ok) throw statusError(response);

      let body: unknown;
      try {
        body = await response.json();
      } catch (error) {
        // A captive portal's HTML page, or a body cut off mid-way: the server may have stored the
        // items, and a resend is safe because it is idempotent per id.
        if (signal?.aborted) throw error;
        throw new RetryableError('The server answer could not be read.', { cause: error });
      }
      const checked = check(SyncResponseSchema, body);
      if (!checked.ok) throw new RetryableError(`The server answer was not understood: ${checked.error}`);
      if (!receiptsMatch(items, checked.value.receipts)) {
        throw new RetryableError('The server receipts did not match the answers sent.');
      }
      return checked.value;
    },
  };
}
