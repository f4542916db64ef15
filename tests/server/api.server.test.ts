import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { API } from '../../src/shared/api';
import type { EngagementBundle, EngagementSummary } from '../../src/shared/engagement';
import { ADMIN, FIXTURE_FILE, FIXTURE_SLUG, contribution, startServer, sync, type TestServer } from './helpers';
import { describeOnBothDatabases } from './backends';

const CSP =
  "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data: blob:;media-src 'self' blob:;" +
  "connect-src 'self';worker-src 'self';manifest-src 'self';object-src 'none';frame-ancestors 'none';" +
  "base-uri 'self';form-action 'self'";

const fixture = JSON.parse(readFileSync(FIXTURE_FILE, 'utf8')) as EngagementBundle;
const packageVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

describeOnBothDatabases('health and engagements', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({}, backend);
  });
  afterAll(async () => {
    await server.close();
  });

  it('reports health with the database kind and the package version', async () => {
    const response = await fetch(server.url + API.health);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, db: backend.name, version: packageVersion });
  });

  it('lists the open engagements', async () => {
    const list = (await (await fetch(server.url + API.engagements)).json()) as EngagementSummary[];
    expect(list).toEqual([
      { slug: FIXTURE_SLUG, title: 'Fixture talk', organisation: 'Test organisation', languages: ['en', 'cy'], version: 2 },
    ]);
  });

  it('serves the bundle with its public key, a strong ETag and 15 s of freshness, and 304 when unchanged', async () => {
    const response = await fetch(server.url + API.engagement(FIXTURE_SLUG));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('max-age=15, must-revalidate');
    const etag = response.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    const bundle = (await response.json()) as EngagementBundle;
    expect({ ...bundle, publicKey: null }).toEqual(fixture);
    expect(bundle.publicKey).toMatchObject({ kty: 'RSA', alg: 'RSA-OAEP-256' });

    const again = await fetch(server.url + API.engagement(FIXTURE_SLUG));
    expect(again.headers.get('etag')).toBe(etag);

    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const cached = await fetch(server.url + API.engagement(FIXTURE_SLUG), { headers: { 'if-none-match': ifNoneMatch } });
      expect(cached.status).toBe(304);
      expect(cached.headers.get('etag')).toBe(etag);
      expect(await cached.text()).toBe('');
    }
    const stale = await fetch(server.url + API.engagement(FIXTURE_SLUG), { headers: { 'if-none-match': '"stale"' } });
    expect(stale.status).toBe(200);
  });

  it('answers an unknown engagement and an unknown API path with a 404 JSON error', async () => {
    const missing = await fetch(server.url + API.engagement('nope'));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "no open engagement 'nope'" });
    const unknown = await fetch(server.url + '/api/nothing/here');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await unknown.json()).toHaveProperty('error');
  });

  it('sends the security headers on every response', async () => {
    const responses = await Promise.all([
      fetch(server.url + API.health),
      fetch(server.url + API.engagement(FIXTURE_SLUG)),
      fetch(server.url + '/api/missing'),
      fetch(server.url + API.sync, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }),
      fetch(server.url + API.organiserSession, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
      fetch(server.url + '/some/page'),
    ]);
    for (const response of responses) {
      expect(response.headers.get('content-security-policy')).toBe(CSP);
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('never sends the private key in any response', async () => {
    const key = await server.db.kysely.selectFrom('engagement_keys').select('private_jwk').executeTakeFirstOrThrow();
    const secret = JSON.parse(key.private_jwk) as Record<string, string>;
    const secrets = ['d', 'p', 'q', 'dp', 'dq', 'qi'].map((name) => secret[name]);
    expect(secrets.every((s) => typeof s === 'string' && s.length > 20)).toBe(true);

    const signIn = await fetch(server.url + API.organiserSession, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    await sync(server.url, [contribution()]);
    const responses = [
      signIn,
      await fetch(server.url + API.health),
      await fetch(server.url + API.engagements),
      await fetch(server.url + API.engagement(FIXTURE_SLUG)),
      await fetch(server.url + API.sync, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items: [contribution()] }) }),
      await fetch(server.url + API.contributionsCsv(FIXTURE_SLUG), { headers: { cookie } }),
      await fetch(server.url + '/api/engagements/' + FIXTURE_SLUG + '/keys'),
    ];
    for (const response of responses) {
      const text = (await response.text()) + JSON.stringify([...response.headers]);
      for (const s of secrets) expect(text).not.toContain(s);
      expect(text).not.toMatch(/"d"\s*:/);
    }
  });
});

describeOnBothDatabases('the demo seed', (backend) => {
  it('loads ahp-strategy from src/server/seed/ahp-strategy.json and lists it', async () => {
    const server = await startServer({ seedFile: undefined }, backend);
    try {
      const list = (await (await fetch(server.url + API.engagements)).json()) as EngagementSummary[];
      expect(list.map((e) => e.slug)).toEqual(['ahp-strategy']);
      const bundle = (await (await fetch(server.url + API.engagement('ahp-strategy'))).json()) as EngagementBundle;
      expect(bundle.phases.length).toBeGreaterThan(0);
      expect(bundle.publicKey).toMatchObject({ kty: 'RSA' });
    } finally {
      await server.close();
    }
  });
});

describeOnBothDatabases('request logging', (backend) => {
  it('logs method and path but never an address', async () => {
    const lines: string[] = [];
    const server = await startServer({ logger: true, logStream: { write: (line) => void lines.push(line) } }, backend);
    try {
      await fetch(server.url + API.health, { headers: { 'x-forwarded-for': '203.0.113.9' } });
      // The server's own listening address is logged at start; request lines must hold none.
      const log = lines.filter((line) => line.includes('"reqId"')).join('\n');
      expect(log).toContain('"statusCode":200');
      expect(log).toContain('"url":"/api/health"');
      expect(log).not.toContain('127.0.0.1');
      expect(log).not.toContain('203.0.113.9');
      expect(log).not.toMatch(/remoteAddress|remotePort|"ip"|user-agent/i);
    } finally {
      await server.close();
    }
  });
});
