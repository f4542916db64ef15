import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { hashPassword } from './passwords';

/** Who the first organiser is, from HEARD_ADMIN_EMAIL / HEARD_ADMIN_PASSWORD. */
export interface AdminSetting {
  email?: string;
  password?: string;
}

/** E-mail used for the first organiser when HEARD_ADMIN_EMAIL is not set. */
export const DEFAULT_ADMIN_EMAIL = 'admin@heard.local';

/** Compares e-mails the way people type them: case and surrounding spaces do not matter. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The organiser's id and password hash for an e-mail, or undefined. */
export function findOrganiser(kysely: Kysely<Database>, email: string): Promise<{ id: string; password_hash: string } | undefined> {
  return kysely
    .selectFrom('organisers')
    .select(['id', 'password_hash'])
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
}

async function insertOrganiser(kysely: Kysely<Database>, email: string, password: string): Promise<boolean> {
  const result = await kysely
    .insertInto('organisers')
    .values({ id: randomUUID(), email, password_hash: await hashPassword(password), created_at: new Date().toISOString() })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Makes sure there is a first organiser. With a password given, that organiser is created
 * when missing (an existing one is left alone). Without one, and only while there is no
 * organiser at all, a one-time password is generated and handed to `announce` once; it is
 * stored only as its hash, so it can never be shown again.
 */
export async function ensureFirstOrganiser(
  kysely: Kysely<Database>,
  admin: AdminSetting,
  announce: (message: string) => void,
): Promise<void> {
  const email = normaliseEmail(admin.email || DEFAULT_ADMIN_EMAIL);
  if (admin.password) {
    if (!(await findOrganiser(kysely, email))) await insertOrganiser(kysely, email, admin.password);
    return;
  }
  const any = await kysely.selectFrom('organisers').select('id').limit(1).executeTakeFirst();
  if (any) return;
  const password = randomBytes(18).toString('base64url');
  if (await insertOrganiser(kysely, email, password)) {
    announce(`Heard: first organiser ${email}, one-time password: ${password}\n(shown only this once; set HEARD_ADMIN_PASSWORD to choose your own)`);
  }
}
