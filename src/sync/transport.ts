import { API, check, SyncResponseSchema, type SyncResponse, type WireContribution } from '../shared';
import { BatchRefusedError, RetryableError } from './errors';
import { receiptsMatch } from './receipts';
import { classifyFailure, fetchOrRetry, NOT_HEARD_RETRY_MS } from './http';
import { parseRetryAfter } from './retry-after';

/** Sends one batch and returns the server's receipts, in order. Throws RetryableError or BatchRefusedError. */
export interface Transport {
  send(items: WireContribution[], signal?: AbortSignal): Promise<SyncResponse>;
}

/** Statuses with which the server says the request's content itself is wrong. */
const CONTENT_REFUSALS = new Set([400, 413, 415, 422]);

function statusError(response: Response): Error {
  const { status } = response;
  const failure = classifyFailure(status, CONTENT_REFUSALS);
  if (failure === 'busy') {
    return new RetryableError(`The server could not take the answers yet (${status}).`, {
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
    });
  }
  // Only these say the request's content is wrong; the drain then finds the bad items one by one.
  if (failure === 'refused') return new BatchRefusedError(`The server refused the request (${status}).`, status);
  // Says nothing about the answers, and must not park them all.
  if (failure === 'not-heard') return new RetryableError(`The sync address is not answering as expected (${status}).`, { retryAfterMs: NOT_HEARD_RETRY_MS });
  // Nothing was confirmed, so try again later.
  return new RetryableError(`Unexpected answer from the server (${status}).`);
}

/** POSTs to API.sync with fetch; validates the answer with SyncResponseSchema; receipts must match items by id and order, else RetryableError. */
export function httpTransport(opts: { baseUrl?: string; fetch?: typeof fetch } = {}): Transport {
  const url = `${opts.baseUrl ?? ''}${API.sync}`;
  return {
    async send(items, signal) {
      // Looked up per call so a page or test that replaces fetch later is honoured.
      const doFetch = opts.fetch ?? globalThis.fetch;
      const response = await fetchOrRetry(doFetch, url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ items }),
        credentials: 'same-origin',
        cache: 'no-store',
        signal,
      });
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
