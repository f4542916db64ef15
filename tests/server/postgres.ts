// A PostgreSQL backend for the server tests: each server gets a fresh schema in the test
// database, dropped afterwards, so runs never see each other's rows.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../src/server/db/connect';
import type { Backend } from './helpers';

/** The test database: HEARD_TEST_DATABASE_URL, or the local server with trust auth. */
export function testDatabaseUrl(): string {
  const url = new URL(process.env.HEARD_TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/test');
  // pg takes the user from $USER when the URL names none; a root shell may have no $USER.
  if (!url.username) url.username = process.env.PGUSER || process.env.USER || 'postgres';
  return url.toString();
}

/** Opens a fresh schema per server and drops it afterwards. */
export function postgresBackend(baseUrl = testDatabaseUrl()): Backend {
  const location = async (): Promise<{ target: string; dispose(): Promise<void> }> => {
    const schema = `heard_test_${randomBytes(6).toString('hex')}`;
    await withAdmin(baseUrl, (client) => client.query(`create schema ${schema}`));
    const url = new URL(baseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return {
      target: url.toString(),
      dispose: () => withAdmin(baseUrl, (client) => client.query(`drop schema ${schema} cascade`)),
    };
  };
  return {
    name: 'postgres',
    location,
    async open() {
      const place = await location();
      const db = await openDatabase(place.target);
      return {
        db,
        dispose: async () => {
          await db.close();
          await place.dispose();
        },
      };
    },
  };
}

async function withAdmin(url: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${url} (set HEARD_TEST_DATABASE_URL): ${String(error)}`, { cause: error });
  }
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
