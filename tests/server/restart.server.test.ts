import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { buildServer } from '../../src/server/app';
import { openDatabase } from '../../src/server/db/connect';
import { API } from '../../src/shared/api';
import type { EngagementBundle } from '../../src/shared/engagement';
import { ADMIN, FIXTURE_FILE, FIXTURE_SLUG, contribution, countRows, sync, tempDir } from './helpers';
import { describeOnBothDatabases } from './backends';

describeOnBothDatabases('restarting on the same database', (backend) => {
  it('keeps contributions, keys and organisers, and does not seed twice', async () => {
    const dir = tempDir();
    const place = await backend.location();
    const options = { db: place.target, seedFile: FIXTURE_FILE, admin: ADMIN, staticDir: join(dir.path, 'dist') };
    try {
      const first = await buildServer(options);
      const url1 = await first.listen({ port: 0, host: '127.0.0.1' });
      const item = contribution();
      const stored = await sync(url1, [item]);
      const bundle1 = (await (await fetch(url1 + API.engagement(FIXTURE_SLUG))).json()) as EngagementBundle;
      const etag1 = (await fetch(url1 + API.engagement(FIXTURE_SLUG))).headers.get('etag');
      await first.close();

      const second = await buildServer(options);
      const url2 = await second.listen({ port: 0, host: '127.0.0.1' });
      const replay = await sync(url2, [item]);
      expect(replay.body.receipts).toEqual([{ id: item.id, status: 'duplicate', receipt: stored.body.receipts[0].receipt }]);
      const bundle2 = (await (await fetch(url2 + API.engagement(FIXTURE_SLUG))).json()) as EngagementBundle;
      expect(bundle2.publicKey).toEqual(bundle1.publicKey);
      expect((await fetch(url2 + API.engagement(FIXTURE_SLUG))).headers.get('etag')).toBe(etag1);
      await second.close();

      const db = await openDatabase(place.target);
      try {
        expect(await countRows(db, 'engagements')).toBe(1);
        expect(await countRows(db, 'engagement_keys')).toBe(1);
        expect(await countRows(db, 'organisers')).toBe(1);
        expect(await countRows(db, 'contributions')).toBe(1);
      } finally {
        await db.close();
      }
    } finally {
      dir.remove();
      await place.dispose();
    }
  });

  it('takes a seed file with a higher version, and refuses to start on an invalid one', async () => {
    const dir = tempDir();
    const place = await backend.location();
    const seedFile = join(dir.path, 'seed.json');
    const bundle = JSON.parse(readFileSync(FIXTURE_FILE, 'utf8')) as EngagementBundle;
    const options = { db: place.target, seedFile, admin: ADMIN, staticDir: join(dir.path, 'dist') };
    try {
      writeFileSync(seedFile, JSON.stringify(bundle));
      await (await buildServer(options)).close();

      writeFileSync(seedFile, JSON.stringify({ ...bundle, version: 3, title: 'Fixture talk, second edition' }));
      const server = await buildServer(options);
      const url = await server.listen({ port: 0, host: '127.0.0.1' });
      const list = (await (await fetch(url + API.engagements)).json()) as Array<{ title: string; version: number }>;
      expect(list.map((e) => [e.title, e.version])).toEqual([['Fixture talk, second edition', 3]]);
      await server.close();

      // An older file does not roll the stored engagement back.
      writeFileSync(seedFile, JSON.stringify(bundle));
      const again = await buildServer(options);
      const url2 = await again.listen({ port: 0, host: '127.0.0.1' });
      expect(((await (await fetch(url2 + API.engagements)).json()) as Array<{ version: number }>)[0].version).toBe(3);
      await again.close();

      writeFileSync(seedFile, JSON.stringify({ ...bundle, version: 4, phases: [] }));
      await expect(buildServer(options)).rejects.toThrow(/seed\.json: phases/);
    } finally {
      dir.remove();
      await place.dispose();
    }
  });

  it('lets a request in flight finish when the server closes, then takes no more', async () => {
    const dir = tempDir();
    const place = await backend.location();
    let release: () => void = () => {};
    const stalled = new Promise<void>((resolve) => (release = resolve));
    let reached: () => void = () => {};
    const inside = new Promise<void>((resolve) => (reached = resolve));
    const server = await buildServer({
      db: place.target,
      seedFile: FIXTURE_FILE,
      admin: ADMIN,
      staticDir: join(dir.path, 'dist'),
      faults: {
        async beforeStore(position) {
          if (position === 1) {
            reached();
            await stalled;
          }
        },
      },
    });
    try {
      const url = await server.listen({ port: 0, host: '127.0.0.1' });
      const items = [contribution(), contribution(), contribution()];
      const inFlight = sync(url, items);
      await inside;
      const closing = server.close();
      release();
      const reply = await inFlight;
      expect(reply.status).toBe(200);
      expect(reply.body.receipts.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
      await closing;
      await expect(fetch(url + API.health)).rejects.toThrow();

      const db = await openDatabase(place.target);
      try {
        expect(await countRows(db, 'contributions')).toBe(3);
      } finally {
        await db.close();
      }
    } finally {
      dir.remove();
      await place.dispose();
    }
  });
});
