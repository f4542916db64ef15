import { useEffect, useState } from 'preact/hooks';
import { SessionInfoSchema, WORKSPACE_API, type SessionInfo, type SignIn } from '../shared/workspace-api';
import { ApiError, request, setCsrfToken, whenSignedOut } from './api';

/**
 * Who is signed in, shared by every workspace screen. `undefined` while the first check runs,
 * `null` when signed out. The CSRF token travels with it to the API client.
 */

type SessionState = SessionInfo | null | undefined;
type Listener = (session: SessionState) => void;

let current: SessionState;
const listeners = new Set<Listener>();
// Each change of who is signed in counts up, so an answer to an older question (a session
// check still on its way when the organiser signed in) cannot undo a newer one.
let generation = 0;
let checking: Promise<SessionState> | undefined;

function publish(next: SessionState): void {
  generation += 1;
  current = next;
  setCsrfToken(next?.csrfToken);
  listeners.forEach((listener) => listener(next));
}

whenSignedOut(() => publish(null));

/** Asks the server who is signed in (a 401 means nobody). */
export function refreshSession(): Promise<SessionState> {
  checking ??= checkSession().finally(() => {
    checking = undefined;
  });
  return checking;
}

async function checkSession(): Promise<SessionState> {
  const asked = generation;
  let answer: SessionState;
  try {
    answer = await request(WORKSPACE_API.session, SessionInfoSchema, { quiet401: true });
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
    answer = null;
  }
  if (asked === generation) publish(answer);
  return current;
}

/** Signs in; throws an ApiError with the server's message when refused. */
export async function signIn(credentials: SignIn): Promise<SessionInfo> {
  const session = await request(WORKSPACE_API.session, SessionInfoSchema, { method: 'POST', body: credentials, quiet401: true });
  publish(session);
  return session;
}

/** Signs out on the server and forgets the session here. */
export async function signOut(): Promise<void> {
  try {
    await request(WORKSPACE_API.session, null, { method: 'DELETE', quiet401: true });
  } finally {
    publish(null);
  }
}

/** Starts a session for an invited organiser who has just chosen a password. */
export function sessionStarted(session: SessionInfo): void {
  publish(session);
}

/** The session, re-rendering on change; the first use asks the server. */
export function useSession(): SessionState {
  const [session, setSession] = useState<SessionState>(current);
  useEffect(() => {
    listeners.add(setSession);
    if (current === undefined) void refreshSession().catch(() => publish(null));
    return () => void listeners.delete(setSession);
  }, []);
  return session;
}

/** True when the signed-in organiser may change things (owners); analysts only read. */
export function canEdit(session: SessionInfo | null | undefined): boolean {
  return session?.organiser.role === 'owner';
}

/** Forgets who is signed in without asking the server; tests start each case from nothing. */
export function resetSession(): void {
  current = undefined;
  checking = undefined;
  setCsrfToken(undefined);
}
