import * as v from 'valibot';

/**
 * The receipt code a participant sees when they finish: a short code made from the
 * contribution's own id (SHA-256, first 60 bits, Crockford base32), so the device can show it
 * offline, before the contribution has reached the server, and the server can find the
 * contribution again from it. It reveals nothing about who or when, and the id cannot be
 * recovered from it. Entered on the "you said, we heard" page, it shows the themes that
 * contribution was coded to, and nothing else.
 */

// Crockford base32 leaves out I, L, O and U so a code read aloud or copied by hand is not misread.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_CHARS = 12;

/** Every receipt code, as shown: three groups of four, e.g. `7K3M-9QXA-2B4C`. */
export const RECEIPT_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** The receipt code of a contribution id. */
export async function receiptCode(contributionId: string): Promise<string> {
  const input = new TextEncoder().encode(`heard-receipt:${contributionId.toLowerCase()}`);
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', input));
  let code = '';
  // Read the digest five bits at a time.
  let buffer = 0;
  let bits = 0;
  for (const byte of digest) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && code.length < CODE_CHARS) {
      code += CROCKFORD[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
    if (code.length === CODE_CHARS) break;
  }
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/**
 * A code as a person typed it, in the shown form: case, spaces and dashes do not matter, and
 * the letters Crockford base32 reads as digits (O as 0, I and L as 1) are read that way.
 * Returns undefined when it cannot be a receipt code.
 */
export function normaliseReceiptCode(input: string): string | undefined {
  const plain = input
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (plain.length !== CODE_CHARS) return undefined;
  const code = `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}`;
  return RECEIPT_CODE_PATTERN.test(code) ? code : undefined;
}

/** A receipt code in a request: anything `normaliseReceiptCode` accepts, normalised. */
export const ReceiptCodeSchema = v.pipe(
  v.string('must be a string'),
  v.maxLength(40, 'is too long'),
  v.transform((input) => normaliseReceiptCode(input) ?? ''),
  v.regex(RECEIPT_CODE_PATTERN, 'must be a receipt code like 7K3M-9QXA-2B4C'),
);
