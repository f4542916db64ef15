import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/connect';
import type { Contribution } from '../../src/shared/contribution';
import { describeOnBothDatabases } from './backends';
import { contribution, countRows, sync, type SyncReply } from './helpers';
import { freePort, startServerProcess } from './processes';

/** Sends a batch; a refused or dropped connection is an answer too (the device would retry). */
async function trySync(url: string, items: Contribution[]): Promise<SyncReply | { status: 'network' }> {
  try {
    return await sync(url, items);
  } catch {
    return { status: 'network' };
  }
}

/** Ids the server acknowledged (accepted or duplicate) in these replies. */
function acknowledged(replies: Array<SyncReply | { status: 'network' }>): Set<string> {
  const ids = new Set<string>();
  for (const reply of replies) {
    if (reply.status !== 200) continue;
    for (const r of (reply as SyncReply).body.receipts) if (r.status !== 'rejected' && r.id) ids.add(r.id);
  }
  return ids;
}

describeOnBothDatabases('SIGTERM in the middle of sync batches', (backend) => {
  it('finishes the batches in flight, refuses new ones retryably, and loses nothing acknowledged', async () => {
    const place = await backend.location();
    try {
      const server = await startServerProcess(place.target);
      const batches = Array.from({ length: 12 }, () => Array.from({ length: 400 }, () => contribution()));
      const pending = batches.map((batch) => trySync(server.url, batch));
      // Stop once the server is busy: the first answer is back and the rest are in flight.
      await Promise.race(pending);
      server.child.kill('SIGTERM');
      const replies = await Promise.all(pending);
      expect(await server.exited, server.output()).toBe(0);

      // Every reply is a full answer or a retryable failure, never a half answer.
      for (const reply of replies) expect([200, 503, 'network']).toContain(reply.status);
      const acked = acknowledged(replies);
      expect(acked.size).toBeGreaterThan(0);
      const db = await openDatabase(place.target);
      try {
        const stored = new Set((await db.kysely.selectFrom('contributions').select('id').execute()).map((r) => r.id));
        for (const id of acked) expect(stored.has(id)).toBe(true);
      } finally {
        await db.close();
      }

      // The devices retry what was not acknowledged on the next start: all stored, each once.
      const again = await startServerProcess(place.target);
      try {
        const retries = await Promise.all(batches.map((batch) => sync(again.url, batch)));
        for (const reply of retries) expect(reply.status).toBe(200);
        for (const [i, reply] of retries.entries()) {
          for (const [j, r] of reply.body.receipts.entries()) {
            // Acknowledged before the shutdown: stored, so a replay. Not acknowledged: stored now or then.
            if (acked.has(batches[i][j].id)) expect(r.status).toBe('duplicate');
            else expect(r.status).toMatch(/^(accepted|duplicate)$/);
          }
        }
      } finally {
        expect(await again.stop()).toBe(0);
      }
      const check = await openDatabase(place.target);
      try {
        expect(await countRows(check, 'contributions')).toBe(12 * 400);
        expect(await countRows(check, 'answers')).toBe(12 * 400 * 2);
      } finally {
        await check.close();
      }
    } finally {
      await place.dispose();
    }
  }, 120_000);
});

// Debian's layout: /usr/lib/postgresql/<major>/bin; the newest installed major.
const PG_BIN = `/usr/lib/postgresql/${readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))[0]}/bin`;

/** A private PostgreSQL cluster this test may stop and start (the shared one on 5432 stays up). */
async function privatePostgres(): Promise<{ url: string; stop(): void; start(): void; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'heard-pg-'));
  chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
  const port = await freePort();
  const asPostgres = (args: string[]) => execFileSync('runuser', ['-u', 'postgres', '--', ...args], { stdio: 'pipe' });
  asPostgres([`${PG_BIN}/initdb`, '-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => void asPostgres([`${PG_BIN}/pg_ctl`, '-D', join(dir, 'data'), '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  const stop = () => void asPostgres([`${PG_BIN}/pg_ctl`, '-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    remove: () => {
      try {
        stop();
      } catch {
        // Already stopped.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('the database going away and coming back under load', () => {
  it('ends with every acknowledged contribution stored exactly once, and the server still up', async () => {
    const pg = await privatePostgres();
    let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
    try {
      server = await startServerProcess(pg.url);
      const url = server.url;
      const queues = Array.from({ length: 8 }, () => Array.from({ length: 30 }, () => Array.from({ length: 50 }, () => contribution())));
      const acked = new Set<string>();
      const outcomes = { ok: 0, failed: 0 };
      // Each device sends its batches in turn and retries a failed one until it is answered.
      const device = async (batches: Contribution[][]): Promise<void> => {
        for (const batch of batches) {
          for (;;) {
            const reply = await trySync(url, batch);
            if (reply.status === 200) {
              for (const id of acknowledged([reply])) acked.add(id);
              outcomes.ok++;
              break;
            }
            outcomes.failed++;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
      };
      const load = Promise.all(queues.map(device));
      await new Promise((resolve) => setTimeout(resolve, 400));
      pg.stop();
      const down = await fetch(url + '/api/health').catch((error: unknown) => {
        throw new Error(`server gone: ${server?.output()}`, { cause: error });
      });
      expect(down.status).toBe(503);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      pg.start();
      await load;

      expect(outcomes.failed).toBeGreaterThan(0);
      expect((await fetch(url + '/api/health')).status).toBe(200);
      const total = 8 * 30 * 50;
      expect(acked.size).toBe(total);
      const db = await openDatabase(pg.url);
      try {
        expect(await countRows(db, 'contributions')).toBe(total);
        expect(await countRows(db, 'answers')).toBe(total * 2);
      } finally {
        await db.close();
      }
      expect(await server.stop()).toBe(0);
    } finally {
      if (server?.child.exitCode === null) server.child.kill('SIGKILL');
      pg.remove();
    }
  }, 180_000);
});
