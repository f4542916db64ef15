import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';
import { migrationProvider } from './migrations';

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
    await migrateToLatest(db.kysely);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

function openSqlite(dataDir: string): HeardDb {
  mkdirSync(dataDir, { recursive: true });
  const file = new BetterSqlite3(join(dataDir, SQLITE_FILE));
  // WAL lets reads go on during a write; NORMAL sync is durable at each WAL checkpoint and
  // safe against corruption; busy_timeout makes a second process wait instead of failing.
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = NORMAL');
  file.pragma('busy_timeout = 5000');
  file.pragma('foreign_keys = ON');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) });
  return { kysely, kind: 'sqlite', close: () => kysely.destroy() };
}

function openPostgres(url: string): HeardDb {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, kind: 'postgres', close: () => kysely.destroy() };
}

/** Applies every pending migration; throws with the failing migration's error. */
export async function migrateToLatest(kysely: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db: kysely, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${String(error)}`, { cause: error });
  }
}
