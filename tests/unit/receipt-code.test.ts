import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { RECEIPT_CODE_PATTERN, ReceiptCodeSchema, normaliseReceiptCode, receiptCode } from '../../src/shared/receipt-code';

// The known vector, worked out once by hand outside this code (Python's hashlib):
//   SHA-256("heard-receipt:3b241101-e2bb-4255-8caf-4136c566a962") starts dc f1 35 89 db 7a 8f 58;
//   its first 60 bits, five at a time, are 27 19 24 19 11 2 14 27 15 10 7 21, which Crockford
//   base32 (0-9, A-Z without I L O U) spells VKRK B2EV FA7N.
// The device and the server must agree on it forever: codes already handed out depend on it.
const ID = '3b241101-e2bb-4255-8caf-4136c566a962';
const CODE = 'VKRK-B2EV-FA7N';

describe('receiptCode', () => {
  it('gives the known code for a known id, in either case, every time', async () => {
    expect(await receiptCode(ID)).toBe(CODE);
    expect(await receiptCode(ID.toUpperCase())).toBe(CODE);
    expect(await receiptCode(ID)).toBe(await receiptCode(ID));
  });

  it('makes three groups of four Crockford characters, different for different ids', async () => {
    const ids = Array.from({ length: 200 }, () => crypto.randomUUID());
    const codes = await Promise.all(ids.map((id) => receiptCode(id)));
    for (const code of codes) {
      expect(code).toMatch(RECEIPT_CODE_PATTERN);
      expect(code).not.toMatch(/[ILOU]/);
    }
    expect(new Set(codes).size).toBe(ids.length);
  });
});

describe('normaliseReceiptCode', () => {
  it('reads the ways a person may type a code', () => {
    for (const typed of ['VKRK-B2EV-FA7N', 'vkrk-b2ev-fa7n', 'VKRK B2EV FA7N', ' vkrkb2evfa7n ', 'V K R K - B 2 E V - F A 7 N', 'VKRK–B2EV-FA7N'.replace('–', '-')]) {
      expect(normaliseReceiptCode(typed), typed).toBe(CODE);
    }
    // O is read as zero, I and L as one, as Crockford base32 says.
    expect(normaliseReceiptCode('oooo-iiii-llll')).toBe('0000-1111-1111');
  });

  it('refuses what cannot be a code', () => {
    for (const typed of ['', 'VKRK-B2EV', 'VKRK-B2EV-FA7NX', 'UUUU-UUUU-UUUU', 'VKRK-B2EV-FA7!', '1234']) {
      expect(normaliseReceiptCode(typed), typed).toBeUndefined();
    }
  });

  it('is what the request schema applies, with a readable error otherwise', () => {
    expect(v.parse(ReceiptCodeSchema, 'vkrk b2ev fa7n')).toBe(CODE);
    const bad = v.safeParse(ReceiptCodeSchema, 'nope');
    expect(bad.success).toBe(false);
    expect(bad.issues?.[0]?.message).toBe('must be a receipt code like 7K3M-9QXA-2B4C');
    expect(v.safeParse(ReceiptCodeSchema, 'x'.repeat(41)).issues?.[0]?.message).toBe('is too long');
  });
});
