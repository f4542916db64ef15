import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { AuditEntry } from '../../shared/workspace-api';

/** One thing an organiser did, for the audit log. */
export interface AuditEvent {
  engagement: string | null;
  by: string;
  action: string;
  target: string;
  reason?: string | null;
}

/** Appends to the audit log; entries are never changed or removed. */
export async function audit(kysely: Kysely<Database>, event: AuditEvent, at = new Date().toISOString()): Promise<void> {
  await kysely
    .insertInto('audit_log')
    .values({ id: randomUUID(), engagement: event.engagement, at, organiser_email: event.by, action: event.action, target: event.target, reason: event.reason ?? null })
    .execute();
}

/** The audit log of one engagement, newest first (at most `limit` entries). */
export async function auditLog(kysely: Kysely<Database>, engagement: string, limit = 500): Promise<AuditEntry[]> {
  const rows = await kysely
    .selectFrom('audit_log')
    .selectAll()
    .where('engagement', '=', engagement)
    .orderBy('at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ at: r.at, by: r.organiser_email, action: r.action, target: r.target, reason: r.reason }));
}
