/**
 * Full-jitter exponential backoff: random in [0, min(cap, base * 2^attempt)], base 1 s, cap 5 min.
 *
 * Why jitter: after an evening event, hundreds of tablets come back into signal at about the
 * same moment. Plain exponential backoff would have them all retry in lock-step, hitting
 * the server in waves exactly when it is busiest; a random point in the window spreads them out.
 */
export function backoffDelay(
  attempt: number,
  opts: { baseMs?: number; capMs?: number; random?: () => number } = {},
): number {
  const { baseMs = 1000, capMs = 5 * 60 * 1000, random = Math.random } = opts;
  // 2 ** 1100 is Infinity, which min() then caps, so large attempt counts are safe.
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}
