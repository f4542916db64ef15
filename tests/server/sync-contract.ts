// The POST /api/sync contract, written once and run against each database backend
// (sync.server.test.ts runs it on both).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../src/shared/api';
import type { Contribution } from '../../src/shared/contribution';
import { RECEIPT_PATTERN, receiptsFor } from '../../src/server/sync/receipt';
import { answersOf, contribution, countRows, startServer, sync, type Backend, type TestServer } from './helpers';

/** Defines the sync contract tests for `backend`. */
export function syncContract(backend: Backend): void {
  describe('POST /api/sync', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startServer({}, backend);
    });
    afterAll(async () => {
      await server.close();
    });

    it('accepts, answers a replay with the original receipt, and rejects a changed replay as a conflict', async () => {
      const item = contribution();
      const first = await sync(server.url, [item]);
      expect(first.status).toBe(200);
      expect(first.body.receipts).toHaveLength(1);
      const [receipt] = first.body.receipts;
      expect(receipt).toMatchObject({ id: item.id, status: 'accepted' });
      expect(receipt.receipt).toMatch(RECEIPT_PATTERN);

      // Same content with the fields in another order is still the same contribution.
      const reordered = Object.fromEntries(Object.entries(item).reverse());
      const replay = await sync(server.url, [reordered]);
      expect(replay.body.receipts).toEqual([{ id: item.id, status: 'duplicate', receipt: receipt.receipt }]);

      const changed = await sync(server.url, [{ ...item, answers: [{ prompt: 'ideas', text: 'Something else' }] }]);
      expect(changed.body.receipts).toEqual([{ id: item.id, status: 'rejected', error: 'conflict' }]);

      const rows = await answersOf(server.db, item.id);
      expect(rows.map((r) => r.value)).toEqual(['A drop-in clinic near the bus station', '4']);
    });

    it('hashes content exactly as earlier versions did, so a replay of an old contribution is still a duplicate', async () => {
      const item = contribution({ id: 'b8f6f0a4-2f1e-4c55-9d0a-0f4a1c3b2e10' });
      expect((await sync(server.url, [item])).body.receipts[0].status).toBe('accepted');
      const row = await server.db.kysely.selectFrom('contributions').select('content_hash').where('id', '=', item.id).executeTakeFirstOrThrow();
      expect(row.content_hash).toBe('ec2a8873bd9b216177616bc24ff7e81c6aef7de9e47c452b57848346c717e46f');
    });

    it('takes an id in upper case as the same contribution, echoing it as sent', async () => {
      const item = contribution();
      const upper = { ...item, id: item.id.toUpperCase() };
      const first = await sync(server.url, [upper]);
      expect(first.body.receipts[0]).toMatchObject({ id: upper.id, status: 'accepted' });
      const replay = await sync(server.url, [item]);
      expect(replay.body.receipts[0]).toEqual({ id: item.id, status: 'duplicate', receipt: first.body.receipts[0].receipt });
      const stored = await server.db.kysely.selectFrom('contributions').select('id').where('id', 'in', [item.id, upper.id]).execute();
      expect(stored.map((row) => row.id)).toEqual([item.id]);
    });

    it('gives every contribution its own receipt, and a repeat inside one batch the same one', async () => {
      const a = contribution();
      const b = contribution();
      const { body } = await sync(server.url, [a, b, a]);
      expect(body.receipts.map((r) => r.status)).toEqual(['accepted', 'accepted', 'duplicate']);
      expect(body.receipts[0].receipt).not.toBe(body.receipts[1].receipt);
      expect(body.receipts[2].receipt).toBe(body.receipts[0].receipt);
    });

    it('draws each receipt from the contribution\'s number with the database\'s key, so none is handed out twice', async () => {
      const items = Array.from({ length: 30 }, () => contribution());
      const { body } = await sync(server.url, items);
      const key = await server.db.kysely.selectFrom('receipt_keys').select('key').executeTakeFirstOrThrow();
      const rows = await server.db.kysely.selectFrom('contributions').select(['id', 'seq', 'receipt']).where('id', 'in', items.map((i) => i.id)).execute();
      const byId = new Map(rows.map((row) => [row.id, row]));
      for (const receipt of body.receipts) {
        const row = byId.get(receipt.id ?? '')!;
        expect(receipt.receipt).toBe(row.receipt);
        expect(row.receipt).toBe(receiptsFor(Buffer.from(key.key, 'base64'), [Number(row.seq)])[0]);
      }
      const all = await server.db.kysely.selectFrom('contributions').select('receipt').execute();
      expect(new Set(all.map((r) => r.receipt)).size).toBe(all.length);
    });

    it('stores the contribution fields and no more, with the answers in order', async () => {
      const item = contribution({
        phase: 'conversation',
        answers: [
          { prompt: 'support', choices: ['phone', 'online'] },
          { prompt: 'where', choices: ['library'] },
          { prompt: 'ideas', audio: { id: '5d0c0c53-8a0e-4f6b-a7a2-3b0b8b1f4e21', type: 'audio/webm', seconds: 12 } },
        ],
        locale: 'cy',
        route: { easyRead: true, readAloud: true, assisted: false, audio: true, interpreter: true },
        channel: 'event',
        event: 'LIB-4821',
      });
      const before = Date.now();
      const { body } = await sync(server.url, [item]);
      expect(body.receipts[0].status).toBe('accepted');
      const row = await server.db.kysely.selectFrom('contributions').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        engagement: 'fixture-talk', phase: 'conversation', version: 2, locale: 'cy', easy_read: 1, read_aloud: 1,
        assisted: 0, audio: 1, interpreter: 1, channel: 'event', event: 'LIB-4821', created_at: item.createdAt,
        receipt: body.receipts[0].receipt, sealed: 0,
      });
      expect(row.content_hash).toMatch(/^[0-9a-f]{64}$/);
      // Received time is kept only to the minute.
      expect(row.received_at).toMatch(/:00\.000Z$/);
      expect(Date.parse(row.received_at)).toBeGreaterThan(before - 61_000);
      expect(Object.keys(row).sort()).toEqual([
        'assisted', 'audio', 'channel', 'content_hash', 'created_at', 'easy_read', 'engagement', 'event', 'id',
        'interpreter', 'locale', 'phase', 'read_aloud', 'receipt', 'received_at', 'sealed', 'seq', 'version',
      ]);
      const answers = await answersOf(server.db, item.id);
      expect(answers.map((a) => [Number(a.position), a.prompt, a.kind, a.value])).toEqual([
        [0, 'support', 'choices', '["phone","online"]'],
        [1, 'where', 'choices', '["library"]'],
        [2, 'ideas', 'audio', '{"id":"5d0c0c53-8a0e-4f6b-a7a2-3b0b8b1f4e21","type":"audio/webm","seconds":12}'],
      ]);
    });

    it('numbers contributions in the order they are stored, each number once', async () => {
      const first = [contribution(), contribution(), contribution()];
      const second = [contribution(), contribution()];
      expect((await sync(server.url, first)).body.receipts.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
      // A replay and a new item together: the replay draws no number.
      expect((await sync(server.url, [first[0], ...second])).body.receipts.map((r) => r.status)).toEqual(['duplicate', 'accepted', 'accepted']);
      const numberOf = async (items: typeof first) => {
        const rows = await server.db.kysely.selectFrom('contributions').select('seq').where('id', 'in', items.map((c) => c.id)).execute();
        return rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
      };
      const [a, b] = [await numberOf(first), await numberOf(second)];
      expect([...a, ...b].every(Number.isInteger)).toBe(true);
      expect(new Set([...a, ...b]).size).toBe(5);
      expect(Math.min(...b)).toBeGreaterThan(Math.max(...a));
    });

    it('rejects a malformed item on its own and still stores its neighbours', async () => {
      const good1 = contribution();
      const bad = contribution({ answers: [{ prompt: 'feeling', scale: 9 }] });
      const good2 = contribution();
      const before = await countRows(server.db, 'contributions');
      const { status, body } = await sync(server.url, [good1, bad, good2]);
      expect(status).toBe(200);
      expect(body.receipts.map((r) => [r.id, r.status])).toEqual([
        [good1.id, 'accepted'],
        [bad.id, 'rejected'],
        [good2.id, 'accepted'],
      ]);
      expect(body.receipts[1].error).toBe('answers.0.scale: must be from 1 to 5');
      expect(body.receipts[1].receipt).toBeUndefined();
      expect(await countRows(server.db, 'contributions')).toBe(before + 2);
    });

    it('rejects items that are not contributions at all, echoing no made-up id', async () => {
      const { body } = await sync(server.url, [42, null, 'text', [], { id: 'not-a-uuid' }]);
      expect(body.receipts.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
      expect(body.receipts.slice(0, 4).map((r) => r.id)).toEqual([null, null, null, null]);
      expect(body.receipts[4].id).toBe('not-a-uuid');
      expect(body.receipts[4].error).toContain('id: must be a UUID v4');
      for (const r of body.receipts) expect(r.error).toBeTruthy();
    });

    it('rejects unknown fields, so no name or address can be slipped in', async () => {
      const withName = { ...contribution(), name: 'Alice Example' };
      const withIp = { ...contribution(), ip: '203.0.113.7' };
      const nested = contribution();
      const withNestedIp = { ...nested, route: { ...nested.route, ip: '203.0.113.7' } };
      const { body } = await sync(server.url, [withName, withIp, withNestedIp]);
      expect(body.receipts.map((r) => [r.status, r.error])).toEqual([
        ['rejected', 'name: unknown field'],
        ['rejected', 'ip: unknown field'],
        ['rejected', 'route.ip: unknown field'],
      ]);
      const stored = await server.db.kysely.selectFrom('contributions').select('id').where('id', 'in', [withName.id, withIp.id, nested.id]).execute();
      expect(stored).toEqual([]);
    });

    it('checks each item against the engagement, phase, prompts and choices', async () => {
      const cases: Array<[Partial<Contribution>, string]> = [
        [{ engagement: 'no-such-thing' }, "engagement: no open engagement 'no-such-thing'"],
        [{ phase: 'crowdsource' }, "phase: no phase 'crowdsource' in engagement 'fixture-talk'"],
        [{ answers: [{ prompt: 'mystery', text: 'x' }] }, "answers.0.prompt: no prompt 'mystery' in phase 'conversation'"],
        [{ answers: [{ prompt: 'theme-1', vote: 'agree' }] }, "answers.0.prompt: no prompt 'theme-1' in phase 'conversation'"],
        [{ answers: [{ prompt: 'ideas', scale: 3 }] }, "answers.0: prompt 'ideas' takes text or audio"],
        [{ answers: [{ prompt: 'ideas', text: 'x'.repeat(501) }] }, 'answers.0.text: must be at most 500 characters'],
        [{ answers: [{ prompt: 'where', text: 'gp' }] }, "answers.0: prompt 'where' takes choices"],
        [{ answers: [{ prompt: 'where', choices: ['gp', 'library'] }] }, "answers.0.choices: prompt 'where' takes only one choice"],
        [{ answers: [{ prompt: 'support', choices: ['phone', 'pigeon'] }] }, "answers.0.choices: no choice 'pigeon' in prompt 'support'"],
        [{ answers: [{ prompt: 'support', choices: ['phone', 'phone'] }] }, 'answers.0.choices: a choice is listed twice'],
        [{ answers: [{ prompt: 'feeling', vote: 'agree' }] }, "answers.0: prompt 'feeling' takes a scale from 1 to 5"],
        [{ answers: [{ prompt: 'ideas', text: 'a' }, { prompt: 'ideas', text: 'b' }] }, "answers.1.prompt: prompt 'ideas' is answered twice"],
        [{ phase: 'check', answers: [{ prompt: 'theme-1', text: 'yes' }] }, "answers.0: prompt 'theme-1' takes agree, disagree or unsure"],
      ];
      const items = cases.map(([overrides]) => contribution(overrides));
      const { body } = await sync(server.url, items);
      expect(body.receipts.map((r) => r.error)).toEqual(cases.map(([, error]) => error));
      expect(body.receipts.every((r) => r.status === 'rejected')).toBe(true);

      const fitting = await sync(server.url, [
        contribution({ phase: 'check', answers: [{ prompt: 'theme-1', vote: 'unsure' }] }),
        contribution({ answers: [{ prompt: 'support', choices: ['phone', 'visit', 'online'] }, { prompt: 'where', choices: ['gp'] }] }),
      ]);
      expect(fitting.body.receipts.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    });

    it('stores each item once when five senders race with the same 200 items', async () => {
      const items = Array.from({ length: 200 }, () => contribution());
      const before = await countRows(server.db, 'contributions');
      const answersBefore = await countRows(server.db, 'answers');
      const replies = await Promise.all(Array.from({ length: 5 }, () => sync(server.url, items)));
      for (const reply of replies) {
        expect(reply.status).toBe(200);
        expect(reply.body.receipts.map((r) => r.id)).toEqual(items.map((i) => i.id));
      }
      for (const [index] of items.entries()) {
        const statuses = replies.map((r) => r.body.receipts[index].status);
        expect(statuses.filter((s) => s === 'accepted')).toHaveLength(1);
        expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(4);
        expect(new Set(replies.map((r) => r.body.receipts[index].receipt)).size).toBe(1);
      }
      expect(await countRows(server.db, 'contributions')).toBe(before + 200);
      expect(await countRows(server.db, 'answers')).toBe(answersBefore + 400);
    });

    it('refuses a body over 1 MiB with 413 and a JSON error', async () => {
      const big = JSON.stringify({ items: [{ padding: 'x'.repeat(2 * 1024 * 1024) }] });
      const response = await fetch(server.url + API.sync, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({ error: 'request body is too large (at most 1 MiB)' });
    });

    it('refuses broken JSON with 400 and a JSON error', async () => {
      const response = await fetch(server.url + API.sync, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"items": [' });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: 'request body is not valid JSON' });
    });

    it('refuses more than 500 items, and bodies of the wrong shape', async () => {
      const tooMany = await sync(server.url, Array.from({ length: 501 }, () => contribution()));
      expect(tooMany.status).toBe(413);
      expect(tooMany.body.error).toBe('items: at most 500 items per request, got 501');
      const exactly = await sync(server.url, Array.from({ length: 500 }, () => contribution()));
      expect(exactly.status).toBe(200);
      expect(exactly.body.receipts.filter((r) => r.status === 'accepted')).toHaveLength(500);

      const post = (body: string, type = 'application/json') =>
        fetch(server.url + API.sync, { method: 'POST', headers: { 'content-type': type }, body });
      const notList = await post(JSON.stringify({ items: 'x' }));
      expect(notList.status).toBe(400);
      expect(await notList.json()).toEqual({ error: 'items: items must be a list' });
      const extra = await post(JSON.stringify({ items: [], device: 'tablet-3' }));
      expect(extra.status).toBe(400);
      expect(await extra.json()).toEqual({ error: 'device: unknown field' });
      const text = await post('items', 'text/plain');
      expect(text.status).toBe(415);
      expect((await text.json()).error).toMatch(/JSON/);
    });
  });

  describe('a batch failing midway', () => {
    let server: TestServer;
    let failAt: number | null = null;
    beforeAll(async () => {
      server = await startServer(
        {
          faults: {
            beforeStore(position) {
              if (position === failAt) throw new Error('simulated crash while storing');
            },
          },
        },
        backend,
      );
    });
    afterAll(async () => {
      await server.close();
    });

    it('leaves nothing behind, so the retry stores every item exactly once', async () => {
      const items = Array.from({ length: 200 }, () => contribution());
      failAt = 120;
      const broken = await fetch(server.url + API.sync, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ items }),
      });
      expect(broken.status).toBe(500);
      expect(await broken.json()).toEqual({ error: 'the server could not handle this request; try again later' });
      expect(await countRows(server.db, 'contributions')).toBe(0);
      expect(await countRows(server.db, 'answers')).toBe(0);

      failAt = null;
      const retry = await sync(server.url, items);
      expect(retry.status).toBe(200);
      expect(retry.body.receipts.every((r) => r.status === 'accepted')).toBe(true);
      expect(await countRows(server.db, 'contributions')).toBe(200);
      expect(await countRows(server.db, 'answers')).toBe(400);

      // A second retry (the answer to the first was lost) changes nothing.
      const again = await sync(server.url, items);
      expect(again.body.receipts.map((r) => r.receipt)).toEqual(retry.body.receipts.map((r) => r.receipt));
      expect(again.body.receipts.every((r) => r.status === 'duplicate')).toBe(true);
      expect(await countRows(server.db, 'contributions')).toBe(200);
    });
  });
}
