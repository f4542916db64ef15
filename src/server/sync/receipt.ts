import { randomBytes } from 'node:crypto';

// Crockford base32 leaves out I, L, O and U so a code read aloud or copied by hand is not misread.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Length of the random part of a receipt: 8 characters, 40 bits. */
export const RECEIPT_CHARS = 8;

/** Pattern every receipt matches, e.g. `HRD-7K3M9QXA`. */
export const RECEIPT_PATTERN = /^HRD-[0-9A-HJKMNP-TV-Z]{8}$/;

/**
 * A short code a person can write down or read to a community worker to show their
 * contribution arrived. Random, so it says nothing about who or when; uniqueness is enforced
 * by the database and a clash simply draws again.
 */
export function newReceipt(): string {
  return newReceipts(1)[0];
}

/** `count` receipts from one draw of random bytes (a sync batch needs hundreds at once). */
export function newReceipts(count: number): string[] {
  const bytes = randomBytes(RECEIPT_CHARS * count);
  const receipts: string[] = new Array<string>(count);
  for (let r = 0; r < count; r++) {
    let code = 'HRD-';
    // 32 divides 256, so taking the low five bits of each byte keeps every character equally likely.
    for (let i = r * RECEIPT_CHARS; i < (r + 1) * RECEIPT_CHARS; i++) code += CROCKFORD[bytes[i] & 31];
    receipts[r] = code;
  }
  return receipts;
}
