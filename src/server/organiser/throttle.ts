import { anonymousKey } from '../security';

/**
 * Slows down guessing one organiser's password: after a few failures for the same e-mail,
 * each further attempt waits longer (doubling up to a cap), whichever address it comes from.
 * Counted in memory under a keyed hash of the e-mail, so the counter holds no address.
 */
export class FailureThrottle {
  private readonly failures = new Map<string, { count: number; last: number }>();

  constructor(
    private readonly freeAttempts = 3,
    private readonly baseDelayMs = 250,
    private readonly maxDelayMs = 8000,
    private readonly forgetAfterMs = 15 * 60 * 1000,
    private readonly maxEntries = 10_000,
  ) {}

  /** How long to wait before checking a sign-in for `email`. */
  delayFor(email: string, now = Date.now()): number {
    const entry = this.failures.get(anonymousKey(email));
    if (!entry || now - entry.last > this.forgetAfterMs) return 0;
    const over = entry.count - this.freeAttempts;
    return over < 0 ? 0 : Math.min(this.baseDelayMs * 2 ** over, this.maxDelayMs);
  }

  /** Counts a failed sign-in for `email`. */
  fail(email: string, now = Date.now()): void {
    const key = anonymousKey(email);
    const entry = this.failures.get(key);
    const count = entry && now - entry.last <= this.forgetAfterMs ? entry.count + 1 : 1;
    this.failures.delete(key);
    this.failures.set(key, { count, last: now });
    // Maps iterate in insertion order, so the first key is the one idle longest.
    if (this.failures.size > this.maxEntries) this.failures.delete(this.failures.keys().next().value as string);
  }

  /** Forgets the failures for `email` after a good sign-in. */
  succeed(email: string): void {
    this.failures.delete(anonymousKey(email));
  }
}
