import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from './schema';
import { CONTRIBUTION_NUMBERS } from './migrations/0008-contribution-numbers';

/**
 * `count` unused contribution numbers (`contributions.seq`), increasing. Call it inside the
 * transaction that stores them. PostgreSQL draws them from a sequence, so servers storing at
 * the same time never draw the same number. SQLite has one writer at a time and a write
 * transaction sees every committed row, so the numbers after the largest stored one are free
 * until it commits. A number drawn but not stored is simply skipped; gaps mean nothing.
 */
export async function drawContributionNumbers(db: Kysely<Database>, count: number): Promise<number[]> {
  if (count === 0) return [];
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const { rows } = await sql<{ n: number }>`select nextval(${CONTRIBUTION_NUMBERS})::integer as n from generate_series(1, ${count})`.execute(db);
    return rows.map((row) => row.n).sort((a, b) => a - b);
  }
  const { largest } = await db.selectFrom('contributions').select((eb) => eb.fn.max('seq').as('largest')).executeTakeFirstOrThrow();
  const first = Number(largest ?? 0) + 1;
  return Array.from({ length: count }, (_, i) => first + i);
}

/** After rows were written with their own numbers (a restore), makes PostgreSQL's sequence continue after them. */
export async function continueContributionNumbers(db: Kysely<Database>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`select setval(${CONTRIBUTION_NUMBERS}, coalesce((select max(seq) from contributions), 0) + 1, false)`.execute(db);
}
