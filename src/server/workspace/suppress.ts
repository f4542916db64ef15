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

/** A share of a total, or null when the count itself is suppressed (the share would give it away). */
export function shareOf(n: number, total: number): number | null {
  if (n <= SMALL_COUNT_LIMIT || total === 0) return n === 0 && total > SMALL_COUNT_LIMIT ? 0 : null;
  return Math.round((n / total) * 1000) / 1000;
}
