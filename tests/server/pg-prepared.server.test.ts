// PostgreSQL runs the sync path's fixed SQL texts as named prepared statements, once per
// connection, and HEARD_PG_PREPARED=off (for PgBouncer in transaction mode) turns that off.
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import type { EventTable } from '../../src/server/db/schema';
import { everyColumn, insertRows, type BulkInsert } from '../../src/server/sync/bulk-insert';
import { postgresBackend } from './postgres';

const EVENTS: BulkInsert<EventTable> = {
  columns: everyColumn<EventTable>()(['code', 'engagement', 'name', 'place', 'date', 'created_at']),
  sizes: [3, 1],
  query: (db, rows) => db.insertInto('events').values(rows),
};

function rows(from: number, count: number): EventTable[] {
  return Array.from({ length: count }, (_, i) => ({ code: `P${from + i}`, engagement: 'prep', name: 'Event', place: 'Hall', date: '2026-03-01', created_at: '2026-01-01T00:00:00.000Z' }));
}

const saved = process.env.HEARD_PG_PREPARED;
afterEach(() => {
  if (saved === undefined) delete process.env.HEARD_PG_PREPARED;
  else process.env.HEARD_PG_PREPARED = saved;
});

// Inserts twice on one connection (a transaction holds one) and lists the statements that
// connection has prepared.
async function preparedAfterInserts(): Promise<{ names: string[]; stored: number }> {
  const { db, dispose } = await postgresBackend().open();
  try {
    await db.kysely.insertInto('engagements').values({ slug: 'prep', version: 1, bundle: '{}', status: 'open', created_at: '', updated_at: '' }).execute();
    const names = await db.kysely.transaction().execute(async (trx) => {
      await insertRows(db.kysely, trx, EVENTS, rows(0, 4));
      await insertRows(db.kysely, trx, EVENTS, rows(4, 4));
      const { rows: found } = await sql<{ name: string }>`select name from pg_prepared_statements where name like 'heard_%'`.execute(trx);
      return found.map((r) => r.name);
    });
    const stored = await db.kysely.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return { names, stored: Number(stored.n) };
  } finally {
    await dispose();
  }
}

it('prepares the multi-row statements once per connection and stores every row', async () => {
  delete process.env.HEARD_PG_PREPARED;
  const { names, stored } = await preparedAfterInserts();
  // The 3-row and the 1-row statement, each prepared once although each ran twice.
  expect(names.length).toBe(2);
  expect(new Set(names).size).toBe(2);
  expect(stored).toBe(8);
});

it('prepares nothing with HEARD_PG_PREPARED=off, and stores the same', async () => {
  process.env.HEARD_PG_PREPARED = 'off';
  const { names, stored } = await preparedAfterInserts();
  expect(names).toEqual([]);
  expect(stored).toBe(8);
});
