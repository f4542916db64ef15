import jsQR from 'jsqr';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadBundleFile, seedEngagement } from '../../src/server/seed/seed';
import { EventCodeSchema, type SealedContribution } from '../../src/shared/contribution';
import type { EngagementBundle } from '../../src/shared/engagement';
import { EVENTS_API, EXPORT_FORMAT, EXPORT_FORMAT_VERSION, type ExportFile, type HeardEvent, type ImportSummary } from '../../src/shared/events';
import { API } from '../../src/shared/api';
import { sealContribution } from '../../src/shared/seal';
import { check } from '../../src/shared/validate';
import { WORKSPACE_API, type InvitationCreated, type SessionInfo } from '../../src/shared/workspace-api';
import { cookiesOf, organiserClient, signInOrganiser } from './workspace-client';
import { ADMIN, FIXTURE_FILE, FIXTURE_SLUG, contribution, countRows, startServer, sync, type TestServer } from './helpers';
import { describeOnBothDatabases } from './backends';

const PUBLIC_URL = 'https://heard.example.org';

/** A signed-in organiser: keeps the cookies and sends the CSRF token on changes. */
async function organiser(url: string) {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0];
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const signIn = await fetch(url + WORKSPACE_API.session, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status}`);
  keep(signIn);
  const info = await fetch(url + WORKSPACE_API.session, { headers: { cookie: cookie() } });
  keep(info);
  const { csrfToken } = (await info.json()) as { csrfToken: string };
  return async (method: string, path: string, body?: unknown, withToken = true): Promise<Response> => {
    const headers: Record<string, string> = { cookie: cookie() };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (withToken && method !== 'GET') headers['x-csrf-token'] = csrfToken;
    return fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  };
}

type Organiser = Awaited<ReturnType<typeof organiser>>;

const LIBRARY = { name: 'Library drop-in', place: 'Central Library, Hope Street', date: '2026-03-14' };

describeOnBothDatabases('events', (backend) => {
  let server: TestServer;
  let as: Organiser;
  beforeAll(async () => {
    server = await startServer({ publicUrl: PUBLIC_URL }, backend);
    as = await organiser(server.url);
  });
  afterAll(async () => {
    await server.close();
  });

  it('creates an event with a short unique code that anyone can look up', async () => {
    const created = await as('POST', EVENTS_API.events(FIXTURE_SLUG), LIBRARY);
    expect(created.status).toBe(201);
    const event = (await created.json()) as HeardEvent;
    expect(event).toEqual({ ...LIBRARY, engagement: FIXTURE_SLUG, code: expect.stringMatching(/^LIB-[0-9A-HJKMNP-TV-Z]{6}$/) });
    expect(check(EventCodeSchema, event.code).ok).toBe(true);

    const second = (await (await as('POST', EVENTS_API.events(FIXTURE_SLUG), LIBRARY)).json()) as HeardEvent;
    expect(second.code).not.toBe(event.code);

    const list = await as('GET', EVENTS_API.events(FIXTURE_SLUG));
    expect(((await list.json()) as { events: HeardEvent[] }).events.map((e) => e.code).sort()).toEqual([event.code, second.code].sort());

    const lookup = await fetch(server.url + EVENTS_API.event(event.code));
    expect(lookup.status).toBe(200);
    expect(await lookup.json()).toEqual(event);
    expect(await (await fetch(server.url + EVENTS_API.event(event.code.toLowerCase()))).json()).toEqual(event);
    expect((await fetch(server.url + EVENTS_API.event('NOPE-123'))).status).toBe(404);
    const malformed = await fetch(server.url + EVENTS_API.event('not a code'));
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: string }).error).toMatch(/^code: must be an event code/);
  });

  it('refuses bad event details with a clear error and stores nothing', async () => {
    const before = await server.db.kysely.selectFrom('events').select('code').execute();
    const cases: Array<[unknown, RegExp]> = [
      [{ ...LIBRARY, place: '  ' }, /^place: must not be empty/],
      [{ ...LIBRARY, date: '2026-02-30' }, /^date: must be a date that exists/],
      [{ ...LIBRARY, date: '14/03/2026' }, /^date: must be a date like 2026-03-14/],
      [{ name: 'Hall' }, /place/],
      [{ ...LIBRARY, organiser: 'Alice' }, /^organiser: unknown field/],
    ];
    for (const [body, message] of cases) {
      const response = await as('POST', EVENTS_API.events(FIXTURE_SLUG), body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(message);
    }
    expect((await as('POST', EVENTS_API.events('no-such-thing'), LIBRARY)).status).toBe(404);
    expect(await server.db.kysely.selectFrom('events').select('code').execute()).toHaveLength(before.length);
  });

  it('keeps every organiser event route behind sign-in and the CSRF token', async () => {
    const event = (await (await as('POST', EVENTS_API.events(FIXTURE_SLUG), LIBRARY)).json()) as HeardEvent;
    const signedOut = [
      ['GET', EVENTS_API.events(FIXTURE_SLUG)],
      ['POST', EVENTS_API.events(FIXTURE_SLUG)],
      ['GET', EVENTS_API.poster(FIXTURE_SLUG, event.code)],
      ['POST', EVENTS_API.import(FIXTURE_SLUG)],
      ['POST', EVENTS_API.rotateKey(FIXTURE_SLUG)],
    ] as const;
    for (const [method, path] of signedOut) {
      const response = await fetch(server.url + path, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
      expect(response.status, `${method} ${path}`).toBe(401);
    }
    for (const path of [EVENTS_API.events(FIXTURE_SLUG), EVENTS_API.import(FIXTURE_SLUG), EVENTS_API.rotateKey(FIXTURE_SLUG)]) {
      expect((await as('POST', path, LIBRARY, false)).status, path).toBe(403);
    }
  });

  it('lets an analyst read events and posters but not create, import or rotate', async () => {
    const owner = await signInOrganiser(server.url);
    const invitation = await owner.json<InvitationCreated>('POST', WORKSPACE_API.invitations, { email: 'events-analyst@example.org', role: 'analyst' }, 201);
    const accepted = await fetch(server.url + WORKSPACE_API.acceptInvitation, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: invitation.token, password: 'a long analyst passphrase' }),
    });
    expect(accepted.status).toBe(200);
    const analyst = organiserClient(server.url, cookiesOf(accepted), (await accepted.json()) as SessionInfo);
    const event = (await (await as('POST', EVENTS_API.events(FIXTURE_SLUG), LIBRARY)).json()) as HeardEvent;
    expect((await analyst.call('GET', EVENTS_API.events(FIXTURE_SLUG))).status).toBe(200);
    expect((await analyst.call('GET', EVENTS_API.poster(FIXTURE_SLUG, event.code))).status).toBe(200);
    for (const path of [EVENTS_API.events(FIXTURE_SLUG), EVENTS_API.import(FIXTURE_SLUG), EVENTS_API.rotateKey(FIXTURE_SLUG)]) {
      expect((await analyst.call('POST', path, LIBRARY)).status, path).toBe(403);
    }
  });

  it('prints a poster whose QR code opens exactly the event link', async () => {
    const event = (await (await as('POST', EVENTS_API.events(FIXTURE_SLUG), { ...LIBRARY, name: 'Café & "chat" <evening>' })).json()) as HeardEvent;
    const response = await as('GET', EVENTS_API.poster(FIXTURE_SLUG, event.code));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = await response.text();
    const link = `${PUBLIC_URL}/e/${FIXTURE_SLUG}?event=${event.code}`;
    expect(decodePosterQr(svg)).toBe(link);
    for (const text of ['Fixture talk', 'Café &amp; &quot;chat&quot; &lt;evening&gt;', LIBRARY.place, 'Saturday 14 March 2026', event.code, link.replace('https://', '')]) {
      expect(svg).toContain(text);
    }
    // Nothing the strict CSP would block or that could run.
    expect(svg).not.toMatch(/<script|style=|on[a-z]+=|<foreignObject/i);

    expect((await as('GET', EVENTS_API.poster(FIXTURE_SLUG, 'NOPE-123'))).status).toBe(404);
  });

  it('uses the request origin on the poster when no public address is set', async () => {
    const local = await startServer({}, backend);
    try {
      const me = await organiser(local.url);
      const event = (await (await me('POST', EVENTS_API.events(FIXTURE_SLUG), LIBRARY)).json()) as HeardEvent;
      const svg = await (await me('GET', EVENTS_API.poster(FIXTURE_SLUG, event.code))).text();
      expect(decodePosterQr(svg)).toBe(`${local.url}/e/${FIXTURE_SLUG}?event=${event.code}`);
    } finally {
      await local.close();
    }
  });

  it('imports a tablet export file once, however often it arrives, and reports each item', async () => {
    const bundle = (await (await fetch(server.url + API.engagement(FIXTURE_SLUG))).json()) as EngagementBundle;
    const key = bundle.publicKey as unknown as JsonWebKey & { kid: string };
    const inner = [0, 1, 2].map(() => contribution({ channel: 'event', event: 'LIB-7K3M9Q', route: { easyRead: false, readAloud: false, assisted: true, audio: false } }));
    const sealed = await Promise.all(inner.map((c) => sealContribution(c, key, key.kid)));
    // One of them already reached the server over sync before the tablet's export was made.
    const early = await sync(server.url, [sealed[0]]);
    expect(early.body.receipts[0].status).toBe('accepted');

    const damaged: SealedContribution = await sealContribution(contribution(), key, key.kid);
    damaged.sealed.data = (damaged.sealed.data[0] === 'A' ? 'B' : 'A') + damaged.sealed.data.slice(1);
    const otherEngagement = { ...(await sealContribution(contribution(), key, key.kid)), engagement: 'other-talk' };
    const file: Omit<ExportFile, 'items'> & { items: unknown[] } = {
      format: EXPORT_FORMAT,
      formatVersion: EXPORT_FORMAT_VERSION,
      engagement: FIXTURE_SLUG,
      event: 'LIB-7K3M9Q',
      exportedAt: '2026-03-14T17:00:00.000Z',
      items: [...sealed, damaged, contribution(), otherEngagement, 'rubbish'],
    };
    const rowsBefore = await countRows(server.db, 'contributions');

    const first = await as('POST', EVENTS_API.import(FIXTURE_SLUG), file);
    expect(first.status).toBe(200);
    const summary = (await first.json()) as ImportSummary;
    expect({ accepted: summary.accepted, duplicate: summary.duplicate, rejected: summary.rejected }).toEqual({ accepted: 2, duplicate: 1, rejected: 4 });
    expect(summary.receipts.map((r) => [r.id, r.status, r.error])).toEqual([
      [inner[0].id, 'duplicate', undefined],
      [inner[1].id, 'accepted', undefined],
      [inner[2].id, 'accepted', undefined],
      [damaged.id, 'rejected', 'seal could not be opened'],
      [(file.items[4] as { id: string }).id, 'rejected', 'item: must be a sealed contribution'],
      [otherEngagement.id, 'rejected', "engagement: item is not for 'fixture-talk'"],
      [null, 'rejected', 'item: must be a sealed contribution'],
    ]);
    expect(summary.receipts[0].receipt).toBe(early.body.receipts[0].receipt);
    expect(await countRows(server.db, 'contributions')).toBe(rowsBefore + 2);

    const again = (await (await as('POST', EVENTS_API.import(FIXTURE_SLUG), file)).json()) as ImportSummary;
    expect({ accepted: again.accepted, duplicate: again.duplicate, rejected: again.rejected }).toEqual({ accepted: 0, duplicate: 3, rejected: 4 });
    expect(again.receipts.slice(0, 3).map((r) => r.receipt)).toEqual(summary.receipts.slice(0, 3).map((r) => r.receipt));
    expect(await countRows(server.db, 'contributions')).toBe(rowsBefore + 2);
    const stored = await server.db.kysely.selectFrom('contributions').select(['id', 'event', 'sealed', 'assisted']).where('id', 'in', inner.map((c) => c.id)).execute();
    expect(stored).toHaveLength(3);
    for (const row of stored) expect(row).toMatchObject({ event: 'LIB-7K3M9Q', sealed: 1, assisted: 1 });
  });

  it('refuses a file that is not an export of this engagement, storing nothing', async () => {
    const other = await loadBundleFile(FIXTURE_FILE);
    await seedEngagement(server.db.kysely, { ...other, slug: 'other-talk' });
    const good = { format: EXPORT_FORMAT, formatVersion: EXPORT_FORMAT_VERSION, engagement: FIXTURE_SLUG, exportedAt: '2026-03-14T17:00:00.000Z', items: [contribution()] };
    const rowsBefore = await countRows(server.db, 'contributions');
    const cases: Array<[string, unknown, number, RegExp]> = [
      [FIXTURE_SLUG, { ...good, format: 'csv' }, 400, /^not a Heard export file: format: must be "heard-export"/],
      [FIXTURE_SLUG, { ...good, formatVersion: 9 }, 400, /formatVersion: must be 1/],
      [FIXTURE_SLUG, { ...good, items: 'none' }, 400, /items: items must be a list/],
      [FIXTURE_SLUG, [1, 2], 400, /not a Heard export file/],
      ['other-talk', good, 400, /^engagement: the file is for 'fixture-talk', not 'other-talk'/],
      ['no-such-thing', { ...good, engagement: 'no-such-thing' }, 404, /no engagement/],
      [FIXTURE_SLUG, { ...good, items: new Array(5001).fill(0) }, 413, /at most 5000 items/],
    ];
    for (const [slug, body, status, message] of cases) {
      const response = await as('POST', EVENTS_API.import(slug), body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(((await response.json()) as { error: string }).error).toMatch(message);
    }
    expect(await countRows(server.db, 'contributions')).toBe(rowsBefore);
  });
});

/** Reads the QR modules out of the poster's SVG, draws them as pixels and decodes them. */
function decodePosterQr(svg: string): string | undefined {
  const group = /<g id="qr"[^>]*>\s*<path fill="#000000" d="([^"]+)"\/>/.exec(svg);
  if (!group) throw new Error('no QR group in the poster');
  const runs = [...group[1].matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)].map((m) => m.slice(1, 4).map(Number));
  const size = Math.max(...runs.map(([x, y, length]) => Math.max(x + length, y + 1)));
  const scale = 6;
  const quiet = 4;
  const side = (size + 2 * quiet) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const [x, y, length] of runs) {
    for (let col = x; col < x + length; col++) {
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const at = (((y + quiet) * scale + dy) * side + (col + quiet) * scale + dx) * 4;
          pixels[at] = pixels[at + 1] = pixels[at + 2] = 0;
        }
      }
    }
  }
  return jsQR(pixels, side, side)?.data;
}
