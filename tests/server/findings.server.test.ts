import * as v from 'valibot';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FINDINGS_API, FindingsPageSchema, type FindingsPage, type ReceiptLookup } from '../../src/shared/findings';
import { receiptCode } from '../../src/shared/receipt-code';
import {
  WORKSPACE_API, type FindingsDraft, type FindingsPreview, type FindingsWorkspace, type InvitationCreated, type Published, type SessionInfo, type Theme,
} from '../../src/shared/workspace-api';
import { setRetention, sweepRetention } from '../../src/server/retention/retention';
import { describeOnBothDatabases } from './backends';
import { FIXTURE_SLUG, contribution, startServer, sync, type TestServer } from './helpers';
import { cookiesOf, organiserClient, signInOrganiser, type Organiser } from './workspace-client';

const S = FIXTURE_SLUG;
const text = (words: string, overrides: Parameters<typeof contribution>[0] = {}) => contribution({ answers: [{ prompt: 'ideas', text: words }], ...overrides });
const errorOf = async (response: Response) => ((await response.json()) as { error: string }).error;

describeOnBothDatabases('"you said, we heard": draft, publish, public page and receipt codes', (backend) => {
  let server: TestServer;
  let owner: Organiser;
  let analyst: Organiser;
  let buses: Theme;
  let waiting: Theme;
  let unpublished: Theme;
  // Twelve about buses (one also about waiting), three about waiting only, one about something
  // never published, one never coded.
  const busTexts = Array.from({ length: 12 }, (_, i) => text(`Bus story number ${i}: the bus to the clinic is late`));
  const quoted = text('The bus stop should be right outside the surgery', { locale: 'cy' });
  const hiddenQuote = text('Bus driver Sam Jones on route 7 was rude to me');
  const notMarked = text('Private words about buses nobody marked for publishing');
  const both = busTexts[0];
  const waits = [text('Waiting weeks for an appointment'), text('The waiting room is always full'), text('Waiting on the phone for an hour')];
  const other = text('Something about parking that is never published');
  const uncoded = text('Nobody has read this one yet');
  const page = () => fetch(server.url + FINDINGS_API.findings(S));
  const lookup = (code: string) => fetch(server.url + FINDINGS_API.receipt(S, code));

  beforeAll(async () => {
    server = await startServer({}, backend);
    owner = await signInOrganiser(server.url);
    const { body } = await sync(server.url, [...busTexts, quoted, hiddenQuote, notMarked, ...waits, other, uncoded]);
    expect(body.receipts.every((r) => r.status === 'accepted')).toBe(true);
    const invitation = await owner.json<InvitationCreated>('POST', WORKSPACE_API.invitations, { email: 'reader@example.org', role: 'analyst' }, 201);
    const accepted = await fetch(server.url + WORKSPACE_API.acceptInvitation, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: invitation.token, password: 'a long analyst passphrase' }),
    });
    analyst = organiserClient(server.url, cookiesOf(accepted), (await accepted.json()) as SessionInfo);

    // Themes and coding through the coding API, as organisers do it.
    buses = await owner.json<Theme>('POST', WORKSPACE_API.themes(S), {
      name: 'Getting there by bus',
      summary: 'Buses to services are rare and late',
      picture: '1F68C',
      names: { cy: { name: 'Cyrraedd ar fws' } },
      easyRead: { en: { name: 'Buses', picture: '1F68C' }, cy: { name: 'Bysiau' } },
    }, 201);
    waiting = await owner.json<Theme>('POST', WORKSPACE_API.themes(S), { name: 'Waiting times' }, 201);
    unpublished = await owner.json<Theme>('POST', WORKSPACE_API.themes(S), { name: 'Parking' }, 201);
    const code = (id: string, themes: string[]) => owner.json('PUT', WORKSPACE_API.contributionThemes(S, id), { themes });
    for (const c of [...busTexts.slice(1), quoted, hiddenQuote, notMarked]) await code(c.id, [buses.id]);
    await code(both.id, [waiting.id, buses.id]);
    for (const c of waits) await code(c.id, [waiting.id]);
    await code(other.id, [unpublished.id]);
    for (const c of [quoted, hiddenQuote]) await owner.json('PUT', WORKSPACE_API.quote(S, c.id, 0), { publishable: true });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers 404 with a clear message before anything is published, for the page and for codes', async () => {
    const response = await page();
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toBe(`no 'you said, we heard' page has been published for '${S}' yet`);
    const code = await lookup(await receiptCode(quoted.id));
    expect(code.status).toBe(404);
    expect(await errorOf(code)).toMatch(/no 'you said, we heard' page has been published/);
    expect((await fetch(server.url + FINDINGS_API.findings('no-such-thing'))).status).toBe(404);
    // The start page asks with HEAD whether to link to the page.
    expect((await fetch(server.url + FINDINGS_API.findings(S), { method: 'HEAD' })).status).toBe(404);
  });

  it('offers every theme with its suppressed count and only publishable, visible quotes coded to it', async () => {
    const view = await owner.json<FindingsWorkspace>('GET', WORKSPACE_API.findings(S));
    expect(view.draft).toEqual({ intro: '', next: '', translations: {}, easyRead: {}, themes: [] });
    expect(view.updatedAt).toBeNull();
    expect(view.languages).toEqual(['en', 'cy']);
    expect(view.versions).toEqual([]);
    const byId = new Map(view.themes.map((t) => [t.id, t]));
    expect(byId.get(buses.id)).toMatchObject({ name: 'Getting there by bus', count: 15, namedIn: ['cy'], easyReadIn: ['en', 'cy'], picture: '1F68C' });
    expect(byId.get(waiting.id)?.count).toBe('<10');
    expect(byId.get(unpublished.id)?.count).toBe('<10');
    // Oldest first; stored times are to the minute, so the order within a minute is not asserted.
    expect(byId.get(buses.id)?.quotes.map((q) => [q.contribution, q.text, q.locale]).sort()).toEqual([
      [quoted.id, 'The bus stop should be right outside the surgery', 'cy'],
      [hiddenQuote.id, 'Bus driver Sam Jones on route 7 was rude to me', 'en'],
    ].sort());
    // Hidden by moderation: no longer quotable anywhere.
    await owner.json('PUT', WORKSPACE_API.answerModeration(S, hiddenQuote.id, 0), { action: 'hide', reason: 'names a member of staff' });
    const after = await owner.json<FindingsWorkspace>('GET', WORKSPACE_API.findings(S));
    expect(after.themes.find((t) => t.id === buses.id)?.quotes.map((q) => q.contribution)).toEqual([quoted.id]);
    expect(after.themes.find((t) => t.id === waiting.id)?.quotes).toEqual([]);
    expect((await owner.call('GET', WORKSPACE_API.findings('no-such-thing'))).status).toBe(404);
  });

  it('refuses drafts naming other themes or quotes that may not be published, and lets only owners save', async () => {
    const base: FindingsDraft = { intro: 'Intro', next: 'Next', translations: {}, easyRead: {}, themes: [] };
    const cases: Array<[unknown, RegExp]> = [
      [{ ...base, themes: [{ id: 'not-a-theme', quotes: [] }] }, /^themes\.0\.id: no theme 'not-a-theme'/],
      [{ ...base, themes: [{ id: buses.id, quotes: [{ contribution: hiddenQuote.id, position: 0 }] }] }, /^themes\.0\.quotes\.0: answer .* is not a publishable, visible answer/],
      [{ ...base, themes: [{ id: buses.id, quotes: [{ contribution: notMarked.id, position: 0 }] }] }, /not a publishable, visible answer/],
      [{ ...base, themes: [{ id: waiting.id, quotes: [{ contribution: quoted.id, position: 0 }] }] }, /not a publishable, visible answer coded to this theme/],
      [{ ...base, themes: [{ id: buses.id, quotes: [] }, { id: buses.id, quotes: [] }] }, /chosen twice/],
      [{ ...base, surprise: 1 }, /surprise: unknown field/],
      [{ ...base, translations: { cy: { intro: 5 } } }, /^translations\.cy\.intro: must be a string/],
      [{ ...base, easyRead: { en: { intro: [{ text: 'Hi', picture: 'a bus' }] } } }, /^easyRead\.en\.intro\.0\.picture/],
    ];
    for (const [body, message] of cases) {
      const response = await owner.call('PUT', WORKSPACE_API.findingsDraft(S), body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await errorOf(response)).toMatch(message);
    }
    expect((await analyst.call('PUT', WORKSPACE_API.findingsDraft(S), base)).status).toBe(403);
    expect((await owner.call('PUT', WORKSPACE_API.findingsDraft(S), base, { csrf: false })).status).toBe(403);
    expect((await analyst.call('POST', WORKSPACE_API.findingsPublish(S), {})).status).toBe(403);
    // Analysts may read.
    expect((await analyst.call('GET', WORKSPACE_API.findings(S))).status).toBe(200);
  });

  it('says what is missing before a draft can be previewed or published', async () => {
    const preview = await owner.json<FindingsPreview>('GET', WORKSPACE_API.findingsPreview(S));
    expect(preview).toEqual({ page: null, problems: ['intro: write what the page is about', 'next: write what happens next', 'themes: choose at least one theme'] });
    const publish = await owner.call('POST', WORKSPACE_API.findingsPublish(S), {});
    expect(publish.status).toBe(409);
    expect(await errorOf(publish)).toBe('intro: write what the page is about; next: write what happens next; themes: choose at least one theme');
    expect((await page()).status).toBe(404);
  });

  it('publishes an immutable version the public can fetch with an ETag, with suppressed counts and nothing unpublished', async () => {
    const draft: FindingsDraft = {
      intro: 'We read every answer and grouped them into themes.',
      next: 'The strategy board meets in June to decide what to change.',
      translations: { cy: { intro: 'Darllenon ni bob ateb.', next: '' } },
      easyRead: { en: { intro: [{ text: 'We read all your answers.', picture: '1F4D6' }], next: [{ text: 'In June we will decide what to change.', picture: '1F4C5' }] } },
      themes: [
        { id: buses.id, quotes: [{ contribution: quoted.id, position: 0 }] },
        { id: waiting.id, quotes: [] },
      ],
    };
    const saved = await owner.json<FindingsWorkspace>('PUT', WORKSPACE_API.findingsDraft(S), draft);
    expect(saved.draft).toEqual(draft);
    expect(saved.updatedAt).not.toBeNull();

    const { page: preview } = await owner.json<FindingsPreview>('GET', WORKSPACE_API.findingsPreview(S));
    expect(preview?.version).toBe(1);
    expect((await page()).status).toBe(404);

    const published = await owner.json<Published>('POST', WORKSPACE_API.findingsPublish(S), {}, 201);
    expect(published).toMatchObject({ slug: S, version: 1 });

    const response = await page();
    expect(response.status).toBe(200);
    const etag = response.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const body = await response.text();
    const served = JSON.parse(body) as FindingsPage;
    expect(v.safeParse(FindingsPageSchema, served).success).toBe(true);
    expect(served).toMatchObject({
      engagement: S,
      version: 1,
      publishedAt: published.publishedAt,
      languages: ['en', 'cy'],
      title: 'Fixture talk',
      intro: draft.intro,
      next: draft.next,
      translations: { cy: { intro: 'Darllenon ni bob ateb.' } },
      easyRead: { en: { intro: draft.easyRead.en?.intro, next: draft.easyRead.en?.next } },
    });
    expect(served.translations.cy).not.toHaveProperty('next');
    expect(served.themes.map((t) => [t.id, t.name, t.count])).toEqual([
      [buses.id, 'Getting there by bus', 15],
      [waiting.id, 'Waiting times', '<10'],
    ]);
    expect(served.themes[0]).toMatchObject({
      summary: 'Buses to services are rare and late',
      picture: '1F68C',
      names: { cy: { name: 'Cyrraedd ar fws' } },
      easyRead: { en: { name: 'Buses', picture: '1F68C' }, cy: { name: 'Bysiau' } },
      quotes: [{ text: 'The bus stop should be right outside the surgery', locale: 'cy' }],
    });
    // No one's words but the chosen quote, no theme that was not chosen, no ids of contributions.
    for (const c of [hiddenQuote, notMarked, other, uncoded, ...busTexts, ...waits]) {
      const words = c.answers[0] && 'text' in c.answers[0] ? c.answers[0].text : '';
      expect(body).not.toContain(words);
      expect(body).not.toContain(c.id);
    }
    expect(body).not.toContain('Parking');

    const again = await fetch(server.url + FINDINGS_API.findings(S), { headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
    const head = await fetch(server.url + FINDINGS_API.findings(S), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
  });

  it('keeps each published version as it was and serves the newest after republishing', async () => {
    const first = await (await page()).text();
    const firstTag = (await page()).headers.get('etag');
    // Unmarked since: gone from the next version, never from the first.
    await owner.json('PUT', WORKSPACE_API.quote(S, quoted.id, 0), { publishable: false });
    const { page: preview } = await owner.json<FindingsPreview>('GET', WORKSPACE_API.findingsPreview(S));
    expect(preview?.version).toBe(2);
    expect(preview?.themes[0]?.quotes).toEqual([]);
    expect(await (await page()).text()).toBe(first);

    await owner.json<Published>('POST', WORKSPACE_API.findingsPublish(S), {}, 201);
    const response = await page();
    const second = (await response.json()) as FindingsPage;
    expect(second.version).toBe(2);
    expect(second.themes[0]?.quotes).toEqual([]);
    expect(response.headers.get('etag')).not.toBe(firstTag);
    expect((await fetch(server.url + FINDINGS_API.findings(S), { headers: { 'if-none-match': firstTag ?? '' } })).status).toBe(200);

    const kept = await owner.json<FindingsPage>('GET', WORKSPACE_API.findingsVersion(S, 1));
    expect(JSON.stringify(kept)).toBe(first);
    expect((await owner.call('GET', WORKSPACE_API.findingsVersion(S, 9))).status).toBe(404);
    expect((await owner.call('GET', WORKSPACE_API.findingsVersion(S, 1).replace(/1$/, 'x'))).status).toBe(400);
    const view = await owner.json<FindingsWorkspace>('GET', WORKSPACE_API.findings(S));
    expect(view.versions.map((x) => [x.version, x.publishedBy])).toEqual([[2, 'organiser@example.org'], [1, 'organiser@example.org']]);
  });

  it('answers a receipt code with the published themes of that contribution and nothing else', async () => {
    const answer = async (id: string) => {
      const response = await lookup(await receiptCode(id));
      return { status: response.status, body: (await response.json()) as ReceiptLookup & { error?: string } };
    };
    const shared = await answer(both.id);
    expect(shared.status).toBe(200);
    // In the page's order, whatever order they were coded in.
    expect(shared.body).toEqual({ code: await receiptCode(both.id), themes: [buses.id, waiting.id] });
    expect(Object.keys(shared.body).sort()).toEqual(['code', 'themes']);
    expect((await answer(waits[0]!.id)).body.themes).toEqual([waiting.id]);
    // Coded only to a theme the page does not show: found, but no themes to name.
    expect(await answer(other.id)).toEqual({ status: 200, body: { code: await receiptCode(other.id), themes: [] } });

    const notCoded = await answer(uncoded.id);
    expect(notCoded.status).toBe(404);
    expect(notCoded.body.error).toMatch(/^no contribution with that code has been coded yet/);

    // Typed variants: lower case, spaces instead of dashes, O for 0 and I/L for 1.
    const code = await receiptCode(quoted.id);
    const typed = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    const variant = await lookup(typed);
    expect(variant.status).toBe(200);
    expect(((await variant.json()) as ReceiptLookup).themes).toEqual([buses.id]);

    for (const bad of ['7K3M-9QXA', 'UUUU-UUUU-UUUU', 'x'.repeat(41)]) {
      const response = await lookup(bad);
      expect(response.status, bad).toBe(400);
      expect(await errorOf(response)).toMatch(/^code: /);
    }
    // Another engagement's page knows nothing of this one's codes.
    expect((await fetch(server.url + FINDINGS_API.receipt('other-engagement', code))).status).toBe(404);
  });

  // Last: it erases the engagement's contributions.
  it('takes the quotes off every published version once retention erases the contributions, keeping themes and counts', async () => {
    // Marked again and published: the newest version (3) quotes it, like the first; the second does not.
    await owner.json('PUT', WORKSPACE_API.quote(S, quoted.id, 0), { publishable: true });
    await owner.json<Published>('POST', WORKSPACE_API.findingsPublish(S), {}, 201);
    const quotedText = 'The bus stop should be right outside the surgery';
    const before = await page();
    const tag = before.headers.get('etag');
    const latest = (await before.json()) as FindingsPage;
    expect(latest.version).toBe(3);
    expect(JSON.stringify(latest)).toContain(quotedText);
    expect(JSON.stringify(await owner.json<FindingsPage>('GET', WORKSPACE_API.findingsVersion(S, 1)))).toContain(quotedText);
    const second = JSON.stringify(await owner.json<FindingsPage>('GET', WORKSPACE_API.findingsVersion(S, 2)));

    await setRetention(server.db.kysely, S, new Date().toISOString().slice(0, 10));
    const swept = await sweepRetention(server.db.kysely, new Date(Date.now() + 86_400_000));
    expect(swept).toEqual([{ slug: S, erased: 20 }]);

    const first = await owner.json<FindingsPage>('GET', WORKSPACE_API.findingsVersion(S, 1));
    expect(JSON.stringify(first)).not.toContain(quotedText);
    expect(first.themes.map((t) => [t.id, t.count, t.quotes])).toEqual([
      [buses.id, 15, []],
      [waiting.id, '<10', []],
    ]);
    expect(first.intro).toBe('We read every answer and grouped them into themes.');
    expect(v.safeParse(FindingsPageSchema, first).success).toBe(true);
    // A version without quotes is left exactly as it was.
    expect(JSON.stringify(await owner.json<FindingsPage>('GET', WORKSPACE_API.findingsVersion(S, 2)))).toBe(second);
    // Devices holding the newest page are told it changed, and get it without the quote.
    const after = await fetch(server.url + FINDINGS_API.findings(S), { headers: { 'if-none-match': tag ?? '' } });
    expect(after.status).toBe(200);
    const served = (await after.json()) as FindingsPage;
    expect(served.version).toBe(3);
    expect(served.themes.map((t) => [t.id, t.count, t.quotes])).toEqual([
      [buses.id, 15, []],
      [waiting.id, '<10', []],
    ]);
    const stored = await server.db.kysely.selectFrom('findings_versions').select('page').where('engagement', '=', S).execute();
    expect(stored).toHaveLength(3);
    for (const row of stored) expect(row.page).not.toContain(quotedText);
  });
});

describeOnBothDatabases('receipt-code lookups are rate-limited', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ receiptsPerMinute: 3 }, backend);
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers 429 once a client has checked too many codes in a minute, without storing who', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(server.url + FINDINGS_API.receipt(S, '7K3M-9QXA-2B4C'))).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
    const tables = await server.db.kysely.introspection.getTables();
    // Nothing about the requests is kept in the database.
    for (const table of ['findings_drafts', 'findings_versions']) expect(tables.some((t) => t.name === table)).toBe(true);
    expect(await server.db.kysely.selectFrom('findings_versions').selectAll().execute()).toEqual([]);
  });
});
