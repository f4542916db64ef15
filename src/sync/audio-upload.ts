import { API } from '../shared';
import { deleteAudio, getAudio, markAudioUploaded, markNeedsAttention, type AudioRecord, type OutboxEntry } from '../storage';
import { audioIdsOf } from './audio-ids';
import { BatchRefusedError, RetryableError } from './errors';
import { classifyFailure, fetchOrRetry, NOT_HEARD_RETRY_MS } from './http';
import { parseRetryAfter } from './retry-after';

/**
 * Recorded answers travel ahead of the contribution that refers to them: the drain uploads a
 * contribution's recordings first (each once, idempotent by id), and sends the contribution
 * only when the server has them all, so an organiser never sees an answer whose sound is
 * missing. A recording the server refuses parks its contribution, like a refused answer.
 */

/** Uploads one recording; throws RetryableError to try later or BatchRefusedError when refused. */
export interface AudioUploader {
  upload(record: AudioRecord, signal?: AbortSignal): Promise<'accepted' | 'duplicate'>;
}

// 409 is a different recording under the same id: sending again would be refused again.
const REFUSALS = new Set([400, 409, 413, 415, 422]);

async function refusalMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === 'string') return `The server refused the recording (${response.status}): ${body.error}`;
  } catch {
    // No JSON: the status says enough.
  }
  return `The server refused the recording (${response.status}).`;
}

/** PUTs the bytes to API.audio(id) with fetch. */
export function httpAudioUploader(opts: { baseUrl?: string; fetch?: typeof fetch } = {}): AudioUploader {
  return {
    async upload(record, signal) {
      const doFetch = opts.fetch ?? globalThis.fetch;
      const response = await fetchOrRetry(doFetch, `${opts.baseUrl ?? ''}${API.audio(record.id)}`, {
        method: 'PUT',
        headers: { 'content-type': record.type, accept: 'application/json' },
        body: record.bytes,
        credentials: 'same-origin',
        cache: 'no-store',
        signal,
      });
      if (response.status === 201) return 'accepted';
      if (response.ok) return 'duplicate';
      const failure = classifyFailure(response.status, REFUSALS);
      if (failure === 'refused') throw new BatchRefusedError(await refusalMessage(response), response.status);
      if (failure === 'busy') {
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        throw new RetryableError(`The server could not take the recording yet (${response.status}).`, { retryAfterMs });
      }
      // A proxy or captive portal answering for the server: nothing is wrong with the recording.
      throw new RetryableError(`The recording address is not answering as expected (${response.status}).`, { retryAfterMs: NOT_HEARD_RETRY_MS });
    },
  };
}


/**
 * Uploads what each entry's recordings still need and returns the entries that may now be
 * sent. Entries whose recording is refused or gone are parked (never dropped); a retryable
 * failure is thrown, so the drain stops and tries the whole batch later.
 */
export async function uploadAudioOf(entries: OutboxEntry[], uploader: AudioUploader, signal?: AbortSignal): Promise<{ ready: OutboxEntry[]; parked: number }> {
  const ready: OutboxEntry[] = [];
  let parked = 0;
  for (const entry of entries) {
    const problem = await uploadEntryAudio(entry, uploader, signal);
    if (problem === undefined) ready.push(entry);
    else {
      await markNeedsAttention(entry.id, problem);
      parked += 1;
    }
  }
  return { ready, parked };
}

async function uploadEntryAudio(entry: OutboxEntry, uploader: AudioUploader, signal?: AbortSignal): Promise<string | undefined> {
  for (const id of audioIdsOf(entry)) {
    const record = await getAudio(id);
    if (!record) return 'The recorded answer is no longer on this device.';
    if (record.uploadedAt) continue;
    try {
      await uploader.upload(record, signal);
    } catch (error) {
      if (error instanceof BatchRefusedError) return error.message;
      throw error;
    }
    await markAudioUploaded(id);
  }
  return undefined;
}

/** Forgets the recordings of delivered contributions: the server has them, and the device should not keep them. */
export async function forgetDeliveredAudio(entries: OutboxEntry[]): Promise<void> {
  await deleteAudio(entries.flatMap((entry) => audioIdsOf(entry)));
}
