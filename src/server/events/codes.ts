import { randomBytes } from 'node:crypto';

// Crockford base32 without I, L, O and U, so a code read off a poster or said aloud is not misread.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Characters in the random part of an event code: 6 base32 characters, 30 bits. */
export const EVENT_CODE_RANDOM_CHARS = 6;

/**
 * A new event code like `LIB-7K3M9Q`: three letters from the event name so people recognise
 * it, then a random part so codes cannot be guessed from each other. Uniqueness is enforced
 * by the database; a clash draws again.
 */
export function newEventCode(name: string): string {
  return `${codePrefix(name)}-${randomPart()}`;
}

/** Up to three A–Z letters of the name (accents dropped), or `EVT` when it has fewer. */
export function codePrefix(name: string): string {
  const letters = name
    .normalize('NFKD')
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase();
  return letters.length >= 3 ? letters.slice(0, 3) : 'EVT';
}

function randomPart(): string {
  let part = '';
  // 32 divides 256, so the low five bits of each byte keep every character equally likely.
  for (const byte of randomBytes(EVENT_CODE_RANDOM_CHARS)) part += CROCKFORD[byte & 31];
  return part;
}
