import { hash, verify } from '@node-rs/argon2';

/**
 * Organiser passwords, hashed with Argon2id (the library's default algorithm, with its
 * default cost: 19 MiB memory, 2 passes, the OWASP minimum) into a PHC string that records
 * its own parameters, so the cost can be raised later without breaking old hashes.
 */

/** Hashes a password for storage. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verified against when the e-mail is unknown, so a wrong e-mail costs the same time as a
// wrong password and the timing does not say which it was.
const dummyHash = hash('no organiser has this password');

/** True when `password` matches `stored`; with `stored` null it still does the work, then says no. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  try {
    if (stored === null) {
      await verify(await dummyHash, password);
      return false;
    }
    return await verify(stored, password);
  } catch {
    return false;
  }
}
