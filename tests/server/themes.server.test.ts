import * as v from 'valibot';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { API } from '../../src/shared/api';
import { EngagementBundleSchema, type EngagementBundle, type Phase } from '../../src/shared/engagement';
import { receiptCode } from '../../src/shared/receipt-code';
import {
  CodingPageSchema, DraftResponseSchema, SuggestionsSchema, ThemeSchema, WORKSPACE_API, type CodingPage, type DraftResponse, type InvitationCreated,
  type SessionInfo, type Suggestions, type Theme,
} from '../../src/shared/workspace-api';
import { setRetention, sweepRetention } from '../../src/server/retention/retention';
import { describeOnBothDatabases } from './backends';
import { FIXTURE_SLUG, contribution, startServer, sync, type TestServer } from './helpers';
import { cookiesOf, organiserClient, signInOrganiser, type Organiser } from './workspace-client';

const S = FIXTURE_SLUG;
const text = (words: string, overrides: Parameters<typeof contribution>[0] = {}) => contribution({ answers: [{ prompt: 'ideas', text: words }], ...overrides });

// Three clear topics for the suggestion aid, worded differently each time.
const BUSES = [
  'The bus to the clinic only runs twice a day and the bus stop is far away',
  'More buses please, the bus route to the hospital was cut last year',
  'I cannot get there by bus, the buses are late and the bus fare is too high',
  'A bus that goes straight to the health centre would help, the bus takes hours',
];
const WAITING = [
  'Waiting weeks for an appointment, the waiting list is far too long',
  'The waiting time on the phone for an appointment is over an hour of waiting',
  'Shorter waiting lists and quicker appointments, waiting is making me worse',
  'Appointments should not mean waiting months, the waiting room is full too',
];
const INTERPRETERS = [
  'An interpreter at every appointment, my mum needs an interpreter for Punjabi',
  'Interpreters who speak my language, the interpreter did not turn up',
  'Leaflets in other languages and a trained interpreter on the phone line',
  'Please book an interpreter in advance, family should not have to interpret language',
];

describeOnBothDatabases('themes and theme coding', (backend) => {
  let server: TestServer;
  let owner: Organiser;
  let analyst: Organiser;
  const hiddenOne = text('Buses to the clinic are rare and the bus driver was rude, call 07700 900123');
  const multi = contribution({ answers: [{ prompt: 'ideas', text: 'Evening opening hours' }, { prompt: 'feeling', scale: 2 }] });
  const easy = text('Help on the phone', { route: { easyRead: true, readAloud: false, assisted: true, audio: false }, locale: 'cy', channel: 'event', event: 'LIB-4821' });
  const topical = [...BUSES, ...WAITING, ...INTERPRETERS].map((t) => text(t));
  const themes = () => owner.json<Theme[]>('GET', WORKSPACE_API.themes(S));
  const coding = (query = '') => owner.json<CodingPage>('GET', `${WORKSPACE_API.coding(S)}${query ? `?${query}` : ''}`);

  beforeAll(async () => {
    server = await startServer({}, backend);
    owner = await signInOrganiser(server.url);
    const { body } = await sync(server.url, [multi, easy, hiddenOne, ...topical]);
    expect(body.receipts.every((r) => r.status === 'accepted')).toBe(true);
    const invitation = await owner.json<InvitationCreated>('POST', WORKSPACE_API.invitations, { email: 'coder@example.org', role: 'analyst' }, 201);
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

  it('creates, lists, changes, orders and deletes themes, with slugs made from names', async () => {
    expect(await themes()).toEqual([]);
    const access = await owner.json<Theme>('POST', WORKSPACE_API.themes(S), { name: 'Getting there: buses & trains', summary: 'Travel to services', picture: '1f68c' }, 201);
    expect(v.safeParse(ThemeSchema, access).success).toBe(true);
    expect(access).toMatchObject({ slug: 'getting-there-buses-trains', name: 'Getting there: buses & trains', summary: 'Travel to services', picture: '1F68C', position: 0, count: 0 });
    const waits = await owner.json<Theme>('POST', WORKSPACE_API.themes(S), { name: 'Waiting times', names: { cy: { name: 'Amseroedd aros', summary: '' } } }, 201);
    expect(waits).toMatchObject({ position: 1, summary: null, picture: null, names: { cy: { name: 'Amseroedd aros' } } });
    expect(waits.names.cy).not.toHaveProperty('summary');

    const same = await owner.call('POST', WORKSPACE_API.themes(S), { name: ' waiting TIMES ' });
    expect(same.status).toBe(409);
    expect(((await same.json()) as { error: string }).error).toMatch(/already a theme called 'Waiting times'/);
    for (const [body, message] of [
      [{ name: '   ' }, /^name: is required/],
      [{ name: 'Ok', picture: 'a bus' }, /^picture: must be an OpenMoji code/],
      [{ name: 'Ok', colour: 'red' }, /^colour: unknown field/],
      [{ name: 'Ok', names: { English: { name: 'x' } } }, /^names\.English: must be a language code/],
      [{ name: 'x'.repeat(121) }, /^name: must be at most 120/],
    ] as const) {
      const response = await owner.call('POST', WORKSPACE_API.themes(S), body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(message);
    }

    const renamed = await owner.json<Theme>('PUT', WORKSPACE_API.theme(S, access.id), {
      name: 'Transport',
      summary: 'Getting to services',
      picture: '1F68C',
      names: { cy: { name: 'Trafnidiaeth', summary: 'Cyrraedd gwasanaethau' } },
      easyRead: { en: { name: 'Buses', summary: 'Getting there is hard.', picture: '1F68D' }, cy: { name: 'Bysiau' } },
    });
    // The slug stays: devices may already hold a card with it.
    expect(renamed).toMatchObject({ slug: 'getting-there-buses-trains', name: 'Transport', easyRead: { en: { name: 'Buses', picture: '1F68D' }, cy: { name: 'Bysiau' } } });
    expect((await owner.call('PUT', WORKSPACE_API.theme(S, 'no-such-theme'), { name: 'X' })).status).toBe(404);
    expect((await owner.call('PUT', WORKSPACE_API.theme(S, waits.id), { name: 'transport' })).status).toBe(409);
    expect((await owner.call('GET', WORKSPACE_API.themes('no-such-talk'))).status).toBe(404);

    const spare = await owner.json<Theme>('POST', WORKSPACE_API.themes(S), { name: 'Spare' }, 201);
    const order = await owner.json<Theme[]>('PUT', WORKSPACE_API.themeOrder(S), { ids: [waits.id, spare.id, access.id] });
    expect(order.map((t) => [t.name, t.position])).toEqual([['Waiting times', 0], ['Spare', 1], ['Transport', 2]]);
    const short = await owner.call('PUT', WORKSPACE_API.themeOrder(S), { ids: [waits.id, access.id] });
    expect(short.status).toBe(400);
    expect(((await short.json()) as { error: string }).error).toMatch(/^ids: must list each of the 3 themes exactly once/);
    expect((await owner.call('PUT', WORKSPACE_API.themeOrder(S), { ids: [waits.id, waits.id, access.id] })).status).toBe(400);

    await owner.json('PUT', WORKSPACE_API.contributionThemes(S, multi.id), { themes: [spare.id] });
    expect((await owner.call('DELETE', WORKSPACE_API.theme(S, spare.id))).status).toBe(204);
    expect((await owner.call('DELETE', WORKSPACE_API.theme(S, spare.id))).status).toBe(404);
    expect(await server.db.kysely.selectFrom('contribution_themes').selectAll().where('theme_id', '=', spare.id).execute()).toEqual([]);
    expect((await themes()).map((t) => t.name)).toEqual(['Waiting times', 'Transport']);
    const log = await owner.json<Array<{ action: string; target: string }>>('GET', WORKSPACE_API.audit(S));
    expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(['create theme', 'change theme', 'reorder themes', 'delete theme']));
  });

  it('lists free-text answers to code with their question, route, event and state, and filters them', async () => {
    const all = v.parse(CodingPageSchema, await coding('filter=all'));
    // One free-text answer per contribution here; scale answers are not listed.
    expect(all.counts).toEqual({ all: 15, untagged: 15 });
    expect(all.total).toBe(15);
    const item = all.items.find((i) => i.contributionId === easy.id);
    expect(item).toEqual({
      contributionId: easy.id, position: 0, phase: 'conversation', prompt: 'ideas', promptText: 'What would help?', text: 'Help on the phone', locale: 'cy',
      route: { easyRead: true, readAloud: false, assisted: true, audio: false }, event: 'LIB-4821', hidden: false, themes: [], publishable: false,
    });
    expect(all.items.some((i) => i.contributionId === multi.id && i.position === 1)).toBe(false);
    // What the list can be narrowed to: each question with free-text answers, as worded when answered.
    expect(all.questions).toEqual([{ phase: 'conversation', prompt: 'ideas', text: 'What would help?', count: 15 }]);
    const none = await coding('phase=check');
    expect([none.total, none.counts.all]).toEqual([0, 0]);
    expect(none.questions).toEqual(all.questions);
    expect((await coding('prompt=ideas')).total).toBe(15);
    for (const bad of ['filter=some', 'offset=-1', 'phase=Not%20a%20slug', 'filter=theme&theme=nope', 'colour=red']) {
      expect((await owner.call('GET', `${WORKSPACE_API.coding(S)}?${bad}`)).status, bad).toBe(400);
    }
  });

  it('replaces a contribution’s themes, storing its receipt code beside each, for owners and analysts', async () => {
    const [waits, transport] = await themes();
    const set = await analyst.json<{ themes: string[] }>('PUT', WORKSPACE_API.contributionThemes(S, easy.id), { themes: [transport.id, waits.id] });
    expect(set.themes.sort()).toEqual([transport.id, waits.id].sort());
    const rows = await server.db.kysely.selectFrom('contribution_themes').selectAll().where('contribution_id', '=', easy.id).execute();
    expect(rows.map((r) => r.receipt_code)).toEqual([await receiptCode(easy.id), await receiptCode(easy.id)]);

    const replaced = await owner.json<{ themes: string[] }>('PUT', WORKSPACE_API.contributionThemes(S, easy.id), { themes: [transport.id] });
    expect(replaced.themes).toEqual([transport.id]);
    const page = await coding(`filter=theme&theme=${transport.id}`);
    expect(page.items.map((i) => i.contributionId)).toEqual([easy.id]);
    expect(page.items[0].themes).toEqual([transport.id]);
    expect((await coding(`filter=theme&theme=${waits.id}`)).total).toBe(0);
    expect((await coding('filter=untagged')).items.map((i) => i.contributionId)).not.toContain(easy.id);
    expect((await coding()).counts).toEqual({ all: 15, untagged: 14 });
    expect((await themes()).find((t) => t.id === transport.id)?.count).toBe(1);

    expect((await owner.call('PUT', WORKSPACE_API.contributionThemes(S, '0f8fad5b-d9cb-469f-a165-70867728950e'), { themes: [] })).status).toBe(404);
    expect((await owner.call('PUT', WORKSPACE_API.contributionThemes(S, 'not-an-id'), { themes: [] })).status).toBe(400);
    const foreign = await owner.call('PUT', WORKSPACE_API.contributionThemes(S, easy.id), { themes: ['someone-elses-theme'] });
    expect(foreign.status).toBe(400);
    expect(((await foreign.json()) as { error: string }).error).toMatch(/^themes: no theme 'someone-elses-theme'/);
    expect((await owner.call('PUT', WORKSPACE_API.contributionThemes(S, easy.id), { themes: 'all' })).status).toBe(400);

    const cleared = await owner.json<{ themes: string[] }>('PUT', WORKSPACE_API.contributionThemes(S, easy.id), { themes: [] });
    expect(cleared.themes).toEqual([]);
    expect((await coding()).counts.untagged).toBe(15);
    const log = await owner.json<Array<{ action: string; by: string; target: string }>>('GET', WORKSPACE_API.audit(S));
    expect(log.find((e) => e.action === 'code' && e.by === 'coder@example.org')?.target).toBe(`contribution ${easy.id}`);
  });

  it('keeps analysts to coding: they cannot define themes, accept suggestions or send cards', async () => {
    const [waits] = await themes();
    const refused: Array<[string, string, unknown]> = [
      ['POST', WORKSPACE_API.themes(S), { name: 'Analyst theme' }],
      ['PUT', WORKSPACE_API.theme(S, waits.id), { name: 'Renamed' }],
      ['DELETE', WORKSPACE_API.theme(S, waits.id), undefined],
      ['PUT', WORKSPACE_API.themeOrder(S), { ids: [] }],
      ['POST', WORKSPACE_API.acceptSuggestion(S), { name: 'X', members: [easy.id] }],
      ['POST', WORKSPACE_API.crowdsourceSnapshot(S), { phase: 'crowd' }],
    ];
    for (const [method, path, body] of refused) expect((await analyst.call(method, path, body)).status, `${method} ${path}`).toBe(403);
    expect((await themes()).map((t) => t.name)).toEqual(['Waiting times', 'Transport']);
    // Without the CSRF token nobody codes.
    expect((await analyst.call('PUT', WORKSPACE_API.contributionThemes(S, easy.id), { themes: [waits.id] }, { csrf: false })).status).toBe(403);
    expect((await owner.call('PUT', WORKSPACE_API.quote(S, easy.id, 0), { publishable: true }, { csrf: false })).status).toBe(403);
    expect((await fetch(server.url + WORKSPACE_API.coding(S))).status).toBe(401);
  });

  it('marks quotes publishable, but never a hidden answer', async () => {
    const mark = await analyst.json<{ publishable: boolean }>('PUT', WORKSPACE_API.quote(S, easy.id, 0), { publishable: true });
    expect(mark).toEqual({ contributionId: easy.id, position: 0, publishable: true });
    expect((await coding()).items.find((i) => i.contributionId === easy.id)?.publishable).toBe(true);

    await owner.json('PUT', WORKSPACE_API.answerModeration(S, hiddenOne.id, 0), { action: 'hide', reason: 'phone number' });
    const refused = await owner.call('PUT', WORKSPACE_API.quote(S, hiddenOne.id, 0), { publishable: true });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toMatch(/hidden by moderation/);
    // Un-marking a hidden answer is always fine.
    expect((await owner.json<{ publishable: boolean }>('PUT', WORKSPACE_API.quote(S, hiddenOne.id, 0), { publishable: false })).publishable).toBe(false);
    expect((await coding()).items.find((i) => i.contributionId === hiddenOne.id)).toMatchObject({ hidden: true, publishable: false });

    expect((await owner.call('PUT', WORKSPACE_API.quote(S, multi.id, 1), { publishable: true })).status).toBe(404);
    expect((await owner.call('PUT', WORKSPACE_API.quote(S, easy.id, 0), { publishable: 'yes' })).status).toBe(400);
  });

  it('suggests groups of untagged, visible answers with their texts, and accepting one codes its members', async () => {
    const [waits] = await themes();
    await owner.json('PUT', WORKSPACE_API.contributionThemes(S, topical[4].id), { themes: [waits.id] });
    const suggestions = v.parse(SuggestionsSchema, await analyst.json<Suggestions>('POST', WORKSPACE_API.suggestions(S), {}));
    // The hidden answer and the coded one are not offered.
    expect(suggestions.considered).toBe(13);
    expect(suggestions.capped).toBe(false);
    const members = suggestions.groups.flatMap((g) => g.members.map((m) => m.contributionId));
    expect(members).not.toContain(hiddenOne.id);
    expect(members).not.toContain(topical[4].id);
    const interpreters = suggestions.groups.find((g) => g.members.some((m) => m.text === INTERPRETERS[0]));
    expect(interpreters, JSON.stringify(suggestions.groups.map((g) => g.name))).toBeDefined();
    expect(interpreters!.words.length).toBeGreaterThan(0);
    expect(interpreters!.members.every((m) => INTERPRETERS.includes(m.text))).toBe(true);
    expect(interpreters!.members.length).toBeGreaterThanOrEqual(3);
    expect(suggestions.groups.every((g) => g.members.every((m) => m.position === 0 && m.locale === (m.contributionId === easy.id ? 'cy' : 'en')))).toBe(true);
    expect((await owner.call('POST', WORKSPACE_API.suggestions(S), { colour: 'red' })).status).toBe(400);

    const accepted = await owner.json<Theme>('POST', WORKSPACE_API.acceptSuggestion(S), { name: 'Language support', members: interpreters!.members.map((m) => m.contributionId) }, 201);
    expect(accepted).toMatchObject({ name: 'Language support', slug: 'language-support', count: interpreters!.members.length });
    expect((await themes()).at(-1)?.id).toBe(accepted.id);
    const coded = await coding(`filter=theme&theme=${accepted.id}`);
    expect(coded.items.map((i) => i.text).sort()).toEqual(interpreters!.members.map((m) => m.text).sort());
    const codes = await server.db.kysely.selectFrom('contribution_themes').select(['contribution_id', 'receipt_code']).where('theme_id', '=', accepted.id).execute();
    for (const row of codes) expect(row.receipt_code).toBe(await receiptCode(row.contribution_id));

    expect((await owner.call('POST', WORKSPACE_API.acceptSuggestion(S), { name: 'language SUPPORT', members: [easy.id] })).status).toBe(409);
    const stranger = await owner.call('POST', WORKSPACE_API.acceptSuggestion(S), { name: 'Strangers', members: ['0f8fad5b-d9cb-469f-a165-70867728950e'] });
    expect(stranger.status).toBe(404);
    // Nothing of a refused acceptance stays behind.
    expect((await themes()).map((t) => t.name)).toEqual(['Waiting times', 'Transport', 'Language support']);
    expect((await owner.call('POST', WORKSPACE_API.acceptSuggestion(S), { name: 'Empty', members: [] })).status).toBe(400);
  });

  it('sends the themes to a crowdsource phase as cards in the draft, with publishable, visible quotes only', async () => {
    const [waits, transport, language] = await themes();
    const { bundle } = await owner.json<DraftResponse>('GET', WORKSPACE_API.draft(S));
    const crowd: Phase = {
      id: 'crowd', kind: 'crowdsource', title: 'Professionals', intro: 'What people told us.', audience: 'professionals',
      prompts: [
        { id: 'theme-old', kind: 'vote', text: 'An old card', required: false, theme: 'old' },
        { id: 'own-ideas', kind: 'text', text: 'Add your own ideas', required: false },
      ],
    };
    const withPhase: EngagementBundle = { ...bundle, phases: [...bundle.phases, crowd], translations: { ...bundle.translations, cy: { ...bundle.translations.cy, phases: { crowd: { prompts: { 'theme-old': { text: 'Hen gerdyn' }, 'own-ideas': { text: 'Eich syniadau' } } } } } } };
    await owner.json('PUT', WORKSPACE_API.draft(S), withPhase);

    // Transport: one publishable visible quote, one publishable but then hidden, one visible but not marked.
    const [bus1, bus2, bus3] = topical;
    await owner.json('PUT', WORKSPACE_API.contributionThemes(S, bus1.id), { themes: [transport.id] });
    await owner.json('PUT', WORKSPACE_API.contributionThemes(S, bus2.id), { themes: [transport.id] });
    await owner.json('PUT', WORKSPACE_API.contributionThemes(S, bus3.id), { themes: [transport.id] });
    await owner.json('PUT', WORKSPACE_API.quote(S, bus1.id, 0), { publishable: true });
    await owner.json('PUT', WORKSPACE_API.quote(S, bus2.id, 0), { publishable: true });
    await owner.json('PUT', WORKSPACE_API.answerModeration(S, bus2.id, 0), { action: 'hide', reason: 'names a driver' });
    // Language support: four publishable quotes, of which a card shows three.
    for (const item of topical.slice(8)) {
      await owner.json('PUT', WORKSPACE_API.contributionThemes(S, item.id), { themes: [language.id] });
      await owner.json('PUT', WORKSPACE_API.quote(S, item.id, 0), { publishable: true });
    }

    expect((await owner.call('POST', WORKSPACE_API.crowdsourceSnapshot(S), { phase: 'conversation' })).status).toBe(400);
    expect((await owner.call('POST', WORKSPACE_API.crowdsourceSnapshot(S), { phase: 'nowhere' })).status).toBe(404);
    expect((await owner.call('POST', WORKSPACE_API.crowdsourceSnapshot(S), {})).status).toBe(400);

    const draft = v.parse(DraftResponseSchema, await owner.json<unknown>('POST', WORKSPACE_API.crowdsourceSnapshot(S), { phase: 'crowd' }));
    expect(v.safeParse(EngagementBundleSchema, draft.bundle).success).toBe(true);
    const phase = draft.bundle.phases.find((p) => p.id === 'crowd')!;
    expect(phase.prompts.map((p) => p.id)).toEqual([`theme-${waits.slug}`, `theme-${transport.slug}`, `theme-${language.slug}`, 'own-ideas']);
    const card = (id: string) => phase.prompts.find((p) => p.id === id) as Extract<Phase['prompts'][number], { kind: 'vote' }>;
    expect(card(`theme-${transport.slug}`)).toEqual({
      id: `theme-${transport.slug}`, kind: 'vote', text: 'Transport', hint: 'Getting to services', required: false, picture: '1F68C',
      theme: transport.slug, comment: true, quotes: [{ text: BUSES[0], locale: 'en' }],
    });
    expect(card(`theme-${language.slug}`).quotes).toHaveLength(3);
    expect(card(`theme-${language.slug}`).quotes!.every((q) => INTERPRETERS.includes(q.text))).toBe(true);
    expect(card(`theme-${waits.slug}`)).not.toHaveProperty('quotes');
    expect(draft.bundle.translations.cy.phases!.crowd.prompts).toEqual({
      'own-ideas': { text: 'Eich syniadau' },
      [`theme-${waits.slug}`]: { text: 'Amseroedd aros' },
      [`theme-${transport.slug}`]: { text: 'Trafnidiaeth', hint: 'Cyrraedd gwasanaethau' },
    });
    expect(draft.bundle.easyRead.en.phases!.crowd.prompts).toEqual({
      [`theme-${transport.slug}`]: { text: 'Buses', hint: [{ text: 'Getting there is hard.', picture: '1F68D' }] },
    });
    expect(draft.bundle.easyRead.cy.phases!.crowd.prompts).toEqual({ [`theme-${transport.slug}`]: { text: 'Bysiau' } });
    expect(draft.draftChanged).toBe(true);

    // Sending again after a theme goes replaces the cards rather than adding to them.
    expect((await owner.call('DELETE', WORKSPACE_API.theme(S, waits.id))).status).toBe(204);
    const again = await owner.json<DraftResponse>('POST', WORKSPACE_API.crowdsourceSnapshot(S), { phase: 'crowd' });
    expect(again.bundle.phases.find((p) => p.id === 'crowd')!.prompts.map((p) => p.id)).toEqual([`theme-${transport.slug}`, `theme-${language.slug}`, 'own-ideas']);
    expect(Object.keys(again.bundle.translations.cy.phases!.crowd.prompts!)).not.toContain(`theme-${waits.slug}`);
    // The published version is untouched until the organiser publishes.
    const published = (await (await fetch(server.url + API.engagement(S))).json()) as EngagementBundle;
    expect(published.phases.some((p) => p.id === 'crowd')).toBe(false);
  });

  it('erases coding and quote marks with the contributions when the retention day is over', async () => {
    const before = await server.db.kysely.selectFrom('contribution_themes').select('contribution_id').execute();
    expect(before.length).toBeGreaterThan(0);
    expect((await server.db.kysely.selectFrom('quotes').select('contribution_id').execute()).length).toBeGreaterThan(0);
    await setRetention(server.db.kysely, S, new Date().toISOString().slice(0, 10));
    await sweepRetention(server.db.kysely, new Date(Date.now() + 86_400_000));
    expect(await server.db.kysely.selectFrom('contribution_themes').selectAll().execute()).toEqual([]);
    expect(await server.db.kysely.selectFrom('quotes').selectAll().execute()).toEqual([]);
    // Themes themselves are the organisers' work, not participants' words: they stay, now empty.
    expect((await themes()).map((t) => t.count)).toEqual([0, 0]);
    expect((await coding()).total).toBe(0);
  });
});
