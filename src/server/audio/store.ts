import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** What storing a recording did: new, a repeat of the same bytes, or a clash with other bytes. */
export type PutAudioOutcome = 'accepted' | 'duplicate' | 'conflict';

/** A stored recording, as an organiser plays it. */
export interface StoredAudio {
  type: string;
  bytes: Buffer;
}

/** Hex SHA-256 over the media type and the bytes, so a repeat with another type is a clash too. */
export function audioHash(type: string, bytes: Uint8Array): string {
  return createHash('sha256').update(type).update('\n').update(bytes).digest('hex');
}

/**
 * Stores a recording once per id. Two uploads racing with the same id both end well: the
 * insert that loses does nothing and is then compared with the row that won.
 */
export async function putAudio(kysely: Kysely<Database>, id: string, type: string, bytes: Buffer, now = new Date().toISOString()): Promise<PutAudioOutcome> {
  const sha256 = audioHash(type, bytes);
  const inserted = await kysely
    .insertInto('audio')
    .values({ id, type, size: bytes.length, sha256, data: bytes.toString('base64'), received_at: now })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return 'accepted';
  const stored = await kysely.selectFrom('audio').select('sha256').where('id', '=', id).executeTakeFirst();
  return stored?.sha256 === sha256 ? 'duplicate' : 'conflict';
}

/** The recording with this id, or undefined. */
export async function getAudio(kysely: Kysely<Database>, id: string): Promise<StoredAudio | undefined> {
  const row = await kysely.selectFrom('audio').select(['type', 'data']).where('id', '=', id).executeTakeFirst();
  return row ? { type: row.type, bytes: Buffer.from(row.data, 'base64') } : undefined;
}
