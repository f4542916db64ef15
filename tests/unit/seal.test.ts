import { describe, expect, it } from 'vitest';
import { sealContribution, unsealContribution } from '../../src/shared/seal';
import { check } from '../../src/shared/validate';
import { SealedContributionSchema, type Contribution } from '../../src/shared/contribution';

const contribution: Contribution = {
  id: '0b6f1b9e-3c1a-4f5e-9d2a-7c8b9a0d1e2f',
  engagement: 'ahp-strategy',
  phase: 'conversation',
  answers: [{ prompt: 'support', text: 'Kinder waiting rooms, and "plain" letters ✓' }],
  locale: 'en',
  route: { easyRead: true, readAloud: false, assisted: true, audio: false },
  channel: 'event',
  event: 'LIB-4821',
  createdAt: '2025-01-02T10:00:00.000Z',
};

async function keyPair(): Promise<{ publicJwk: JsonWebKey; privateJwk: JsonWebKey }> {
  const pair = await crypto.subtle.generateKey(
    { name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['encrypt', 'decrypt'],
  );
  return {
    publicJwk: await crypto.subtle.exportKey('jwk', pair.publicKey),
    privateJwk: await crypto.subtle.exportKey('jwk', pair.privateKey),
  };
}

function flipFirstChar(base64: string): string {
  return (base64[0] === 'A' ? 'B' : 'A') + base64.slice(1);
}

describe('seal', () => {
  it('round-trips a contribution and matches the wire schema', async () => {
    const { publicJwk, privateJwk } = await keyPair();
    const sealed = await sealContribution(contribution, { ...publicJwk, kid: 'k1' } as JsonWebKey, 'k1');
    expect(check(SealedContributionSchema, sealed).ok).toBe(true);
    expect(sealed.id).toBe(contribution.id);
    expect(sealed.sealed.kid).toBe('k1');
    expect(JSON.stringify(sealed)).not.toContain('waiting rooms');
    expect(await unsealContribution(sealed, privateJwk)).toEqual(contribution);
  });

  it('uses a fresh key and iv each time', async () => {
    const { publicJwk } = await keyPair();
    const a = await sealContribution(contribution, publicJwk, 'k1');
    const b = await sealContribution(contribution, publicJwk, 'k1');
    expect(a.sealed.iv).not.toBe(b.sealed.iv);
    expect(a.sealed.key).not.toBe(b.sealed.key);
    expect(a.sealed.data).not.toBe(b.sealed.data);
  });

  it('fails when the data, iv or wrapped key was altered', async () => {
    const { publicJwk, privateJwk } = await keyPair();
    const sealed = await sealContribution(contribution, publicJwk, 'k1');
    for (const field of ['data', 'iv', 'key'] as const) {
      const tampered = { ...sealed, sealed: { ...sealed.sealed, [field]: flipFirstChar(sealed.sealed[field]) } };
      await expect(unsealContribution(tampered, privateJwk)).rejects.toThrow();
    }
  });

  it('fails with the wrong private key', async () => {
    const mine = await keyPair();
    const other = await keyPair();
    const sealed = await sealContribution(contribution, mine.publicJwk, 'k1');
    await expect(unsealContribution(sealed, other.privateJwk)).rejects.toThrow();
  });
});
