// A day; a longer wait is more likely a misconfigured server than a real request.
const MAX_WAIT_MS = 24 * 60 * 60 * 1000;

/** Reads a Retry-After header (delay in seconds or an HTTP date) as milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(MAX_WAIT_MS, Math.max(0, ms));
}
