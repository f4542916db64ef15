import type { SessionDeadlines } from '../session-clock';

/**
 * When the timeout warning shows and what it says, worked out from the deadlines and the
 * clock alone (never by counting ticks, which a background tab slows down or stops).
 */

/** The idle warning shows this long before the idle deadline (GOV.UK: 2 minutes). */
export const IDLE_WARNING_MS = 2 * 60 * 1000;
/** The warning about the fixed end shows this long before it. */
export const END_WARNING_MS = 5 * 60 * 1000;

/** What the dialog shows: nothing, a warning that can be answered by staying, the fixed end, or the end itself. */
export type TimeoutPhase =
  | { kind: 'none'; next: number }
  | { kind: 'idle'; at: number }
  | { kind: 'end'; at: number }
  | { kind: 'expired'; reason: 'idle' | 'end' };

/**
 * The phase at `now`; `next` is when the quiet phase next needs a look. `endSeen` is the end
 * the organiser has already been warned about and chosen to continue.
 */
export function phaseAt(deadlines: SessionDeadlines, now: number, endSeen: number | null): TimeoutPhase {
  const { idleAt, endAt } = deadlines;
  // The fixed end comes first: staying signed in could not help, so only it is warned about.
  const endFirst = endAt <= idleAt;
  if (now >= Math.min(idleAt, endAt)) return { kind: 'expired', reason: endFirst ? 'end' : 'idle' };
  if (endFirst) {
    if (endSeen === endAt) return { kind: 'none', next: endAt };
    return now >= endAt - END_WARNING_MS ? { kind: 'end', at: endAt } : { kind: 'none', next: endAt - END_WARNING_MS };
  }
  return now >= idleAt - IDLE_WARNING_MS ? { kind: 'idle', at: idleAt } : { kind: 'none', next: idleAt - IDLE_WARNING_MS };
}

/** Time left as shown: whole minutes (rounded up), then seconds in the last minute. */
export function shownLeft(ms: number): { unit: 'minutes' | 'seconds'; count: number } {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return seconds > 60 ? { unit: 'minutes', count: Math.ceil(seconds / 60) } : { unit: 'seconds', count: seconds };
}

/**
 * Time left as a screen reader hears it: it changes once a minute, then every 20 seconds in
 * the last minute, so the announcements do not drown everything else out.
 */
export function spokenLeft(ms: number): { unit: 'minutes' | 'seconds'; count: number } {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds > 60) return { unit: 'minutes', count: Math.ceil(seconds / 60) };
  const step = Math.ceil(seconds / 20) * 20;
  return step >= 60 ? { unit: 'minutes', count: 1 } : { unit: 'seconds', count: step };
}
