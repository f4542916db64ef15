import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WORKSPACE_API, type AboutYouCounts, type AboutYouResponse, type Dashboard, type KeyedCount } from '../../src/shared/workspace-api';
import { FIXTURE_SLUG, contribution, startServer, sync, type TestServer } from './helpers';
import { describeOnBothDatabases } from './backends';
import { signInOrganiser, type Organiser } from './workspace-client';
import { aboutYouPuzzle, dashboardPuzzle, Puzzle } from '../unit/reader';

/** Every number under a `count`, `total` or `responses` key, wherever it is. */
function countsIn(value: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) value.forEach((v) => countsIn(v, out));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (['count', 'total', 'responses', 'new', 'hidden'].includes(key)) out.push(v);
      else countsIn(v, out);
    }
  }
  return out;
}

const find = (list: KeyedCount[], key: string) => list.find((k) => k.key === key)?.count;

async function postAboutYou(url: string, items: unknown[]): Promise<{ status: number; body: AboutYouResponse }> {
  const response = await fetch(url + WORKSPACE_API.aboutYou, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items }) });
  return { status: response.status, body: (await response.json()) as AboutYouResponse };
}

describeOnBothDatabases('workspace reach dashboard and "about you"', (backend) => {
  let server: TestServer;
  let owner: Organiser;
  beforeAll(async () => {
    server = await startServer({}, backend);
    owner = await signInOrganiser(server.url);
    const online = Array.from({ length: 12 }, () => contribution());
    const welsh = Array.from({ length: 3 }, () => contribution({ locale: 'cy', route: { easyRead: true, readAloud: false, assisted: true, audio: false } }));
    const event = contribution({ channel: 'event', event: 'LIB-4821', createdAt: '2025-03-02T12:00:00.000Z' });
    expect((await sync(server.url, [...online, ...welsh, event])).body.receipts.every((r) => r.status === 'accepted')).toBe(true);
  });
  afterAll(async () => {
    await server.close();
  });

  it('counts by day, phase, language, route, channel, event and version, sending 1–9 only as "<10" and withholding what would give one away', async () => {
    const board = await owner.json<Dashboard>('GET', WORKSPACE_API.dashboard(FIXTURE_SLUG));
    expect(board.total).toBe(16);
    // 16 with 13 in English would give the Welsh 3 away; the smaller shown part of each such split is withheld.
    expect(board.perDay).toEqual([{ day: '2025-03-01', count: 'withheld' }, { day: '2025-03-02', count: '<10' }]);
    expect(find(board.byPhase, 'conversation')).toBe(16);
    expect(find(board.byLanguage, 'en')).toBe('withheld');
    expect(find(board.byLanguage, 'cy')).toBe('<10');
    expect(board.byRoute).toEqual([
      { key: 'easyRead', count: '<10' }, { key: 'readAloud', count: 0 }, { key: 'assisted', count: '<10' }, { key: 'audio', count: 0 }, { key: 'interpreter', count: 0 },
    ]);
    expect(find(board.byChannel, 'online')).toBe('withheld');
    expect(find(board.byChannel, 'event')).toBe('<10');
    expect(find(board.byEvent, 'LIB-4821')).toBe('<10');
    expect(find(board.byEvent, '')).toBe('withheld');
    expect(find(board.byVersion, '2')).toBe(16);
    expect(board.moderation).toEqual({ new: 16, hidden: 0 });
    for (const count of countsIn(board)) {
      if (typeof count === 'number') expect(count === 0 || count >= 10, `raw small count ${count}`).toBe(true);
      else expect(['<10', 'withheld']).toContain(count);
    }
    expect(dashboardPuzzle(board).workedOut()).toEqual([]);
    const range = await owner.json<Dashboard>('GET', `${WORKSPACE_API.dashboard(FIXTURE_SLUG)}?from=2025-03-02&to=2025-03-02`);
    expect(range.total).toBe('<10');
    expect(dashboardPuzzle(range).workedOut()).toEqual([]);
    expect((await owner.call('GET', `${WORKSPACE_API.dashboard(FIXTURE_SLUG)}?from=soon`)).status).toBe(400);
    expect((await owner.call('GET', WORKSPACE_API.dashboard('nope'))).status).toBe(404);
  });

  it('stores "about you" apart from contributions: no link, the day only, each item on its own, resends harmless', async () => {
    const items = Array.from({ length: 11 }, (_, i) => ({
      id: randomUUID(), engagement: FIXTURE_SLUG,
      answers: { ageBand: i < 10 ? '25-34' : '65-74', disability: i % 2 ? 'yes' : 'prefer-not-to-say', firstLanguage: 'cy' },
    }));
    const bad = [
      { id: randomUUID(), engagement: FIXTURE_SLUG, answers: { ageBand: '30' } },
      { id: randomUUID(), engagement: FIXTURE_SLUG, answers: { shoeSize: '9' } },
      { id: randomUUID(), engagement: 'no-such-thing', answers: {} },
      { id: randomUUID(), engagement: FIXTURE_SLUG, contribution: randomUUID(), answers: {} },
    ];
    const { status, body } = await postAboutYou(server.url, [...items, ...bad]);
    expect(status).toBe(200);
    expect(body.receipts.map((r) => r.status)).toEqual([...items.map(() => 'accepted'), 'rejected', 'rejected', 'rejected', 'rejected']);
    expect(body.receipts[11].error).toMatch(/^answers\.ageBand: /);
    expect(body.receipts[13].error).toMatch(/no open engagement/);
    expect((await postAboutYou(server.url, [items[0]])).body.receipts[0].status).toBe('duplicate');
    expect((await postAboutYou(server.url, 'nope' as unknown as unknown[])).status).toBe(400);

    const rows = await server.db.kysely.selectFrom('about_you').selectAll().execute();
    expect(rows).toHaveLength(11);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['age_band', 'day', 'disability', 'engagement', 'ethnicity', 'first_language', 'gender', 'id']);
      expect(row.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const contributionIds = new Set((await server.db.kysely.selectFrom('contributions').select('id').execute()).map((r) => r.id));
    expect(rows.some((r) => contributionIds.has(r.id))).toBe(false);
  });

  it('compares "about you" with the reference shares the organiser enters, and exports it only as suppressed counts', async () => {
    expect((await owner.call('PUT', WORKSPACE_API.reference(FIXTURE_SLUG), { ageBand: { '25-34': 0.8, '65-74': 0.5 } })).status).toBe(400);
    expect((await owner.call('PUT', WORKSPACE_API.reference(FIXTURE_SLUG), { shoeSize: { '9': 0.1 } })).status).toBe(400);
    await owner.json('PUT', WORKSPACE_API.reference(FIXTURE_SLUG), { ageBand: { '25-34': 0.14, '65-74': 0.1, '75-plus': 0.09 } });
    const board = await owner.json<Dashboard>('GET', WORKSPACE_API.dashboard(FIXTURE_SLUG));
    expect(board.aboutYou.responses).toBe(11);
    const age = board.aboutYou.questions.find((q) => q.question === 'ageBand');
    // 10 of 11 (a share of 0.909), or 10 beside 11 responses, would give the one 65–74 away.
    expect(age?.answers).toEqual([
      { key: '25-34', count: 'withheld', share: null, reference: 0.14 },
      { key: '65-74', count: '<10', share: null, reference: 0.1 },
      { key: '75-plus', count: 0, share: 0, reference: 0.09 },
    ]);
    expect(board.aboutYou.questions.find((q) => q.question === 'firstLanguage')?.answers).toEqual([{ key: 'cy', count: 11, share: 1, reference: null }]);
    expect(dashboardPuzzle(board).workedOut()).toEqual([]);
    const counts = await owner.json<AboutYouCounts>('GET', WORKSPACE_API.aboutYouCounts(FIXTURE_SLUG));
    expect(counts.responses).toBe(11);
    expect(counts.questions.find((q) => q.question === 'ageBand')?.answers).toEqual([
      { key: '25-34', count: 'withheld' },
      { key: '65-74', count: '<10' },
    ]);
    expect(counts.questions.find((q) => q.question === 'disability')?.answers).toEqual([
      { key: 'prefer-not-to-say', count: '<10' },
      { key: 'yes', count: '<10' },
    ]);
    expect(counts.questions.find((q) => q.question === 'firstLanguage')?.answers).toEqual([{ key: 'cy', count: 11 }]);
    expect(aboutYouPuzzle(new Puzzle(), counts).workedOut()).toEqual([]);
    expect(JSON.stringify(counts)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});
