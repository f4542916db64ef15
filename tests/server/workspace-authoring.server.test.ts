import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app';
import { API } from '../../src/shared/api';
import type { EngagementBundle } from '../../src/shared/engagement';
import { WORKSPACE_API, type DraftResponse, type Published, type VersionSummary, type WorkspaceEngagement } from '../../src/shared/workspace-api';
import { ADMIN, FIXTURE_FILE, FIXTURE_SLUG, contribution, startServer, sync, type TestServer } from './helpers';
import { describeOnBothDatabases } from './backends';
import { signInOrganiser, type Organiser } from './workspace-client';

const SLUG = 'bus-talk';

/** The second engagement as an organiser would build it: two prompts, Welsh, easy read, about you. */
function busTalk(draft: EngagementBundle): EngagementBundle {
  return {
    ...draft,
    languages: ['en', 'cy'],
    phases: [
      {
        ...draft.phases[0],
        prompts: [
          { id: 'ideas', kind: 'text', text: 'What would make the buses better?', required: true, picture: '1F68C' },
          {
            id: 'often', kind: 'choice', text: 'How often do you take the bus?', required: false, multiple: false, picture: '1F4C5',
            choices: [{ id: 'daily', label: 'Every day' }, { id: 'weekly', label: 'Every week' }, { id: 'rarely', label: 'Hardly ever' }],
          },
        ],
      },
    ],
    translations: { cy: { title: 'Sgwrs bysiau', phases: { conversation: { prompts: { ideas: { text: 'Beth fyddai’n gwella’r bysiau?' } } } } } },
    easyRead: { en: { title: 'Buses', intro: [{ text: 'We want to know what you think about buses.', picture: '1F68C' }] } },
    aboutYou: { questions: ['ageBand', 'disability', 'firstLanguage'] },
  };
}

describeOnBothDatabases('workspace authoring and versions', (backend) => {
  let server: TestServer;
  let owner: Organiser;
  beforeAll(async () => {
    server = await startServer({}, backend);
    owner = await signInOrganiser(server.url);
  });
  afterAll(async () => {
    await server.close();
  });

  it('makes a second engagement from the API alone: create, edit, preview, publish, then devices answer it', async () => {
    const created = await owner.json<WorkspaceEngagement>('POST', WORKSPACE_API.engagements, { slug: SLUG, title: 'Bus talk', organisation: 'Town council', intro: 'Tell us about buses. Answers are anonymous.' }, 201);
    expect(created).toMatchObject({ slug: SLUG, publishedVersion: null, draftChanged: true });
    expect((await owner.call('POST', WORKSPACE_API.engagements, { slug: SLUG, title: 'Again', organisation: 'O', intro: 'I' })).status).toBe(409);
    // Not public until published.
    expect((await fetch(server.url + API.engagement(SLUG))).status).toBe(404);

    const draft = await owner.json<DraftResponse>('GET', WORKSPACE_API.draft(SLUG));
    expect(draft.bundle.version).toBe(1);
    const edited = busTalk(draft.bundle);
    const saved = await owner.json<DraftResponse>('PUT', WORKSPACE_API.draft(SLUG), edited);
    expect(saved.bundle.phases[0].prompts.map((p) => p.id)).toEqual(['ideas', 'often']);
    expect(saved.bundle.translations.cy.title).toBe('Sgwrs bysiau');
    expect(saved.bundle.aboutYou).toEqual({ questions: ['ageBand', 'disability', 'firstLanguage'] });

    // The preview is the draft itself, readable with the organiser session only.
    expect((await fetch(server.url + WORKSPACE_API.draft(SLUG))).status).toBe(401);
    expect((await owner.json<DraftResponse>('GET', WORKSPACE_API.draft(SLUG))).bundle.easyRead.en.title).toBe('Buses');

    const published = await owner.json<Published>('POST', WORKSPACE_API.publish(SLUG), {});
    expect(published).toMatchObject({ slug: SLUG, version: 1 });
    const publicBundle = (await (await fetch(server.url + API.engagement(SLUG))).json()) as EngagementBundle;
    expect(publicBundle.version).toBe(1);
    expect(publicBundle.phases[0].prompts[1].id).toBe('often');
    expect(publicBundle.publicKey).toMatchObject({ kty: 'RSA', kid: expect.stringMatching(new RegExp(`^${SLUG}-`)) });
    const listed = (await (await fetch(server.url + API.engagements)).json()) as Array<{ slug: string }>;
    expect(listed.map((e) => e.slug)).toContain(SLUG);

    const answer = contribution({ engagement: SLUG, phase: 'conversation', version: 1, answers: [{ prompt: 'ideas', text: 'Later buses' }, { prompt: 'often', choices: ['weekly'] }] });
    expect((await sync(server.url, [answer])).body.receipts[0].status).toBe('accepted');

    const summary = await owner.json<WorkspaceEngagement>('GET', WORKSPACE_API.engagement(SLUG));
    expect(summary).toMatchObject({ publishedVersion: 1, draftChanged: false });
    const versions = await owner.json<VersionSummary[]>('GET', WORKSPACE_API.versions(SLUG));
    expect(versions.map((v) => [v.version, v.publishedBy])).toEqual([[1, 'organiser@example.org']]);
  });

  it('refuses a broken draft with a 400 that names the field, and keeps the saved draft', async () => {
    const { bundle } = await owner.json<DraftResponse>('GET', WORKSPACE_API.draft(FIXTURE_SLUG));
    const oneChoice = structuredClone(bundle);
    const where = oneChoice.phases[0].prompts[1];
    if (where.kind !== 'choice') throw new Error('fixture changed');
    where.choices = [where.choices[0]];
    const cases: Array<[unknown, RegExp]> = [
      [oneChoice, /^phases\.0\.prompts\.1\.choices: /],
      [{ ...bundle, title: '' }, /^title: /],
      [{ ...bundle, phases: [] }, /^phases: /],
      [{ ...bundle, slug: 'other-slug' }, /^slug: must stay 'fixture-talk'/],
      [{ ...bundle, phases: [bundle.phases[0], { ...bundle.phases[1], id: 'conversation' }] }, /^phases\.1\.id: 'conversation' is used twice/],
      [{ ...bundle, aboutYou: { questions: ['shoeSize'] } }, /^aboutYou\.questions\.0: /],
      [{ ...bundle, translations: { pl: { title: 'Rozmowa' } } }, /^translations\.pl: add 'pl' to languages first/],
      [{ ...bundle, languages: ['en', 'cy', 'en'] }, /^languages: a language is listed twice/],
      [{ ...bundle, phases: [{ ...bundle.phases[0], opensAt: 'next Tuesday' }, bundle.phases[1]] }, /^phases\.0\.opensAt: must be a date/],
      [{ ...bundle, phases: [{ ...bundle.phases[0], opensAt: '2026-03-01', closesAt: '2026-02-01' }, bundle.phases[1]] }, /^phases\.0\.closesAt: must be after opensAt/],
      ['not a bundle', /.+/],
    ];
    for (const [body, message] of cases) {
      const response = await owner.call('PUT', WORKSPACE_API.draft(FIXTURE_SLUG), body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(message);
    }
    const after = await owner.json<DraftResponse>('GET', WORKSPACE_API.draft(FIXTURE_SLUG));
    expect(after.draftChanged).toBe(false);
    expect(after.bundle.phases[0].prompts[1]).toEqual(bundle.phases[0].prompts[1]);
    expect((await owner.call('PUT', WORKSPACE_API.draft('no-such-thing'), bundle)).status).toBe(404);
    expect((await owner.call('POST', WORKSPACE_API.publish('no-such-thing'), {})).status).toBe(404);
  });

  it('stores and exports answers to the old and the new version after a published prompt is edited', async () => {
    // The seeded content is the first published version of ordinary data.
    expect((await owner.json<VersionSummary[]>('GET', WORKSPACE_API.versions(FIXTURE_SLUG))).map((v) => v.version)).toEqual([2]);
    const { bundle } = await owner.json<DraftResponse>('GET', WORKSPACE_API.draft(FIXTURE_SLUG));
    const where = bundle.phases[0].prompts[1];
    if (where.kind !== 'choice') throw new Error('fixture changed');
    where.text = 'Where would you go first?';
    where.choices = [{ id: 'library', label: 'Library' }, { id: 'pharmacy', label: 'Pharmacy' }];
    await owner.json('PUT', WORKSPACE_API.draft(FIXTURE_SLUG), bundle);
    expect((await owner.json<Published>('POST', WORKSPACE_API.publish(FIXTURE_SLUG), {})).version).toBe(3);
    expect(((await (await fetch(server.url + API.engagement(FIXTURE_SLUG))).json()) as EngagementBundle).version).toBe(3);

    const cachedOld = contribution({ version: 2, answers: [{ prompt: 'ideas', text: 'old device' }, { prompt: 'where', choices: ['gp'] }] });
    const current = contribution({ version: 3, answers: [{ prompt: 'ideas', text: 'new device' }, { prompt: 'where', choices: ['pharmacy'] }] });
    const noVersion = contribution({ version: undefined, answers: [{ prompt: 'where', choices: ['pharmacy'] }] });
    const staleChoice = contribution({ version: 3, answers: [{ prompt: 'where', choices: ['gp'] }] });
    const { body } = await sync(server.url, [cachedOld, current, noVersion, staleChoice]);
    expect(body.receipts.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'rejected']);
    expect(body.receipts[3].error).toMatch(/no choice 'gp'/);

    const csv = await (await owner.call('GET', WORKSPACE_API.contributionsCsv(FIXTURE_SLUG))).text();
    const lines = csv.split('\r\n');
    const header = lines[0].replace(/^\uFEFF/, '').split(',');
    const rowOf = (id: string, prompt: string) => lines.find((l) => l.startsWith(id) && l.includes(`,${prompt},`))?.split(',');
    expect(rowOf(cachedOld.id, 'where')?.[header.indexOf('version')]).toBe('2');
    expect(rowOf(cachedOld.id, 'where')?.[header.indexOf('answer')]).toBe('gp');
    expect(rowOf(current.id, 'where')?.[header.indexOf('version')]).toBe('3');
    expect(rowOf(noVersion.id, 'where')?.[header.indexOf('version')]).toBe('');

    const json = (await (await owner.call('GET', WORKSPACE_API.contributionsJson(FIXTURE_SLUG))).json()) as { contributions: Array<{ id: string; version: number | null }> };
    expect(json.contributions.find((c) => c.id === cachedOld.id)?.version).toBe(2);
    expect(json.contributions.find((c) => c.id === current.id)?.version).toBe(3);
    const versions = await owner.json<VersionSummary[]>('GET', WORKSPACE_API.versions(FIXTURE_SLUG));
    expect(versions.map((v) => v.version)).toEqual([3, 2]);
  });

  it('keeps published edits when the server restarts and seeds again, and logs who did what', async () => {
    const restarted = await buildServer({ db: server.db, seedFile: FIXTURE_FILE, admin: ADMIN, staticDir: join(tmpdir(), 'heard-no-dist') });
    try {
      const response = await restarted.inject({ method: 'GET', url: API.engagement(FIXTURE_SLUG) });
      expect((JSON.parse(response.body) as EngagementBundle).version).toBe(3);
    } finally {
      await restarted.close();
    }
    const again = await owner.json<WorkspaceEngagement>('GET', WORKSPACE_API.engagement(FIXTURE_SLUG));
    expect(again.publishedVersion).toBe(3);
    const audit = await owner.json<Array<{ action: string; by: string }>>('GET', WORKSPACE_API.audit(FIXTURE_SLUG));
    expect(audit.map((a) => a.action)).toEqual(['publish', 'edit-draft']);
    expect(audit.every((a) => a.by === 'organiser@example.org')).toBe(true);
  });
});
