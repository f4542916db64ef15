import type * as v from 'valibot';
import { check } from '../shared/validate';
import { SESSION_LEFT_HEADER, parseSessionLeft, type SessionLeft } from '../shared/session-time';
import { CSRF_HEADER } from '../shared/workspace-api';

/**
 * The workspace's one way to call the organiser API: JSON in, JSON out, checked against the
 * contract's schema, with the session's CSRF token on every request that changes something.
 */

/** A refused or failed request, with the server's message (`{ error }`) when it gave one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | undefined;
let onSignedOut: (() => void) | undefined;
let onSessionLeft: ((left: SessionLeft, sentAt: number) => void) | undefined;

/** Remembers the token `GET session` handed out (undefined after signing out). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when the server says the session has ended (401), so the workspace shows sign-in. */
export function whenSignedOut(listener: () => void): void {
  onSignedOut = listener;
}

/**
 * Called with the time the session has left after every answer that says so, and when the
 * request was sent (the server counted from no earlier than that), so the timeout warning
 * follows every request.
 */
export function whenSessionLeft(listener: (left: SessionLeft, sentAt: number) => void): void {
  onSessionLeft = listener;
}

/** Options of one request: a method other than GET, and a JSON body. */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** A 401 here is an answer, not an expired session (signing in, reading the session). */
  quiet401?: boolean;
}

/** Sends a request and returns its body checked against `schema` (or nothing for `null`). */
export async function request<S extends v.GenericSchema>(url: string, schema: S, options?: RequestOptions): Promise<v.InferOutput<S>>;
export async function request(url: string, schema: null, options?: RequestOptions): Promise<void>;
export async function request(url: string, schema: v.GenericSchema | null, options: RequestOptions = {}): Promise<unknown> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;
  let response: Response;
  const sentAt = Date.now();
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'The server could not be reached. Check the connection and try again.');
  }
  const left = parseSessionLeft(response.headers.get(SESSION_LEFT_HEADER));
  if (left) onSessionLeft?.(left, sentAt);
  if (!response.ok) {
    const message = await errorMessage(response);
    if (response.status === 401 && !options.quiet401) onSignedOut?.();
    throw new ApiError(response.status, message);
  }
  if (schema === null || response.status === 204) return undefined;
  const result = check(schema, await response.json());
  if (!result.ok) throw new ApiError(response.status, `Unexpected answer from the server: ${result.error}`);
  return result.value;
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown; message?: unknown };
    const text = typeof body.error === 'string' ? body.error : typeof body.message === 'string' ? body.message : undefined;
    if (text) return text;
  } catch {
    // Not JSON: fall through to the status line.
  }
  return `The server answered ${response.status} ${response.statusText}`.trim();
}
