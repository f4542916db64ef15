import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { migrate, migrateToLatest, type HeardDb } from '../../src/server/db/connect';
import { migrations } from '../../src/server/db/migrations';
import { drawContributionNumbers } from '../../src/server/db/numbers';
import { receiptsByNumber } from '../../src/server/db/migrations/0009-receipts-by-number';
import { drawReceipts, receiptKey, receiptsFor } from '../../src/server/sync/receipt';
import { describeOnBothDatabases } from './backends';
import { answersOf } from './helpers';

// Contributions stored before migration 0008, as its predecessor's tables held them: ids whose
// (received_at, id) order differs from the order they are inserted in.
const OLD = [
  { id: 'cccccccc-0000-4000-8000-000000000003', receivedAt: '2026-11-20T09:00:00.000Z', answers: ['third'] },
  { id: 'aaaaaaaa-0000-4000-8000-000000000001', receivedAt: '2026-11-20T10:00:00.000Z', answers: ['fourth, first', 'fourth, second'] },
  { id: 'bbbbbbbb-0000-4000-8000-000000000002', receivedAt: '2026-11-20T09:00:00.000Z', answers: [] },
  { id: 'aaaaaaaa-0000-4000-8000-000000000009', receivedAt: '2026-11-20T08:59:00.000Z', answers: ['first'] },
];

async function storeTheOldWay(db: HeardDb): Promise<void> {
  const now = '2026-11-20T08:00:00.000Z';
  await sql`insert into engagements (slug, version, bundle, status, created_at, updated_at) values ('old', 1, '{}', 'open', ${now}, ${now})`.execute(db.kysely);
  for (const [n, c] of OLD.entries()) {
    await sql`insert into contributions (id, engagement, phase, version, locale, easy_read, read_aloud, assisted, audio, interpreter, channel, event, created_at, received_at, content_hash, receipt, sealed)
      values (${c.id}, 'old', 'conversation', 1, 'en', 0, 0, 0, 0, null, 'web', null, ${now}, ${c.receivedAt}, ${'h'.repeat(64)}, ${`RCPT-${n}`}, 0)`.execute(db.kysely);
    for (const [position, text] of c.answers.entries()) {
      await sql`insert into answers (contribution_id, position, prompt, kind, value) values (${c.id}, ${position}, 'ideas', 'text', ${text})`.execute(db.kysely);
    }
  }
}

describeOnBothDatabases('migration 0008, contribution numbers', (backend) => {
  it('numbers stored contributions in (received_at, id) order, keeps every answer with its contribution, and new numbers follow on', async () => {
    const { db, dispose } = await backend.open();
    try {
      // Back to the schema before 0008 (its down step), and contributions stored in it.
      const down = await migrate(db, (migrator) => migrator.migrateTo('0007-findings'));
      expect(down.error).toBeUndefined();
      expect(down.results?.map((r) => [r.migrationName, r.direction, r.status])).toEqual([['0009-receipts-by-number', 'Down', 'Success'], ['0008-contribution-numbers', 'Down', 'Success']]);
      await storeTheOldWay(db);

      await migrateToLatest(db);

      const numbered = await db.kysely.selectFrom('contributions').select(['id', 'seq']).orderBy('seq').execute();
      expect(numbered.map((r) => [r.id, Number(r.seq)])).toEqual([
        [OLD[3].id, 1],
        [OLD[2].id, 2],
        [OLD[0].id, 3],
        [OLD[1].id, 4],
      ]);
      for (const c of OLD) expect((await answersOf(db, c.id)).map((a) => [Number(a.position), a.value])).toEqual(c.answers.map((text, i) => [i, text]));

      // The next numbers come after the stored ones (PostgreSQL's sequence was moved on).
      const next = await db.kysely.transaction().execute((trx) => drawContributionNumbers(trx, 3));
      expect(next).toEqual([5, 6, 7]);

      // An answer must belong to a stored contribution, and goes with it.
      await expect(db.kysely.insertInto('answers').values({ contribution_seq: 99, position: 0, prompt: 'ideas', kind: 'text', value: 'orphan' }).execute()).rejects.toThrow(/foreign key/i);
      await db.kysely.deleteFrom('contributions').where('id', '=', OLD[1].id).execute();
      expect(await answersOf(db, OLD[1].id)).toEqual([]);
      const left = await db.kysely.selectFrom('answers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expect(Number(left.n)).toBe(2);
    } finally {
      await dispose();
    }
  });

  it('runs pending migrations in one transaction: when one fails, neither it nor those before it leave a trace', async () => {
    const { db, dispose } = await backend.open();
    try {
      const table = (name: string) => async (kysely: Kysely<unknown>) => {
        await kysely.schema.createTable(name).addColumn('x', 'text').execute();
      };
      const provider = {
        getMigrations: async () => ({
          ...migrations,
          '0098-fine': { up: table('fine') },
          '0099-broken': { up: async (kysely: Kysely<unknown>) => { await table('half')(kysely); throw new Error('broken on purpose'); } },
        }),
      };
      const result = await migrate(db, (migrator) => migrator.migrateToLatest(), provider);
      expect(String(result.error)).toContain('broken on purpose');
      const tables = (await db.kysely.introspection.getTables()).map((t) => t.name);
      expect(tables).toContain('answers');
      expect(tables).not.toContain('fine');
      expect(tables).not.toContain('half');
      const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db.kysely);
      expect(rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
    } finally {
      await dispose();
    }
  });
});

describeOnBothDatabases('migration 0009, receipts drawn from numbers', (backend) => {
  const KEY = new Uint8Array(Array.from({ length: 16 }, (_, i) => 100 + i));
  // A contribution of engagement 'old', written straight into the table as 0008 and 0009 shape it.
  const storeRow = (db: HeardDb, id: string, receipt: string, seq: number, receivedAt = '') =>
    sql`insert into contributions (id, engagement, phase, version, locale, easy_read, read_aloud, assisted, audio, interpreter, channel, event, created_at, received_at, content_hash, receipt, sealed, seq)
      values (${id}, 'old', 'conversation', 1, 'en', 0, 0, 0, 0, null, 'web', null, '', ${receivedAt}, ${'h'.repeat(64)}, ${receipt}, 0, ${seq})`.execute(db.kysely);
  const duplicateReceipt = (db: HeardDb, id: string, receipt: string) => storeRow(db, id, receipt, 900);

  it('keeps every contribution and answer, lists the random receipts handed out before, and skips numbers whose code is one of them', async () => {
    const { db, dispose } = await backend.open();
    try {
      const down = await migrate(db, (migrator) => migrator.migrateTo('0008-contribution-numbers'));
      expect(down.results?.map((r) => [r.migrationName, r.direction, r.status])).toEqual([['0009-receipts-by-number', 'Down', 'Success']]);
      // Before 0009: random receipts, kept unique by an index. Two of them happen to be the
      // codes numbers 3 and 4 would get under the key.
      const [third, fourth] = receiptsFor(KEY, [3, 4]);
      await sql`insert into engagements (slug, version, bundle, status, created_at, updated_at) values ('old', 1, '{}', 'open', '', '')`.execute(db.kysely);
      for (const [n, receipt] of [third, 'HRD-RANDOM12'].entries()) {
        await storeRow(db, OLD[n].id, receipt, n + 1, OLD[n].receivedAt);
        await sql`insert into answers (contribution_seq, position, prompt, kind, value) values (${n + 1}, 0, 'ideas', 'text', ${`answer ${n}`})`.execute(db.kysely);
      }
      await sql`insert into erased_contributions (id, engagement, content_hash, receipt, erased_at) values ('dddddddd-0000-4000-8000-000000000004', 'old', ${'h'.repeat(64)}, ${fourth}, '')`.execute(db.kysely);
      // As 0008 left PostgreSQL's sequence after these rows (SQLite draws after the largest).
      if (backend.name === 'postgres') await sql`select setval('contribution_numbers', 3, false)`.execute(db.kysely);
      await expect(duplicateReceipt(db, 'eeeeeeee-0000-4000-8000-000000000005', third)).rejects.toThrow(/unique/i);

      await migrateToLatest(db);

      const kept = await db.kysely.selectFrom('contributions').select(['id', 'receipt', 'seq']).orderBy('seq').execute();
      expect(kept.map((r) => [r.id, r.receipt, Number(r.seq)])).toEqual([[OLD[0].id, third, 1], [OLD[1].id, 'HRD-RANDOM12', 2]]);
      expect((await answersOf(db, OLD[1].id)).map((a) => a.value)).toEqual(['answer 1']);
      const legacy = await db.kysely.selectFrom('legacy_receipts').select('receipt').orderBy('receipt').execute();
      expect(legacy.map((r) => r.receipt)).toEqual([...kept.map((r) => r.receipt), fourth].sort());

      // The receipt is no longer indexed: uniqueness comes from the numbers now.
      await duplicateReceipt(db, 'eeeeeeee-0000-4000-8000-000000000005', kept[0].receipt);
      await db.kysely.deleteFrom('contributions').where('id', '=', 'eeeeeeee-0000-4000-8000-000000000005').execute();

      // Numbers 3 and 4 would repeat a receipt handed out before, so they are skipped.
      await db.kysely.insertInto('receipt_keys').values({ id: 1, key: Buffer.from(KEY).toString('base64') }).execute();
      expect(await receiptKey(db.kysely)).toEqual(KEY);
      const drawn = await db.kysely.transaction().execute((trx) => drawReceipts(db.kysely, trx, KEY, 3));
      expect(drawn).toEqual([5, 6, 7].map((seq) => ({ seq, receipt: receiptsFor(KEY, [seq])[0] })));

      // The references into the rebuilt table still hold: answers must belong to a stored
      // contribution and go with it.
      await expect(db.kysely.insertInto('answers').values({ contribution_seq: 99, position: 0, prompt: 'ideas', kind: 'text', value: 'orphan' }).execute()).rejects.toThrow(/foreign key/i);
      await db.kysely.deleteFrom('contributions').where('id', '=', OLD[1].id).execute();
      expect(await answersOf(db, OLD[1].id)).toEqual([]);
      expect((await answersOf(db, OLD[0].id)).map((a) => a.value)).toEqual(['answer 0']);

      // And back: the index returns.
      const again = await migrate(db, (migrator) => migrator.migrateTo('0008-contribution-numbers'));
      expect(again.error).toBeUndefined();
      await expect(duplicateReceipt(db, 'eeeeeeee-0000-4000-8000-000000000005', third)).rejects.toThrow(/unique/i);
    } finally {
      await dispose();
    }
  });

  if (backend.name === 'sqlite') {
    it('refuses to rebuild the contributions table with foreign keys on, which would delete every answer with it', async () => {
      const { db, dispose } = await backend.open();
      try {
        await db.kysely.insertInto('engagements').values({ slug: 'old', version: 1, bundle: '{}', status: 'open', created_at: '', updated_at: '' }).execute();
        await duplicateReceipt(db, 'eeeeeeee-0000-4000-8000-000000000005', 'HRD-00000000');
        await db.kysely.insertInto('answers').values({ contribution_seq: 900, position: 0, prompt: 'ideas', kind: 'text', value: 'kept' }).execute();
        await expect(receiptsByNumber.down?.(db.kysely as Kysely<unknown>)).rejects.toThrow(/foreign keys off/);
        expect(await db.kysely.selectFrom('answers').select('value').execute()).toEqual([{ value: 'kept' }]);
      } finally {
        await dispose();
      }
    });
  }
});
