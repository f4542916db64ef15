/**
 * How long an organiser's session has left, sent with every answer that passed the session
 * check. Seconds left rather than clock times, so a device whose clock is wrong still warns
 * on time; and on every answer rather than only `GET session`, because every request moves
 * the idle deadline and the workspace must know where it moved to (the server refreshes the
 * deadline at most once a minute, so "now + idle" would be up to a minute too late).
 */

/** Response header: `idle=<seconds>, end=<seconds>` — until the session ends without a request, and in all. */
export const SESSION_LEFT_HEADER = 'x-session-left';

/** Whole seconds until the session ends idle (`idle`) and however busy (`end`). */
export interface SessionLeft {
  idle: number;
  end: number;
}

/** The header's value. */
export function formatSessionLeft(left: SessionLeft): string {
  return `idle=${Math.max(0, Math.floor(left.idle))}, end=${Math.max(0, Math.floor(left.end))}`;
}

/** Reads the header's value; null when it is missing or not in the expected form. */
export function parseSessionLeft(value: string | null): SessionLeft | null {
  const match = value ? /^idle=(\d{1,9}), end=(\d{1,9})$/.exec(value.trim()) : null;
  return match ? { idle: Number(match[1]), end: Number(match[2]) } : null;
}
