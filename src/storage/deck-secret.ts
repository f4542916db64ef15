import { DECK_SECRET_BYTES, type Vote } from '../shared';
import { write } from './db';

/**
 * The check-and-challenge deck's record on this device: the secret its vote ids are made
 * from and the votes cast under it. Only renewal lives here, apart from deck.ts, because
 * passing a shared tablet on renews it and that screen is part of the first load.
 */

/** The `meta` key of the deck record. */
export const DECK_KEY = 'deck';

/** The deck record as stored. */
export interface DeckRecord {
  secret: Uint8Array;
  /** The vote last chosen, by vote id. */
  votes: Record<string, Vote>;
}

/** A record with a new secret (DECK_SECRET_BYTES random bytes) and no votes. */
export const freshDeckRecord = (): DeckRecord => ({ secret: crypto.getRandomValues(new Uint8Array(DECK_SECRET_BYTES)), votes: {} });

/**
 * A new secret and no votes: the next person on a shared tablet votes afresh, with ids the
 * server cannot link to the last person's, and sees none of their votes. Votes already queued
 * are sent as they are.
 */
export async function renewDeckSecret(): Promise<void> {
  await write(['meta'], async (tx) => {
    await tx.objectStore('meta').put(freshDeckRecord(), DECK_KEY);
  });
}
