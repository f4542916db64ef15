import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteAdapter, SqliteDialect, sql, type MigrationProvider, type MigrationResultSet, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';
import { checkpointInBackground } from './checkpoints';
import { migrationProvider } from './migrations';
import { preparedName } from './prepared';

/** Which engine holds the data; reported by the health check. */
export type DbKind = 'sqlite' | 'postgres';

/** An open database: the Kysely instance the rest of the server queries through. */
export interface HeardDb {
  kysely: Kysely<Database>;
  kind: DbKind;
  close(): Promise<void>;
}

/** Name of the SQLite file inside DATA_DIR. */
export const SQLITE_FILE = 'heard.sqlite';

/** True when `target` names a PostgreSQL server rather than a data folder. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//.test(target);
}

/**
 * Opens the database named by `target`: a `postgres://` URL opens a PostgreSQL pool, anything
 * else is a data folder holding `heard.sqlite` (created when missing). Runs pending migrations.
 */
export async function openDatabase(target: string): Promise<HeardDb> {
  const db = isPostgresUrl(target) ? openPostgres(target) : openSqlite(target);
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** WAL size at which a commit checkpoints by itself, should the background thread fall behind. */
const WAL_BACKSTOP_BYTES = 400 * 1024 * 1024;

/** How often the background thread looks for new WAL to checkpoint when the last look found none. */
const CHECKPOINT_EVERY_MS = 250;

// SQLite's schema changes are transactional, but Kysely's SQLite adapter says they are not, so
// its migrator would run each migration's steps, and the record that it ran, outside any
// transaction: a failure or a crash half way would leave a half-changed schema, or a changed
// one not recorded (and tried again at the next start). Saying so runs pending migrations and
// their records in one transaction, as on PostgreSQL: all of them, or none.
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalDdlSqliteDialect extends SqliteDialect {
  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

function openSqlite(dataDir: string): HeardDb {
  mkdirSync(dataDir, { recursive: true });
  const file = new BetterSqlite3(join(dataDir, SQLITE_FILE));
  // WAL lets reads go on during a write; busy_timeout makes a second process wait instead of
  // failing. NORMAL sync: a commit is written to the WAL file before the receipt goes out, so it
  // survives the process crashing or being killed; the WAL is flushed to disk at each
  // checkpoint, so a power cut or kernel crash can lose commits the operating system had not
  // yet written out (usually the last few seconds), never corrupt the file. FULL would flush
  // on every commit.
  // 4 KB pages (SQLite's default, said explicitly). Each contribution changes a page in each of
  // several indexes keyed by random values (id, receipt, engagement and minute), and a commit
  // writes every page it changed to the WAL whole, so larger pages mean more bytes written and
  // copied back for the same rows: with 16 KB pages a 100-item commit wrote about 31 KB of WAL
  // per contribution against 16 KB with 4 KB pages, at nearly twice the CPU (raw inserts, the
  // schema before migration 0008). Only a new database takes it; an existing one keeps its
  // page size.
  file.pragma('page_size = 4096');
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = NORMAL');
  // Checkpoints run on a thread of their own (checkpoints.ts), so no request waits for the
  // copy. The connection's own auto-checkpoint, at 400 MB of WAL, is only the backstop should
  // that thread fall behind or fail: the commit that crosses it copies and flushes whatever the
  // thread has not, and its request (and every one behind it) waits for that.
  file.pragma(`wal_autocheckpoint = ${Math.ceil(WAL_BACKSTOP_BYTES / Number(file.pragma('page_size', { simple: true })))}`);
  file.pragma('busy_timeout = 5000');
  file.pragma('foreign_keys = ON');
  const kysely = new Kysely<Database>({ dialect: new TransactionalDdlSqliteDialect({ database: reusingStatements(file) }) });
  const checkpointer = checkpointInBackground(file.name, CHECKPOINT_EVERY_MS, (message) => process.emitWarning(`SQLite checkpoint failed: ${message}`));
  return {
    kysely,
    kind: 'sqlite',
    close: async () => {
      // The thread's connection first, so closing the last one folds the WAL into the file.
      await checkpointer.stop();
      await kysely.destroy();
    },
  };
}

// Distinct SQL texts kept compiled. The sync path uses a few dozen (one per chunk size of its
// multi-row inserts); other routes a few each.
const STATEMENT_CACHE_SIZE = 200;

/**
 * Kysely's SQLite driver calls `prepare` for every query, and better-sqlite3 compiles the SQL
 * each time: for a 100-row insert with 1,700 parameters that costs as much as running it. This
 * keeps the compiled statements by SQL text (least recently used dropped first). Sharing a
 * statement is safe because Kysely runs one query at a time on the single SQLite connection,
 * and a stream holds the connection until it has read every row.
 */
function reusingStatements(file: BetterSqlite3.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => file.close(),
    prepare(text) {
      let statement = statements.get(text);
      if (statement) {
        // Re-inserting moves it to the back of the Map's order, so the front is the least recently used.
        statements.delete(text);
      } else {
        statement = file.prepare(text);
        if (statements.size >= size) statements.delete(statements.keys().next().value as string);
      }
      statements.set(text, statement);
      return statement;
    },
  };
}

function openPostgres(url: string, prepare = process.env.HEARD_PG_PREPARED !== 'off'): HeardDb {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the database drops (a restart, a failover) is an 'error' event on the
  // pool, which would end the process unhandled. The pool discards that client and opens a new
  // one for the next query; queries in flight fail on their own and the client retries.
  pool.on('error', () => {});
  // The same for a connection that is checked out but between queries (inside a transaction):
  // without a listener its 'error' event would end the process. Its next query fails, the
  // transaction rolls back, and the pool drops the broken client when it is released.
  pool.on('connect', (client) => {
    client.on('error', () => {});
    if (prepare) prepareMarkedStatements(client);
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, kind: 'postgres', close: () => kysely.destroy() };
}

/**
 * Runs the SQL texts marked preparable (prepared.ts) as named prepared statements on this
 * connection: PostgreSQL then parses and plans a 100-row insert once per connection instead of
 * on every batch (a third less time per insert). Kysely sends `query(text, values)`; this adds
 * the name. Behind PgBouncer in transaction mode, which cannot keep a connection's prepared
 * statements (before 1.21, or without max_prepared_statements), set HEARD_PG_PREPARED=off.
 */
function prepareMarkedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (config: unknown, values?: unknown) => unknown;
  client.query = ((config: unknown, values?: unknown) => {
    const name = typeof config === 'string' ? preparedName(config) : undefined;
    return name ? query({ name, text: config, values }) : query(config, values);
  }) as typeof client.query;
}

// Kysely looks for its migration tables in every schema unless told which one; with several
// databases in one PostgreSQL (one schema each) it would find another's and skip making its own.
async function currentSchema(kysely: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(kysely);
  return rows[0]?.schema ?? 'public';
}

/**
 * The migrator of `db`. On PostgreSQL, Kysely keeps its own migration tables in the
 * connection's current schema.
 */
async function migratorOf(db: HeardDb, provider: MigrationProvider = migrationProvider): Promise<Migrator> {
  const schema = db.kind === 'postgres' ? await currentSchema(db.kysely) : undefined;
  // Features land migrations in parallel (0002…0005); a database that already ran a later one
  // still takes an earlier one added afterwards.
  return new Migrator({ db: db.kysely, provider, allowUnorderedMigrations: true, migrationTableSchema: schema });
}

/**
 * Runs `run` with the migrator of `db`. On SQLite foreign keys are off meanwhile (a pragma
 * that cannot change inside the migrations' transaction), as SQLite's procedure for rebuilding
 * a table needs (migration 0009 says why, and checks every reference before it commits); they
 * are on again afterwards, whatever happened.
 */
export async function migrate(db: HeardDb, run: (migrator: Migrator) => Promise<MigrationResultSet>, provider: MigrationProvider = migrationProvider): Promise<MigrationResultSet> {
  const migrator = await migratorOf(db, provider);
  if (db.kind !== 'sqlite') return run(migrator);
  await sql`pragma foreign_keys = off`.execute(db.kysely);
  try {
    return await run(migrator);
  } finally {
    await sql`pragma foreign_keys = on`.execute(db.kysely);
  }
}

/** Applies every pending migration; throws with the failing migration's error. */
export async function migrateToLatest(db: HeardDb): Promise<void> {
  const { error, results } = await migrate(db, (migrator) => migrator.migrateToLatest());
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${String(error)}`, { cause: error });
  }
}
