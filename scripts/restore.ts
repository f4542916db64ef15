// `npm run restore -- <file>`: restores a backup made by `npm run backup` into the database
// the server would use (DATABASE_URL, or DATA_DIR's SQLite file), which must be empty: stop
// the server, point it at a new database, restore, start it. All or nothing.
import { restoreDatabase } from '../src/server/backup/backup';
import { openDatabase } from '../src/server/db/connect';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run restore -- <file>');
  process.exit(2);
}
const db = await openDatabase(process.env.DATABASE_URL || process.env.DATA_DIR || './data');
try {
  const rows = await restoreDatabase(db, file);
  console.log(`restored ${rows} rows from ${file} into ${db.kind}`);
} catch (error) {
  console.error(`restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
