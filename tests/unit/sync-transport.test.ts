import { describe, expect, it, vi } from 'vitest';
import type { SealedContribution, WireContribution } from '../../src/shared';
import { BatchRefusedError, httpTransport, RetryableError } from '../../src/sync';
import { parseRetryAfter } from '../../src/sync/retry-after';

function item(): WireContribution {
  const sealed: SealedContribution = {
    id: crypto.randomUUID(),
    engagement: 'ahp-strategy',
    sealed: { alg: 'RSA-OAEP-256+A256GCM', kid: 'k1', key: 'AAAA', iv: 'AAAA', data: 'AAAA' },
  };
  return sealed;
}

function fakeFetch(respond: () => Response | Promise<Response>) {
  return vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => respond());
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

async function sendWith(respond: () => Response | Promise<Response>, items = [item(), item()]) {
  return httpTransport({ fetch: fakeFetch(respond) }).send(items);
}

describe('httpTransport', () => {
  it('POSTs the items as JSON to the sync path and returns the receipts', async () => {
    const items = [item(), item()];
    const receipts = [
      { id: items[0]!.id, status: 'accepted', receipt: 'r-1' },
      { id: items[1]!.id, status: 'duplicate', receipt: 'r-0' },
    ];
    const fetch = fakeFetch(() => json({ receipts }));

    const response = await httpTransport({ baseUrl: 'https://heard.example', fetch }).send(items);

    expect(response).toEqual({ receipts });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('https://heard.example/api/sync');
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('content-type')).toBe('application/json');
    expect(JSON.parse(init?.body as string)).toEqual({ items });
  });

  it.each([500, 502, 503, 408])('treats %i as retryable', async (status) => {
    const error = await sendWith(() => new Response('busy', { status })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as RetryableError).message).toContain(String(status));
  });

  it('honours Retry-After in seconds on 429', async () => {
    const error = await sendWith(() => new Response('slow down', { status: 429, headers: { 'retry-after': '120' } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as RetryableError).retryAfterMs).toBe(120_000);
  });

  it('honours Retry-After as an HTTP date on 503', async () => {
    const at = new Date(Date.now() + 90_000).toUTCString();
    const error = (await sendWith(() => new Response('', { status: 503, headers: { 'retry-after': at } })).catch((e: unknown) => e)) as RetryableError;
    expect(error.retryAfterMs).toBeGreaterThan(85_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(90_000);
  });

  it.each([400, 413, 422])('treats %i as a refused batch', async (status) => {
    const error = await sendWith(() => json({ error: 'items: at most 500 items per request' }, status)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchRefusedError);
    expect((error as BatchRefusedError).status).toBe(status);
  });

  it.each([401, 403, 404, 405])('retries %i later instead of parking every answer (a portal or proxy, not the answers)', async (status) => {
    const error = await sendWith(() => new Response('<html>Not here</html>', { status })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as RetryableError).retryAfterMs).toBe(60_000);
  });

  it('treats a network failure as retryable', async () => {
    const error = await sendWith(() => {
      throw new TypeError('Failed to fetch');
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it('treats an unreadable answer (a captive portal page) as retryable', async () => {
    const error = await sendWith(() => new Response('<html>Sign in to Wi-Fi</html>', { status: 200 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
  });

  it('treats an answer of the wrong shape as retryable', async () => {
    await expect(sendWith(() => json({ receipts: [{ id: 'x', status: 'stored' }] }))).rejects.toBeInstanceOf(RetryableError);
    await expect(sendWith(() => json({ ok: true }))).rejects.toBeInstanceOf(RetryableError);
  });

  it('treats receipts that do not match the items by count or order as retryable', async () => {
    const items = [item(), item()];
    const short = json({ receipts: [{ id: items[0]!.id, status: 'accepted' }] });
    const swapped = json({
      receipts: [
        { id: items[1]!.id, status: 'accepted' },
        { id: items[0]!.id, status: 'accepted' },
      ],
    });
    await expect(sendWith(() => short, items)).rejects.toThrow(/did not match/);
    await expect(sendWith(() => swapped, items)).rejects.toThrow(/did not match/);
  });

  it('accepts a rejection whose id the server could not read', async () => {
    const items = [item()];
    const response = await sendWith(() => json({ receipts: [{ id: null, status: 'rejected', error: 'id: must be a UUID v4' }] }), items);
    expect(response.receipts[0]!.status).toBe('rejected');
  });

  it('lets an abort through as an abort, not a retryable failure', async () => {
    const controller = new AbortController();
    controller.abort();
    const fetch = vi.fn(async () => {
      throw new DOMException('The operation was aborted.', 'AbortError');
    });
    const error = await httpTransport({ fetch }).send([item()], controller.signal).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(RetryableError);
    expect(error).toMatchObject({ name: 'AbortError' });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and dates, and ignores nonsense', () => {
    const now = Date.parse('2025-03-01T20:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 20:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 19:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('99999999', now)).toBe(24 * 60 * 60 * 1000);
  });
});
