import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Contribution, EngagementBundle } from '../../src/shared';
import {
  cacheEngagement,
  confirmDelivered,
  countOutbox,
  DB_NAME,
  DB_VERSION,
  getCachedEngagement,
  getMeta,
  listCachedEngagements,
  loadDraft,
  markNeedsAttention,
  onOutboxChange,
  requestPersistence,
  retryEntry,
  saveDraft,
  setMeta,
  StorageFullError,
  submitContribution,
} from '../../src/storage';
import { getDb } from '../../src/storage/db';
import { OUTBOX_CHANNEL } from '../../src/storage/notify';
import { makeContribution, useFreshDatabase } from './fixtures';

useFreshDatabase();

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

function contribution(): Contribution {
  return makeContribution({ answers: [{ prompt: 'support', vote: 'agree' }], locale: 'cy', route: { easyRead: false, readAloud: true, assisted: false, audio: false }, channel: 'online', event: undefined });
}

const bundle: EngagementBundle = {
  slug: 'ahp-strategy',
  title: 'Allied health strategy',
  intro: 'Tell us what matters. Answers are anonymous.',
  organisation: 'Health workforce team',
  version: 2,
  languages: ['en', 'cy'],
  phases: [
    {
      id: 'conversation',
      kind: 'conversation',
      title: 'Conversation',
      intro: 'Open questions',
      audience: 'public',
      prompts: [{ id: 'support', kind: 'text', text: 'What would help?', required: true }],
    },
  ],
  translations: {},
  easyRead: {},
  publicKey: null,
};

describe('the database', () => {
  it('creates every store at the current version', async () => {
    const db = await getDb();
    expect(DB_VERSION).toBeGreaterThanOrEqual(2);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames]).toEqual(expect.arrayContaining(['audio', 'drafts', 'engagements', 'ledger', 'meta', 'outbox']));
  });

  it('steps aside when a newer version of the app wants to upgrade', async () => {
    await getDb();
    const blocked = vi.fn();
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, DB_VERSION + 1);
      request.onblocked = blocked;
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    expect(newer.version).toBe(DB_VERSION + 1);
    expect(blocked).not.toHaveBeenCalled();
    newer.close();
  });
});

describe('a full device', () => {
  it('turns QuotaExceededError on a draft save into StorageFullError', async () => {
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    });
    const saving = saveDraft({ engagement: 'ahp-strategy', phase: 'conversation', version: 1, answers: {}, step: 'support' });
    await expect(saving).rejects.toBeInstanceOf(StorageFullError);
    await expect(saving).rejects.toThrow(/out of storage space/);
  });

  it('turns QuotaExceededError on submit into StorageFullError and keeps the draft', async () => {
    await saveDraft({ engagement: 'ahp-strategy', phase: 'conversation', version: 1, answers: { support: { vote: 'agree' } }, step: 'check' });
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    });

    const error = await submitContribution(contribution(), { engagement: 'ahp-strategy', phase: 'conversation' }).catch((e: unknown) => e);
    vi.restoreAllMocks();

    expect(error).toBeInstanceOf(StorageFullError);
    expect((error as Error).cause).toMatchObject({ name: 'QuotaExceededError' });
    expect(await loadDraft('ahp-strategy', 'conversation')).toBeDefined();
    expect(await countOutbox()).toEqual({ waiting: 0, needsAttention: 0 });
  });

  it('passes other errors through unchanged', async () => {
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('Broken', 'UnknownError');
    });
    await expect(setMeta('k', 1)).rejects.toMatchObject({ name: 'UnknownError' });
  });
});

describe('onOutboxChange', () => {
  it('fires after each outbox write has committed, and stops when unsubscribed', async () => {
    const counts: Promise<{ waiting: number; needsAttention: number }>[] = [];
    const stop = onOutboxChange(() => counts.push(countOutbox()));

    const entry = await submitContribution(contribution());
    await markNeedsAttention(entry.id, 'conflict');
    await retryEntry(entry.id);
    await confirmDelivered([{ id: entry.id, status: 'accepted' }]);
    stop();
    await submitContribution(contribution());

    expect(await Promise.all(counts)).toEqual([
      { waiting: 1, needsAttention: 0 },
      { waiting: 0, needsAttention: 1 },
      { waiting: 1, needsAttention: 0 },
      { waiting: 0, needsAttention: 0 },
    ]);
  });

  it('tells other contexts through the heard-outbox channel', async () => {
    const other = new BroadcastChannel(OUTBOX_CHANNEL);
    const heard = new Promise<unknown>((resolve) => {
      other.onmessage = (event) => resolve(event.data);
    });
    await submitContribution(contribution());
    await expect(heard).resolves.toEqual({ type: 'outbox-changed' });
    other.close();
  });

  it('hears changes made in other contexts', async () => {
    const listener = vi.fn();
    const stop = onOutboxChange(listener);
    const other = new BroadcastChannel(OUTBOX_CHANNEL);
    other.postMessage({ type: 'outbox-changed' });
    await vi.waitFor(() => expect(listener).toHaveBeenCalledTimes(1));
    other.close();
    stop();
  });

  it('keeps calling other listeners when one throws', async () => {
    const errors: unknown[] = [];
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void) => {
      try {
        fn();
      } catch (error) {
        errors.push(error);
      }
      return 0;
    }) as unknown as typeof setTimeout);
    const good = vi.fn();
    const stopBad = onOutboxChange(() => {
      throw new Error('listener bug');
    });
    const stopGood = onOutboxChange(good);

    await submitContribution(contribution());
    stopBad();
    stopGood();

    expect(good).toHaveBeenCalledTimes(1);
    expect(errors).toEqual([new Error('listener bug')]);
  });
});

describe('requestPersistence', () => {
  it('asks once, remembers that it asked, and reports the answer', async () => {
    const persist = vi.fn(async () => false);
    vi.stubGlobal('navigator', { storage: { persisted: async () => false, persist } });

    expect(await requestPersistence()).toBe(false);
    expect(await requestPersistence()).toBe(false);
    expect(persist).toHaveBeenCalledTimes(1);
    expect(await getMeta('persistence-requested-at')).toEqual(expect.any(String));
  });

  it('returns true when storage is already persisted, without asking', async () => {
    const persist = vi.fn(async () => true);
    vi.stubGlobal('navigator', { storage: { persisted: async () => true, persist } });
    expect(await requestPersistence()).toBe(true);
    expect(persist).not.toHaveBeenCalled();
  });

  it('returns true when the browser grants it', async () => {
    vi.stubGlobal('navigator', { storage: { persisted: async () => false, persist: async () => true } });
    expect(await requestPersistence()).toBe(true);
  });

  it('is safe where the API is missing (workers, old browsers)', async () => {
    vi.stubGlobal('navigator', undefined);
    expect(await requestPersistence()).toBe(false);
    vi.stubGlobal('navigator', { storage: { persisted: async () => false } });
    expect(await requestPersistence()).toBe(false);
  });
});

describe('cached engagements and meta', () => {
  it('round-trips a bundle with its ETag and lists its summary', async () => {
    await cacheEngagement(bundle, '"v2"');

    const cached = await getCachedEngagement('ahp-strategy');
    expect(cached).toMatchObject({ bundle, etag: '"v2"', cachedAt: expect.any(String) });
    expect(await getCachedEngagement('nope')).toBeUndefined();
    expect(await listCachedEngagements()).toEqual([
      { slug: 'ahp-strategy', title: 'Allied health strategy', organisation: 'Health workforce team', languages: ['en', 'cy'], version: 2 },
    ]);
  });

  it('stores and reads settings by key', async () => {
    expect(await getMeta('display')).toBeUndefined();
    await setMeta('display', { easyRead: true, textSize: 'large' });
    expect(await getMeta<{ easyRead: boolean }>('display')).toEqual({ easyRead: true, textSize: 'large' });
  });
});
