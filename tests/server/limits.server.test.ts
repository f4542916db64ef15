import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { API } from '../../src/shared/api';
import type { HeardDb } from '../../src/server/db/connect';
import { describeOnBothDatabases } from './backends';
import { ADMIN, contribution, countRows, startServer, sync } from './helpers';

/** Every row of every table, as text: what a leaked database would show. */
async function everything(db: HeardDb): Promise<string> {
  const tables = await db.kysely.introspection.getTables({ withInternalKyselyTables: false });
  let out = '';
  for (const table of tables) {
    const { rows } = await sql`select * from ${sql.table(table.name)}`.execute(db.kysely);
    out += `${table.name}\n${JSON.stringify(rows)}\n`;
  }
  return out;
}

describeOnBothDatabases('sync limits', (backend) => {
  it('answers the same batch sent too often with 429, and still takes other batches', async () => {
    const server = await startServer({ syncLimits: { sameBatchPerMinute: 3 } }, backend);
    try {
      const items = [contribution(), contribution()];
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await sync(server.url, items)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      // The same queue again, in another order, is the same batch.
      const reordered = await sync(server.url, [items[1], items[0]]);
      expect(reordered.status).toBe(429);
      expect(reordered.body.error).toBe('this batch was sent too often; wait a minute and try again');
      expect((await sync(server.url, [contribution()])).status).toBe(200);
      expect(await countRows(server.db, 'contributions')).toBe(3);
    } finally {
      await server.close();
    }
  });

  it('sheds requests over the in-flight cap with 503 and Retry-After, losing nothing', async () => {
    let release: () => void = () => {};
    const stalled = new Promise<void>((resolve) => (release = resolve));
    let reached: () => void = () => {};
    const inside = new Promise<void>((resolve) => (reached = resolve));
    let first = true;
    const server = await startServer(
      {
        syncLimits: { inFlight: 1 },
        faults: {
          async beforeStore() {
            if (!first) return;
            first = false;
            reached();
            await stalled;
          },
        },
      },
      backend,
    );
    try {
      const slow = sync(server.url, [contribution()]);
      await inside;
      const shed = await fetch(server.url + API.sync, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items: [contribution()] }) });
      expect(shed.status).toBe(503);
      expect(shed.headers.get('retry-after')).toBe('1');
      expect(await shed.json()).toEqual({ error: 'the server is busy; try again in a moment' });
      release();
      expect((await slow).status).toBe(200);
      expect((await sync(server.url, [contribution()])).status).toBe(200);
      expect(await countRows(server.db, 'contributions')).toBe(2);
    } finally {
      release();
      await server.close();
    }
  });
});

describeOnBothDatabases('no IP address kept', (backend) => {
  it('keeps no client address in any log line or any table, behind a proxy or not', async () => {
    const lines: string[] = [];
    const server = await startServer({ logger: true, trustProxy: true, logStream: { write: (line) => void lines.push(line) } }, backend);
    const proxied = { 'x-forwarded-for': '203.0.113.9', 'x-real-ip': '198.51.100.23' };
    try {
      const post = (path: string, body: unknown) =>
        fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...proxied }, body: JSON.stringify(body) });
      expect((await post(API.sync, { items: [contribution(), contribution({ answers: [{ prompt: 'feeling', scale: 9 }] })] })).status).toBe(200);
      expect((await post(API.sync, { items: 'x' })).status).toBe(400);
      expect((await post(API.organiserSession, { email: 'x@example.org', password: 'wrong' })).status).toBe(401);
      expect((await post(API.organiserSession, ADMIN)).status).toBe(200);
      await fetch(server.url + API.engagements, { headers: proxied });
      await fetch(server.url + '/api/missing', { headers: proxied });
      const stored = await everything(server.db);
      expect(stored).toContain('contributions');
      // The server's own listening address is logged once at start; nothing else may hold one.
      const logged = lines.filter((line) => !line.includes('Server listening at')).join('\n');
      expect(logged).toContain('/api/sync');
      for (const text of [stored, logged]) {
        for (const address of ['203.0.113.9', '198.51.100.23', '127.0.0.1', '::1', '::ffff:']) expect(text, address).not.toContain(address);
        expect(text).not.toMatch(/remoteAddress|"ip"|x-forwarded-for|user-agent/i);
      }
    } finally {
      await server.close();
    }
  });
});
