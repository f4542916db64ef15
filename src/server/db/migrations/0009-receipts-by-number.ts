import { PostgresAdapter, sql, type Kysely, type Migration, type QueryExecutorProvider } from 'kysely';

/**
 * Receipts drawn from contribution numbers through a keyed permutation (sync/receipt.ts)
 * instead of at random, so they are unique by construction and `contributions.receipt` loses
 * its unique index.
 *
 * Why: that index was keyed by random codes, so every contribution wrote a page of it at
 * random, which a commit then wrote to the WAL whole and a checkpoint copied back. Without it
 * the server took about a tenth less CPU per contribution on SQLite (70–78 µs against 75–89 in
 * alternating rounds on one machine; the README has the figures).
 *
 * What else uniqueness needs:
 * - `receipt_keys` holds the permutation's key (made on first use).
 * - `legacy_receipts` lists the random receipts handed out before, so a new number whose code
 *   is one of them is skipped.
 * - The ledger of erased contributions keeps their numbers, so no number is drawn twice when
 *   the newest contributions were erased (SQLite draws after the largest number in either).
 *
 * SQLite cannot drop a column's UNIQUE constraint, so the table is rebuilt (create, copy, drop,
 * rename, SQLite's own procedure), which needs foreign keys off: dropping the old table with
 * them on would delete every answer, mark and coding with it. connect.ts runs migrations so.
 */
export const receiptsByNumber: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    await db.schema.createTable('receipt_keys').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('key', 'text', (c) => c.notNull()).execute();
    await db.schema
      .createTable('legacy_receipts')
      .addColumn('receipt', 'text', (c) => c.primaryKey())
      .$call((table) => (postgres ? table : table.modifyEnd(sql`without rowid`)))
      .execute();
    await listLegacyReceipts(db);
    await db.schema.alterTable('erased_contributions').addColumn('seq', 'integer').execute();
    await db.schema.createIndex('erased_contributions_seq').on('erased_contributions').column('seq').execute();
    if (postgres) await sql`alter table contributions drop constraint contributions_receipt_key`.execute(db);
    else await rebuildContributions(db, false);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    // Codes drawn from numbers never repeat, so the unique constraint holds again.
    if (postgres) await sql`alter table contributions add constraint contributions_receipt_key unique (receipt)`.execute(db);
    else await rebuildContributions(db, true);
    await db.schema.dropIndex('erased_contributions_seq').execute();
    await db.schema.alterTable('erased_contributions').dropColumn('seq').execute();
    await db.schema.dropTable('legacy_receipts').execute();
    await db.schema.dropTable('receipt_keys').execute();
  },
};

/** Lists every receipt stored or erased as handed out at random (here, and when a backup from before this migration is restored). */
export async function listLegacyReceipts(db: QueryExecutorProvider): Promise<void> {
  await sql`insert into legacy_receipts (receipt)
    select receipt from contributions union select receipt from erased_contributions`.execute(db);
}

const COLUMNS = ['id', 'engagement', 'phase', 'version', 'locale', 'easy_read', 'read_aloud', 'assisted', 'audio', 'interpreter', 'channel', 'event', 'created_at', 'received_at', 'content_hash', 'receipt', 'sealed', 'seq'];

// The contributions table as migrations 0001 and 0008 left it, with or without UNIQUE on the
// receipt, and its rows copied over.
async function rebuildContributions(db: Kysely<unknown>, uniqueReceipt: boolean): Promise<void> {
  const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
  if (Number(rows[0]?.foreign_keys) !== 0) throw new Error('the contributions table can only be rebuilt with foreign keys off (connect.ts migrates so)');
  await db.schema
    .createTable('contributions_rebuilt')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('engagement', 'text', (c) => c.notNull().references('engagements.slug'))
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('version', 'integer')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('easy_read', 'integer', (c) => c.notNull())
    .addColumn('read_aloud', 'integer', (c) => c.notNull())
    .addColumn('assisted', 'integer', (c) => c.notNull())
    .addColumn('audio', 'integer', (c) => c.notNull())
    .addColumn('interpreter', 'integer')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('event', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('receipt', 'text', (c) => (uniqueReceipt ? c.notNull().unique() : c.notNull()))
    .addColumn('sealed', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer')
    .execute();
  const columns = sql.join(COLUMNS.map((column) => sql.ref(column)));
  await sql`insert into contributions_rebuilt (${columns}) select ${columns} from contributions order by seq`.execute(db);
  await db.schema.dropTable('contributions').execute();
  await db.schema.alterTable('contributions_rebuilt').renameTo('contributions').execute();
  await db.schema.createIndex('contributions_engagement_received').on('contributions').columns(['engagement', 'received_at', 'id']).execute();
  await db.schema.createIndex('contributions_seq').unique().on('contributions').column('seq').execute();
  // Every table that refers to contributions by name now refers to the new one; check that
  // each of their rows still finds its contribution before the migration commits.
  const broken = await sql<{ table: string }>`pragma foreign_key_check`.execute(db);
  if (broken.rows.length > 0) throw new Error(`rebuilding contributions broke ${broken.rows.length} references, first from ${broken.rows[0].table}`);
}
