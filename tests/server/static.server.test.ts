import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE } from '../../src/server/routes/static';
import { startServer, tempDir, type TestServer } from './helpers';

describe('serving the built app', () => {
  const dist = tempDir('heard-dist-');
  let server: TestServer;
  beforeAll(async () => {
    mkdirSync(join(dist.path, 'assets'));
    writeFileSync(join(dist.path, 'index.html'), '<!doctype html><title>Heard test page</title>');
    writeFileSync(join(dist.path, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dist.path, 'manifest.webmanifest'), '{"name":"Heard"}');
    writeFileSync(join(dist.path, 'assets', 'x.js'), 'console.log("x");');
    server = await startServer({ staticDir: dist.path });
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
