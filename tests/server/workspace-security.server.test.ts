import { afterAll, beforeAll, expect, it } from 'vitest';
import { CSRF_HEADER, WORKSPACE_API, type InvitationCreated, type SessionInfo } from '../../src/shared/workspace-api';
import { ADMIN, FIXTURE_SLUG, startServer, type TestServer } from './helpers';
import { describeOnBothDatabases } from './backends';
import { cookiesOf, organiserClient, signInOrganiser, type Organiser } from './workspace-client';

/** Every route the server registered, as `METHOD /path`, read from Fastify's own route tree. */
function registeredRoutes(tree: string): Array<{ method: string; path: string }> {
  const routes: Array<{ method: string; path: string }> = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + match[2];
    stack.push(path);
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim()).filter(Boolean)) routes.push({ method, path });
  }
  return routes;
}

// Only these organiser routes work without a session: they are how a session starts.
const OPEN = new Set([`POST ${WORKSPACE_API.session}`, `POST ${WORKSPACE_API.acceptInvitation}`]);
const SAMPLE_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
// The changes analysts may make (theme coding); every other change needs an owner.
const ANALYSTS_MAY = new Set([
  'PUT /api/organiser/engagements/:slug/coding/:contributionId/themes',
  'PUT /api/organiser/engagements/:slug/coding/:contributionId/:position/quote',
  'POST /api/organiser/engagements/:slug/themes/suggestions',
]);

function concrete(path: string): string {
  return path.replace(':slug', FIXTURE_SLUG).replace(':contributionId', SAMPLE_ID).replace(':position', '0').replace(/:[a-zA-Z]+/g, 'X1');
}

describeOnBothDatabases('workspace security', (backend) => {
  let server: TestServer;
  let owner: Organiser;
  let routes: Array<{ method: string; path: string }>;
  beforeAll(async () => {
    server = await startServer({ signInPerMinute: 100 }, backend);
    owner = await signInOrganiser(server.url);
    routes = registeredRoutes(server.app.printRoutes({ commonPrefix: false })).filter((r) => r.path.startsWith('/api/organiser') && r.method !== 'HEAD');
  });
  afterAll(async () => {
    await server.close();
  });

  it('finds the organiser routes in the route tree (so the checks below cover every one)', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    expect(names).toContain(`GET ${WORKSPACE_API.session}`);
    expect(names).toContain('PUT /api/organiser/engagements/:slug/draft');
    expect(names).toContain('PUT /api/organiser/engagements/:slug/answers/:contributionId/:position/moderation');
    expect(names).toContain('GET /api/organiser/engagements/:slug/contributions.json');
    expect(routes.length).toBeGreaterThanOrEqual(20);
  });

  it('refuses every organiser route without a session, before looking at the request', async () => {
    for (const { method, path } of routes) {
      if (OPEN.has(`${method} ${path}`)) continue;
      const response = await fetch(server.url + concrete(path), {
        method,
        headers: method === 'GET' || method === 'DELETE' ? {} : { 'content-type': 'application/json' },
        body: method === 'GET' || method === 'DELETE' ? undefined : '{}',
      });
      expect(response.status, `${method} ${path}`).toBe(401);
    }
  });

  it('refuses every state-changing organiser route without the CSRF token, or with a wrong one', async () => {
    for (const { method, path } of routes) {
      if (method === 'GET' || OPEN.has(`${method} ${path}`)) continue;
      const body = method === 'DELETE' ? undefined : '{}';
      const headers: Record<string, string> = { cookie: owner.cookie, ...(body ? { 'content-type': 'application/json' } : {}) };
      const missing = await fetch(server.url + concrete(path), { method, headers, body });
      expect(missing.status, `${method} ${path} without a token`).toBe(403);
      const wrong = await fetch(server.url + concrete(path), { method, headers: { ...headers, [CSRF_HEADER]: 'forged-token' }, body });
      expect(wrong.status, `${method} ${path} with a forged token`).toBe(403);
    }
    // A token is bound to its CSRF cookie: without the cookie the same token is refused.
    const sessionOnly = owner.cookie.split('; ').filter((c) => c.startsWith('__Host-heard_session=')).join('; ');
    const response = await fetch(server.url + WORKSPACE_API.engagements, {
      method: 'POST',
      headers: { cookie: sessionOnly, 'content-type': 'application/json', [CSRF_HEADER]: owner.csrf },
      body: JSON.stringify({ slug: 'no-cookie', title: 'T', organisation: 'O', intro: 'I' }),
    });
    expect(response.status).toBe(403);
  });

  it('invites an analyst once; the analyst reads everything but cannot change anything', async () => {
    const invitation = await owner.json<InvitationCreated>('POST', WORKSPACE_API.invitations, { email: 'Analyst@Example.org', role: 'analyst' }, 201);
    expect(invitation.email).toBe('analyst@example.org');
    const stored = await server.db.kysely.selectFrom('invitations').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(invitation.token);

    const short = await fetch(server.url + WORKSPACE_API.acceptInvitation, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: invitation.token, password: 'short' }) });
    expect(short.status).toBe(400);
    expect(((await short.json()) as { error: string }).error).toMatch(/^password: must be at least 12/);

    const accept = () => fetch(server.url + WORKSPACE_API.acceptInvitation, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: invitation.token, password: 'a long analyst passphrase' }) });
    const accepted = await accept();
    expect(accepted.status).toBe(200);
    const info = (await accepted.json()) as SessionInfo;
    expect(info.organiser).toMatchObject({ email: 'analyst@example.org', role: 'analyst' });
    expect((await accept()).status).toBe(410);

    const analyst = organiserClient(server.url, cookiesOf(accepted), info);
    const again = await signInOrganiser(server.url, { email: 'analyst@example.org', password: 'a long analyst passphrase' });
    expect(again.info.organiser.role).toBe('analyst');

    for (const { method, path } of routes) {
      if (method !== 'GET') continue;
      const status = (await analyst.call('GET', concrete(path))).status;
      // Reading is allowed (400 or 404 for the made-up ids); only the team list is for owners.
      if (path === WORKSPACE_API.organisers || path === WORKSPACE_API.invitations) expect(status, path).toBe(403);
      else expect([200, 400, 404], `${method} ${path}`).toContain(status);
    }
    for (const { method, path } of routes) {
      if (method === 'GET' || OPEN.has(`${method} ${path}`) || path === WORKSPACE_API.session) continue;
      const response = await analyst.call(method, concrete(path), method === 'DELETE' ? undefined : {});
      // Analysts code contributions, mark quotes and ask for theme suggestions: refused here only for the empty body.
      if (ANALYSTS_MAY.has(`${method} ${path}`)) expect([200, 400, 404], `${method} ${path}`).toContain(response.status);
      else expect(response.status, `${method} ${path}`).toBe(403);
    }
    // Signing out is the one change an analyst may make.
    expect((await analyst.call('DELETE', WORKSPACE_API.session)).status).toBe(204);
    expect((await analyst.call('GET', WORKSPACE_API.session)).status).toBe(401);
  });

  it('reports the session, its idle timeout and end, and keeps no password in the answer', async () => {
    const response = await owner.call('GET', WORKSPACE_API.session);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const info = (await response.json()) as SessionInfo;
    expect(info.organiser).toMatchObject({ email: ADMIN.email.toLowerCase(), role: 'owner' });
    expect(info.idleSeconds).toBe(30 * 60);
    const hours = (Date.parse(info.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
    expect(JSON.stringify(info)).not.toContain(ADMIN.password);
  });

  it('refuses an invitation for an existing organiser, and bad invitation input, with clear 4xx errors', async () => {
    const exists = await owner.call('POST', WORKSPACE_API.invitations, { email: ADMIN.email, role: 'owner' });
    expect(exists.status).toBe(409);
    const bad = await owner.call('POST', WORKSPACE_API.invitations, { email: 'not-an-address', role: 'boss' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^email: must be an e-mail address/);
    const unknown = await fetch(server.url + WORKSPACE_API.acceptInvitation, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'nope', password: 'a long enough passphrase' }) });
    expect(unknown.status).toBe(410);
  });
});
