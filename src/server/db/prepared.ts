// SQL texts worth a named prepared statement on PostgreSQL: fixed texts that run again and
// again with new values (the sync path's multi-row inserts and id look-ups, see
// src/server/sync/bulk-insert.ts). Each gets a stable name for the life of the process.
const names = new Map<string, string>();

/** Marks `sql` as run many times; PostgreSQL connections then prepare it once each. */
export function markPreparable(sql: string): void {
  if (!names.has(sql)) names.set(sql, `heard_${names.size + 1}`);
}

/** The prepared statement name for `sql`, or undefined for a text not marked. */
export function preparedName(sql: string): string | undefined {
  return names.get(sql);
}
