/** Limits shared by the page, the service worker and the server, so each side refuses the same things. */

/** Most contributions in one `POST /api/sync` request. */
export const MAX_BATCH_ITEMS = 500;

/**
 * Contributions the app sends per `POST /api/sync` request. Under the server's limit on
 * purpose: a request of 100 is answered in about a fifth of the time of one of 500, so a tablet
 * sees its first receipts sooner and the requests of several devices interleave instead of
 * queueing behind large ones; the server merges concurrent requests into one commit, so
 * throughput stays (`npm run bench:server`).
 */
export const SYNC_BATCH_ITEMS = 100;

/** Largest `POST /api/sync` body in bytes (1 MiB). */
export const MAX_SYNC_BODY_BYTES = 1024 * 1024;

/** Longest free-text answer, in characters. */
export const MAX_TEXT_ANSWER = 5000;

/** Longest identifier of an engagement, phase, prompt, choice or event code. */
export const MAX_ID_LENGTH = 64;

/** Most answers in one contribution. */
export const MAX_ANSWERS = 100;

/** Size of the sealed form's ciphertext in base64 characters. */
export const MAX_SEALED_LENGTH = 200_000;

/** Bytes of the random secret a device makes its check-and-challenge vote ids from (deck-vote-id.ts). */
export const DECK_SECRET_BYTES = 32;
