import { isSealed } from '../shared';
import type { OutboxEntry } from '../storage';

/** Ids of the recordings an outbox entry's contribution refers to: listed on the entry, or read from an unsealed payload. */
export function audioIdsOf(entry: Pick<OutboxEntry, 'payload' | 'audio'>): string[] {
  const inPayload = isSealed(entry.payload) ? [] : entry.payload.answers.flatMap((answer) => (answer.audio ? [answer.audio.id] : []));
  return [...new Set([...(entry.audio ?? []), ...inPayload])];
}
