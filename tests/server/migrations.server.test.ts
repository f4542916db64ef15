import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { migrateToLatest, migratorOf, type HeardDb } from '../../src/server/db/connect';
import { migrations } from '../../src/server/db/migrations';
import { drawContributionNumbers } from '../../src/server/db/numbers';
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
      const down = await (await migratorOf(db)).migrateTo('0007-findings');
      expect(down.error).toBeUndefined();
      expect(down.results?.map((r) => [r.migrationName, r.direction, r.status])).toEqual([['0008-contribution-numbers', 'Down', 'Success']]);
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
      const result = await (await migratorOf(db, provider)).migrateToLatest();
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
