import { afterAll, beforeAll, expect, it } from 'vitest';
import { API } from '../../src/shared/api';
import { sweepRetention, setRetention } from '../../src/server/retention/retention';
import { describeOnBothDatabases } from './backends';
import { ADMIN, FIXTURE_SLUG, contribution, countRows, startServer, sync, type TestServer } from './helpers';

const day = (offsetDays: number): string => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** Signs in and returns the cookies and the CSRF token an organiser change needs. */
async function owner(url: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(url + API.organiserSession, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { csrfToken: string };
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: body.csrfToken };
}

function putRetention(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url + API.retention(FIXTURE_SLUG), { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

describeOnBothDatabases('retention', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({}, backend);
  });
  afterAll(async () => {
    await server.close();
  });

  it('keeps everything before the day, then erases contributions and answers, keeping a content-free ledger', async () => {
    const items = [contribution(), contribution(), contribution()];
    const first = await sync(server.url, items);
    expect(first.body.receipts.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);

    await setRetention(server.db.kysely, FIXTURE_SLUG, day(0));
    expect(await sweepRetention(server.db.kysely)).toEqual([]);
    expect(await countRows(server.db, 'contributions')).toBe(3);

    // The day is over once it has ended (UTC): sweep as if it were tomorrow.
    const swept = await sweepRetention(server.db.kysely, new Date(Date.now() + 86_400_000));
    expect(swept).toEqual([{ slug: FIXTURE_SLUG, erased: 3 }]);
    expect(await countRows(server.db, 'contributions')).toBe(0);
    expect(await countRows(server.db, 'answers')).toBe(0);
    const ledger = await server.db.kysely.selectFrom('erased_contributions').selectAll().orderBy('id').execute();
    expect(ledger.map((r) => r.id)).toEqual(items.map((i) => i.id).sort());
    expect(Object.keys(ledger[0]).sort()).toEqual(['content_hash', 'engagement', 'erased_at', 'id', 'receipt', 'seq']);
    expect(JSON.stringify(ledger)).not.toContain('bus station');
  });

  it('never draws an erased contribution\'s number again, so its receipt is never handed out twice', async () => {
    const before = await sync(server.url, [contribution(), contribution()]);
    expect(before.body.receipts.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    await setRetention(server.db.kysely, FIXTURE_SLUG, day(0));
    await sweepRetention(server.db.kysely, new Date(Date.now() + 86_400_000));
    expect(await countRows(server.db, 'contributions')).toBe(0);
    // The newest contributions were erased; the engagement then takes contributions again.
    await server.db.kysely.deleteFrom('engagement_retention').execute();
    const after = await sync(server.url, [contribution(), contribution()]);
    expect(after.body.receipts.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    const ledger = await server.db.kysely.selectFrom('erased_contributions').select(['seq', 'receipt']).execute();
    const erasedNumbers = ledger.map((r) => Number(r.seq));
    const stored = await server.db.kysely.selectFrom('contributions').select(['seq', 'receipt']).execute();
    expect(stored).toHaveLength(2);
    for (const row of stored) expect(Number(row.seq)).toBeGreaterThan(Math.max(...erasedNumbers));
    const handedOut = [...ledger, ...stored].map((r) => r.receipt);
    expect(new Set(handedOut).size).toBe(handedOut.length);
  });

  it('erases the recordings of spoken answers with their contributions', async () => {
    const recording = '5d0c0c53-8a0e-4f6b-a7a2-3b0b8b1f4e21';
    const upload = await fetch(server.url + API.audio(recording), { method: 'PUT', headers: { 'content-type': 'audio/webm;codecs=opus' }, body: 'pretend opus bytes' });
    expect(upload.status).toBe(201);
    await setRetention(server.db.kysely, FIXTURE_SLUG, day(30));
    const spoken = contribution({ answers: [{ prompt: 'ideas', audio: { id: recording, type: 'audio/webm', seconds: 3 } }] });
    expect((await sync(server.url, [spoken])).body.receipts[0].status).toBe('accepted');
    expect(await server.db.kysely.selectFrom('audio').select('id').execute()).toHaveLength(1);
    await sweepRetention(server.db.kysely, new Date(Date.now() + 31 * 86_400_000));
    expect(await server.db.kysely.selectFrom('audio').select('id').execute()).toEqual([]);
    expect(await countRows(server.db, 'contributions')).toBe(0);
  });

  it('answers a replayed erased id with its original receipt, refuses new ones after the day, and stores nothing', async () => {
    const kept = contribution();
    const before = await sync(server.url, [kept]);
    await setRetention(server.db.kysely, FIXTURE_SLUG, day(-1));
    await sweepRetention(server.db.kysely);
    expect(await countRows(server.db, 'contributions')).toBe(0);

    const fresh = contribution();
    const { body } = await sync(server.url, [kept, { ...kept, answers: [{ prompt: 'ideas', text: 'changed' }] }, fresh]);
    expect(body.receipts).toEqual([
      { id: kept.id, status: 'duplicate', receipt: before.body.receipts[0].receipt },
      { id: kept.id, status: 'rejected', error: 'conflict' },
      { id: fresh.id, status: 'rejected', error: `engagement: contributions to '${FIXTURE_SLUG}' were erased after ${day(-1)}; no more are taken` },
    ]);
    expect(await countRows(server.db, 'contributions')).toBe(0);

    // Moving the day into the future opens the engagement again.
    await setRetention(server.db.kysely, FIXTURE_SLUG, day(30));
    expect((await sync(server.url, [fresh])).body.receipts[0].status).toBe('accepted');
  });

  it('lets only a signed-in owner with the CSRF token set the day, and refuses a bad date with 400', async () => {
    expect((await putRetention(server.url, { deleteAfter: day(10) })).status).toBe(401);
    const { cookie, csrf } = await owner(server.url);
    const noToken = await putRetention(server.url, { deleteAfter: day(10) }, { cookie });
    expect(noToken.status).toBe(403);
    for (const bad of [{ deleteAfter: '2027-02-30' }, { deleteAfter: 'soon' }, { deleteAfter: 20270630 }, { deleteAfter: day(3), extra: 1 }, {}]) {
      const response = await putRetention(server.url, bad, { cookie, 'x-csrf-token': csrf });
      expect(response.status, JSON.stringify(bad)).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/deleteAfter|extra/);
    }
    const missing = await fetch(server.url + API.retention('nope'), { method: 'PUT', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: JSON.stringify({ deleteAfter: day(3) }) });
    expect(missing.status).toBe(404);

    const set = await putRetention(server.url, { deleteAfter: '2027-06-30' }, { cookie, 'x-csrf-token': csrf });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ slug: FIXTURE_SLUG, deleteAfter: '2027-06-30', erased: 0 });
    const read = await fetch(server.url + API.retention(FIXTURE_SLUG), { headers: { cookie } });
    expect(await read.json()).toEqual({ slug: FIXTURE_SLUG, deleteAfter: '2027-06-30' });

    // A day already over erases at once.
    await sync(server.url, [contribution()]);
    const stored = await countRows(server.db, 'contributions');
    expect(stored).toBeGreaterThan(0);
    const now = await putRetention(server.url, { deleteAfter: day(-2) }, { cookie, 'x-csrf-token': csrf });
    expect(await now.json()).toEqual({ slug: FIXTURE_SLUG, deleteAfter: day(-2), erased: stored });
    expect(await countRows(server.db, 'contributions')).toBe(0);
  });

  it('lets an owner remove the day, after which nothing is erased', async () => {
    const remove = (headers: Record<string, string>, slug = FIXTURE_SLUG) => fetch(server.url + API.retention(slug), { method: 'DELETE', headers });
    expect((await remove({})).status).toBe(401);
    const { cookie, csrf } = await owner(server.url);
    expect((await remove({ cookie })).status).toBe(403);
    expect((await remove({ cookie, 'x-csrf-token': csrf }, 'nope')).status).toBe(404);

    await putRetention(server.url, { deleteAfter: day(10) }, { cookie, 'x-csrf-token': csrf });
    const removed = await remove({ cookie, 'x-csrf-token': csrf });
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual({ slug: FIXTURE_SLUG, deleteAfter: null });
    const read = await fetch(server.url + API.retention(FIXTURE_SLUG), { headers: { cookie } });
    expect(await read.json()).toEqual({ slug: FIXTURE_SLUG, deleteAfter: null });

    await sync(server.url, [contribution()]);
    const stored = await countRows(server.db, 'contributions');
    expect(stored).toBeGreaterThan(0);
    const swept = await sweepRetention(server.db.kysely);
    expect(swept.find((s) => s.slug === FIXTURE_SLUG)).toBeUndefined();
    expect(await countRows(server.db, 'contributions')).toBe(stored);
  });
});
