import type { Kysely } from 'kysely';
import type { HeardEvent, NewEvent } from '../../shared/events';
import type { Database, EventTable } from '../db/schema';
import { newEventCode } from './codes';

/** Events as stored, one row each; see migration 0003-events. */

const COLUMNS = ['code', 'engagement', 'name', 'place', 'date'] as const;

/** Creates an event for the engagement `slug` with a fresh unique code and returns it. */
export async function createEvent(kysely: Kysely<Database>, slug: string, input: NewEvent, now = new Date()): Promise<HeardEvent> {
  // 30 random bits make a clash rare; ON CONFLICT DO NOTHING turns one into a fresh draw.
  for (let attempt = 0; attempt < 5; attempt++) {
    const row: EventTable = { code: newEventCode(input.name), engagement: slug, ...input, created_at: now.toISOString() };
    const inserted = await kysely.insertInto('events').values(row).onConflict((oc) => oc.column('code').doNothing()).executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return toEvent(row);
  }
  throw new Error('could not draw an unused event code');
}

/** The events of an engagement, soonest date first. */
export async function listEvents(kysely: Kysely<Database>, slug: string): Promise<HeardEvent[]> {
  const rows = await kysely.selectFrom('events').select(COLUMNS).where('engagement', '=', slug).orderBy('date').orderBy('code').execute();
  return rows.map(toEvent);
}

/** One event by its code, or null. */
export async function findEvent(kysely: Kysely<Database>, code: string): Promise<HeardEvent | null> {
  const row = await kysely.selectFrom('events').select(COLUMNS).where('code', '=', code).executeTakeFirst();
  return row ? toEvent(row) : null;
}

function toEvent(row: Pick<EventTable, (typeof COLUMNS)[number]>): HeardEvent {
  return { code: row.code, engagement: row.engagement, name: row.name, place: row.place, date: row.date };
}
