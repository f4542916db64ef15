import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { IMMUTABLE } from '../../src/server/routes/static';
import { startServer, tempDir, type TestServer } from './helpers';
import { describeOnBothDatabases } from './backends';

/** A raw GET that keeps the body as sent (fetch would decode it and hide the encoding). */
function rawGet(url: string, encoding: string): Promise<{ encoding?: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

const BIG_JS = `export const words = ${JSON.stringify('have your say '.repeat(400))};`;

// The API answers here come from the database, so this suite runs on both too.
describeOnBothDatabases('serving the built app', (backend) => {
  const dist = tempDir('heard-dist-');
  let server: TestServer;
  beforeAll(async () => {
    mkdirSync(join(dist.path, 'assets'));
    writeFileSync(join(dist.path, 'index.html'), '<!doctype html><title>Heard test page</title>');
    writeFileSync(join(dist.path, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dist.path, 'manifest.webmanifest'), '{"name":"Heard"}');
    writeFileSync(join(dist.path, 'assets', 'x.js'), 'console.log("x");');
    writeFileSync(join(dist.path, 'assets', 'big.js'), BIG_JS);
    writeFileSync(join(dist.path, 'assets', 'big.js.br'), brotliCompressSync(BIG_JS));
    server = await startServer({ staticDir: dist.path }, backend);
  });
  afterAll(async () => {
    await server.close();
    dist.remove();
  });

  it('caches hashed assets for a year, immutable', async () => {
    const response = await fetch(server.url + '/assets/x.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(await response.text()).toBe('console.log("x");');
  });

  it('sends the precompressed copy the browser accepts, and compresses the API on the fly', async () => {
    const br = await rawGet(server.url + '/assets/big.js', 'br, gzip');
    expect(br.encoding).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(BIG_JS);
    const plain = await rawGet(server.url + '/assets/big.js', 'identity');
    expect(plain.encoding).toBeUndefined();
    expect(plain.body.toString()).toBe(BIG_JS);
    const api = await rawGet(server.url + '/api/engagements/fixture-talk', 'gzip');
    expect(api.encoding).toBe('gzip');
    expect(JSON.parse(gunzipSync(api.body).toString())).toMatchObject({ slug: 'fixture-talk' });
  });

  it('asks the browser to preload the engagement bundle with a deep link to an engagement, and only then', async () => {
    const deep = await fetch(server.url + '/e/ahp-strategy/conversation/ease-of-support');
    expect(deep.headers.get('link')).toBe('</api/engagements/ahp-strategy>; rel=preload; as=fetch; crossorigin');
    for (const path of ['/', '/outbox', '/e/Not_A_Slug']) {
      expect((await fetch(server.url + path)).headers.get('link'), path).toBeNull();
    }
  });

  it('makes index.html, sw.js and the manifest revalidate on every use', async () => {
    for (const path of ['/', '/index.html', '/sw.js', '/manifest.webmanifest']) {
      const response = await fetch(server.url + path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
    }
  });

  it('answers app routes with index.html, but not /api/ or missing assets', async () => {
    for (const path of ['/e/ahp-strategy', '/e/ahp-strategy/phase/conversation?lang=cy', '/organiser']) {
      const response = await fetch(server.url + path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
      expect(await response.text()).toContain('Heard test page');
    }
    const api = await fetch(server.url + '/api/nothing');
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: 'not found: GET /api/nothing' });
    const asset = await fetch(server.url + '/assets/missing-1234.js');
    expect(asset.status).toBe(404);
    expect(asset.headers.get('content-type')).toMatch(/^application\/json/);
    const post = await fetch(server.url + '/e/ahp-strategy', { method: 'POST' });
    expect(post.status).toBe(404);
  });
});
