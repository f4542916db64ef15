import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/sync';

const JUST_UNDER_ONE = 1 - Number.EPSILON;

describe('backoffDelay', () => {
  it('grows the window exponentially from one second', () => {
    expect([0, 1, 2, 3, 4].map((attempt) => backoffDelay(attempt, { random: () => JUST_UNDER_ONE }))).toEqual([999, 1999, 3999, 7999, 15999]);
  });

  it('never waits more than five minutes, however many attempts', () => {
    for (const attempt of [9, 20, 100, 5000]) {
      expect(backoffDelay(attempt, { random: () => JUST_UNDER_ONE })).toBe(5 * 60 * 1000 - 1);
    }
  });

  it('can be zero, with full jitter', () => {
    expect(backoffDelay(6, { random: () => 0 })).toBe(0);
  });

  it('picks a point inside the window', () => {
    expect(backoffDelay(3, { random: () => 0.5 })).toBe(4000);
    expect(backoffDelay(2, { random: () => 0.25, baseMs: 100, capMs: 250 })).toBe(62);
  });

  it('treats a negative attempt as the first', () => {
    expect(backoffDelay(-3, { random: () => 0.5 })).toBe(500);
  });

  it('stays within bounds with the real random source', () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const delay = backoffDelay(attempt);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(Math.min(300_000, 1000 * 2 ** attempt));
    }
  });
});
