// Check-and-challenge votes need nothing new from the server: each is its own contribution
// whose id the device derives per statement (src/shared/deck-vote-id.ts), so per-id
// idempotency keeps one vote per device per statement however often it is replayed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../src/shared/api';
import { deckVoteId } from '../../src/shared/deck-vote-id';
import { DECK_SECRET_BYTES } from '../../src/shared/limits';
import type { EngagementBundle } from '../../src/shared/engagement';
import type { Vote } from '../../src/shared/contribution';
import { sealContribution } from '../../src/shared/seal';
import { answersOf, FIXTURE_FILE, FIXTURE_SLUG, contribution, startServer, sync, tempDir, type TestServer } from './helpers';
import { describeOnBothDatabases } from './backends';

const secret = () => crypto.getRandomValues(new Uint8Array(DECK_SECRET_BYTES));

async function deckVote(deviceSecret: Uint8Array, statement: string, vote: Vote) {
  const id = await deckVoteId(deviceSecret, FIXTURE_SLUG, 'check', statement);
  return contribution({ id, phase: 'check', answers: [{ prompt: statement, vote }] });
}

async function storedVotes(server: TestServer, id: string): Promise<string[]> {
  const rows = await answersOf(server.db, id);
  return rows.map((row) => row.value);
}

describeOnBothDatabases('check-and-challenge votes', (backend) => {
  describe('replays', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startServer({}, backend);
    });
    afterAll(async () => {
      await server.close();
    });

    it('stores a replayed deck vote once and answers the replay as a duplicate with the first receipt', async () => {
      const vote = await deckVote(secret(), 'theme-1', 'agree');
      const first = await sync(server.url, [vote]);
      expect(first.body.receipts).toEqual([{ id: vote.id, status: 'accepted', receipt: expect.any(String) }]);
      // The response was lost: the device sends the same entry again, twice in one batch.
      const replay = await sync(server.url, [vote, vote]);
      expect(replay.body.receipts).toEqual([
        { id: vote.id, status: 'duplicate', receipt: first.body.receipts[0]?.receipt },
        { id: vote.id, status: 'duplicate', receipt: first.body.receipts[0]?.receipt },
      ]);
      const rows = await server.db.kysely.selectFrom('contributions').select('id').where('id', '=', vote.id).execute();
      expect(rows).toHaveLength(1);
      expect(await storedVotes(server, vote.id)).toEqual(['agree']);
    });

    it('keeps one vote per device per statement, and two devices two votes', async () => {
      const deviceA = secret();
      const deviceB = secret();
      const a = await deckVote(deviceA, 'theme-1', 'disagree');
      const b = await deckVote(deviceB, 'theme-1', 'unsure');
      expect(a.id).not.toBe(b.id);
      const { body } = await sync(server.url, [a, b]);
      expect(body.receipts.map((r) => r.status)).toEqual(['accepted', 'accepted']);
      // A changed vote under the same id once sent would be a conflict, never a second vote: the device keeps the first.
      const changed = await deckVote(deviceA, 'theme-1', 'agree');
      expect((await sync(server.url, [changed])).body.receipts[0]).toEqual({ id: a.id, status: 'rejected', error: 'conflict' });
      expect(await storedVotes(server, a.id)).toEqual(['disagree']);
      expect(await storedVotes(server, b.id)).toEqual(['unsure']);
    });

    it('dedupes a sealed deck vote (a shared tablet) the same way', async () => {
      const bundle = (await (await fetch(server.url + API.engagement(FIXTURE_SLUG))).json()) as EngagementBundle;
      const key = bundle.publicKey as unknown as JsonWebKey & { kid: string };
      const vote = await deckVote(secret(), 'theme-1', 'agree');
      const sealed = await sealContribution({ ...vote, channel: 'event', event: 'HALL-7' }, key, key.kid);
      const first = await sync(server.url, [sealed]);
      expect(first.body.receipts[0]?.status).toBe('accepted');
      expect((await sync(server.url, [sealed])).body.receipts[0]).toEqual({ id: vote.id, status: 'duplicate', receipt: first.body.receipts[0]?.receipt });
      expect(await storedVotes(server, vote.id)).toEqual(['agree']);
    });
  });

  describe('a statement withdrawn in a newer version', () => {
    let server: TestServer;
    const dir = tempDir('heard-deck-');
    beforeAll(async () => {
      // The published version withdraws the statement; a device still holds the one before.
      const bundle = JSON.parse(readFileSync(FIXTURE_FILE, 'utf8')) as EngagementBundle;
      const check = bundle.phases.find((phase) => phase.id === 'check');
      const statement = check?.prompts.find((prompt) => prompt.id === 'theme-1');
      if (!check || statement?.kind !== 'vote') throw new Error('The fixture has no statement theme-1');
      statement.withdrawn = true;
      check.prompts.push({ id: 'theme-2', kind: 'vote', text: 'A statement added since.', required: false });
      const file = join(dir.path, 'engagement.json');
      writeFileSync(file, JSON.stringify({ ...bundle, version: bundle.version + 1 }));
      server = await startServer({ seedFile: file }, backend);
    });
    afterAll(async () => {
      await server.close();
      dir.remove();
    });

    it('accepts and stores a vote cast from the older version, once', async () => {
      const vote = await deckVote(secret(), 'theme-1', 'agree');
      const first = await sync(server.url, [vote]);
      expect(first.body.receipts[0]?.status).toBe('accepted');
      expect((await sync(server.url, [vote])).body.receipts[0]?.status).toBe('duplicate');
      const row = await server.db.kysely.selectFrom('contributions').select(['phase', 'version']).where('id', '=', vote.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ phase: 'check', version: 2 });
      expect(await storedVotes(server, vote.id)).toEqual(['agree']);
    });
  });
});
