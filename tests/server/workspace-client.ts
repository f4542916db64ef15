// A small organiser client for the workspace tests: signs in, keeps both cookies (session and
// CSRF secret) and sends the CSRF token on every state-changing request.
import { WORKSPACE_API, CSRF_HEADER, type SessionInfo } from '../../src/shared/workspace-api';
import { ADMIN } from './helpers';

/** A signed-in organiser. */
export interface Organiser {
  cookie: string;
  csrf: string;
  info: SessionInfo;
  /** Sends a request as this organiser; `body` is sent as JSON. The CSRF token goes on unless `csrf: false`. */
  call(method: string, path: string, body?: unknown, options?: { csrf?: boolean }): Promise<Response>;
  /** Like `call`, then parses JSON and fails unless the status is `status`. */
  json<T>(method: string, path: string, body?: unknown, status?: number): Promise<T>;
}

/** The `name=value` pairs of every Set-Cookie header, joined for a Cookie header. */
export function cookiesOf(response: Response): string {
  return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

/** Makes a client for an already signed-in session. */
export function organiserClient(url: string, cookie: string, info: SessionInfo): Organiser {
  const call = (method: string, path: string, body?: unknown, options: { csrf?: boolean } = {}) => {
    const headers: Record<string, string> = { cookie };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.csrf !== false) headers[CSRF_HEADER] = info.csrfToken;
    return fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  };
  return {
    cookie,
    csrf: info.csrfToken,
    info,
    call,
    async json<T>(method: string, path: string, body?: unknown, status = 200): Promise<T> {
      const response = await call(method, path, body);
      const text = await response.text();
      if (response.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${response.status} ${text}`);
      return JSON.parse(text) as T;
    },
  };
}

/** Signs in (default: the test admin) and returns a client. */
export async function signInOrganiser(url: string, credentials: { email: string; password: string } = ADMIN): Promise<Organiser> {
  const response = await fetch(url + WORKSPACE_API.session, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return organiserClient(url, cookiesOf(response), (await response.json()) as SessionInfo);
}
