import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/connect';
import { API } from '../../src/shared/api';
import { ADMIN, FIXTURE_SLUG, contribution, countRows, sync } from './helpers';
import { postgresBackend } from './postgres';
import { startServerProcess, type ServerProcess } from './processes';

// Several stateless server processes on one PostgreSQL: nothing lives in a process that
// another needs, so a device may reach any of them, even in the middle of a retry.
describe('two server processes on one PostgreSQL', () => {
  let place: { target: string; dispose(): Promise<void> };
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    place = await postgresBackend().location();
    [a, b] = await Promise.all([startServerProcess(place.target), startServerProcess(place.target)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await place?.dispose();
  });

  it('stores each contribution exactly once when every queue goes through both at the same time', async () => {
    const queues = Array.from({ length: 12 }, () => Array.from({ length: 250 }, () => contribution()));
    const replies = await Promise.all(
      queues.flatMap((queue) => [
        sync(a.url, queue),
        sync(b.url, queue),
        // The same queue split in two, so batches overlap rather than match.
        sync(b.url, queue.slice(0, 125)),
        sync(a.url, queue.slice(125)),
      ]),
    );
    for (const reply of replies) expect(reply.status).toBe(200);

    const byId = new Map<string, Array<{ status: string; receipt?: string }>>();
    for (const reply of replies) for (const r of reply.body.receipts) byId.set(r.id ?? '', [...(byId.get(r.id ?? '') ?? []), r]);
    const total = queues.length * 250;
    expect(byId.size).toBe(total);
    for (const answers of byId.values()) {
      // Sent three times: whole to A, whole to B, and in one of the halves.
      expect(answers).toHaveLength(3);
      expect(answers.filter((r) => r.status === 'accepted')).toHaveLength(1);
      expect(answers.filter((r) => r.status === 'duplicate')).toHaveLength(2);
      expect(new Set(answers.map((r) => r.receipt)).size).toBe(1);
    }
    const db = await openDatabase(place.target);
    try {
      expect(await countRows(db, 'contributions')).toBe(total);
      expect(await countRows(db, 'answers')).toBe(total * 2);
      // Both servers drew receipts with the one key: no two contributions share a receipt.
      expect(await countRows(db, 'receipt_keys')).toBe(1);
      const receipts = await db.kysely.selectFrom('contributions').select('receipt').execute();
      expect(new Set(receipts.map((r) => r.receipt)).size).toBe(total);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('takes a session made on one process on the other, CSRF token and all', async () => {
    const signIn = await fetch(a.url + API.organiserSession, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    expect(signIn.status).toBe(200);
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

    const read = await fetch(b.url + API.retention(FIXTURE_SLUG), { headers: { cookie } });
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({ slug: FIXTURE_SLUG, deleteAfter: null });
    const change = await fetch(b.url + API.retention(FIXTURE_SLUG), {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ deleteAfter: '2030-12-31' }),
    });
    expect(change.status).toBe(200);
    expect(await (await fetch(a.url + API.retention(FIXTURE_SLUG), { headers: { cookie } })).json()).toEqual({ slug: FIXTURE_SLUG, deleteAfter: '2030-12-31' });

    // Signing out on B ends the session on A too.
    expect((await fetch(b.url + API.organiserSession, { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrfToken } })).status).toBe(204);
    expect((await fetch(a.url + API.retention(FIXTURE_SLUG), { headers: { cookie } })).status).toBe(401);
  }, 60_000);
});
