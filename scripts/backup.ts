// `npm run backup -- <file>`: writes a consistent backup of the database the server would use
// (DATABASE_URL, or DATA_DIR's SQLite file) to <file>, JSON lines. Safe while the server runs.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { backupDatabase } from '../src/server/backup/backup';
import { openDatabase } from '../src/server/db/connect';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run backup -- <file>');
  process.exit(2);
}
const db = await openDatabase(process.env.DATABASE_URL || process.env.DATA_DIR || './data');
const out = createWriteStream(file, { flags: 'wx' });
try {
  const rows = await backupDatabase(db, async (line) => {
    if (!out.write(line)) await once(out, 'drain');
  });
  out.end();
  await once(out, 'finish');
  console.log(`backed up ${rows} rows from ${db.kind} to ${file}`);
} catch (error) {
  out.destroy();
  console.error(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
