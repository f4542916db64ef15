import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import type { FindingsPage } from '../../src/shared/findings';
import { cacheFindings, closeDb, DB_NAME, DB_VERSION, getCachedFindings } from '../../src/storage';
import { getDb } from '../../src/storage/db';
import { useFreshDatabase } from './fixtures';

useFreshDatabase();

const page: FindingsPage = {
  engagement: 'ahp-strategy',
  version: 2,
  publishedAt: '2026-06-01T10:00:00.000Z',
  languages: ['en', 'ar'],
  title: 'Allied health strategy',
  intro: 'We read every answer.',
  next: 'The board decides in July.',
  translations: {},
  easyRead: {},
  themes: [{ id: 't1', name: 'Buses', count: '<10', names: {}, easyRead: {}, quotes: [] }],
};

describe('the kept "you said, we heard" page', () => {
  it('keeps the latest page per engagement with its ETag and when it was fetched', async () => {
    expect(await getCachedFindings('ahp-strategy')).toBeUndefined();
    await cacheFindings({ ...page, version: 1 }, '"one"', '2026-06-01T09:00:00.000Z');
    await cacheFindings(page, '"two"', '2026-06-02T09:00:00.000Z');
    expect(await getCachedFindings('ahp-strategy')).toEqual({ page, etag: '"two"', fetchedAt: '2026-06-02T09:00:00.000Z' });
    expect(await getCachedFindings('other')).toBeUndefined();
  });

  it('adds its store when a version 4 database is upgraded, keeping what was there', async () => {
    await closeDb();
    indexedDB.deleteDatabase(DB_NAME);
    // A device last opened by the version of the app before this store existed.
    const old = await openDB(DB_NAME, 4, {
      upgrade(db) {
        for (const name of ['drafts', 'outbox', 'ledger', 'engagements', 'audio', 'aboutYou']) db.createObjectStore(name, { keyPath: name === 'engagements' ? 'slug' : name === 'drafts' ? 'key' : 'id' });
        db.createObjectStore('meta');
      },
    });
    await old.put('meta', 'kept', 'preference');
    old.close();

    const db = await getDb();
    expect(DB_VERSION).toBeGreaterThanOrEqual(5);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames]).toContain('findings');
    expect(await db.get('meta', 'preference')).toBe('kept');
    await cacheFindings(page, undefined, '2026-06-02T09:00:00.000Z');
    expect(await getCachedFindings('ahp-strategy')).toEqual({ page, fetchedAt: '2026-06-02T09:00:00.000Z' });
  });
});
