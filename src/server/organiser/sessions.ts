import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SessionLeft } from '../../shared/session-time';
import type { Database } from '../db/schema';

/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** A session ends this long after sign-in, however busy. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
// Refreshing last_seen_at on every request would write on every read; once a minute is enough.
const TOUCH_AFTER_MS = 60 * 1000;

/** The signed-in organiser behind a session cookie. */
export interface Session {
  organiserId: string;
  email: string;
  role: 'owner' | 'analyst';
  /** When the session ends however busy (ISO 8601). */
  expiresAt: string;
  /** When the session ends unless another request comes first (ISO 8601). */
  idleExpiresAt: string;
}

// Only a hash of the cookie value is stored: a leaked database holds no usable session.
function hashSessionId(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Starts a session and returns the cookie value (32 random bytes, base64url). */
export async function createSession(kysely: Kysely<Database>, organiserId: string, now = new Date()): Promise<string> {
  const value = randomBytes(32).toString('base64url');
  const at = now.toISOString();
  await kysely.deleteFrom('sessions').where('expires_at', '<=', at).execute();
  await kysely
    .insertInto('sessions')
    .values({
      id_hash: hashSessionId(value),
      organiser_id: organiserId,
      created_at: at,
      last_seen_at: at,
      expires_at: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
    })
    .execute();
  return value;
}

/** The live session for a cookie value, or null when there is none or it has expired. */
export async function findSession(kysely: Kysely<Database>, value: string, now = new Date()): Promise<Session | null> {
  const idHash = hashSessionId(value);
  const row = await kysely
    .selectFrom('sessions')
    .innerJoin('organisers', 'organisers.id', 'sessions.organiser_id')
    .select(['sessions.organiser_id', 'sessions.last_seen_at', 'sessions.expires_at', 'organisers.email', 'organisers.role'])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row) return null;
  const lastSeen = Date.parse(row.last_seen_at);
  if (Date.parse(row.expires_at) <= now.getTime() || lastSeen + SESSION_IDLE_MS <= now.getTime()) {
    await kysely.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return null;
  }
  let seen = lastSeen;
  if (now.getTime() - lastSeen > TOUCH_AFTER_MS) {
    await kysely.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id_hash', '=', idHash).execute();
    seen = now.getTime();
  }
  return {
    organiserId: row.organiser_id,
    email: row.email,
    role: row.role,
    expiresAt: row.expires_at,
    idleExpiresAt: new Date(seen + SESSION_IDLE_MS).toISOString(),
  };
}

/** How long a session has left at `now`, for the `SESSION_LEFT_HEADER` of an answer. */
export function sessionLeft(session: Session, now = new Date()): SessionLeft {
  return {
    idle: (Date.parse(session.idleExpiresAt) - now.getTime()) / 1000,
    end: (Date.parse(session.expiresAt) - now.getTime()) / 1000,
  };
}

/** Ends the session for a cookie value (sign out); unknown values are ignored. */
export async function deleteSession(kysely: Kysely<Database>, value: string): Promise<void> {
  await kysely.deleteFrom('sessions').where('id_hash', '=', hashSessionId(value)).execute();
}
