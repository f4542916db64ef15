import { isSealed } from '../shared';
import { getDb, write } from './db';
import { writing } from './errors';

/** How an answer refers to a recording: the id it is uploaded under, its media type and length. */
export interface AudioRef {
  id: string;
  type: string;
  seconds: number;
}

/** A recorded answer kept on the device until the contribution using it has been delivered. */
export interface AudioRecord extends AudioRef {
  bytes: ArrayBuffer;
  createdAt: string;
  /** Set once the server has the bytes (accepted or duplicate), so a later drain skips the upload. */
  uploadedAt?: string;
}

/**
 * Saves a recording. Bytes are stored as an ArrayBuffer rather than a Blob: some browsers
 * (Safari in private windows, older WebKit) refuse Blobs in IndexedDB.
 */
export async function saveAudio(record: Omit<AudioRecord, 'createdAt' | 'uploadedAt'>): Promise<void> {
  const db = await getDb();
  const stored: AudioRecord = { ...record, createdAt: new Date().toISOString() };
  await writing(() => db.put('audio', stored));
}

/** The recording with this id, if it is still on the device. */
export async function getAudio(id: string): Promise<AudioRecord | undefined> {
  const db = await getDb();
  return db.get('audio', id);
}

/** Notes that the server has the recording; the bytes stay until the contribution is delivered. */
export async function markAudioUploaded(id: string): Promise<void> {
  const db = await getDb();
  await writing(async () => {
    const tx = db.transaction('audio', 'readwrite');
    const record = await tx.store.get(id);
    if (record && !record.uploadedAt) await tx.store.put({ ...record, uploadedAt: new Date().toISOString() });
    await tx.done;
  });
}

/** Forgets recordings: deleted or replaced by the person, or delivered with their contribution. */
export async function deleteAudio(ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const db = await getDb();
  const tx = db.transaction('audio', 'readwrite');
  await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
}

/**
 * Deletes recordings that no draft and no outbox entry refers to: left behind when a draft was
 * cleared (the next person on a shared tablet) or a recording abandoned. One transaction, so
 * a recording being submitted at the same moment is either referenced or not, never half.
 */
export async function deleteUnreferencedAudio(): Promise<number> {
  return write(['audio', 'drafts', 'outbox'], async (tx) => {
    const referenced = new Set<string>();
    for (const draft of await tx.objectStore('drafts').getAll()) {
      for (const answer of Object.values(draft.answers)) if (answer.audio) referenced.add(answer.audio.id);
    }
    for (const entry of await tx.objectStore('outbox').getAll()) {
      for (const id of entry.audio ?? []) referenced.add(id);
      if (!isSealed(entry.payload)) for (const answer of entry.payload.answers) if (answer.audio) referenced.add(answer.audio.id);
    }
    const store = tx.objectStore('audio');
    const orphans = (await store.getAllKeys()).filter((id) => !referenced.has(id));
    for (const id of orphans) await store.delete(id);
    return orphans.length;
  });
}
