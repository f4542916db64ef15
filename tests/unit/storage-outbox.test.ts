import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Contribution, SealedContribution } from '../../src/shared';
import {
  countOutbox,
  listNeedsAttention,
  listQueued,
  loadDraft,
  markNeedsAttention,
  recordAttempt,
  retryEntry,
  saveDraft,
  submitContribution,
} from '../../src/storage';
import { makeContribution, useFreshDatabase } from './fixtures';

useFreshDatabase();

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function contribution(text = 'More evening clinics', overrides: Partial<Contribution> = {}): Contribution {
  return makeContribution({ answers: [{ prompt: 'support', text }], route: { easyRead: false, readAloud: false, assisted: true, audio: false }, ...overrides });
}

async function saveConversationDraft(): Promise<void> {
  await saveDraft({ engagement: 'ahp-strategy', phase: 'conversation', version: 1, answers: { support: { text: 'More evening clinics' } }, step: 'check' });
}

describe('submitContribution', () => {
  it('adds the entry and removes the draft it came from', async () => {
    await saveConversationDraft();
    const payload = contribution('Mwy o glinigau gyda’r nos — ਸ਼ਾਮ');

    const entry = await submitContribution(payload, { engagement: 'ahp-strategy', phase: 'conversation' });

    expect(await loadDraft('ahp-strategy', 'conversation')).toBeUndefined();
    expect(await listQueued()).toEqual([entry]);
    expect(entry).toMatchObject({ id: payload.id, engagement: 'ahp-strategy', phase: 'conversation', event: 'LIB-4821', state: 'queued', attempts: 0, payload });
    // Bytes are UTF-8, not UTF-16 code units, so non-Latin text counts for more than its length.
    expect(entry.bytes).toBe(new TextEncoder().encode(JSON.stringify(payload)).length);
    expect(entry.bytes).toBeGreaterThan(JSON.stringify(payload).length);
  });

  it('leaves the draft in place when the entry cannot be stored', async () => {
    await saveConversationDraft();
    // A function cannot be structured-cloned, so the put fails inside the transaction.
    const broken = { ...contribution(), locale: (() => 'en') as unknown as string };

    await expect(submitContribution(broken, { engagement: 'ahp-strategy', phase: 'conversation' })).rejects.toMatchObject({ name: 'DataCloneError' });

    expect(await loadDraft('ahp-strategy', 'conversation')).toBeDefined();
    expect(await countOutbox()).toEqual({ waiting: 0, needsAttention: 0 });
  });

  it('keeps the draft when the draft delete fails, so nothing is half done', async () => {
    await saveConversationDraft();
    vi.spyOn(IDBObjectStore.prototype, 'delete').mockImplementation(() => {
      throw new DOMException('disk trouble', 'UnknownError');
    });

    await expect(submitContribution(contribution(), { engagement: 'ahp-strategy', phase: 'conversation' })).rejects.toThrow('disk trouble');
    vi.restoreAllMocks();

    expect(await loadDraft('ahp-strategy', 'conversation')).toBeDefined();
    expect(await countOutbox()).toEqual({ waiting: 0, needsAttention: 0 });
  });

  it('stores a double-tapped submission once', async () => {
    const payload = contribution();
    const first = await submitContribution(payload);
    const second = await submitContribution(payload);

    expect(second).toEqual(first);
    expect(await countOutbox()).toEqual({ waiting: 1, needsAttention: 0 });
  });

  it('takes the phase of a sealed contribution from the draft it came from', async () => {
    const sealed: SealedContribution = {
      id: crypto.randomUUID(),
      engagement: 'ahp-strategy',
      sealed: { alg: 'RSA-OAEP-256+A256GCM', kid: 'k1', key: 'AAAA', iv: 'AAAA', data: 'AAAA' },
    };
    const entry = await submitContribution(sealed, { engagement: 'ahp-strategy', phase: 'check' });

    expect(entry.phase).toBe('check');
    expect(entry.event).toBeUndefined();
  });
});

describe('listing and counting', () => {
  it('lists queued entries oldest first, up to a limit', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(Date.UTC(2030, 2, 1, 18, 0)));
    const first = await submitContribution(contribution('first', { id: 'cccccccc-0000-4000-8000-000000000000' }));
    vi.setSystemTime(new Date(Date.UTC(2030, 2, 1, 18, 5)));
    // Ids that sort before the first one, submitted within one millisecond, still come after it, in order.
    const rest = [];
    for (const digit of ['b', 'a', '9', '8']) {
      rest.push(await submitContribution(contribution(digit, { id: `${digit.repeat(8)}-0000-4000-8000-000000000000` })));
    }
    const inOrder = [first, ...rest].map((e) => e.id);

    expect((await listQueued()).map((e) => e.id)).toEqual(inOrder);
    expect((await listQueued(2)).map((e) => e.id)).toEqual(inOrder.slice(0, 2));
    expect(rest.map((e) => e.queuedAt)).toEqual([...rest.map((e) => e.queuedAt)].sort());
    expect(new Set(rest.map((e) => e.queuedAt)).size).toBe(4);
  });

  it('separates queued entries from those that need attention', async () => {
    const a = await submitContribution(contribution());
    const b = await submitContribution(contribution());
    await submitContribution(contribution());

    await markNeedsAttention(b.id, 'conflict');

    expect(await countOutbox()).toEqual({ waiting: 2, needsAttention: 1 });
    expect((await listQueued()).map((e) => e.id)).not.toContain(b.id);
    expect((await listQueued()).map((e) => e.id)).toContain(a.id);
    const parked = await listNeedsAttention();
    expect(parked).toHaveLength(1);
    expect(parked[0]).toMatchObject({ id: b.id, state: 'needs-attention', lastError: 'conflict', attempts: 1 });
  });
});

describe('attempts and retry', () => {
  it('counts attempts with the time and error, and skips ids that are gone', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-03-01T20:00:00.000Z'));
    const a = await submitContribution(contribution());

    await recordAttempt([a.id, crypto.randomUUID()], 'The server is busy');
    vi.setSystemTime(new Date('2025-03-01T20:05:00.000Z'));
    await recordAttempt([a.id]);

    const [entry] = await listQueued();
    expect(entry).toMatchObject({ attempts: 2, lastAttemptAt: '2025-03-01T20:05:00.000Z', lastError: 'The server is busy', state: 'queued' });
  });

  it('puts a parked entry back in the queue, in its old place, with attempts reset', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-03-01T18:00:00.000Z'));
    const old = await submitContribution(contribution());
    vi.setSystemTime(new Date('2025-03-01T19:00:00.000Z'));
    const newer = await submitContribution(contribution());
    await recordAttempt([old.id], 'offline');
    await markNeedsAttention(old.id, 'answers.0.text: is too long');

    await retryEntry(old.id);

    const queued = await listQueued();
    expect(queued.map((e) => e.id)).toEqual([old.id, newer.id]);
    expect(queued[0]).toMatchObject({ state: 'queued', attempts: 0 });
    expect(queued[0]!.lastError).toBeUndefined();
    expect(await countOutbox()).toEqual({ waiting: 2, needsAttention: 0 });
  });
});
