import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './0001-initial';

/**
 * Every migration, in order. Names sort in the order they must run; never rename or edit a
 * shipped migration, add a new one.
 */
export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
};

/** Hands the migrations above to Kysely's Migrator without reading the file system. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
