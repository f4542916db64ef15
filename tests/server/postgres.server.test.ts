import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../src/shared/api';
import type { EngagementBundle } from '../../src/shared/engagement';
import { sealContribution } from '../../src/shared/seal';
import { FIXTURE_SLUG, contribution, signIn, startServer, sync, type TestServer } from './helpers';
import { postgresBackend } from './postgres';
import { syncContract } from './sync-contract';

const backend = postgresBackend();

syncContract(backend);

describe('the rest of the API on postgres', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({}, backend);
  });
  afterAll(async () => {
    await server.close();
  });

  it('reports postgres in the health check', async () => {
    expect(await (await fetch(server.url + API.health)).json()).toMatchObject({ ok: true, db: 'postgres' });
  });

  it('serves engagements, opens seals and exports the CSV', async () => {
    expect(((await (await fetch(server.url + API.engagements)).json()) as Array<{ slug: string }>).map((e) => e.slug)).toEqual([FIXTURE_SLUG]);
    const response = await fetch(server.url + API.engagement(FIXTURE_SLUG));
    const etag = response.headers.get('etag') ?? '';
    const bundle = (await response.json()) as EngagementBundle;
    expect((await fetch(server.url + API.engagement(FIXTURE_SLUG), { headers: { 'if-none-match': etag } })).status).toBe(304);

    const key = bundle.publicKey as unknown as JsonWebKey & { kid: string };
    const inner = contribution({ answers: [{ prompt: 'ideas', text: 'Sealed, with "quotes"' }] });
    const plain = contribution({ answers: [{ prompt: 'support', choices: ['visit', 'phone'] }] });
    const { body } = await sync(server.url, [await sealContribution(inner, key, key.kid), plain]);
    expect(body.receipts.map((r) => r.status)).toEqual(['accepted', 'accepted']);

    const csv = await (await fetch(server.url + API.contributionsCsv(FIXTURE_SLUG), { headers: { cookie: await signIn(server.url) } })).text();
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(4);
    expect(csv).toContain(`${inner.id},${body.receipts[0].receipt},fixture-talk,2,conversation,ideas,text,"Sealed, with ""quotes"""`);
    expect(csv).toContain(`${plain.id},${body.receipts[1].receipt},fixture-talk,2,conversation,support,choices,visit; phone,`);
  });
});
