import { check } from '../../shared';
import { EVENTS_API, PublicEventSchema, type PublicEvent } from '../../shared/events';
import { listReadyEvents } from '../../storage';

/** What looking up an event code found: the event, no such event, or no way to tell offline. */
export type EventLookup = { state: 'found'; event: PublicEvent; ready: boolean } | { state: 'unknown' } | { state: 'offline' };

/** Looks up an event code: first among the events this tablet got ready for, then online. */
export async function lookupEvent(code: string, options: { online?: boolean } = {}): Promise<EventLookup> {
  if (!options.online) {
    const ready = (await listReadyEvents().catch(() => [])).find((event) => event.code === code);
    if (ready) {
      const { readyAt: _readyAt, ...event } = ready;
      return { state: 'found', event, ready: true };
    }
  }
  let response: Response;
  try {
    response = await fetch(EVENTS_API.event(code), { cache: 'no-store' });
  } catch {
    return { state: 'offline' };
  }
  if (response.status === 404) return { state: 'unknown' };
  if (!response.ok) return { state: 'offline' };
  const result = check(PublicEventSchema, await response.json().catch(() => undefined));
  return result.ok ? { state: 'found', event: result.value, ready: false } : { state: 'offline' };
}

/** Normalises what a worker typed as an event code (spaces, lower case). */
export function normaliseCode(typed: string): string {
  return typed.trim().toUpperCase().replace(/\s+/g, '');
}
