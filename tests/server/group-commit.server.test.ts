// Group commit: batches queued while one is being written go into the next transaction
// together, and every request still gets exactly the answers it would have got alone.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { HeardDb } from '../../src/server/db/connect';
import { seedFromFile } from '../../src/server/seed/seed';
import { contentHash } from '../../src/server/sync/content-hash';
import { groupCommit, type StoreItems } from '../../src/server/sync/group-commit';
import type { Prepared } from '../../src/server/sync/prepare';
import type { Contribution } from '../../src/shared/contribution';
import { describeOnBothDatabases } from './backends';
import { FIXTURE_FILE, contribution } from './helpers';

function prepared(c: Contribution): Prepared {
  return { id: c.id, contribution: c, sealed: false, hash: contentHash(c) };
}

const NONE = new Map<string, string>();

describeOnBothDatabases('group commit', (backend) => {
  let db: HeardDb;
  let dispose: () => Promise<void>;
  let transactions: number;

  beforeEach(async () => {
    ({ db, dispose } = await backend.open());
    await seedFromFile(db.kysely, FIXTURE_FILE, () => {});
    transactions = 0;
  });
  afterEach(() => dispose());

  // Counts the transactions begun on the database (an own property shadows Kysely's method).
  function counting(): HeardDb['kysely'] {
    const kysely = db.kysely;
    const begin = kysely.transaction.bind(kysely);
    kysely.transaction = () => {
      transactions++;
      return begin();
    };
    return kysely;
  }

  it('writes batches that wait together in one transaction and answers each in its own order', async () => {
    const store = groupCommit(counting());
    const shared = contribution();
    const changed = { ...shared, answers: [{ prompt: shared.answers[0].prompt, text: 'a different answer' }] };
    const first = [contribution(), shared, contribution()].map(prepared);
    const second = [prepared(shared), prepared(contribution())];
    const third = [prepared(changed)];
    const [a, b, c] = await Promise.all([store(first, NONE), store(second, NONE), store(third, NONE)]);

    expect(transactions).toBe(1);
    expect(a.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    // The id the first request stored is a replay for the second and a conflict for the third.
    expect(b.map((r) => r.status)).toEqual(['duplicate', 'accepted']);
    expect(b[0]).toEqual({ status: 'duplicate', receipt: (a[1] as { receipt: string }).receipt });
    expect(c).toEqual([{ status: 'rejected', error: 'conflict' }]);
    const rows = await db.kysely.selectFrom('contributions').select('id').execute();
    expect(rows.map((r) => r.id).sort()).toEqual([...first, second[1]].map((p) => p.id).sort());
  });

  it('keeps a group within its item limit, one batch at least', async () => {
    const store = groupCommit(counting(), {}, 3);
    const batches = [4, 1, 2, 2].map((n) => Array.from({ length: n }, () => prepared(contribution())));
    const results = await Promise.all(batches.map((batch) => store(batch, NONE)));
    expect(results.map((r) => r.length)).toEqual([4, 1, 2, 2]);
    expect(results.flat().every((r) => r.status === 'accepted')).toBe(true);
    // [4] alone (over the limit by itself), then [1, 2], then [2].
    expect(transactions).toBe(3);
  });

  it('writes each batch alone after a merged transaction fails, so only the failing batch fails', async () => {
    // An engagement that does not exist breaks the foreign key: this batch cannot be stored.
    const poison = prepared(contribution({ engagement: 'no-such-engagement' }));
    const store: StoreItems = groupCommit(counting());
    const good = [prepared(contribution()), prepared(contribution())];
    const outcomes = await Promise.allSettled([store(good, NONE), store([poison], NONE), store([prepared(contribution())], NONE)]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/foreign key|FOREIGN KEY/);
    // The merged attempt rolled back whole; the retries stored the good batches once each.
    const count = await db.kysely.selectFrom('contributions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(3);
    expect(transactions).toBe(4);
  });
});
