import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECEIPT_NUMBERS, RECEIPT_PATTERN, receiptsFor } from '../../src/server/sync/receipt';

const KEY = new Uint8Array(Array.from({ length: 16 }, (_, i) => i));

describe('receipts drawn from contribution numbers', () => {
  // Codes already handed out must never meet new ones, so the permutation must never change:
  // these are its outputs under a fixed key.
  it('gives the same code for the same key and number, always', () => {
    expect(receiptsFor(KEY, [0, 1, 2, 1000, 2 ** 31 - 1, 2 ** 40 - 1])).toEqual([
      'HRD-J8SYFRRA',
      'HRD-P233RAYB',
      'HRD-1AKYHYT5',
      'HRD-ATMSVMFP',
      'HRD-JNWD754W',
      'HRD-HYMM4WW3',
    ]);
  });

  it('never gives two numbers the same code', () => {
    const count = 2 ** 18;
    const codes = receiptsFor(KEY, Array.from({ length: count }, (_, i) => i));
    expect(new Set(codes).size).toBe(count);
    for (const code of codes.slice(0, 1000)) expect(code).toMatch(RECEIPT_PATTERN);
    // Numbers anywhere in the range, not only the first ones.
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: RECEIPT_NUMBERS - 1 }), { minLength: 2, maxLength: 200 }), (numbers) => {
        const found = receiptsFor(KEY, numbers);
        expect(new Set(found).size).toBe(numbers.length);
        for (const code of found) expect(code).toMatch(RECEIPT_PATTERN);
      }),
      { numRuns: 200 },
    );
  });

  it('gives each number its own code whether drawn alone or in a batch', () => {
    const numbers = [5, 17, 123_456, 9_999_999];
    expect(receiptsFor(KEY, numbers)).toEqual(numbers.map((n) => receiptsFor(KEY, [n])[0]));
  });

  it('says nothing of the number without the key: another key gives other codes, and neighbours share no pattern', () => {
    const other = new Uint8Array(16).fill(7);
    const numbers = Array.from({ length: 100 }, (_, i) => i);
    const mine = receiptsFor(KEY, numbers);
    const theirs = receiptsFor(other, numbers);
    expect(mine.filter((code, i) => code === theirs[i]).length).toBeLessThan(2);
    // Consecutive numbers: codes are not in order, and no position keeps the same character throughout.
    expect([...mine].sort()).not.toEqual(mine);
    for (let position = 4; position < 12; position++) expect(new Set(mine.map((code) => code[position])).size).toBeGreaterThan(10);
  });

  it('refuses numbers outside 0 to 2^40 - 1, and keys that are not 16 bytes', () => {
    expect(() => receiptsFor(KEY, [-1])).toThrow(RangeError);
    expect(() => receiptsFor(KEY, [RECEIPT_NUMBERS])).toThrow(RangeError);
    expect(() => receiptsFor(KEY, [1.5])).toThrow(RangeError);
    expect(() => receiptsFor(new Uint8Array(8), [1])).toThrow(/16 bytes/);
  });
});
