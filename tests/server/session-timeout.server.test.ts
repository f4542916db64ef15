// What the workspace needs to warn before a session ends: every answer behind the session
// check says how long is left (idle and in all), `GET session` counts as activity, and signing
// out or being signed out says nothing.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SESSION_LEFT_HEADER, parseSessionLeft, type SessionLeft } from '../../src/shared/session-time';
import { WORKSPACE_API, type SessionInfo } from '../../src/shared/workspace-api';
import { startServer, type TestServer } from './helpers';
import { describeOnBothDatabases } from './backends';
import { signInOrganiser, type Organiser } from './workspace-client';

const IDLE = 30 * 60;
const END = 12 * 60 * 60;

function leftOf(response: Response): SessionLeft {
  const left = parseSessionLeft(response.headers.get(SESSION_LEFT_HEADER));
  if (!left) throw new Error(`no ${SESSION_LEFT_HEADER} header: ${response.headers.get(SESSION_LEFT_HEADER)}`);
  return left;
}

function idHash(organiser: Organiser): string {
  const value = /__Host-heard_session=([^;]+)/.exec(organiser.cookie)?.[1];
  if (!value) throw new Error(`no session cookie in ${organiser.cookie}`);
  return createHash('sha256').update(value).digest('hex');
}

describeOnBothDatabases('session time left', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ signInPerMinute: 100 }, backend);
  });
  afterAll(async () => {
    await server.close();
  });

  const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();
  const setSession = (organiser: Organiser, values: { last_seen_at?: string; expires_at?: string }) =>
    server.db.kysely.updateTable('sessions').set(values).where('id_hash', '=', idHash(organiser)).execute();
  const lastSeen = async (organiser: Organiser) =>
    (await server.db.kysely.selectFrom('sessions').select('last_seen_at').where('id_hash', '=', idHash(organiser)).executeTakeFirstOrThrow()).last_seen_at;

  it('says how long a new session has, in the header and in the session info', async () => {
    const before = Date.now();
    const response = await fetch(server.url + WORKSPACE_API.session, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'organiser@example.org', password: 'correct horse battery staple' }),
    });
    expect(response.status).toBe(200);
    const left = leftOf(response);
    expect(left.idle).toBeGreaterThanOrEqual(IDLE - 2);
    expect(left.idle).toBeLessThanOrEqual(IDLE);
    expect(left.end).toBeGreaterThanOrEqual(END - 2);
    expect(left.end).toBeLessThanOrEqual(END);
    const info = (await response.json()) as SessionInfo;
    expect(info.idleSeconds).toBe(IDLE);
    const idleAt = Date.parse(info.idleExpiresAt ?? '');
    expect(idleAt).toBeGreaterThanOrEqual(before + IDLE * 1000 - 1000);
    expect(idleAt).toBeLessThanOrEqual(Date.now() + IDLE * 1000);
  });

  it('counts GET session as activity: the idle deadline moves and is reported', async () => {
    const organiser = await signInOrganiser(server.url);
    await setSession(organiser, { last_seen_at: ago(20 * 60) });
    const response = await organiser.call('GET', WORKSPACE_API.session);
    expect(response.status).toBe(200);
    expect(leftOf(response).idle).toBeGreaterThanOrEqual(IDLE - 2);
    const info = (await response.json()) as SessionInfo;
    expect(Date.parse(info.idleExpiresAt ?? '') - Date.now()).toBeGreaterThan((IDLE - 5) * 1000);
    expect(Date.now() - Date.parse(await lastSeen(organiser))).toBeLessThan(5000);
  });

  it('reports the deadline the server keeps, not "now + idle", between the once-a-minute refreshes', async () => {
    const organiser = await signInOrganiser(server.url);
    await setSession(organiser, { last_seen_at: ago(40) });
    const response = await organiser.call('GET', WORKSPACE_API.engagements);
    expect(response.status).toBe(200);
    const left = leftOf(response);
    expect(left.idle).toBeGreaterThanOrEqual(IDLE - 42);
    expect(left.idle).toBeLessThanOrEqual(IDLE - 39);
  });

  it('counts down to the fixed end, which no request moves', async () => {
    const organiser = await signInOrganiser(server.url);
    const end = new Date(Date.now() + 10 * 60 * 1000).toISOString();
    await setSession(organiser, { expires_at: end, last_seen_at: ago(20 * 60) });
    const response = await organiser.call('GET', WORKSPACE_API.session);
    const left = leftOf(response);
    expect(left.end).toBeGreaterThanOrEqual(10 * 60 - 3);
    expect(left.end).toBeLessThanOrEqual(10 * 60);
    // The idle deadline moved; the end did not.
    expect(left.idle).toBeGreaterThanOrEqual(IDLE - 2);
    expect(((await response.json()) as SessionInfo).expiresAt).toBe(end);
  });

  it('sends the header on refusals behind the session check, but not when signed out or signing out', async () => {
    const organiser = await signInOrganiser(server.url);
    const missing = await organiser.call('GET', WORKSPACE_API.engagement('no-such-engagement'));
    expect(missing.status).toBe(404);
    expect(leftOf(missing).idle).toBeGreaterThan(IDLE - 5);
    const out = await organiser.call('DELETE', WORKSPACE_API.session);
    expect(out.status).toBe(204);
    expect(out.headers.get(SESSION_LEFT_HEADER)).toBeNull();
    const after = await organiser.call('GET', WORKSPACE_API.session);
    expect(after.status).toBe(401);
    expect(after.headers.get(SESSION_LEFT_HEADER)).toBeNull();
  });

  it('ends the session once the idle time is up, however the deadline was reported', async () => {
    const organiser = await signInOrganiser(server.url);
    await setSession(organiser, { last_seen_at: ago(IDLE + 1) });
    const response = await organiser.call('GET', WORKSPACE_API.session);
    expect(response.status).toBe(401);
  });
});

it('reads and refuses header values', () => {
  expect(parseSessionLeft('idle=1800, end=43200')).toEqual({ idle: 1800, end: 43200 });
  expect(parseSessionLeft(null)).toBeNull();
  expect(parseSessionLeft('idle=-3, end=5')).toBeNull();
  expect(parseSessionLeft('idle=10')).toBeNull();
});
