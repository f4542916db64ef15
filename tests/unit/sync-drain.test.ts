import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_BATCH_ITEMS, SYNC_BATCH_ITEMS, type Contribution, type Receipt, type SyncResponse, type WireContribution } from '../../src/shared';
import { countOutbox, listLedger, listNeedsAttention, listQueued, submitContribution } from '../../src/storage';
import { BatchRefusedError, drain, RetryableError, type Transport } from '../../src/sync';
import { makeContribution, useFreshDatabase } from './fixtures';

useFreshDatabase();

afterEach(() => {
  vi.unstubAllGlobals();
});

function contribution(text = 'More evening clinics'): Contribution {
  return makeContribution({ answers: [{ prompt: 'support', text }] });
}

async function queue(n: number, text?: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await submitContribution(contribution(text))).id);
  return ids;
}

/**
 * A server that behaves like POST /api/sync: stores each id once, replays the original
 * receipt for a repeat and rejects the same id with other content as a conflict.
 */
class FakeServer implements Transport {
  readonly stored = new Map<string, { body: string; receipt: string }>();
  readonly requests: WireContribution[][] = [];
  /** Runs before the server answers; may throw to simulate a failure. */
  beforeAnswer?: (items: WireContribution[], call: number) => void | Promise<void>;
  /** Runs after the server has stored the items, before the answer gets back. */
  afterCommit?: (items: WireContribution[], call: number) => void;

  async send(items: WireContribution[]): Promise<SyncResponse> {
    const call = this.requests.push(items);
    await this.beforeAnswer?.(items, call);
    const receipts = items.map((item): Receipt => {
      const body = JSON.stringify(item);
      const known = this.stored.get(item.id);
      if (!known) {
        const receipt = `r-${this.stored.size + 1}`;
        this.stored.set(item.id, { body, receipt });
        return { id: item.id, status: 'accepted', receipt };
      }
      if (known.body === body) return { id: item.id, status: 'duplicate', receipt: known.receipt };
      return { id: item.id, status: 'rejected', error: 'conflict' };
    });
    this.afterCommit?.(items, call);
    return { receipts };
  }

  sentIds(): string[] {
    return this.requests.flat().map((item) => item.id);
  }
}

describe('drain', () => {
  it('sends 250 entries in requests of 100, oldest first', async () => {
    const ids = await queue(250);
    const queuedAt = new Map((await listQueued()).map((e) => [e.id, e.queuedAt]));
    const server = new FakeServer();

    const result = await drain({ transport: server });

    expect(server.requests.map((r) => r.length)).toEqual([SYNC_BATCH_ITEMS, SYNC_BATCH_ITEMS, 50]);
    expect(new Set(server.sentIds())).toEqual(new Set(ids));
    const times = server.sentIds().map((id) => queuedAt.get(id)!);
    expect(times).toEqual([...times].sort());
    expect(result).toEqual({ sent: 250, confirmed: 250, needsAttention: 0, remaining: 0 });
    expect(await countOutbox()).toEqual({ waiting: 0, needsAttention: 0 });
    expect(await listLedger()).toHaveLength(250);
  });

  it('never asks more of one request than the server takes (500), whatever maxItems says', async () => {
    await queue(1200);
    const server = new FakeServer();

    const result = await drain({ transport: server, maxItems: 2000 });

    expect(server.requests.map((r) => r.length)).toEqual([MAX_BATCH_ITEMS, MAX_BATCH_ITEMS, 200]);
    expect(result).toEqual({ sent: 1200, confirmed: 1200, needsAttention: 0, remaining: 0 });
  }, 30_000);

  it('splits requests by size and keeps each body under maxBytes', async () => {
    // Roughly 4 KB of UTF-8 each; non-Latin script counts by bytes, not characters.
    const ids = await queue(12, 'ਮੈਨੂੰ ਸ਼ਾਮ ਨੂੰ ਮਦਦ ਚਾਹੀਦੀ ਹੈ '.repeat(50));
    const server = new FakeServer();
    const maxBytes = 10_000;

    const result = await drain({ transport: server, maxBytes });

    expect(server.requests.length).toBeGreaterThan(1);
    for (const items of server.requests) {
      expect(new TextEncoder().encode(JSON.stringify({ items })).length).toBeLessThanOrEqual(maxBytes);
    }
    expect(server.sentIds().sort()).toEqual([...ids].sort());
    expect(result.confirmed).toBe(12);
  });

  it('still sends an entry bigger than maxBytes, alone', async () => {
    await queue(1, 'x'.repeat(5000));
    await queue(2);
    const server = new FakeServer();

    await drain({ transport: server, maxBytes: 2000 });

    expect(server.requests.map((r) => r.length)).toEqual([1, 2]);
    expect(await countOutbox()).toEqual({ waiting: 0, needsAttention: 0 });
  });

  it('confirms accepted and duplicate receipts into the ledger', async () => {
    const [first, second] = await queue(2);
    const server = new FakeServer();
    const [already] = (await listQueued()).filter((e) => e.id === first);
    server.stored.set(first!, { body: JSON.stringify(already!.payload), receipt: 'r-earlier' });

    const result = await drain({ transport: server });

    expect(result).toMatchObject({ confirmed: 2, needsAttention: 0, remaining: 0 });
    const ledger = Object.fromEntries((await listLedger()).map((e) => [e.id, e]));
    expect(ledger[first!]).toMatchObject({ status: 'duplicate', receipt: 'r-earlier' });
    expect(ledger[second!]).toMatchObject({ status: 'accepted' });
  });

  it('parks a rejected entry with its error and does not resend it', async () => {
    const [conflicting, fine] = await queue(2);
    const server = new FakeServer();
    server.stored.set(conflicting!, { body: '{"different":"content"}', receipt: 'r-other' });

    const result = await drain({ transport: server });
    expect(result).toMatchObject({ confirmed: 1, needsAttention: 1, remaining: 0 });
    const parked = await listNeedsAttention();
    expect(parked.map((e) => [e.id, e.lastError])).toEqual([[conflicting, 'conflict']]);
    expect((await listLedger()).map((e) => e.id)).toEqual([fine]);

    const again = await drain({ transport: server });
    expect(server.requests).toHaveLength(1);
    expect(again).toEqual({ sent: 0, confirmed: 0, needsAttention: 0, remaining: 0 });
    expect(await listNeedsAttention()).toHaveLength(1);
  });

  it('keeps everything queued on a retryable failure, counting the attempt', async () => {
    const ids = await queue(3);
    const server = new FakeServer();
    server.beforeAnswer = () => {
      throw new RetryableError('The server could not take the answers yet (429).', { retryAfterMs: 30_000 });
    };

    const result = await drain({ transport: server });

    expect(result).toEqual({
      sent: 0,
      confirmed: 0,
      needsAttention: 0,
      remaining: 3,
      retryAfterMs: 30_000,
      error: 'The server could not take the answers yet (429).',
    });
    const queued = await listQueued();
    expect(queued.map((e) => e.id).sort()).toEqual([...ids].sort());
    expect(queued.every((e) => e.attempts === 1 && e.lastError?.includes('429'))).toBe(true);
    expect(await listLedger()).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('confirms once when the answer was lost after the server committed', async () => {
    const ids = await queue(4);
    const server = new FakeServer();
    server.afterCommit = (_items, call) => {
      if (call === 1) throw new RetryableError('No connection to the server.');
    };

    const lost = await drain({ transport: server });
    expect(lost).toMatchObject({ confirmed: 0, remaining: 4, error: 'No connection to the server.' });
    expect(server.stored.size).toBe(4);

    const retried = await drain({ transport: server });
    expect(retried).toMatchObject({ confirmed: 4, remaining: 0 });
    expect(server.stored.size).toBe(4);
    const ledger = await listLedger();
    expect(ledger.map((e) => e.id).sort()).toEqual([...ids].sort());
    expect(ledger.every((e) => e.status === 'duplicate' && e.receipt === server.stored.get(e.id)!.receipt)).toBe(true);
  });

  it('falls back to one by one when a whole request is refused, parking only the bad entry', async () => {
    const ids = await queue(4);
    const bad = ids[2]!;
    const server = new FakeServer();
    server.beforeAnswer = (items) => {
      if (items.some((item) => item.id === bad)) throw new BatchRefusedError('The server refused the request (413).', 413);
    };

    const result = await drain({ transport: server });

    expect(server.requests.map((r) => r.length)).toEqual([4, 1, 1, 1, 1]);
    expect(result).toEqual({ sent: 4, confirmed: 3, needsAttention: 1, remaining: 0 });
    expect((await listNeedsAttention()).map((e) => [e.id, e.lastError])).toEqual([[bad, 'The server refused the request (413).']]);
    expect((await listLedger()).map((e) => e.id).sort()).toEqual(ids.filter((id) => id !== bad).sort());
  });

  it('stops one-by-one sending at a retryable failure and keeps the rest queued', async () => {
    await queue(3);
    const server = new FakeServer();
    server.beforeAnswer = (items, call) => {
      if (items.length > 1) throw new BatchRefusedError('The server refused the request (400).', 400);
      if (call === 3) throw new RetryableError('No connection to the server.');
    };

    const result = await drain({ transport: server });

    expect(result).toMatchObject({ confirmed: 1, remaining: 2, error: 'No connection to the server.' });
    expect((await listQueued()).map((e) => e.attempts)).toEqual([1, 1]);
  });

  it('treats receipts that do not match the items as retryable, confirming nothing', async () => {
    await queue(2);
    const liar: Transport = { send: async (items) => ({ receipts: [{ id: items[0]!.id, status: 'accepted' }] }) };

    const result = await drain({ transport: liar });

    expect(result).toMatchObject({ confirmed: 0, remaining: 2, error: expect.stringMatching(/did not match/) });
    expect(await listLedger()).toEqual([]);
  });

  it('parks an entry the server rejected without being able to read its id', async () => {
    const [id] = await queue(1);
    const transport: Transport = { send: async () => ({ receipts: [{ id: null, status: 'rejected', error: 'id: must be a UUID v4' }] }) };

    const result = await drain({ transport });

    expect(result).toMatchObject({ needsAttention: 1, remaining: 0 });
    expect((await listNeedsAttention()).map((e) => e.id)).toEqual([id]);
  });

  it('stops without counting an attempt when aborted', async () => {
    await queue(2);
    const server = new FakeServer();
    const controller = new AbortController();
    controller.abort();

    const result = await drain({ transport: server, signal: controller.signal });

    expect(result).toMatchObject({ sent: 0, remaining: 2, error: 'aborted' });
    expect(server.requests).toHaveLength(0);
    expect((await listQueued()).every((e) => e.attempts === 0)).toBe(true);
  });
});

describe('concurrent drains', () => {
  async function drainTwiceAtOnce(): Promise<FakeServer> {
    await queue(30);
    const server = new FakeServer();
    // Slow answers give a second drain every chance to pick up the same entries.
    server.beforeAnswer = () => new Promise((resolve) => setTimeout(resolve, 20));
    await Promise.all([drain({ transport: server, maxItems: 10 }), drain({ transport: server, maxItems: 10 })]);
    return server;
  }

  it('never sends an entry twice (in-module queue where Web Locks are missing)', async () => {
    vi.stubGlobal('navigator', undefined);
    const server = await drainTwiceAtOnce();
    const sent = server.sentIds();
    expect(sent).toHaveLength(30);
    expect(new Set(sent).size).toBe(30);
  });

  it('never sends an entry twice, holding the heard-drain Web Lock', async () => {
    let tail: Promise<unknown> = Promise.resolve();
    const request = vi.fn((_name: string, callback: () => Promise<unknown>) => {
      const run = tail.then(callback);
      tail = run.catch(() => undefined);
      return run;
    });
    vi.stubGlobal('navigator', { locks: { request } });

    const server = await drainTwiceAtOnce();

    expect(request).toHaveBeenCalledWith('heard-drain', expect.any(Function));
    expect(request).toHaveBeenCalledTimes(2);
    expect(new Set(server.sentIds()).size).toBe(server.sentIds().length);
  });
});
