import { randomBytes, webcrypto } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** The public half of an engagement key, as a JWK carrying its `kid`. */
export type PublicKeyJwk = JsonWebKey & { kid: string };

/**
 * Makes an RSA-OAEP 2048 / SHA-256 key pair for `slug` and stores it. Devices seal with the
 * public half; the private half stays in the database and is only read to open seals.
 */
export async function createEngagementKey(kysely: Kysely<Database>, slug: string, now: string): Promise<string> {
  const pair = await webcrypto.subtle.generateKey(
    { name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['encrypt', 'decrypt'],
  );
  const kid = `${slug}-${randomBytes(6).toString('hex')}`;
  const publicJwk = await webcrypto.subtle.exportKey('jwk', pair.publicKey);
  const privateJwk = await webcrypto.subtle.exportKey('jwk', pair.privateKey);
  await kysely
    .insertInto('engagement_keys')
    .values({
      kid,
      slug,
      public_jwk: JSON.stringify(publicJwk),
      private_jwk: JSON.stringify(privateJwk),
      created_at: now,
      retired_at: null,
    })
    .execute();
  return kid;
}

/** The key devices should seal with now (the newest one not retired), or null when there is none. */
export async function currentPublicKey(kysely: Kysely<Database>, slug: string): Promise<PublicKeyJwk | null> {
  const row = await kysely
    .selectFrom('engagement_keys')
    .select(['kid', 'public_jwk'])
    .where('slug', '=', slug)
    .where('retired_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('kid', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  // Only the public members are copied out, so a mix-up in storage can never publish `d`, `p` or `q`.
  const jwk = JSON.parse(row.public_jwk) as JsonWebKey;
  return { kty: jwk.kty, n: jwk.n, e: jwk.e, alg: jwk.alg, ext: true, key_ops: ['encrypt'], kid: row.kid };
}

/** The private key that opens seals made with `kid` for `slug` (retired keys included), or null. */
export async function privateKeyFor(kysely: Kysely<Database>, slug: string, kid: string): Promise<JsonWebKey | null> {
  const row = await kysely
    .selectFrom('engagement_keys')
    .select('private_jwk')
    .where('slug', '=', slug)
    .where('kid', '=', kid)
    .executeTakeFirst();
  return row ? (JSON.parse(row.private_jwk) as JsonWebKey) : null;
}

/**
 * Key rotation: a new key pair becomes current and every older one is retired. Retired keys
 * stay stored, so seals a tablet made before the rotation still open; the public bundle
 * carries only the new key from now on. Returns the new key id and the ids just retired.
 */
export async function rotateEngagementKey(kysely: Kysely<Database>, slug: string, now = new Date()): Promise<{ kid: string; retired: string[] }> {
  return kysely.transaction().execute(async (trx) => {
    const live = await trx.selectFrom('engagement_keys').select('kid').where('slug', '=', slug).where('retired_at', 'is', null).execute();
    const at = now.toISOString();
    await trx.updateTable('engagement_keys').set({ retired_at: at }).where('slug', '=', slug).where('retired_at', 'is', null).execute();
    const kid = await createEngagementKey(trx, slug, at);
    return { kid, retired: live.map((row) => row.kid) };
  });
}
