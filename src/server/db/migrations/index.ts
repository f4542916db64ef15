import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './0001-initial';
import { audio } from './0002-audio';
import { production } from './0005-production';
import { events } from './0003-events';
import { workspace } from './0004-workspace';
import { themes } from './0006-themes';
import { findings } from './0007-findings';
import { contributionNumbers } from './0008-contribution-numbers';
import { receiptsByNumber } from './0009-receipts-by-number';

/**
 * Every migration, in order. Names sort in the order they must run; never rename or edit a
 * shipped migration, add a new one.
 */
export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-audio': audio,
  '0003-events': events,
  '0004-workspace': workspace,
  '0005-production': production,
  '0006-themes': themes,
  '0007-findings': findings,
  '0008-contribution-numbers': contributionNumbers,
  '0009-receipts-by-number': receiptsByNumber,
};

/** Hands the migrations above to Kysely's Migrator without reading the file system. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
