// The fixed-size statements the sync path writes and looks up with: every row lands once with
// its own values, whatever the count, and repeated runs reuse the compiled statements.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { HeardDb } from '../../src/server/db/connect';
import type { EventTable } from '../../src/server/db/schema';
import { everyColumn, insertRows, selectByIds, type BulkInsert, type IdLookup } from '../../src/server/sync/bulk-insert';
import { describeOnBothDatabases } from './backends';

const EVENTS: BulkInsert<EventTable> = {
  columns: everyColumn<EventTable>()(['code', 'engagement', 'name', 'place', 'date', 'created_at']),
  sizes: [25, 5, 1],
  query: (db, rows) => db.insertInto('events').values(rows).returning('code'),
};

const BY_CODE: IdLookup<{ code: string; name: string }> = {
  query: (db, codes) => db.selectFrom('events').select(['code', 'name']).where('code', 'in', codes),
};

function eventRows(count: number, from = 0): EventTable[] {
  return Array.from({ length: count }, (_, i) => ({
    code: `E${String(from + i).padStart(4, '0')}`,
    engagement: 'bulk',
    name: `Event ${from + i}`,
    place: 'Hall',
    date: '2026-03-01',
    created_at: `2026-01-01T00:00:${String((from + i) % 60).padStart(2, '0')}.000Z`,
  }));
}

describeOnBothDatabases('fixed-size statements', (backend) => {
  let db: HeardDb;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    ({ db, dispose } = await backend.open());
    await db.kysely.insertInto('engagements').values({ slug: 'bulk', version: 1, bundle: '{}', status: 'open', created_at: '', updated_at: '' }).execute();
  });
  afterEach(() => dispose());

  it('stores every row once with its own values, for counts that need every size', async () => {
    let from = 0;
    for (const count of [0, 1, 4, 5, 31, 57]) {
      const rows = eventRows(count, from);
      from += count;
      const starts: Array<[number, number]> = [];
      const returned = await db.kysely.transaction().execute((trx) =>
        insertRows<EventTable, { code: string }>(db.kysely, trx, EVENTS, rows, (start, size) => void starts.push([start, size])),
      );
      expect(returned.map((r) => r.code)).toEqual(rows.map((r) => r.code));
      // Each statement starts where the last ended, with the largest size that fits.
      let next = 0;
      for (const [start, size] of starts) {
        expect(start).toBe(next);
        expect(size).toBe(EVENTS.sizes.find((s) => s <= count - start));
        next += size;
      }
      expect(next).toBe(count);
    }
    const stored = await db.kysely.selectFrom('events').selectAll().orderBy('code').execute();
    expect(stored).toEqual(eventRows(from));
  });

  it('finds exactly the ids asked for, whatever the count', async () => {
    const even = eventRows(1200).filter((_, i) => i % 2 === 0);
    await db.kysely.transaction().execute((trx) => insertRows(db.kysely, trx, EVENTS, even));
    for (const count of [1, 3, 64, 65, 1000, 1100]) {
      // Half the codes asked for exist (the odd ones were never stored).
      const codes = Array.from({ length: count }, (_, i) => `E${String(i * 2 + (i % 2)).padStart(4, '0')}`);
      const found = await db.kysely.transaction().execute((trx) => selectByIds(db.kysely, trx, BY_CODE, codes));
      const expected = codes.filter((code) => Number(code.slice(1)) % 2 === 0 && Number(code.slice(1)) < 1200);
      expect(found.map((r) => r.code).sort()).toEqual(expected.sort());
      expect(found.every((r) => r.name === `Event ${Number(r.code.slice(1))}`)).toBe(true);
    }
  });
});
