import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { API } from '../../src/shared/api';
import type { HeardDb } from '../../src/server/db/connect';
import { describeOnBothDatabases } from './backends';
import { FIXTURE_SLUG, contribution, startServer, type TestServer } from './helpers';

// Malformed input thrown at every public endpoint: only 4xx answers (200 for reads that ignore
// what they are sent, and sync's per-item refusals), no crash, and nothing stored.

const RUNS = 1000;
const DANGEROUS_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** Row count of every table, by name. */
async function rowCounts(db: HeardDb): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await db.kysely.introspection.getTables()) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table.name)}`.execute(db.kysely);
    counts[table.name] = Number(rows[0].n);
  }
  return counts;
}

/** JSON text nested `depth` levels deep, in arrays or objects. */
const deep = fc.tuple(fc.integer({ min: 50, max: 5000 }), fc.boolean()).map(([depth, arrays]) =>
  arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
);

/** Objects whose keys include the ones that pollute prototypes when merged carelessly, as raw JSON. */
const pollution = fc
  .tuple(fc.constantFrom(...DANGEROUS_KEYS), fc.jsonValue({ maxDepth: 2 }), fc.boolean())
  .map(([key, value, wrapped]) => {
    const inner = `{${JSON.stringify(key)}:${JSON.stringify({ polluted: true, value })}}`;
    return wrapped ? `{"items":[${inner}, ${JSON.stringify({ ...contribution(), [key]: 1 })}]}` : inner;
  });

/** A valid contribution with one field replaced by something of the wrong kind. */
const brokenContribution = fc
  .tuple(fc.constantFrom('id', 'engagement', 'phase', 'answers', 'locale', 'route', 'channel', 'createdAt', 'version', 'event'), fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string({ minLength: 1000, maxLength: 20_000 })))
  .filter(([, value]) => value !== undefined)
  .map(([field, value]) => JSON.stringify({ items: [{ ...contribution(), [field]: value, ['__proto__']: { isAdmin: true } }] }));

/** Huge strings in every place a string goes. */
const huge = fc.integer({ min: 10_000, max: 900_000 }).map((n) => JSON.stringify({ items: [{ ...contribution(), locale: 'x'.repeat(n) }] }));

/** Bytes that are not valid UTF-8 (lone continuation bytes, overlongs, surrogates). */
const badUtf8 = fc
  .tuple(fc.uint8Array({ maxLength: 200 }), fc.constantFrom([0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff, 0xfe], [0xf8, 0x88, 0x80, 0x80, 0x80]))
  .map(([random, bad]) => new Uint8Array([...Buffer.from('{"items":[{"id":"'), ...bad, ...random, ...Buffer.from('"}]}')]));

const body = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 500 }),
  deep,
  pollution,
  brokenContribution,
  huge,
  badUtf8,
);

const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'audio/webm', '', 'application/json; charset=latin1');
const pathPart = fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('..', '../../etc/passwd', '%00', '__proto__', 'constructor', 'x'.repeat(5000), FIXTURE_SLUG));

/** One malformed request: where it goes and what it carries. */
const request = fc.oneof(
  fc.record({ method: fc.constant('POST'), path: fc.constant(API.sync), body, type: contentType }),
  fc.record({ method: fc.constant('POST'), path: fc.constant(API.organiserSession), body, type: contentType }),
  fc.record({ method: fc.constant('POST'), path: fc.constant('/api/organiser/invitations/accept'), body, type: contentType }),
  fc.record({ method: fc.constant('POST'), path: fc.constant('/api/about-you'), body, type: contentType }),
  fc.record({ method: fc.constant('PUT'), path: pathPart.map((id) => API.audio(id)), body, type: contentType }),
  fc.record({ method: fc.constantFrom('GET', 'HEAD'), path: fc.constantFrom(API.health, API.engagements), body: fc.constant(null), type: contentType }),
  fc.record({ method: fc.constantFrom('GET', 'HEAD'), path: pathPart.map((slug) => API.engagement(slug)), body: fc.constant(null), type: contentType }),
  fc.record({ method: fc.constantFrom('GET', 'HEAD'), path: pathPart.map((code) => `/api/events/${encodeURIComponent(code)}`), body: fc.constant(null), type: contentType }),
  fc.record({ method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'), path: pathPart.map((p) => `/api/${encodeURIComponent(p)}?${encodeURIComponent(p)}=1`), body, type: contentType }),
);

describeOnBothDatabases('fuzzing the public endpoints', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    // Limits high enough that the fuzzer reaches the handlers rather than the rate limiter.
    server = await startServer({ signInPerMinute: 10_000, syncLimits: { sameBatchPerMinute: 10_000 } }, backend);
  });
  afterAll(async () => {
    await server.close();
  });

  it(`answers ${RUNS} malformed requests with 4xx (or a harmless 200), stores nothing and stays healthy`, async () => {
    const before = await rowCounts(server.db);
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path, body: payload, type }) => {
        const headers: Record<string, string> = type ? { 'content-type': type } : {};
        const response = await fetch(server.url + path, {
          method,
          headers,
          body: method === 'GET' || method === 'HEAD' || payload === null ? undefined : typeof payload === 'string' ? payload : new Blob([payload as Uint8Array<ArrayBuffer>]),
        });
        const text = await response.text();
        seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
        // Batch endpoints answer 200 with a refusal per item; anything else must be a 4xx.
        const batch = method === 'POST' && (path === API.sync || path === '/api/about-you');
        const harmless = response.status === 200 && (method === 'GET' || method === 'HEAD' || batch);
        expect(response.status >= 400 && response.status < 500 || harmless, `${method} ${path.slice(0, 80)} → ${response.status} ${text.slice(0, 200)}`).toBe(true);
        if (batch && response.status === 200) {
          const receipts = (JSON.parse(text) as { receipts: Array<{ status: string }> }).receipts;
          expect(receipts.every((r) => r.status === 'rejected')).toBe(true);
        }
        if (response.status >= 400 && method !== 'HEAD') expect(JSON.parse(text)).toHaveProperty('error');
      }),
      { numRuns: RUNS, seed: 20_261_121 },
    );
    expect(({}) as Record<string, unknown>).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('isAdmin');
    expect(await rowCounts(server.db)).toEqual(before);
    const health = await fetch(server.url + API.health);
    expect(health.status).toBe(200);
    // The fuzzer must have reached past the parsers, not only been turned away at the door.
    expect([...seen.keys()].filter((s) => s >= 400 && s < 500).length).toBeGreaterThan(3);
  }, 240_000);
});
