import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Role } from '../../shared/workspace-api';
import { normaliseEmail } from './organisers';
import { hashPassword } from './passwords';

/** An invitation can be accepted for this long. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

// Only a hash of the token is stored: a leaked database holds no usable invitation.
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a one-time invitation and returns its token (shown once, never stored). */
export async function createInvitation(
  kysely: Kysely<Database>,
  input: { email: string; role: Role; createdBy: string },
  now = new Date(),
): Promise<{ token: string; email: string; role: Role; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const email = normaliseEmail(input.email);
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS).toISOString();
  await kysely
    .insertInto('invitations')
    .values({ id: randomUUID(), token_hash: hashToken(token), email, role: input.role, created_by: input.createdBy, created_at: now.toISOString(), expires_at: expiresAt, used_at: null })
    .execute();
  return { token, email, role: input.role, expiresAt };
}

/** Invitations neither used nor expired, newest first. */
export function pendingInvitations(kysely: Kysely<Database>, now = new Date()) {
  return kysely
    .selectFrom('invitations')
    .select(['id', 'email', 'role', 'expires_at', 'created_at'])
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .orderBy('created_at', 'desc')
    .execute();
}

/** Why an invitation could not be accepted; one message for unknown, used and expired tokens. */
export const INVITATION_ERROR = 'this invitation link is not valid any more; ask for a new one';

/**
 * Accepts an invitation: uses the token up (only once, even when two requests race) and
 * creates the organiser. Returns the new organiser's id, or null when the token is no good or
 * the e-mail already has an account.
 */
export async function acceptInvitation(kysely: Kysely<Database>, token: string, password: string, now = new Date()): Promise<string | null> {
  const tokenHash = hashToken(token);
  const at = now.toISOString();
  const passwordHash = await hashPassword(password);
  return kysely.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('invitations')
      .set({ used_at: at })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', at)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) return null;
    const invitation = await trx.selectFrom('invitations').select(['email', 'role']).where('token_hash', '=', tokenHash).executeTakeFirstOrThrow();
    const id = randomUUID();
    const inserted = await trx
      .insertInto('organisers')
      .values({ id, email: invitation.email, password_hash: passwordHash, created_at: at, role: invitation.role })
      .onConflict((oc) => oc.column('email').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1 ? id : null;
  });
}
