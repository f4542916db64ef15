import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Contribution } from '../../src/shared/contribution';
import type { EngagementBundle, Prompt } from '../../src/shared/engagement';
import {
  WORKSPACE_API,
  type CheckResults,
  type DraftResponse,
  type InvitationCreated,
  type KeyedVoteTally,
  type ReportCount,
  type SessionInfo,
  type StatementResult,
  type Theme,
  type ThemeRow,
  type ThemesByRoute,
  type VoteTally,
} from '../../src/shared/workspace-api';
import { describeOnBothDatabases } from './backends';
import { FIXTURE_SLUG, contribution, startServer, sync, type TestServer } from './helpers';
import { cookiesOf, organiserClient, signInOrganiser, type Organiser } from './workspace-client';

const NO_ROUTE = { easyRead: false, readAloud: false, assisted: false, audio: false };
const EASY = { ...NO_ROUTE, easyRead: true };

/** `n` deck votes (one contribution each) on `statement`. */
function votes(n: number, statement: string, vote: 'agree' | 'disagree' | 'unsure', extra: Partial<Contribution> = {}): Contribution[] {
  return Array.from({ length: n }, () => contribution({ phase: 'check', version: 3, answers: [{ prompt: statement, vote }], ...extra }));
}

const statement = (id: string, text: string, more: Partial<Extract<Prompt, { kind: 'vote' }>> = {}): Prompt => ({ id, kind: 'vote', text, required: false, ...more });

/** The check phase with four statements and "what is missing?", as version 3 publishes it. */
function withDeck(bundle: EngagementBundle, statements: Prompt[]): EngagementBundle {
  return {
    ...bundle,
    phases: bundle.phases.map((p) =>
      p.kind === 'check' ? { ...p, prompts: [...statements, { id: 'whats-missing', kind: 'text', text: 'What is missing?', required: false }] } : p,
    ),
  };
}

const DECK = [
  statement('theme-1', 'Support should be closer to home.'),
  statement('theme-2', 'Waiting times are too long.'),
  statement('theme-3', 'Staff should speak more languages.'),
  statement('theme-4', 'Letters are hard to read.'),
];

/** A reader with a pencil: any sum with exactly one figure not shown gives that figure away. Returns how many do. */
function pencil(sums: Array<[ReportCount, ReportCount[]]>): number {
  let found = 0;
  for (const [total, parts] of sums) {
    const unknown = [total, ...parts].filter((c) => typeof c !== 'number');
    if (unknown.length === 1) found++;
  }
  return found;
}

/** The sums a reader can see in one statement's figures. */
function statementSums(s: StatementResult): Array<[ReportCount, ReportCount[]]> {
  const row = (t: VoteTally): [ReportCount, ReportCount[]] => [t.total, [t.agree, t.disagree, t.unsure]];
  const sums = [row(s.votes), ...s.byLanguage.map(row), ...s.byEvent.map(row), ...s.byRoute.map(row)];
  for (const group of [s.byLanguage, s.byEvent]) {
    if (group.length === 0) continue;
    for (const key of ['agree', 'disagree', 'unsure', 'total'] as const) sums.push([s.votes[key], group.map((g: KeyedVoteTally) => g[key])]);
  }
  return sums;
}

function everyCount(value: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) value.forEach((v) => everyCount(v, out));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (['agree', 'disagree', 'unsure', 'total', 'count', 'answers', 'hidden'].includes(key) && typeof v !== 'object') out.push(v);
      else everyCount(v, out);
    }
  }
  return out;
}

describeOnBothDatabases('reports: check-and-challenge results and themes by route', (backend) => {
  let server: TestServer;
  let owner: Organiser;
  let analyst: Organiser;
  let missing: Contribution[];
  beforeAll(async () => {
    server = await startServer({}, backend);
    owner = await signInOrganiser(server.url);
    const { bundle } = await owner.json<DraftResponse>('GET', WORKSPACE_API.draft(FIXTURE_SLUG));
    await owner.json('PUT', WORKSPACE_API.draft(FIXTURE_SLUG), withDeck(bundle, DECK));
    expect((await owner.json<{ version: number }>('POST', WORKSPACE_API.publish(FIXTURE_SLUG), {})).version).toBe(3);

    missing = Array.from({ length: 10 }, (_, i) => contribution({ phase: 'check', version: 3, answers: [{ prompt: 'whats-missing', text: `Something missing number ${i}` }] }));
    const items = [
      ...votes(10, 'theme-1', 'agree', { route: { ...NO_ROUTE, assisted: true } }),
      ...votes(10, 'theme-1', 'agree'),
      ...votes(10, 'theme-1', 'disagree', { channel: 'event', event: 'LIB-4821' }),
      ...votes(12, 'theme-2', 'agree'),
      ...votes(3, 'theme-2', 'disagree', { locale: 'cy', route: EASY }),
      ...votes(11, 'theme-3', 'agree'),
      ...votes(1, 'theme-4', 'unsure'),
      ...missing,
    ];
    expect((await sync(server.url, items)).body.receipts.every((r) => r.status === 'accepted')).toBe(true);

    // Version 4 withdraws theme-3 and drops theme-4; a device still on version 3 votes for theme-3 afterwards.
    const { bundle: next } = await owner.json<DraftResponse>('GET', WORKSPACE_API.draft(FIXTURE_SLUG));
    await owner.json('PUT', WORKSPACE_API.draft(FIXTURE_SLUG), withDeck(next, [DECK[0], DECK[1], statement('theme-3', 'Staff should speak more languages.', { withdrawn: true })]));
    expect((await owner.json<{ version: number }>('POST', WORKSPACE_API.publish(FIXTURE_SLUG), {})).version).toBe(4);
    expect((await sync(server.url, votes(2, 'theme-3', 'agree'))).body.receipts.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    await owner.json('PUT', WORKSPACE_API.answerModeration(FIXTURE_SLUG, missing[0].id, 0), { action: 'hide', reason: 'names a member of staff' });

    const invitation = await owner.json<InvitationCreated>('POST', WORKSPACE_API.invitations, { email: 'reports-reader@example.org', role: 'analyst' }, 201);
    const accepted = await fetch(server.url + WORKSPACE_API.acceptInvitation, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: invitation.token, password: 'a long analyst passphrase' }),
    });
    analyst = organiserClient(server.url, cookiesOf(accepted), (await accepted.json()) as SessionInfo);
  });
  afterAll(async () => {
    await server.close();
  });

  it('counts each statement\'s votes with its splits by route, language and event', async () => {
    const results = await analyst.json<CheckResults>('GET', WORKSPACE_API.checkResults(FIXTURE_SLUG));
    expect(results.phases.map((p) => p.phase)).toEqual(['check']);
    const [check] = results.phases;
    expect(check.statements.map((s) => s.id)).toEqual(['theme-1', 'theme-2']);
    const first = check.statements[0];
    expect(first).toMatchObject({ text: 'Support should be closer to home.', status: 'current', votes: { agree: 20, disagree: 10, unsure: 0, total: 30 } });
    expect(first.byRoute).toEqual([
      { key: 'easyRead', agree: 0, disagree: 0, unsure: 0, total: 0 },
      { key: 'readAloud', agree: 0, disagree: 0, unsure: 0, total: 0 },
      { key: 'assisted', agree: 10, disagree: 0, unsure: 0, total: 10 },
      { key: 'audio', agree: 0, disagree: 0, unsure: 0, total: 0 },
      { key: 'interpreter', agree: 0, disagree: 0, unsure: 0, total: 0 },
    ]);
    expect(first.byLanguage).toEqual([{ key: 'en', agree: 20, disagree: 10, unsure: 0, total: 30 }]);
    expect(first.byEvent).toEqual([
      { key: '', agree: 20, disagree: 0, unsure: 0, total: 20 },
      { key: 'LIB-4821', agree: 0, disagree: 10, unsure: 0, total: 10 },
    ]);
    expect(check.missing).toEqual([{ prompt: 'whats-missing', text: 'What is missing?', answers: 10, hidden: '<10' }]);
  });

  it('keeps votes for withdrawn and dropped statements, reported apart', async () => {
    const [check] = (await owner.json<CheckResults>('GET', WORKSPACE_API.checkResults(FIXTURE_SLUG))).phases;
    expect(check.withdrawn.map((s) => [s.id, s.status])).toEqual([['theme-3', 'withdrawn'], ['theme-4', 'removed']]);
    expect(check.withdrawn[0].votes).toEqual({ agree: 13, disagree: 0, unsure: 0, total: 13 });
    expect(check.withdrawn[1]).toMatchObject({ text: 'Letters are hard to read.', votes: { agree: 0, disagree: 0, unsure: '<10', total: '<10' } });
  });

  it('never sends 1–9, and withholds what a total would otherwise give away by subtraction', async () => {
    const results = await owner.json<CheckResults>('GET', WORKSPACE_API.checkResults(FIXTURE_SLUG));
    for (const count of everyCount(results)) expect(typeof count === 'number' ? count === 0 || count >= 10 : count === '<10' || count === 'withheld', String(count)).toBe(true);
    const second = results.phases[0].statements[1];
    // 12 agree and 3 disagree: with 15 and 12 both shown, the 3 would follow.
    expect(second.votes.disagree).toBe('<10');
    expect([second.votes.agree, second.votes.total]).toContain('withheld');
    expect(second.byLanguage.find((l) => l.key === 'cy')).toMatchObject({ disagree: '<10', total: '<10' });
    expect(second.byRoute.find((r) => r.key === 'easyRead')).toMatchObject({ disagree: '<10', total: '<10' });
    for (const s of [...results.phases[0].statements, ...results.phases[0].withdrawn]) expect(pencil(statementSums(s)), s.id).toBe(0);
  });

  it('splits the contributions coded to each theme by route, language and event, beside those not coded', async () => {
    const access = Array.from({ length: 20 }, () => contribution());
    const waiting = [...Array.from({ length: 12 }, () => contribution({ route: EASY })), ...Array.from({ length: 3 }, () => contribution({ locale: 'cy', route: EASY }))];
    const uncoded = Array.from({ length: 10 }, () => contribution({ route: { ...NO_ROUTE, readAloud: true } }));
    const scaleOnly = Array.from({ length: 5 }, () => contribution({ answers: [{ prompt: 'feeling', scale: 2 }] }));
    expect((await sync(server.url, [...access, ...waiting, ...uncoded, ...scaleOnly])).body.receipts.every((r) => r.status === 'accepted')).toBe(true);
    const themeA = await owner.json<Theme>('POST', WORKSPACE_API.themes(FIXTURE_SLUG), { name: 'Access' }, 201);
    const themeW = await owner.json<Theme>('POST', WORKSPACE_API.themes(FIXTURE_SLUG), { name: 'Waiting' }, 201);
    for (const c of access) await analyst.json('PUT', WORKSPACE_API.contributionThemes(FIXTURE_SLUG, c.id), { themes: [themeA.id] });
    for (const c of waiting) await analyst.json('PUT', WORKSPACE_API.contributionThemes(FIXTURE_SLUG, c.id), { themes: [themeW.id] });

    const table = await analyst.json<ThemesByRoute>('GET', WORKSPACE_API.themesByRoute(FIXTURE_SLUG));
    const cell = (row: ThemeRow, group: 'byRoute' | 'byLanguage' | 'byEvent', key: string) => row[group].find((c) => c.key === key);
    // The 10 "what is missing?" answers count as written contributions too; votes and scale-only ones do not.
    expect(table.all.total).toEqual({ key: 'total', count: 55, share: 1 });
    expect(table.themes.map((t) => [t.name, t.total.count, t.total.share])).toEqual([['Access', 20, 0.364], ['Waiting', 15, 0.273]]);
    expect(table.notCoded.total.count).toBe(20);
    expect(cell(table.themes[1], 'byRoute', 'easyRead')).toEqual({ key: 'easyRead', count: 15, share: 1 });
    expect(cell(table.themes[0], 'byRoute', 'easyRead')).toEqual({ key: 'easyRead', count: 0, share: 0 });
    expect(cell(table.notCoded, 'byRoute', 'readAloud')).toEqual({ key: 'readAloud', count: 10, share: 1 });
    expect(table.all.byLanguage.map((c) => c.key)).toEqual(['cy', 'en']);
    // 3 Welsh contributions, all coded to Waiting: the English figures beside the "<10" are withheld.
    expect(cell(table.all, 'byLanguage', 'cy')).toEqual({ key: 'cy', count: '<10', share: null });
    expect(cell(table.themes[1], 'byLanguage', 'cy')).toEqual({ key: 'cy', count: '<10', share: null });
    expect(cell(table.all, 'byLanguage', 'en')?.count).toBe('withheld');
    expect(cell(table.themes[1], 'byLanguage', 'en')).toEqual({ key: 'en', count: 'withheld', share: null });
    expect(cell(table.themes[0], 'byLanguage', 'en')).toEqual({ key: 'en', count: 20, share: null });
    const rows = [table.all, table.notCoded, ...table.themes];
    const sums: Array<[ReportCount, ReportCount[]]> = rows.flatMap((r) => [[r.total.count, r.byLanguage.map((c) => c.count)], [r.total.count, r.byEvent.map((c) => c.count)]] as Array<[ReportCount, ReportCount[]]>);
    table.all.byLanguage.forEach((c, i) => sums.push([c.count, [table.notCoded, ...table.themes].map((r) => r.byLanguage[i].count)]));
    expect(pencil(sums)).toBe(0);
    for (const count of everyCount(table)) expect(typeof count === 'number' ? count === 0 || count >= 10 : count === '<10' || count === 'withheld', String(count)).toBe(true);
  });

  it('answers only signed-in organisers, and 404 for an unknown engagement', async () => {
    expect((await fetch(server.url + WORKSPACE_API.checkResults(FIXTURE_SLUG))).status).toBe(401);
    expect((await fetch(server.url + WORKSPACE_API.themesByRoute(FIXTURE_SLUG))).status).toBe(401);
    expect((await owner.call('GET', WORKSPACE_API.checkResults('no-such-thing'))).status).toBe(404);
    expect((await owner.call('GET', WORKSPACE_API.themesByRoute('no-such-thing'))).status).toBe(404);
  });
});
