import type { AboutYouAnswers } from '../shared/about-you';
import { getDb, write } from './db';

/**
 * "About you" (equality monitoring) records waiting to be sent. They live in their own store,
 * apart from the outbox: a record holds no contribution id, no phase, no event and no time it
 * was made, so nothing on the device or the server can tie it to a person's answers.
 */

/** One queued "about you" record. */
export interface AboutYouRecord {
  /** A fresh random UUID: only makes a resend harmless; it matches no contribution id. */
  id: string;
  engagement: string;
  answers: AboutYouAnswers;
  /** Not sent before this time (ms since 1970), so sending never follows a contribution at once. */
  notBefore: number;
  /** Failed sends so far; drives the backoff. */
  attempts: number;
}

/** Queues a record to be sent no sooner than `notBefore`. */
export async function queueAboutYou(record: Pick<AboutYouRecord, 'id' | 'engagement' | 'answers'>, notBefore: number): Promise<void> {
  await write(['aboutYou'], async (tx) => {
    await tx.objectStore('aboutYou').put({ ...record, notBefore, attempts: 0 });
  }, 'strict');
}

/** Every queued record. */
export async function listAboutYou(): Promise<AboutYouRecord[]> {
  const db = await getDb();
  return db.getAll('aboutYou');
}

/** Removes records the server has answered for. */
export async function deleteAboutYou(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await write(['aboutYou'], async (tx) => {
    for (const id of ids) await tx.objectStore('aboutYou').delete(id);
  });
}

/** Counts a failed send for each record and holds it back until `notBefore`. */
export async function deferAboutYou(ids: readonly string[], notBefore: (attempts: number) => number): Promise<void> {
  if (ids.length === 0) return;
  await write(['aboutYou'], async (tx) => {
    const store = tx.objectStore('aboutYou');
    for (const id of ids) {
      const record = await store.get(id);
      if (!record) continue;
      const attempts = record.attempts + 1;
      await store.put({ ...record, attempts, notBefore: notBefore(attempts) });
    }
  });
}
