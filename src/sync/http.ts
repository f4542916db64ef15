import { RetryableError } from './errors';

/**
 * fetch, with a failure to reach the server turned into a RetryableError. An abort is passed
 * on as it is, so the caller can tell "stopped" from "offline".
 */
export async function fetchOrRetry(doFetch: typeof fetch, url: string, init: RequestInit & { signal?: AbortSignal | undefined }): Promise<Response> {
  try {
    return await doFetch(url, init);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new RetryableError('No connection to the server.', { cause: error });
  }
}

/**
 * What a failed (not ok) response means for what was sent. `refused`: its status is one of
 * `refusals`, the content itself is wrong and sending it again would fail again. `busy` (408,
 * 429, 5xx): try again, after the server's Retry-After if it gave one. `not-heard`: any other
 * 4xx, from something between the device and Heard (a captive portal, a proxy set up wrongly)
 * that says nothing about the content. `unexpected`: a 1xx/3xx that fetch did not resolve, so
 * nothing was confirmed.
 */
export type FailedResponse = 'refused' | 'busy' | 'not-heard' | 'unexpected';

/** Classifies the status of a response that is not ok; see FailedResponse. */
export function classifyFailure(status: number, refusals: ReadonlySet<number>): FailedResponse {
  if (status === 408 || status === 429 || status >= 500) return 'busy';
  if (refusals.has(status)) return 'refused';
  return status >= 400 ? 'not-heard' : 'unexpected';
}

/** How long to wait before trying an address that is not answering as Heard would. */
export const NOT_HEARD_RETRY_MS = 60_000;
