import { describe, expect, it } from 'vitest';
import type { Contribution, SyncResponse, WireContribution } from '../../src/shared';
import { openDB } from 'idb';
import { clearAllDrafts, closeDb, deleteUnreferencedAudio, countOutbox, DB_NAME, getAudio, loadDraft, listNeedsAttention, retryEntry, saveAudio, saveDraft, submitContribution, type AudioRecord } from '../../src/storage';
import { getDb } from '../../src/storage/db';
import { BatchRefusedError, drain, RetryableError, type AudioUploader, type Transport } from '../../src/sync';
import { httpAudioUploader } from '../../src/sync/audio-upload';
import { makeContribution, useFreshDatabase } from './fixtures';

useFreshDatabase();

const TYPE = 'audio/webm;codecs=opus';

/** A recorded answer saved on the device and a queued contribution that refers to it. */
async function queueRecorded(bytes = new Uint8Array([1, 2, 3, 4])): Promise<{ contribution: Contribution; audioId: string }> {
  const audioId = crypto.randomUUID();
  await saveAudio({ id: audioId, type: TYPE, seconds: 7, bytes: bytes.slice().buffer });
  const contribution = makeContribution({
    answers: [{ prompt: 'support', audio: { id: audioId, type: TYPE, seconds: 7 } }],
    route: { easyRead: false, readAloud: false, assisted: false, audio: true },
  });
  await submitContribution(contribution);
  return { contribution, audioId };
}

/** Records the order of everything the server was sent: uploads and sync requests. */
class Server implements Transport, AudioUploader {
  readonly log: string[] = [];
  readonly audio = new Map<string, Uint8Array>();
  readonly contributions = new Set<string>();
  refuseAudio?: BatchRefusedError;
  failAudio = false;

  async upload(record: AudioRecord): Promise<'accepted' | 'duplicate'> {
    this.log.push(`audio ${record.id}`);
    if (this.failAudio) throw new RetryableError('No connection to the server.');
    if (this.refuseAudio) throw this.refuseAudio;
    const known = this.audio.has(record.id);
    this.audio.set(record.id, new Uint8Array(record.bytes));
    return known ? 'duplicate' : 'accepted';
  }

  async send(items: WireContribution[]): Promise<SyncResponse> {
    this.log.push(...items.map((item) => `contribution ${item.id}`));
    return {
      receipts: items.map((item) => {
        const known = this.contributions.has(item.id);
        this.contributions.add(item.id);
        return { id: item.id, status: known ? 'duplicate' : 'accepted', receipt: `r-${item.id}` };
      }),
    };
  }
}

describe('drain with recorded answers', () => {
  it('uploads the recording before its contribution, then forgets the bytes on the device', async () => {
    const server = new Server();
    const { contribution, audioId } = await queueRecorded(new Uint8Array([9, 8, 7]));
    const result = await drain({ transport: server, audio: server });
    expect(result).toMatchObject({ confirmed: 1, remaining: 0 });
    expect(server.log).toEqual([`audio ${audioId}`, `contribution ${contribution.id}`]);
    expect([...server.audio.get(audioId)!]).toEqual([9, 8, 7]);
    expect(await getAudio(audioId)).toBeUndefined();
  });

  it('keeps everything queued when the upload fails, and does not upload twice once the server has it', async () => {
    const server = new Server();
    const { contribution, audioId } = await queueRecorded();
    server.failAudio = true;
    const failed = await drain({ transport: server, audio: server });
    expect(failed).toMatchObject({ confirmed: 0, remaining: 1 });
    expect(failed.error).toMatch(/connection/);
    expect(server.contributions.size).toBe(0);
    expect(await getAudio(audioId)).toBeDefined();

    // The upload lands but the contribution's request fails: next time only the contribution goes.
    server.failAudio = false;
    const sendOnce = server.send.bind(server);
    let calls = 0;
    const flaky: Transport = {
      send: async (items) => {
        calls += 1;
        if (calls === 1) throw new RetryableError('dropped');
        return sendOnce(items);
      },
    };
    expect(await drain({ transport: flaky, audio: server })).toMatchObject({ confirmed: 0, remaining: 1 });
    expect((await getAudio(audioId))?.uploadedAt).toBeTruthy();
    server.log.length = 0;
    expect(await drain({ transport: flaky, audio: server })).toMatchObject({ confirmed: 1, remaining: 0 });
    expect(server.log).toEqual([`contribution ${contribution.id}`]);
  });

  it('parks a contribution whose recording the server refuses, keeps the recording, and lets its neighbours through', async () => {
    const server = new Server();
    const { contribution, audioId } = await queueRecorded();
    const neighbour = makeContribution();
    await submitContribution(neighbour);
    server.refuseAudio = new BatchRefusedError('The server refused the recording (413): the recording is too large', 413);
    const result = await drain({ transport: server, audio: server });
    expect(result).toMatchObject({ confirmed: 1, needsAttention: 1, remaining: 0 });
    expect([...server.contributions]).toEqual([neighbour.id]);
    const parked = await listNeedsAttention();
    expect(parked.map((e) => [e.id, e.lastError])).toEqual([[contribution.id, expect.stringMatching(/too large/)]]);
    expect(await getAudio(audioId)).toBeDefined();

    // Parked, not retried on its own; a person's retry sends it once the server takes it.
    expect(await drain({ transport: server, audio: server })).toMatchObject({ sent: 0 });
    server.refuseAudio = undefined;
    await retryEntry(contribution.id);
    expect(await drain({ transport: server, audio: server })).toMatchObject({ confirmed: 1 });
    expect(await countOutbox()).toEqual({ waiting: 0, needsAttention: 0 });
  });

  it('parks, never drops, a contribution whose recording is missing from the device', async () => {
    const server = new Server();
    const contribution = makeContribution({ answers: [{ prompt: 'support', audio: { id: crypto.randomUUID(), type: TYPE, seconds: 3 } }] });
    await submitContribution(contribution);
    const result = await drain({ transport: server, audio: server });
    expect(result).toMatchObject({ needsAttention: 1, confirmed: 0 });
    expect((await listNeedsAttention())[0]?.lastError).toMatch(/no longer on this device/);
  });
});

describe('recordings on a shared device', () => {
  it('uploads the recordings an entry lists even when its payload is sealed', async () => {
    const server = new Server();
    const audioId = crypto.randomUUID();
    await saveAudio({ id: audioId, type: TYPE, seconds: 2, bytes: new Uint8Array([5, 5]).buffer });
    const sealed = { id: crypto.randomUUID(), engagement: 'ahp-strategy', sealed: { alg: 'RSA-OAEP-256+A256GCM' as const, kid: 'k1', key: 'a2V5', iv: 'aXY=', data: 'ZGF0YQ==' } };
    await submitContribution(sealed, { engagement: 'ahp-strategy', phase: 'conversation', audio: [audioId] });
    expect(await drain({ transport: server, audio: server })).toMatchObject({ confirmed: 1 });
    expect(server.log).toEqual([`audio ${audioId}`, `contribution ${sealed.id}`]);
    expect(await getAudio(audioId)).toBeUndefined();
  });
});

describe('recordings left behind', () => {
  it('are deleted when the drafts are cleared for the next person, while queued ones stay', async () => {
    const { audioId: queued } = await queueRecorded();
    const inDraft = crypto.randomUUID();
    const abandoned = crypto.randomUUID();
    for (const id of [inDraft, abandoned]) await saveAudio({ id, type: TYPE, seconds: 1, bytes: new Uint8Array([1]).buffer });
    await saveDraft({ engagement: 'ahp-strategy', phase: 'check', version: 1, answers: { missing: { audio: { id: inDraft, type: TYPE, seconds: 1 } } }, step: 'missing' });
    expect(await deleteUnreferencedAudio()).toBe(1);
    expect(await getAudio(abandoned)).toBeUndefined();
    expect(await getAudio(inDraft)).toBeDefined();
    await clearAllDrafts();
    expect(await getAudio(inDraft)).toBeUndefined();
    expect(await getAudio(queued)).toBeDefined();
  });
});

describe('the audio store (IndexedDB version 2)', () => {
  it('is added to a version 1 database without touching what the device already holds', async () => {
    await closeDb();
    const old = await openDB(DB_NAME, 1, {
      upgrade(db) {
        db.createObjectStore('drafts', { keyPath: 'key' }).createIndex('by-updatedAt', 'updatedAt');
        db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('by-state-queuedAt', ['state', 'queuedAt']);
        db.createObjectStore('ledger', { keyPath: 'id' }).createIndex('by-engagement', 'engagement');
        db.createObjectStore('engagements', { keyPath: 'slug' });
        db.createObjectStore('meta');
      },
    });
    const draft = { key: 'ahp-strategy/conversation', engagement: 'ahp-strategy', phase: 'conversation', version: 1, answers: { support: { text: 'kept' } }, step: 'support', updatedAt: new Date().toISOString() };
    await old.put('drafts', draft);
    old.close();
    const db = await getDb();
    expect(db.version).toBeGreaterThanOrEqual(2);
    expect([...db.objectStoreNames]).toContain('audio');
    expect(await loadDraft('ahp-strategy', 'conversation')).toEqual(draft);
    await saveAudio({ id: 'a', type: TYPE, seconds: 1, bytes: new Uint8Array([1]).buffer });
    expect((await getAudio('a'))?.seconds).toBe(1);
  });
});

describe('httpAudioUploader', () => {
  const record: AudioRecord = { id: crypto.randomUUID(), type: TYPE, seconds: 1, bytes: new Uint8Array([1]).buffer, createdAt: '' };
  const answering = (status: number, body: unknown = {}, headers: Record<string, string> = {}) =>
    httpAudioUploader({ fetch: async () => new Response(JSON.stringify(body), { status, headers }) });

  it('PUTs the raw bytes with their type to the audio address', async () => {
    let seen: { url: string; init: RequestInit | undefined } | undefined;
    const uploader = httpAudioUploader({
      fetch: async (url, init) => {
        seen = { url: String(url), init };
        return new Response('{}', { status: 201 });
      },
    });
    expect(await uploader.upload(record)).toBe('accepted');
    expect(seen?.url).toBe(`/api/audio/${record.id}`);
    expect(seen?.init?.method).toBe('PUT');
    expect((seen?.init?.headers as Record<string, string>)['content-type']).toBe(TYPE);
    expect(await answering(200).upload(record)).toBe('duplicate');
  });

  it('treats 409, 413 and 415 as refusals and 5xx, 429 and other 4xx as worth retrying', async () => {
    for (const status of [400, 409, 413, 415]) {
      await expect(answering(status, { error: 'why' }).upload(record), String(status)).rejects.toBeInstanceOf(BatchRefusedError);
    }
    await expect(answering(409, { error: 'conflict: other bytes' }).upload(record)).rejects.toThrow(/conflict: other bytes/);
    for (const status of [500, 503, 429, 408, 401, 404]) {
      await expect(answering(status).upload(record), String(status)).rejects.toBeInstanceOf(RetryableError);
    }
    await expect(httpAudioUploader({ fetch: () => Promise.reject(new TypeError('offline')) }).upload(record)).rejects.toBeInstanceOf(RetryableError);
  });
});
