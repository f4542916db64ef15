import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app';
import { openDatabase } from '../../src/server/db/connect';
import { CSV_HEADER } from '../../src/server/organiser/export';
import { API, SESSION_COOKIE } from '../../src/shared/api';
import { ADMIN, FIXTURE_FILE, FIXTURE_SLUG, contribution, signIn, startServer, sync, tempDir, type TestServer } from './helpers';
import { describeOnBothDatabases } from './backends';
import { signInOrganiser } from './workspace-client';

/** A strict RFC 4180 reader: fails on anything a conforming writer would not produce. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quote');
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') break;
        else field += text[i++];
      }
      i++;
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    }
    else if (i < text.length) throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  if (row.length) throw new Error('last line has no CRLF');
  return rows;
}

async function post(url: string, body: unknown): Promise<Response> {
  return fetch(url + API.organiserSession, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describeOnBothDatabases('organiser sign-in and sessions', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    // This block signs in often; the per-client limit has its own test below.
    server = await startServer({ signInPerMinute: 100 }, backend);
  });
  afterAll(async () => {
    await server.close();
  });

  it('signs in with the right password and sets a __Host- cookie that is Secure, HttpOnly and SameSite=Strict', async () => {
    const response = await post(server.url, { email: ' organiser@example.ORG ', password: ADMIN.password });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    const [pair, ...attributes] = cookie.split(';').map((p) => p.trim());
    const [name, value] = pair.split('=');
    expect(name).toBe(SESSION_COOKIE);
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'Secure', 'SameSite=Strict', 'Max-Age=43200']));
    expect(attributes.some((a) => /^domain=/i.test(a))).toBe(false);
    expect(response.headers.get('cache-control')).toBe('no-store');

    // Only the hash of the cookie value is stored.
    const rows = await server.db.kysely.selectFrom('sessions').select('id_hash').execute();
    expect(rows.map((r) => r.id_hash)).toContain(createHash('sha256').update(value).digest('hex'));
    expect(rows.map((r) => r.id_hash)).not.toContain(value);
  });

  it('answers a wrong password and an unknown e-mail the same way, with no hint', async () => {
    const wrongPassword = await post(server.url, { email: ADMIN.email, password: 'not it' });
    const wrongEmail = await post(server.url, { email: 'someone@example.org', password: ADMIN.password });
    expect(wrongPassword.status).toBe(401);
    expect(wrongEmail.status).toBe(401);
    const [a, b] = [await wrongPassword.json(), await wrongEmail.json()];
    expect(a).toEqual(b);
    expect(a).toEqual({ error: 'e-mail or password not recognised' });
    expect(wrongPassword.headers.get('set-cookie')).toBeNull();
    const malformed = await post(server.url, { email: ADMIN.email });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error).toMatch(/^password: /);
  });

  it('stores the password as Argon2id only', async () => {
    const row = await server.db.kysely.selectFrom('organisers').selectAll().executeTakeFirstOrThrow();
    expect(row.email).toBe('organiser@example.org');
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(JSON.stringify(row)).not.toContain(ADMIN.password);
  });

  it('needs a live session for the CSV, and signing out ends it', async () => {
    const csv = API.contributionsCsv(FIXTURE_SLUG);
    const none = await fetch(server.url + csv);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: 'sign in as an organiser first' });
    const forged = await fetch(server.url + csv, { headers: { cookie: `${SESSION_COOKIE}=${'A'.repeat(43)}` } });
    expect(forged.status).toBe(401);

    const cookie = await signIn(server.url);
    expect((await fetch(server.url + csv, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(server.url + API.contributionsCsv('nope'), { headers: { cookie } })).status).toBe(404);

    // Signing out changes state, so it needs the CSRF token too.
    expect((await fetch(server.url + API.organiserSession, { method: 'DELETE', headers: { cookie } })).status).toBe(403);
    const organiser = await signInOrganiser(server.url);
    const out = await organiser.call('DELETE', API.organiserSession);
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Expires=Thu, 01 Jan 1970`));
    expect((await organiser.call('GET', csv)).status).toBe(401);
    expect((await fetch(server.url + csv, { headers: { cookie } })).status).toBe(200);
  });

  it('ends sessions after 30 minutes idle or 12 hours in all', async () => {
    const csv = server.url + API.contributionsCsv(FIXTURE_SLUG);
    const idle = await signIn(server.url);
    const idleHash = createHash('sha256').update(idle.split('=')[1]).digest('hex');
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    await server.db.kysely.updateTable('sessions').set({ last_seen_at: hoursAgo(0.45) }).where('id_hash', '=', idleHash).execute();
    expect((await fetch(csv, { headers: { cookie: idle } })).status).toBe(200);
    await server.db.kysely.updateTable('sessions').set({ last_seen_at: hoursAgo(0.55) }).where('id_hash', '=', idleHash).execute();
    expect((await fetch(csv, { headers: { cookie: idle } })).status).toBe(401);

    const old = await signIn(server.url);
    const oldHash = createHash('sha256').update(old.split('=')[1]).digest('hex');
    await server.db.kysely.updateTable('sessions').set({ expires_at: hoursAgo(0.01) }).where('id_hash', '=', oldHash).execute();
    expect((await fetch(csv, { headers: { cookie: old } })).status).toBe(401);
  });

  it('slows down repeated failures for the same e-mail', async () => {
    const email = 'target@example.org';
    for (let i = 0; i < 4; i++) expect((await post(server.url, { email, password: `guess ${i}` })).status).toBe(401);
    const started = performance.now();
    expect((await post(server.url, { email, password: 'guess 5' })).status).toBe(401);
    expect(performance.now() - started).toBeGreaterThanOrEqual(450);
  });
});

describeOnBothDatabases('sign-in rate limit', (backend) => {
  it('refuses the attempts over the limit with 429 and a JSON error', async () => {
    const server = await startServer({ signInPerMinute: 3 }, backend);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await post(server.url, { email: `x${i}@example.org`, password: 'nope' })).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      const limited = await post(server.url, ADMIN);
      expect(limited.status).toBe(429);
      expect(await limited.json()).toEqual({ error: 'too many sign-in attempts; wait a minute and try again' });
      // Other routes are not limited.
      expect((await fetch(server.url + API.health)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describeOnBothDatabases('contributions CSV', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({}, backend);
  });
  afterAll(async () => {
    await server.close();
  });

  it('has a BOM, CRLF lines, RFC 4180 quoting, one row per answer and a formula guard', async () => {
    const tricky = contribution({
      answers: [
        { prompt: 'ideas', text: 'Buses, trains and "community" transport\r\nsecond line\nthird' },
        { prompt: 'support', choices: ['phone', 'online'] },
        { prompt: 'where', choices: ['gp'] },
        { prompt: 'feeling', scale: 2 },
      ],
      route: { easyRead: true, readAloud: false, assisted: true, audio: false },
      channel: 'event',
      event: 'LIB-4821',
    });
    const formulas = ['=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)', '\tindent', '\rcarriage'].map((text) =>
      contribution({ answers: [{ prompt: 'ideas', text }] }),
    );
    const vote = contribution({ phase: 'check', answers: [{ prompt: 'theme-1', vote: 'disagree' }] });
    const { body } = await sync(server.url, [tricky, ...formulas, vote]);
    expect(body.receipts.every((r) => r.status === 'accepted')).toBe(true);

    const response = await fetch(server.url + API.contributionsCsv(FIXTURE_SLUG), { headers: { cookie: await signIn(server.url) } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="fixture-talk-contributions.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    expect(text.split('\r\n')[0]).toBe(CSV_HEADER.join(','));
    expect(text.split('\r\n')[0]).toBe(
      'contribution_id,receipt,engagement,version,phase,prompt,kind,answer,locale,channel,event,easy_read,read_aloud,assisted,audio,interpreter,created_at,received_at,hidden,hidden_reason',
    );
    expect(text).toContain('"Buses, trains and ""community"" transport\r\nsecond line\nthird"');

    const [header, ...rows] = parseCsv(text);
    expect(rows).toHaveLength(4 + formulas.length + 1);
    const col = (name: string) => header.indexOf(name);
    const trickyRows = rows.filter((r) => r[col('contribution_id')] === tricky.id);
    expect(trickyRows.map((r) => [r[col('prompt')], r[col('kind')], r[col('answer')]])).toEqual([
      ['ideas', 'text', 'Buses, trains and "community" transport\r\nsecond line\nthird'],
      ['support', 'choices', 'phone; online'],
      ['where', 'choices', 'gp'],
      ['feeling', 'scale', '2'],
    ]);
    expect(trickyRows[0]).toEqual([
      tricky.id, body.receipts[0].receipt, 'fixture-talk', '2', 'conversation', 'ideas', 'text', expect.any(String),
      'en', 'event', 'LIB-4821', 'yes', 'no', 'yes', 'no', '', tricky.createdAt, expect.stringMatching(/:00\.000Z$/), 'no', '',
    ]);
    const answerOf = (id: string) => rows.find((r) => r[col('contribution_id')] === id)?.[col('answer')];
    expect(formulas.map((f) => answerOf(f.id))).toEqual([
      `'=HYPERLINK("http://x","y")`, "'+1", "'-2+3", "'@SUM(A1)", "'\tindent", "'\rcarriage",
    ]);
    expect(answerOf(vote.id)).toBe('disagree');
  });
});

describeOnBothDatabases('first organiser without HEARD_ADMIN_PASSWORD', (backend) => {
  it('prints a one-time password once, stores only its hash, and never prints it again', async () => {
    const dir = tempDir();
    const place = await backend.location();
    try {
      const announced: string[] = [];
      const options = { db: place.target, seedFile: FIXTURE_FILE, staticDir: join(dir.path, 'dist'), announce: (m: string) => void announced.push(m) };
      const first = await buildServer(options);
      const url = await first.listen({ port: 0, host: '127.0.0.1' });
      expect(announced).toHaveLength(1);
      const password = /one-time password: (\S+)/.exec(announced[0])?.[1] ?? '';
      expect(password.length).toBeGreaterThanOrEqual(24);
      expect((await post(url, { email: 'admin@heard.local', password })).status).toBe(200);
      await first.close();

      if (backend.name === 'sqlite') {
        for (const file of readdirSync(place.target)) {
          expect(readFileSync(join(place.target, file)).includes(password)).toBe(false);
        }
      }
      const db = await openDatabase(place.target);
      try {
        const rows = await db.kysely.selectFrom('organisers').selectAll().execute();
        expect(rows).toHaveLength(1);
        expect(JSON.stringify(rows)).not.toContain(password);
      } finally {
        await db.close();
      }
      const second = await buildServer(options);
      await second.close();
      expect(announced).toHaveLength(1);
    } finally {
      dir.remove();
      await place.dispose();
    }
  });
});
