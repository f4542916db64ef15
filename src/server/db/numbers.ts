import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from './schema';
import { CONTRIBUTION_NUMBERS } from './migrations/0008-contribution-numbers';

/**
 * `count` unused contribution numbers (`contributions.seq`), increasing, all above `after`.
 * Call it inside the transaction that stores them. A number is never drawn twice, even after
 * its contribution was erased, since receipts are drawn from numbers (sync/receipt.ts).
 * PostgreSQL draws them from a sequence, so servers storing at the same time never draw the
 * same number. SQLite has one writer at a time and a write transaction sees every committed
 * row, so the numbers after the largest one stored or erased are free until it commits. A
 * number drawn but not stored is simply skipped; gaps mean nothing.
 */
export async function drawContributionNumbers(db: Kysely<Database>, count: number, after = 0): Promise<number[]> {
  if (count === 0) return [];
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const { rows } = await sql<{ n: number }>`select nextval(${CONTRIBUTION_NUMBERS})::integer as n from generate_series(1, ${count})`.execute(db);
    return rows.map((row) => row.n).sort((a, b) => a - b);
  }
  const first = Math.max(await largestNumber(db), after) + 1;
  return Array.from({ length: count }, (_, i) => first + i);
}

/** After rows were written with their own numbers (a restore), makes PostgreSQL's sequence continue after them. */
export async function continueContributionNumbers(db: Kysely<Database>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`select setval(${CONTRIBUTION_NUMBERS}, ${(await largestNumber(db)) + 1}, false)`.execute(db);
}

// The largest number stored or erased (0 when none): both maxima come from an index.
async function largestNumber(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: number | string | null }>`select max(n) as n from (
    select max(seq) as n from contributions union all select max(seq) as n from erased_contributions) as numbers`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
