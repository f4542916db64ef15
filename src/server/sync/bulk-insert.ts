import { createQueryId, type CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { markPreparable } from '../db/prepared';

/**
 * One multi-row INSERT, described once: the columns in parameter order, the row counts a
 * statement may hold (largest first, ending in 1), and the Kysely query for a list of rows.
 */
export interface BulkInsert<Row> {
  columns: readonly (keyof Row & string)[];
  sizes: readonly number[];
  query(db: Kysely<Database>, rows: Row[]): { compile(): CompiledQuery };
}

/**
 * The column list for a BulkInsert, checked to name every column of Row: a column added to
 * the table but not listed here is a type error rather than a value silently left out.
 */
export function everyColumn<Row>() {
  return <const C extends readonly (keyof Row & string)[]>(columns: C & ([Exclude<keyof Row, C[number]>] extends [never] ? unknown : never)): C => columns;
}

// Compiled statements per database and plan (a BulkInsert or IdLookup), then per row count.
const compiled = new WeakMap<Kysely<Database>, WeakMap<object, Map<number, CompiledQuery>>>();

/**
 * Inserts `rows` with statements of the fixed sizes in `insert.sizes` (137 rows at sizes
 * 100/25/5/1 go as 100 + 25 + 5 + 5 + 1 + 1). Each size is built and compiled by Kysely once
 * per database and then run again with new parameters: building and compiling a 100-row
 * insert costs about as much as running it, and a fixed SQL text lets the SQLite connection
 * reuse its prepared statement. `before(start, count)` runs ahead of each statement. Returns
 * the rows the statements return (e.g. `returning('id')`), in order.
 */
export async function insertRows<Row, Out>(
  db: Kysely<Database>,
  trx: Transaction<Database>,
  insert: BulkInsert<Row>,
  rows: readonly Row[],
  before?: (start: number, count: number) => void | Promise<void>,
): Promise<Out[]> {
  const out: Out[] = [];
  for (let start = 0; start < rows.length; ) {
    const size = insert.sizes.find((s) => s <= rows.length - start) ?? 1;
    await before?.(start, size);
    const parameters: unknown[] = [];
    for (let r = start; r < start + size; r++) {
      const row = rows[r];
      for (const column of insert.columns) parameters.push(row[column] ?? null);
    }
    // The template's SQL with this chunk's values; a fresh query id as Kysely gives each query.
    const result = await trx.executeQuery<Out>({ ...insertTemplate(db, insert, size), parameters, queryId: createQueryId() });
    out.push(...result.rows);
    start += size;
  }
  return out;
}

/** A query on a list of ids (`where id in (…)`), described once like a BulkInsert. */
export interface IdLookup<Out> {
  query(db: Kysely<Database>, ids: string[]): { compile(): CompiledQuery<Out> };
}

/**
 * Runs `lookup` for `ids` (deduplicated by the caller) in statements of 1,000 ids at most,
 * each list padded to the next power of two by repeating its last id (which `in` ignores), so
 * at most eleven SQL texts are ever compiled and prepared instead of one per batch size.
 */
export async function selectByIds<Out>(db: Kysely<Database>, trx: Transaction<Database>, lookup: IdLookup<Out>, ids: readonly string[]): Promise<Out[]> {
  const out: Out[] = [];
  for (let start = 0; start < ids.length; start += 1000) {
    const chunk = ids.slice(start, start + 1000);
    const size = Math.min(1000, 2 ** Math.ceil(Math.log2(chunk.length)));
    while (chunk.length < size) chunk.push(chunk[chunk.length - 1]);
    const compiledQuery = template(db, lookup, size, () => lookup.query(db, Array.from({ length: size }, (_, i) => i as unknown as string)).compile(), 1);
    const result = await trx.executeQuery<Out>({ ...compiledQuery, parameters: chunk, queryId: createQueryId() });
    out.push(...result.rows);
  }
  return out;
}

// The statement for `size` rows of `plan`, compiled on first use. Numbered placeholders show
// where each value lands; the check proves the parameters are exactly the values in order
// (`width` per row, row by row in column order), which is how the callers fill them.
function template(db: Kysely<Database>, plan: object, size: number, compile: () => CompiledQuery, width: number): CompiledQuery {
  let plans = compiled.get(db);
  if (!plans) compiled.set(db, (plans = new WeakMap()));
  let sizes = plans.get(plan);
  if (!sizes) plans.set(plan, (sizes = new Map()));
  let query = sizes.get(size);
  if (!query) {
    query = compile();
    if (query.parameters.length !== size * width || query.parameters.some((p, i) => p !== i)) {
      throw new Error(`a ${size}-row statement does not take its values in row and column order: ${query.sql.slice(0, 80)}`);
    }
    sizes.set(size, query);
    markPreparable(query.sql);
  }
  return query;
}

function insertTemplate<Row>(db: Kysely<Database>, insert: BulkInsert<Row>, size: number): CompiledQuery {
  const width = insert.columns.length;
  return template(db, insert, size, () => {
    const rows = Array.from({ length: size }, (_, r) => Object.fromEntries(insert.columns.map((column, c) => [column, r * width + c])) as Row);
    return insert.query(db, rows).compile();
  }, width);
}
