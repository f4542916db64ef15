import { EventCodeSchema, check } from '../shared';

/**
 * The event a visit came from. A poster's QR code opens `/e/<slug>?event=<CODE>`; the code is
 * remembered for this browser session (not beyond), so every contribution made in the visit
 * is tagged with it even after the person has moved on from the page the poster opened.
 */

const SESSION_KEY = 'heard-event';

/** Remembers a valid `event` query parameter of `search` for this session; anything else is ignored. */
export function captureEventTag(search: string): void {
  const code = new URLSearchParams(search).get('event')?.trim().toUpperCase();
  if (!code || !check(EventCodeSchema, code).ok) return;
  try {
    sessionStorage.setItem(SESSION_KEY, code);
  } catch {
    // Storage blocked: the tag then lasts only for this page.
    memory = code;
  }
}

let memory: string | undefined;

/** The event code this session came from, if any. */
export function currentEventTag(): string | undefined {
  try {
    return sessionStorage.getItem(SESSION_KEY) ?? memory;
  } catch {
    return memory;
  }
}

/** Forgets the session's event (tests, and leaving a shared tablet). */
export function clearEventTag(): void {
  memory = undefined;
  try {
    sessionStorage.removeItem(SESSION_KEY);
  } catch {
    // Nothing stored.
  }
}
