import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadBundleFile, seedEngagement } from '../../src/server/seed/seed';
import { API } from '../../src/shared/api';
import type { Contribution, SealedContribution } from '../../src/shared/contribution';
import type { EngagementBundle } from '../../src/shared/engagement';
import { EVENTS_API, EXPORT_FORMAT, EXPORT_FORMAT_VERSION, type RotateKeyResult } from '../../src/shared/events';
import { sealContribution } from '../../src/shared/seal';
import { WORKSPACE_API } from '../../src/shared/workspace-api';
import { ADMIN, FIXTURE_FILE, FIXTURE_SLUG, contribution, startServer, sync, type TestServer } from './helpers';
import { describeOnBothDatabases } from './backends';

type Key = JsonWebKey & { kid: string };
const OTHER = 'other-talk';
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const;

describeOnBothDatabases('sealed answers and key rotation', (backend) => {
  let server: TestServer;
  const logs: string[] = [];
  // Every answer body the tests see, to scan for private key material at the end.
  const answers: Array<{ what: string; body: string }> = [];
  let cookie = '';
  let csrf = '';

  const get = async (path: string, signedIn = false): Promise<Response> => {
    const response = await fetch(server.url + path, signedIn ? { headers: { cookie } } : {});
    answers.push({ what: `GET ${path}`, body: await response.clone().text() });
    return response;
  };
  const post = async (path: string, body: unknown): Promise<Response> => {
    const response = await fetch(server.url + path, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    answers.push({ what: `POST ${path}`, body: await response.clone().text() });
    return response;
  };
  const syncItems = async (items: unknown[]) => {
    const reply = await sync(server.url, items);
    answers.push({ what: 'POST /api/sync', body: JSON.stringify(reply.body) });
    return reply.body.receipts;
  };
  const bundleKey = async (slug = FIXTURE_SLUG): Promise<{ key: Key; etag: string | null }> => {
    const response = await get(API.engagement(slug));
    expect(response.status).toBe(200);
    const bundle = (await response.json()) as EngagementBundle;
    return { key: bundle.publicKey as unknown as Key, etag: response.headers.get('etag') };
  };

  beforeAll(async () => {
    server = await startServer({ logger: true, logStream: { write: (line) => void logs.push(line) } }, backend);
    const other = await loadBundleFile(FIXTURE_FILE);
    await seedEngagement(server.db.kysely, { ...other, slug: OTHER });
    const signIn = await fetch(server.url + WORKSPACE_API.session, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    expect(signIn.status).toBe(200);
    const jar = new Map<string, string>();
    const keep = (response: Response) => {
      for (const line of response.headers.getSetCookie()) {
        const [name, ...value] = line.split(';')[0].split('=');
        jar.set(name, value.join('='));
      }
    };
    keep(signIn);
    cookie = [...jar].map(([n, v]) => `${n}=${v}`).join('; ');
    const info = await fetch(server.url + WORKSPACE_API.session, { headers: { cookie } });
    keep(info);
    cookie = [...jar].map(([n, v]) => `${n}=${v}`).join('; ');
    csrf = ((await info.json()) as { csrfToken: string }).csrfToken;
  });
  afterAll(async () => {
    await server.close();
  });

  it('rotates the key: the bundle carries the new one, seals made with the retired one still open', async () => {
    const { key: first, etag: firstEtag } = await bundleKey();
    const before = contribution();
    const sealedBefore = await sealContribution(before, first, first.kid);

    const rotated = await post(EVENTS_API.rotateKey(FIXTURE_SLUG), {});
    expect(rotated.status).toBe(200);
    const result = (await rotated.json()) as RotateKeyResult;
    expect(result.retired).toEqual([first.kid]);
    expect(result.kid).not.toBe(first.kid);

    const { key: second, etag: secondEtag } = await bundleKey();
    expect(second.kid).toBe(result.kid);
    expect(second.n).not.toBe(first.n);
    expect(secondEtag).not.toBe(firstEtag);

    const after = contribution();
    const receipts = await syncItems([sealedBefore, await sealContribution(after, second, second.kid)]);
    expect(receipts.map((r) => [r.id, r.status])).toEqual([
      [before.id, 'accepted'],
      [after.id, 'accepted'],
    ]);
    const rows = await server.db.kysely.selectFrom('engagement_keys').select(['kid', 'retired_at']).where('slug', '=', FIXTURE_SLUG).execute();
    expect(Object.fromEntries(rows.map((r) => [r.kid, r.retired_at === null]))).toEqual({ [first.kid]: false, [second.kid]: true });

    // Another engagement's key is not touched by this one's rotation.
    expect((await bundleKey(OTHER)).key.kid).toMatch(/^other-talk-/);
    expect((await post(EVENTS_API.rotateKey('no-such-thing'), {})).status).toBe(404);
  });

  it('rejects tampered seals, each alone, and keeps their neighbours', async () => {
    const { key } = await bundleKey();
    const good = await sealContribution(contribution(), key, key.kid);
    const flip = (text: string) => (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
    const base = () => sealContribution(contribution(), key, key.kid);
    const data = await base();
    const iv = await base();
    const wrapped = await base();
    const cases: unknown[] = [
      { ...data, sealed: { ...data.sealed, data: flip(data.sealed.data) } },
      { ...iv, sealed: { ...iv.sealed, iv: flip(iv.sealed.iv) } },
      { ...wrapped, sealed: { ...wrapped.sealed, key: flip(wrapped.sealed.key) } },
      { ...data, sealed: { ...data.sealed, alg: 'RSA1_5+A128CBC' } },
      { ...data, sealed: { ...data.sealed, iv: 'not base64!' } },
      good,
    ];
    const receipts = await syncItems(cases);
    expect(receipts.map((r) => [r.status, r.error])).toEqual([
      ['rejected', 'seal could not be opened'],
      ['rejected', 'seal could not be opened'],
      ['rejected', 'seal could not be opened'],
      ['rejected', expect.stringMatching(/^sealed\.alg: /)],
      ['rejected', expect.stringMatching(/^sealed\.iv: must be base64/)],
      ['accepted', undefined],
    ]);
  });

  it('rejects a seal meant for another engagement, and unknown key ids', async () => {
    const { key } = await bundleKey();
    const { key: otherKey } = await bundleKey(OTHER);
    // Sealed with the other engagement's key but sent as this one's.
    const wrongOuter = await sealContribution(contribution(), otherKey, otherKey.kid);
    // Sealed for this engagement, but the inside names the other one.
    const inside: Contribution = contribution({ engagement: OTHER });
    const mismatch: SealedContribution = { ...(await sealContribution(inside, key, key.kid)), engagement: FIXTURE_SLUG };
    // This engagement's seal relabelled as the other's.
    const relabelled: SealedContribution = { ...(await sealContribution(contribution(), key, key.kid)), engagement: OTHER };
    const unknownKid = await sealContribution(contribution(), key, `${FIXTURE_SLUG}-000000000000`);
    const swappedKid = await sealContribution(contribution(), key, otherKey.kid);
    const forOther = await sealContribution(contribution({ engagement: OTHER }), otherKey, otherKey.kid);

    const receipts = await syncItems([wrongOuter, mismatch, relabelled, unknownKid, swappedKid, forOther]);
    expect(receipts.map((r) => [r.status, r.error])).toEqual([
      ['rejected', 'seal could not be opened'],
      ['rejected', 'sealed: id and engagement inside the seal must match the outside'],
      ['rejected', 'seal could not be opened'],
      ['rejected', 'seal could not be opened'],
      ['rejected', 'seal could not be opened'],
      ['accepted', undefined],
    ]);
  });

  it('answers a replayed seal with the original receipt, and the same id with new content as a conflict', async () => {
    const { key } = await bundleKey();
    const inner = contribution();
    const sealed = await sealContribution(inner, key, key.kid);
    const [first] = await syncItems([sealed]);
    expect(first.status).toBe('accepted');
    const again = await syncItems([sealed, await sealContribution(inner, key, key.kid), await sealContribution({ ...inner, locale: 'cy' }, key, key.kid)]);
    expect(again.map((r) => [r.status, r.receipt ?? r.error])).toEqual([
      ['duplicate', first.receipt],
      ['duplicate', first.receipt],
      ['rejected', 'conflict'],
    ]);
    // The same seal inside an export file is a duplicate too.
    const imported = await post(EVENTS_API.import(FIXTURE_SLUG), {
      format: EXPORT_FORMAT,
      formatVersion: EXPORT_FORMAT_VERSION,
      engagement: FIXTURE_SLUG,
      exportedAt: new Date().toISOString(),
      items: [sealed],
    });
    expect(((await imported.json()) as { receipts: unknown[] }).receipts).toEqual([{ id: inner.id, status: 'duplicate', receipt: first.receipt }]);
  });

  it('never lets a private key member out: API answers, exports and logs', async () => {
    // Touch every organiser and public answer that could carry key material.
    await post(EVENTS_API.events(FIXTURE_SLUG), { name: 'Key check', place: 'Hall', date: '2026-04-01' });
    const paths = [
      API.health,
      API.engagements,
      API.engagement(FIXTURE_SLUG),
      API.engagement(OTHER),
      EVENTS_API.events(FIXTURE_SLUG),
      WORKSPACE_API.session,
      WORKSPACE_API.engagements,
      WORKSPACE_API.engagement(FIXTURE_SLUG),
      WORKSPACE_API.draft(FIXTURE_SLUG),
      WORKSPACE_API.versions(FIXTURE_SLUG),
      WORKSPACE_API.dashboard(FIXTURE_SLUG),
      WORKSPACE_API.moderation(FIXTURE_SLUG),
    ];
    for (const path of paths) await get(path, true);
    const csv = await get(API.contributionsCsv(FIXTURE_SLUG), true);
    expect(csv.status).toBe(200);
    const json = await get(WORKSPACE_API.contributionsJson(FIXTURE_SLUG), true);
    expect(json.status).toBe(200);

    const rows = await server.db.kysely.selectFrom('engagement_keys').select('private_jwk').execute();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const secrets = rows.flatMap((row) => {
      const jwk = JSON.parse(row.private_jwk) as Record<string, string>;
      return PRIVATE_MEMBERS.map((member) => jwk[member]);
    });
    expect(secrets.every((s) => typeof s === 'string' && s.length > 20)).toBe(true);

    const texts = [...answers, ...logs.map((line) => ({ what: 'log', body: line }))];
    expect(texts.length).toBeGreaterThan(20);
    expect(logs.length).toBeGreaterThan(0);
    for (const { what, body } of texts) {
      for (const secret of secrets) expect(body.includes(secret), `${what} carries private key material`).toBe(false);
      expect(privateMembersIn(body), what).toEqual([]);
    }
  });
});

/** Names of JWK private members found in any object of a JSON answer (none for non-JSON). */
function privateMembersIn(text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if ('kty' in record) for (const member of PRIVATE_MEMBERS) if (member in record) found.push(member);
    Object.values(record).forEach(visit);
  };
  visit(value);
  return found;
}
