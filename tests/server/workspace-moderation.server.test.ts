import { afterAll, beforeAll, expect, it } from 'vitest';
import { WORKSPACE_API, type AuditEntry, type ModerationItem, type ModerationPage } from '../../src/shared/workspace-api';
import { answersOf, FIXTURE_SLUG, contribution, startServer, sync, type TestServer } from './helpers';
import { describeOnBothDatabases } from './backends';
import { signInOrganiser, type Organiser } from './workspace-client';

type Exported = { contributions: Array<{ id: string; phase: string; locale: string; event: string | null; answers: Array<{ prompt: string; value: unknown; hidden: boolean; hiddenReason: string | null }> }> };

describeOnBothDatabases('workspace moderation and exports', (backend) => {
  let server: TestServer;
  let owner: Organiser;
  const email = contribution({ answers: [{ prompt: 'ideas', text: 'Email me at sam@example.org about it' }, { prompt: 'feeling', scale: 2 }] });
  const abuse = contribution({ locale: 'cy', answers: [{ prompt: 'ideas', text: 'This is shit' }] });
  const clean = contribution({ channel: 'event', event: 'LIB-4821', createdAt: '2025-03-05T10:00:00.000Z', answers: [{ prompt: 'ideas', text: 'More evening clinics' }] });
  const vote = contribution({ phase: 'check', answers: [{ prompt: 'theme-1', vote: 'agree' }] });
  const spoken = contribution({ route: { easyRead: false, readAloud: false, assisted: false, audio: true }, answers: [{ prompt: 'ideas', audio: { id: '3b241101-e2bb-4255-8caf-4136c566a962', type: 'audio/webm;codecs=opus', seconds: 9 } }] });
  const queue = (status: string, before?: string) =>
    owner.json<ModerationPage>('GET', `${WORKSPACE_API.moderation(FIXTURE_SLUG)}?status=${status}${before ? `&before=${encodeURIComponent(before)}` : ''}`);

  beforeAll(async () => {
    server = await startServer({}, backend);
    owner = await signInOrganiser(server.url);
    const { body } = await sync(server.url, [email, abuse, clean, vote, spoken]);
    expect(body.receipts.every((r) => r.status === 'accepted')).toBe(true);
  });
  afterAll(async () => {
    await server.close();
  });

  it('queues new free-text and audio answers with automatic flags, and only those', async () => {
    const page = await queue('new');
    expect(page.counts).toEqual({ new: 4, hidden: 0, shown: 0 });
    const byId = new Map(page.items.map((i) => [i.contributionId, i]));
    expect(byId.get(email.id)).toMatchObject({ position: 0, prompt: 'ideas', kind: 'text', status: 'new', flags: ['email'], version: 2 });
    expect(byId.get(abuse.id)?.flags).toEqual(['abuse']);
    expect(byId.get(clean.id)?.flags).toEqual([]);
    expect(byId.get(spoken.id)).toMatchObject({ kind: 'audio', value: '3b241101-e2bb-4255-8caf-4136c566a962', flags: [] });
    expect(byId.has(vote.id)).toBe(false);
  });

  it('hides an answer with a reason, keeps it, logs who and why, and can show it again', async () => {
    const target = WORKSPACE_API.answerModeration(FIXTURE_SLUG, email.id, 0);
    const noReason = await owner.call('PUT', target, { action: 'hide', reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as { error: string }).error).toMatch(/^reason: say why/);
    expect((await owner.call('PUT', target, { action: 'delete' })).status).toBe(400);
    expect((await owner.call('PUT', WORKSPACE_API.answerModeration(FIXTURE_SLUG, email.id, 7), { action: 'show' })).status).toBe(404);
    expect((await owner.call('PUT', WORKSPACE_API.answerModeration(FIXTURE_SLUG, 'not-a-uuid', 0), { action: 'show' })).status).toBe(400);

    const hidden = await owner.json<ModerationItem>('PUT', target, { action: 'hide', reason: 'contains an e-mail address' });
    expect(hidden).toMatchObject({ status: 'hidden', reason: 'contains an e-mail address' });
    expect((await queue('new')).counts).toEqual({ new: 3, hidden: 1, shown: 0 });
    expect((await queue('hidden')).items.map((i) => i.contributionId)).toEqual([email.id]);
    expect(await answersOf(server.db, email.id)).toHaveLength(2);

    const csv = await (await owner.call('GET', WORKSPACE_API.contributionsCsv(FIXTURE_SLUG))).text();
    const lines = csv.split('\r\n');
    expect(lines.find((l) => l.startsWith(`${email.id},`) && l.includes(',ideas,'))).toMatch(/,yes,contains an e-mail address$/);
    expect(lines.find((l) => l.startsWith(`${email.id},`) && l.includes(',feeling,'))).toMatch(/,no,$/);
    const json = (await (await owner.call('GET', WORKSPACE_API.contributionsJson(FIXTURE_SLUG))).json()) as Exported;
    expect(json.contributions.find((c) => c.id === email.id)?.answers[0]).toMatchObject({ hidden: true, hiddenReason: 'contains an e-mail address' });

    const shown = await owner.json<ModerationItem>('PUT', target, { action: 'show', reason: 'address was the service’s own' });
    expect(shown.status).toBe('shown');
    const after = await (await owner.call('GET', WORKSPACE_API.contributionsCsv(FIXTURE_SLUG))).text();
    expect(after.split('\r\n').find((l) => l.startsWith(`${email.id},`) && l.includes(',ideas,'))).toMatch(/,no,$/);

    const log = await owner.json<AuditEntry[]>('GET', WORKSPACE_API.audit(FIXTURE_SLUG));
    expect(log.slice(0, 2).map((e) => [e.action, e.by, e.reason, e.target])).toEqual([
      ['show', 'organiser@example.org', 'address was the service’s own', `answer ${email.id}#0`],
      ['hide', 'organiser@example.org', 'contains an e-mail address', `answer ${email.id}#0`],
    ]);
  });

  it('pages through a long queue without losing or repeating an answer', async () => {
    const many = Array.from({ length: 53 }, (_, i) => contribution({ answers: [{ prompt: 'ideas', text: `idea ${i}` }] }));
    expect((await sync(server.url, many)).body.receipts.every((r) => r.status === 'accepted')).toBe(true);
    const first = await queue('all');
    expect(first.items).toHaveLength(50);
    expect(first.next).not.toBeNull();
    const second = await queue('all', first.next ?? '');
    expect(second.next).toBeNull();
    const keys = [...first.items, ...second.items].map((i) => `${i.contributionId}#${i.position}`);
    expect(new Set(keys).size).toBe(57);
    expect((await owner.call('GET', `${WORKSPACE_API.moderation(FIXTURE_SLUG)}?before=junk`)).status).toBe(400);
    expect((await owner.call('GET', `${WORKSPACE_API.moderation(FIXTURE_SLUG)}?status=gone`)).status).toBe(400);
  });

  it('filters both exports by phase, language, event and days, and refuses bad filters', async () => {
    const ids = async (query: string) =>
      ((await (await owner.call('GET', `${WORKSPACE_API.contributionsJson(FIXTURE_SLUG)}?${query}`)).json()) as Exported).contributions.map((c) => c.id);
    expect(await ids('phase=check')).toEqual([vote.id]);
    expect(await ids('language=cy')).toEqual([abuse.id]);
    expect(await ids('event=LIB-4821')).toEqual([clean.id]);
    expect(await ids('from=2025-03-05&to=2025-03-05')).toEqual([clean.id]);
    expect(await ids('to=2025-03-04')).not.toContain(clean.id);
    const csv = await (await owner.call('GET', `${WORKSPACE_API.contributionsCsv(FIXTURE_SLUG)}?phase=check`)).text();
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(2);
    for (const bad of ['from=yesterday', 'language=English', 'colour=red']) {
      const response = await owner.call('GET', `${WORKSPACE_API.contributionsCsv(FIXTURE_SLUG)}?${bad}`);
      expect(response.status, bad).toBe(400);
    }
  });
});
