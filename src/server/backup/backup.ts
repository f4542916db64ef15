import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { sql, type Kysely } from 'kysely';
import type { HeardDb } from '../db/connect';
import { continueContributionNumbers } from '../db/numbers';
import type { Database } from '../db/schema';
import { listLegacyReceipts } from '../db/migrations/0009-receipts-by-number';

/**
 * Backup and restore for both databases with the same Kysely code: a JSON-lines file, one
 * header line, then every row of every table, parents before children (foreign keys), read
 * inside one transaction so the copy is consistent. Restoring needs an empty, migrated
 * database (of either kind: a SQLite backup restores into PostgreSQL and back) and writes it
 * all in one transaction, so a failed restore leaves the database empty.
 */

/** First line of a backup file. */
export interface BackupHeader {
  format: 'heard-backup';
  version: 1;
  db: string;
  createdAt: string;
  /** Migrations the source had run; the target must have run all of them. */
  migrations: string[];
  tables: string[];
}

type Row = Record<string, unknown>;
const PAGE = 2000;
const RECEIPTS_BY_NUMBER = '0009-receipts-by-number';
// Kysely's own bookkeeping; the target's migrator writes its own.
const isInternal = (table: string): boolean => table.startsWith('kysely_');

/** Writes a backup of `db` through `write` (one call per line, each ending in a newline). Returns the row count. */
export async function backupDatabase(db: HeardDb, write: (line: string) => Promise<void> | void): Promise<number> {
  let rows = 0;
  // A snapshot: PostgreSQL's repeatable read, SQLite's read transaction in WAL mode.
  const begin = db.kind === 'postgres' ? db.kysely.transaction().setIsolationLevel('repeatable read') : db.kysely.transaction();
  await begin.execute(async (trx) => {
    const tables = await tablesInOrder(trx, db.kind);
    const header: BackupHeader = {
      format: 'heard-backup',
      version: 1,
      db: db.kind,
      createdAt: new Date().toISOString(),
      migrations: await migrationNames(trx),
      tables: tables.map((t) => t.name),
    };
    await write(`${JSON.stringify(header)}\n`);
    for (const table of tables) {
      for (let offset = 0; ; offset += PAGE) {
        const order = sql.join(table.key.map((c) => sql.ref(c)));
        const { rows: page } = await sql<Row>`select * from ${sql.table(table.name)} order by ${order} limit ${PAGE} offset ${offset}`.execute(trx);
        for (const row of page) await write(`${JSON.stringify({ t: table.name, r: encodeRow(row) })}\n`);
        rows += page.length;
        if (page.length < PAGE) break;
      }
    }
  });
  return rows;
}

/** Restores the backup file at `path` into `db`, which must be migrated and empty. Returns the row count. */
export async function restoreDatabase(db: HeardDb, path: string): Promise<number> {
  let header: BackupHeader | null = null;
  let rows = 0;
  await db.kysely.transaction().execute(async (trx) => {
    const present = await tablesInOrder(trx, db.kind);
    for (const table of present) {
      const { rows: found } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table.name)}`.execute(trx);
      if (Number(found[0].n) > 0) throw new Error(`restore needs an empty database, but table ${table.name} has rows`);
    }
    const known = new Set(present.map((t) => t.name));
    let pending = null as { table: string; rows: Row[] } | null;
    const flush = async (): Promise<void> => {
      if (!pending || pending.rows.length === 0) return;
      await trx.insertInto(pending.table as never).values(pending.rows as never).execute();
      rows += pending.rows.length;
      pending.rows = [];
    };
    // Opened only now: lines read before the loop starts waiting for them would be lost.
    const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      const parsed = JSON.parse(line) as { t?: string; r?: Row } & Partial<BackupHeader>;
      if (!header) {
        if (parsed.format !== 'heard-backup' || parsed.version !== 1) throw new Error(`${path} is not a Heard backup`);
        header = parsed as BackupHeader;
        const ran = new Set(await migrationNames(trx));
        const missing = header.migrations.filter((m) => !ran.has(m));
        if (missing.length > 0) throw new Error(`the backup needs migrations this server does not have: ${missing.join(', ')}`);
        continue;
      }
      if (!parsed.t || !parsed.r || !known.has(parsed.t)) throw new Error(`unknown table in backup: ${String(parsed.t)}`);
      if (pending?.table !== parsed.t) {
        await flush();
        pending = { table: parsed.t, rows: [] };
      }
      pending.rows.push(decodeRow(parsed.r));
      // Under both databases' bound-parameter limits for any table of ours.
      if (pending.rows.length * Object.keys(parsed.r).length >= 20_000) await flush();
    }
    await flush();
    if (!header) throw new Error(`${path} is empty`);
    // Contributions came with their numbers; new ones must follow on after them.
    await continueContributionNumbers(trx);
    // A backup from before receipts were drawn from numbers holds random ones: new numbers
    // whose code is one of them must be skipped, as after the migration.
    if (!header.migrations.includes(RECEIPTS_BY_NUMBER)) await listLegacyReceipts(trx);
  });
  return rows;
}

// Binary columns (none today) survive as base64; everything else is text, numbers or null.
function encodeRow(row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) out[key] = Buffer.isBuffer(value) ? { $base64: value.toString('base64') } : value;
  return out;
}

function decodeRow(row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    const b64 = typeof value === 'object' && value !== null ? (value as { $base64?: string }).$base64 : undefined;
    out[key] = b64 === undefined ? value : Buffer.from(b64, 'base64');
  }
  return out;
}

async function migrationNames(kysely: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(kysely);
  return rows.map((r) => r.name);
}

interface TableInfo {
  name: string;
  /** Columns to order by: the primary key, or every column when there is none. */
  key: string[];
}

// Every table of ours, each after the tables its foreign keys point to.
async function tablesInOrder(kysely: Kysely<Database>, kind: string): Promise<TableInfo[]> {
  const tables = (await kysely.introspection.getTables()).filter((t) => !isInternal(t.name));
  const parents = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set<string>()]));
  const keys = new Map<string, string[]>();
  for (const table of tables) {
    if (kind === 'sqlite') {
      const fks = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${table.name})`.execute(kysely);
      for (const fk of fks.rows) parents.get(table.name)?.add(fk.table);
      const cols = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${table.name}) order by pk`.execute(kysely);
      keys.set(table.name, cols.rows.filter((c) => c.pk > 0).map((c) => c.name));
    } else {
      const fks = await sql<{ parent: string }>`
        select p.relname as parent from pg_constraint c
        join pg_class t on t.oid = c.conrelid join pg_class p on p.oid = c.confrelid
        where c.contype = 'f' and t.relname = ${table.name} and t.relnamespace = current_schema()::regnamespace`.execute(kysely);
      for (const fk of fks.rows) parents.get(table.name)?.add(fk.parent);
      const cols = await sql<{ name: string }>`
        select a.attname as name from pg_index i
        join pg_class t on t.oid = i.indrelid
        join pg_attribute a on a.attrelid = t.oid and a.attnum = any(i.indkey)
        where i.indisprimary and t.relname = ${table.name} and t.relnamespace = current_schema()::regnamespace
        order by array_position(i.indkey, a.attnum)`.execute(kysely);
      keys.set(table.name, cols.rows.map((c) => c.name));
    }
  }
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  const visit = (name: string, path: Set<string>): void => {
    if (placed.has(name) || path.has(name)) return;
    path.add(name);
    for (const parent of parents.get(name) ?? []) if (parent !== name && parents.has(parent)) visit(parent, path);
    placed.add(name);
    const table = tables.find((t) => t.name === name);
    const key = keys.get(name) ?? [];
    ordered.push({ name, key: key.length > 0 ? key : (table?.columns.map((c) => c.name) ?? []) });
  };
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(table.name, new Set());
  return ordered;
}
