import { createCipheriv, randomBytes, type Cipher } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { selectByIds, type IdLookup } from './bulk-insert';
import { drawContributionNumbers } from '../db/numbers';

// Crockford base32 leaves out I, L, O and U so a code read aloud or copied by hand is not misread.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Length of a receipt's code: 8 characters, 40 bits. */
export const RECEIPT_CHARS = 8;

/** Pattern every receipt matches, e.g. `HRD-7K3M9QXA`. */
export const RECEIPT_PATTERN = /^HRD-[0-9A-HJKMNP-TV-Z]{8}$/;

/** Bytes of the AES-128 key receipts are drawn with. */
export const RECEIPT_KEY_BYTES = 16;

// A balanced Feistel network on 40 bits: two 20-bit halves, each round's function the first
// 20 bits of AES-128 of (round, half). Ten rounds, as FF1 (NIST SP 800-38G) uses.
const HALF_BITS = 20;
const HALF = 2 ** HALF_BITS;
const ROUNDS = 10;

/** A receipt's code as a 40-bit number can be numbered up to this (exclusive). */
export const RECEIPT_NUMBERS = HALF * HALF;

/**
 * The receipts of contribution numbers `numbers` under `key`: a short code a person can write
 * down or read to a community worker to show their contribution arrived.
 *
 * Each code is the contribution's number put through a keyed permutation of the 2^40 codes,
 * so two numbers never share a code and no index is needed to keep receipts unique (an index
 * on random codes cost SQLite a random page write per contribution). Without the key a code
 * says nothing about the number, so nothing about who or when; with the database one could
 * read the number anyway. The permutation must never change: codes already handed out would
 * otherwise meet new ones (the tests pin its output).
 *
 * It is FF1's construction (a Feistel network over AES) on binary halves, written here rather
 * than taken from a library because the one FF1 implementation for Node, in pure JavaScript,
 * took about 37 µs per code, more than the index it replaces; this runs each round for a whole
 * batch in one call to Node's AES and takes about 1 µs.
 */
export function receiptsFor(key: Uint8Array, numbers: readonly number[]): string[] {
  const count = numbers.length;
  const left = new Uint32Array(count);
  const right = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const n = numbers[i];
    if (!Number.isSafeInteger(n) || n < 0 || n >= RECEIPT_NUMBERS) throw new RangeError(`a receipt needs a number from 0 to 2^40 - 1, got ${n}`);
    left[i] = Math.floor(n / HALF);
    right[i] = n % HALF;
  }
  const cipher = cipherOf(key);
  const blocks = Buffer.alloc(count * 16);
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < count; i++) {
      const at = i * 16;
      blocks[at] = round;
      blocks.writeUIntBE(right[i], at + 1, 3);
    }
    const out = cipher.update(blocks);
    for (let i = 0; i < count; i++) {
      const f = out.readUIntBE(i * 16, 3) >>> 4;
      const next = (left[i] ^ f) >>> 0;
      left[i] = right[i];
      right[i] = next;
    }
  }
  const receipts = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    // Most significant five bits first.
    let value = left[i] * HALF + right[i];
    let code = '';
    for (let c = 0; c < RECEIPT_CHARS; c++) {
      code = CROCKFORD[value % 32] + code;
      value = Math.floor(value / 32);
    }
    receipts[i] = `HRD-${code}`;
  }
  return receipts;
}

// ECB without padding turns each 16-byte block on its own, so one cipher serves every call.
const ciphers = new WeakMap<Uint8Array, Cipher>();

function cipherOf(key: Uint8Array): Cipher {
  let cipher = ciphers.get(key);
  if (!cipher) {
    if (key.length !== RECEIPT_KEY_BYTES) throw new RangeError(`a receipt key has ${RECEIPT_KEY_BYTES} bytes, got ${key.length}`);
    cipher = createCipheriv('aes-128-ecb', key, null).setAutoPadding(false);
    ciphers.set(key, cipher);
  }
  return cipher;
}

const keys = new WeakMap<Kysely<Database>, Promise<Uint8Array>>();

/**
 * The database's receipt key, made on first use by whichever server asks first (in a statement
 * of its own, so it is never rolled back with a failed batch) and read by every other. It is a
 * table row, so a backup carries it and a restored database goes on with the same permutation.
 * Kept per process once read: it never changes.
 */
export function receiptKey(kysely: Kysely<Database>): Promise<Uint8Array> {
  let found = keys.get(kysely);
  if (!found) {
    found = loadKey(kysely);
    keys.set(kysely, found);
    found.catch(() => keys.get(kysely) === found && keys.delete(kysely));
  }
  return found;
}

async function loadKey(kysely: Kysely<Database>): Promise<Uint8Array> {
  await kysely.insertInto('receipt_keys').values({ id: 1, key: randomBytes(RECEIPT_KEY_BYTES).toString('base64') }).onConflict((oc) => oc.column('id').doNothing()).execute();
  const { key } = await kysely.selectFrom('receipt_keys').select('key').where('id', '=', 1).executeTakeFirstOrThrow();
  return new Uint8Array(Buffer.from(key, 'base64'));
}

/**
 * Receipts handed out before receipts were drawn from numbers (migration 0009) were random,
 * and are listed in `legacy_receipts`; of `receipts`, those that are listed there. A new
 * number whose code is one of them is skipped.
 */
export async function legacyAmong(kysely: Kysely<Database>, trx: Transaction<Database>, receipts: readonly string[]): Promise<Set<string>> {
  if (receipts.length === 0) return new Set();
  return new Set((await selectByIds(kysely, trx, LEGACY, receipts)).map((row) => row.receipt));
}

const LEGACY: IdLookup<{ receipt: string }> = {
  query: (db, receipts) => db.selectFrom('legacy_receipts').select('receipt').where('receipt', 'in', receipts),
};

/** A contribution number with its receipt. */
export interface Numbered {
  seq: number;
  receipt: string;
}

/**
 * `count` unused contribution numbers with their receipts under `key` (receiptKey, read before
 * the transaction opens), inside the transaction that stores them. Numbers whose code a
 * legacy receipt already has are skipped.
 */
export async function drawReceipts(kysely: Kysely<Database>, trx: Transaction<Database>, key: Uint8Array, count: number): Promise<Numbered[]> {
  const drawn: Numbered[] = [];
  let after = 0;
  while (drawn.length < count) {
    const numbers = await drawContributionNumbers(trx, count - drawn.length, after);
    after = numbers[numbers.length - 1];
    const receipts = receiptsFor(key, numbers);
    const legacy = await legacyAmong(kysely, trx, receipts);
    numbers.forEach((seq, i) => legacy.has(receipts[i]) || drawn.push({ seq, receipt: receipts[i] }));
  }
  return drawn;
}
