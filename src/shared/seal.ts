import type { Contribution, SealedContribution } from './contribution';

/**
 * Sealing a contribution on a shared device, with WebCrypto only so the same code runs in
 * the page, the service worker and Node 20. A fresh AES-256-GCM key encrypts the
 * contribution; the engagement's RSA-OAEP (SHA-256) public key encrypts that AES key, so
 * only the server holding the private key can read what the tablet stored.
 */

const ALG = 'RSA-OAEP-256+A256GCM' as const;
const RSA = { name: 'RSA-OAEP', hash: 'SHA-256' } as const;
const IV_BYTES = 12;
const KEY_BYTES = 32;

/** Seals `contribution` with the engagement public key `publicJwk` (key id `kid`). */
export async function sealContribution(
  contribution: Contribution,
  publicJwk: JsonWebKey,
  kid: string,
): Promise<SealedContribution> {
  const subtle = globalThis.crypto.subtle;
  const rsaKey = await subtle.importKey('jwk', keyMaterial(publicJwk), RSA, false, ['encrypt']);
  const rawKey = globalThis.crypto.getRandomValues(new Uint8Array(KEY_BYTES));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const aesKey = await subtle.importKey('raw', rawKey, { name: 'AES-GCM' }, false, ['encrypt']);
  const plain = new TextEncoder().encode(JSON.stringify(contribution));
  const data = await subtle.encrypt({ name: 'AES-GCM', iv }, aesKey, plain);
  const wrapped = await subtle.encrypt(RSA, rsaKey, rawKey);
  rawKey.fill(0);
  return {
    id: contribution.id,
    engagement: contribution.engagement,
    sealed: { alg: ALG, kid, key: toBase64(wrapped), iv: toBase64(iv), data: toBase64(data) },
  };
}

/**
 * Opens a sealed contribution with the engagement private key and returns the parsed JSON,
 * still untrusted: the caller validates it. Throws when the key is wrong or anything was altered.
 */
export async function unsealContribution(sealed: SealedContribution, privateJwk: JsonWebKey): Promise<unknown> {
  const subtle = globalThis.crypto.subtle;
  if (sealed.sealed.alg !== ALG) throw new Error(`unknown seal algorithm ${String(sealed.sealed.alg)}`);
  const iv = fromBase64(sealed.sealed.iv);
  if (iv.length !== IV_BYTES) throw new Error('seal iv has the wrong length');
  const rsaKey = await subtle.importKey('jwk', keyMaterial(privateJwk), RSA, false, ['decrypt']);
  const rawKey = new Uint8Array(await subtle.decrypt(RSA, rsaKey, fromBase64(sealed.sealed.key)));
  if (rawKey.length !== KEY_BYTES) throw new Error('sealed key has the wrong length');
  const aesKey = await subtle.importKey('raw', rawKey, { name: 'AES-GCM' }, false, ['decrypt']);
  rawKey.fill(0);
  const plain = await subtle.decrypt({ name: 'AES-GCM', iv }, aesKey, fromBase64(sealed.sealed.data));
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain)) as unknown;
}

// A JWK may carry `kid` and `key_ops` from wherever it was stored; importKey only needs the
// key itself, and stale `key_ops` would make it refuse an otherwise good key.
function keyMaterial(jwk: JsonWebKey): JsonWebKey {
  const { key_ops: _ops, ...rest } = jwk as JsonWebKey & { kid?: string };
  delete (rest as { kid?: string }).kid;
  return rest;
}

// btoa/atob exist in every runtime we target; Buffer does not exist in browsers.
function toBase64(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (let i = 0; i < view.length; i += 0x8000) {
    binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
