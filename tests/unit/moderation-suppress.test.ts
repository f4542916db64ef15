import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shownShare } from '../../src/server/workspace/complement';
import { suppress } from '../../src/server/workspace/suppress';

describe('small-count suppression', () => {
  it('keeps 0, hides 1–9 as "<10", and passes 10 and more through', () => {
    expect([0, 1, 5, 9, 10, 11, 250].map(suppress)).toEqual([0, '<10', '<10', '<10', 10, 11, 250]);
  });

  it('never lets a count from 1 to 9 out as a number, whatever the count', () => {
    fc.assert(
      fc.property(fc.nat(100_000), (n) => {
        const out = suppress(n);
        return n >= 1 && n <= 9 ? out === '<10' : out === n;
      }),
    );
  });

  it('gives a share only between two shown figures, since a share of a shown total gives a hidden count away', () => {
    expect(shownShare('<10', 40)).toBeNull();
    expect(shownShare(10, 40)).toBe(0.25);
    expect(shownShare(0, 40)).toBe(0);
    expect(shownShare(0, '<10')).toBeNull();
    expect(shownShare(12, 'withheld')).toBeNull();
    expect(shownShare('withheld', 40)).toBeNull();
    expect(shownShare(12, 0)).toBeNull();
  });
});
