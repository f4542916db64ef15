import { useEffect, useState } from 'preact/hooks';
import type { SessionLeft } from '../shared/session-time';
import { whenSessionLeft } from './api';

/**
 * When the organiser's session ends, on this device's clock: moved by every answer from the
 * server (`api.ts` reads the time left from each), and shared between the workspace's tabs,
 * so a tab left alone does not warn about — or end — a session another tab keeps busy.
 */

/** The session's two deadlines, in milliseconds since the epoch on this device's clock. */
export interface SessionDeadlines {
  /** Ends here unless another request comes first. */
  idleAt: number;
  /** Ends here however busy; nothing moves it. */
  endAt: number;
}

type Listener = (deadlines: SessionDeadlines | null) => void;

let current: SessionDeadlines | null = null;
const listeners = new Set<Listener>();
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('heard-workspace-session') : null;

function publish(next: SessionDeadlines | null): void {
  current = next;
  listeners.forEach((listener) => listener(next));
}

/** Takes the time left from an answer to a request sent at `sentAt` (the server counted from later). */
export function noteSessionLeft(left: SessionLeft, sentAt: number): void {
  const next = { idleAt: sentAt + left.idle * 1000, endAt: sentAt + left.end * 1000 };
  publish(next);
  channel?.postMessage(next);
}

whenSessionLeft(noteSessionLeft);

// Another tab heard from the server more recently: its idle deadline is the later one.
channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = event.data as Partial<SessionDeadlines> | null;
  if (typeof data?.idleAt !== 'number' || typeof data.endAt !== 'number') return;
  if (!current || data.idleAt > current.idleAt) publish({ idleAt: data.idleAt, endAt: data.endAt });
});

/** The deadlines as last heard, re-rendering when they move; null before any answer. */
export function useSessionDeadlines(): SessionDeadlines | null {
  const [deadlines, setDeadlines] = useState(current);
  useEffect(() => {
    listeners.add(setDeadlines);
    setDeadlines(current);
    return () => void listeners.delete(setDeadlines);
  }, []);
  return deadlines;
}

/** Forgets the deadlines; tests start each case from nothing. */
export function resetSessionClock(): void {
  publish(null);
}
