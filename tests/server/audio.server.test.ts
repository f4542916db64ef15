import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { API } from '../../src/shared/api';
import { MAX_AUDIO_BYTES } from '../../src/shared/audio';
import { describeOnBothDatabases } from './backends';
import { FIXTURE_SLUG, contribution, signIn, startServer, sync, type TestServer } from './helpers';

const WEBM = 'audio/webm;codecs=opus';

async function put(url: string, id: string, body: Uint8Array | string, type = WEBM): Promise<{ status: number; body: { status?: string; error?: string; id?: string } }> {
  const response = await fetch(url + API.audio(id), { method: 'PUT', headers: { 'content-type': type }, body: typeof body === 'string' ? body : new Uint8Array(body) });
  return { status: response.status, body: (await response.json()) as { status?: string; error?: string } };
}

describeOnBothDatabases('recorded answers', (backend) => {
  let server: TestServer;
  let cookie: string;
  beforeAll(async () => {
    server = await startServer({}, backend);
    cookie = await signIn(server.url);
  });
  afterAll(async () => {
    await server.close();
  });

  async function rows(id: string): Promise<number> {
    const found = await server.db.kysely.selectFrom('audio').select('id').where('id', '=', id).execute();
    return found.length;
  }

  it('stores a recording once: the same bytes again are a duplicate, and organisers get the bytes back', async () => {
    const id = randomUUID();
    const bytes = randomBytes(50_000);
    expect(await put(server.url, id, bytes)).toEqual({ status: 201, body: { id, status: 'accepted' } });
    expect(await put(server.url, id, bytes)).toEqual({ status: 200, body: { id, status: 'duplicate' } });
    // Racing senders of the same bytes both succeed, and one row remains.
    const raced = await Promise.all([put(server.url, id, bytes), put(server.url, id, bytes)]);
    expect(raced.map((r) => r.status)).toEqual([200, 200]);
    expect(await rows(id)).toBe(1);

    const played = await fetch(server.url + API.organiserAudio(id), { headers: { cookie } });
    expect(played.status).toBe(200);
    expect(played.headers.get('content-type')).toBe(WEBM);
    expect(played.headers.get('cache-control')).toContain('no-store');
    expect(Buffer.from(await played.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('treats an id written in upper case as the same recording', async () => {
    const id = randomUUID();
    const bytes = randomBytes(1000);
    expect((await put(server.url, id.toUpperCase(), bytes)).status).toBe(201);
    expect((await put(server.url, id, bytes)).body.status).toBe('duplicate');
  });

  it('refuses other bytes, or another type, under an id already used (409) and keeps the first', async () => {
    const id = randomUUID();
    const first = randomBytes(2000);
    expect((await put(server.url, id, first)).status).toBe(201);
    const other = await put(server.url, id, randomBytes(2000));
    expect(other.status).toBe(409);
    expect(other.body.error).toMatch(/conflict/);
    expect((await put(server.url, id, first, 'audio/mp4')).status).toBe(409);
    const played = await fetch(server.url + API.organiserAudio(id), { headers: { cookie } });
    expect(Buffer.from(await played.arrayBuffer()).equals(first)).toBe(true);
  });

  it('refuses what is not audio with 415 and a clear message, storing nothing', async () => {
    const id = randomUUID();
    for (const type of ['application/json', 'text/plain', 'image/png', 'audio/x-evil']) {
      const reply = await put(server.url, id, type === 'application/json' ? '{"a":1}' : 'hello', type);
      expect(reply.status, type).toBe(415);
      expect(reply.body.error, type).toMatch(/audio/);
    }
    expect(await rows(id)).toBe(0);
  });

  it('refuses a recording over the size limit (413), an empty one and a bad id (400)', async () => {
    const id = randomUUID();
    const big = await put(server.url, id, randomBytes(MAX_AUDIO_BYTES + 1));
    expect(big.status).toBe(413);
    expect(big.body.error).toMatch(/too large/);
    const empty = await put(server.url, id, new Uint8Array(0));
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatch(/empty/);
    const badId = await put(server.url, 'not-a-uuid', randomBytes(10));
    expect(badId.status).toBe(400);
    expect(badId.body.error).toMatch(/UUID/);
    expect(await rows(id)).toBe(0);
    // The largest allowed recording is stored.
    expect((await put(server.url, id, randomBytes(MAX_AUDIO_BYTES))).status).toBe(201);
  });

  it('plays recordings to organisers only: no session is 401, an unknown id 404', async () => {
    const id = randomUUID();
    await put(server.url, id, randomBytes(100));
    const anonymous = await fetch(server.url + API.organiserAudio(id));
    expect(anonymous.status).toBe(401);
    const forged = await fetch(server.url + API.organiserAudio(id), { headers: { cookie: '__Host-heard_session=forged' } });
    expect(forged.status).toBe(401);
    const missing = await fetch(server.url + API.organiserAudio(randomUUID()), { headers: { cookie } });
    expect(missing.status).toBe(404);
  });

  it('shows the recording reference in the CSV export, with the audio route flag', async () => {
    const id = randomUUID();
    const bytes = randomBytes(3000);
    await put(server.url, id, bytes);
    const item = contribution({
      answers: [{ prompt: 'ideas', audio: { id, type: WEBM, seconds: 12 } }],
      route: { easyRead: true, readAloud: true, assisted: false, audio: true },
    });
    expect((await sync(server.url, [item])).body.receipts[0]?.status).toBe('accepted');
    const csv = await (await fetch(server.url + API.contributionsCsv(FIXTURE_SLUG), { headers: { cookie } })).text();
    const line = csv.split('\r\n').find((row) => row.startsWith(item.id));
    expect(line).toContain(`,audio,${id},`);
    expect(line).toMatch(/,yes,yes,no,yes,/);
  });
});
