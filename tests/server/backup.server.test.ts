import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { openDatabase, type HeardDb } from '../../src/server/db/connect';
import { setRetention, sweepRetention } from '../../src/server/retention/retention';
import { API } from '../../src/shared/api';
import { sealContribution } from '../../src/shared/seal';
import type { EngagementBundle } from '../../src/shared/engagement';
import { BACKENDS, describeOnBothDatabases } from './backends';
import { FIXTURE_SLUG, contribution, signIn, startServer, sync, tempDir } from './helpers';

const run = promisify(execFile);

// The database at `target` for a test server, closed when the server closes (its folder is
// removed afterwards, and nothing may still have it open then).
async function openAt(target: string): Promise<{ db: HeardDb; dispose(): Promise<void> }> {
  const db = await openDatabase(target);
  return { db, dispose: () => db.close() };
}
const ROOT = join(import.meta.dirname, '..', '..');

/** Runs `npm run backup|restore -- file` the way an operator would, against `target`. */
function cli(command: 'backup' | 'restore', file: string, target: string): Promise<{ stdout: string; stderr: string }> {
  const env = { ...process.env, DATABASE_URL: target.startsWith('postgres') ? target : '', DATA_DIR: target.startsWith('postgres') ? '' : target };
  return run(process.execPath, ['--import', 'tsx', `scripts/${command}.ts`, file], { cwd: ROOT, env });
}

/** Every row of every table, sorted, as comparable text. */
async function snapshot(db: HeardDb): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of await db.kysely.introspection.getTables()) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(db.kysely);
    out[table.name] = rows.map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b))))).sort();
  }
  return out;
}

describeOnBothDatabases('backup and restore', (backend) => {
  it('lists the random receipts of a backup made before receipts were drawn from numbers, so none is handed out again', async () => {
    const from = await backend.location();
    const to = await backend.location();
    const dir = tempDir();
    const file = join(dir.path, 'old.backup.jsonl');
    try {
      const server = await startServer({}, { ...backend, open: () => openAt(from.target) });
      const first = await sync(server.url, [contribution(), contribution(), contribution()]);
      expect(first.body.receipts.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
      await server.close();
      await cli('backup', file, from.target);
      // The same backup as a version before migration 0009 wrote it: no such migration, no key,
      // no legacy list, and no numbers in the ledger.
      const lines = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { migrations?: string[]; tables?: string[]; t?: string });
      lines[0].migrations = lines[0].migrations?.filter((m) => m !== '0009-receipts-by-number');
      lines[0].tables = lines[0].tables?.filter((t) => t !== 'receipt_keys' && t !== 'legacy_receipts');
      writeFileSync(file, lines.filter((l) => l.t !== 'receipt_keys' && l.t !== 'legacy_receipts').map((l) => JSON.stringify(l)).join('\n') + '\n');

      await cli('restore', file, to.target);
      const db = await openDatabase(to.target);
      try {
        const legacy = await db.kysely.selectFrom('legacy_receipts').select('receipt').execute();
        expect(legacy.map((r) => r.receipt).sort()).toEqual(first.body.receipts.map((r) => r.receipt).sort());
      } finally {
        await db.close();
      }
    } finally {
      dir.remove();
      await from.dispose();
      await to.dispose();
    }
  }, 120_000);

  for (const into of BACKENDS) {
    it(`round-trips every row from ${backend.name} into ${into.name}, and the restored server knows every receipt`, async () => {
      const from = await backend.location();
      const to = await into.location();
      const dir = tempDir();
      const file = join(dir.path, 'heard.backup.jsonl');
      try {
        // A database with something in every table we own: contributions (sealed and not), a
        // session, a retention day, and an erased contribution in the ledger.
        const server = await startServer({}, { ...backend, open: () => openAt(from.target) });
        const bundle = (await (await fetch(server.url + API.engagement(FIXTURE_SLUG))).json()) as EngagementBundle;
        const key = bundle.publicKey as unknown as JsonWebKey & { kid: string };
        const items = [contribution({ answers: [{ prompt: 'ideas', text: 'Ünïcödé, "quotes", new\nline, emoji 🙂' }] }), await sealContribution(contribution(), key, key.kid), ...Array.from({ length: 30 }, () => contribution())];
        const first = await sync(server.url, items);
        expect(first.body.receipts.every((r) => r.status === 'accepted')).toBe(true);
        await signIn(server.url);
        await setRetention(server.db.kysely, FIXTURE_SLUG, '2000-01-01');
        const erased = contribution();
        await server.db.kysely.insertInto('erased_contributions').values({ id: erased.id, engagement: FIXTURE_SLUG, content_hash: 'x'.repeat(64), receipt: 'HRD-ERASED00', erased_at: '2001-01-01T00:00:00.000Z' }).execute();
        await server.db.kysely.deleteFrom('engagement_retention').execute();
        await setRetention(server.db.kysely, FIXTURE_SLUG, '2099-12-31');
        const before = await snapshot(server.db);
        // The key receipts are drawn with goes with the backup, or the restored server would draw others.
        expect(before.receipt_keys).toHaveLength(1);
        await server.close();

        const backedUp = await cli('backup', file, from.target);
        expect(backedUp.stdout).toMatch(/^backed up \d+ rows/);
        const lines = readFileSync(file, 'utf8').trim().split('\n');
        expect(JSON.parse(lines[0])).toMatchObject({ format: 'heard-backup', version: 1, db: backend.name });
        const tables = (JSON.parse(lines[0]) as { tables: string[] }).tables;
        // Parents come before the tables that point at them.
        expect(tables.indexOf('engagements')).toBeLessThan(tables.indexOf('contributions'));
        expect(tables.indexOf('contributions')).toBeLessThan(tables.indexOf('answers'));
        expect(tables.indexOf('organisers')).toBeLessThan(tables.indexOf('sessions'));

        const restored = await cli('restore', file, to.target);
        expect(restored.stdout).toMatch(/^restored \d+ rows/);
        const db = await openDatabase(to.target);
        try {
          const after = await snapshot(db);
          for (const name of Object.keys(before).filter((n) => !n.startsWith('kysely_'))) expect(after[name], name).toEqual(before[name]);
        } finally {
          await db.close();
        }

        // Restoring twice is refused: the target is no longer empty, and nothing changes.
        await expect(cli('restore', file, to.target)).rejects.toMatchObject({ stderr: expect.stringContaining('restore needs an empty database') });

        const again = await startServer({ seedFile: null }, { ...into, open: () => openAt(to.target) });
        try {
          // New contributions are numbered after the restored ones (a number in use would be refused).
          const fresh = await sync(again.url, [contribution(), contribution(), contribution()]);
          expect(fresh.body.receipts?.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
          const handedOut = new Set([...first.body.receipts.map((r) => r.receipt), 'HRD-ERASED00']);
          for (const r of fresh.body.receipts) expect(handedOut.has(r.receipt)).toBe(false);
          const replay = await sync(again.url, [...items, erased]);
          expect(replay.body.receipts.slice(0, items.length)).toEqual(first.body.receipts.map((r) => ({ ...r, status: 'duplicate' })));
          expect(replay.body.receipts[items.length]).toMatchObject({ status: 'rejected', error: 'conflict' });
          await sweepRetention(again.db.kysely);
        } finally {
          await again.close();
        }
      } finally {
        dir.remove();
        await from.dispose();
        await to.dispose();
      }
    }, 120_000);
  }
});
