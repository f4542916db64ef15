// SQLite's WAL is copied back into the database file by a background thread, not inside the
// commit of whichever request happens to cross the auto-checkpoint size.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase, SQLITE_FILE } from '../../src/server/db/connect';
import { tempDir } from './helpers';

async function until(condition: () => boolean, seconds: number): Promise<boolean> {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

it('folds committed pages into the database file in the background, and leaves no WAL after closing', async () => {
  const dir = tempDir();
  const file = join(dir.path, SQLITE_FILE);
  const db = await openDatabase(dir.path);
  try {
    // Migrations were checkpointed on open or are by now; measure from a settled file.
    await until(() => false, 1.5);
    const before = statSync(file).size;
    // About 4 MB of rows: far below the 400 MB at which a commit would checkpoint by itself.
    const text = 'x'.repeat(4000);
    await db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < 1000; i++) {
        await trx.insertInto('audit_log').values({ id: `fill-${i}`, engagement: null, at: '2026-01-01T00:00:00Z', organiser_email: 'test', action: 'fill', target: text, reason: null }).execute();
      }
    });
    expect(await until(() => statSync(file).size > before + 3_000_000, 5)).toBe(true);
  } finally {
    await db.close();
  }
  expect(existsSync(`${file}-wal`)).toBe(false);
  dir.remove();
});
