import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deckVoteId } from '../../src/shared/deck-vote-id';
import { DECK_SECRET_BYTES } from '../../src/shared/limits';
import { ContributionIdSchema } from '../../src/shared/contribution';
import { check } from '../../src/shared/validate';

const secret = (fill: number) => new Uint8Array(DECK_SECRET_BYTES).fill(fill);
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('deckVoteId: one id per device (secret) and statement', () => {
  it('is stable: the same inputs always give the same id', async () => {
    const a = await deckVoteId(secret(7), 'ahp-strategy', 'check', 'theme-right-time');
    const b = await deckVoteId(secret(7), 'ahp-strategy', 'check', 'theme-right-time');
    expect(a).toBe(b);
  });

  it('is shaped as a UUID v4 (version and variant bits set) that the wire contract accepts', async () => {
    for (let i = 0; i < 50; i++) {
      const random = crypto.getRandomValues(new Uint8Array(DECK_SECRET_BYTES));
      const id = await deckVoteId(random, 'ahp-strategy', 'check', `statement-${i}`);
      expect(id).toMatch(UUID_V4);
      expect(check(ContributionIdSchema, id)).toEqual({ ok: true, value: id });
    }
  });

  it('is the first 128 bits of SHA-256 over the secret, engagement, phase and statement, with the v4 bits set', async () => {
    const digest = createHash('sha256').update(`heard-deck:${'2a'.repeat(32)}|ahp-strategy|check|whats-new`).digest();
    digest[6] = (digest[6]! & 0x0f) | 0x40;
    digest[8] = (digest[8]! & 0x3f) | 0x80;
    const h = digest.subarray(0, 16).toString('hex');
    const expected = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    expect(await deckVoteId(secret(0x2a), 'ahp-strategy', 'check', 'whats-new')).toBe(expected);
  });

  it('differs per statement, per phase, per engagement and per secret', async () => {
    const ids = await Promise.all([
      deckVoteId(secret(1), 'ahp-strategy', 'check', 'theme-a'),
      deckVoteId(secret(1), 'ahp-strategy', 'check', 'theme-b'),
      deckVoteId(secret(1), 'ahp-strategy', 'check-2', 'theme-a'),
      deckVoteId(secret(1), 'other', 'check', 'theme-a'),
      deckVoteId(secret(2), 'ahp-strategy', 'check', 'theme-a'),
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses a secret of the wrong length', async () => {
    await expect(deckVoteId(new Uint8Array(16), 'ahp-strategy', 'check', 'theme-a')).rejects.toThrow(/32 bytes/);
  });
});
