import type { Count } from '../../shared/workspace-api';

/** Counts from 1 up to this are never sent as numbers. */
export const SMALL_COUNT_LIMIT = 9;

/**
 * A count as it may leave the server: 0 stays 0, 1–9 become `"<10"`, so no one who took
 * part can be singled out from a dashboard or an aggregate export.
 */
export function suppress(n: number): Count {
  if (n === 0) return 0;
  return n <= SMALL_COUNT_LIMIT ? '<10' : n;
}
