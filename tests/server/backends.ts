// Every server suite runs on both databases: a SQLite file and the PostgreSQL server at
// 127.0.0.1:5432 (HEARD_TEST_DATABASE_URL). There is no skipping: a database that cannot be
// reached fails the suite loudly.
import { describe } from 'vitest';
import { sqliteBackend, type Backend } from './helpers';
import { postgresBackend } from './postgres';

/** The two databases Heard supports, in the order their suites run. */
export const BACKENDS: readonly Backend[] = [sqliteBackend, postgresBackend()];

/** Defines `suite` once per database, named "<name> on sqlite" and "<name> on postgres". */
export function describeOnBothDatabases(name: string, suite: (backend: Backend) => void): void {
  for (const backend of BACKENDS) describe(`${name} on ${backend.name}`, () => suite(backend));
}
