import { DECK_SECRET_BYTES } from './limits';

/**
 * The id of one check-and-challenge vote: a UUID v4 in shape, made from SHA-256 of the
 * device's deck secret, the engagement, the phase and the statement. Voting again on the same
 * statement from the same device (or the same person's turn on a shared tablet) gives the
 * same id, so the server's per-id idempotency keeps one vote per statement however often it
 * is replayed. Each statement's id is its own hash, so the server cannot tell which votes came
 * from one device, and without the secret nobody can work an id out.
 */


const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

/** The vote id for `statement` of `phase` in `engagement`, under `secret` (DECK_SECRET_BYTES random bytes). */
export async function deckVoteId(secret: Uint8Array, engagement: string, phase: string, statement: string): Promise<string> {
  if (secret.length !== DECK_SECRET_BYTES) throw new Error(`A deck secret has ${DECK_SECRET_BYTES} bytes`);
  // Ids are lower-case letters, digits and dashes, so `|` cannot make two inputs read alike.
  const input = new TextEncoder().encode(`heard-deck:${hex(secret)}|${engagement}|${phase}|${statement}`);
  const bytes = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', input)).slice(0, 16);
  // RFC 9562: version 4 in the high nibble of byte 6, variant 10xx in byte 8.
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const h = hex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
