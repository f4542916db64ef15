// Shared set-up for the workspace's DOM tests: a fetch stub that plays the organiser API by
// method and path, recording every request, and a render of the workspace at a path.
import { render } from '@testing-library/preact';
import { vi } from 'vitest';
import type { EngagementBundle } from '../../src/shared';
import type { SessionInfo } from '../../src/shared/workspace-api';
import { initI18n } from '../../src/i18n';

/** One recorded request. */
export interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Handler = (sent: Sent) => { status?: number; body?: unknown } | undefined;

/** A session as `GET session` gives it. */
export function session(role: 'owner' | 'analyst' = 'owner'): SessionInfo {
  return {
    organiser: { id: 'o1', email: 'organiser@example.org', role },
    csrfToken: 'csrf-123',
    idleSeconds: 1800,
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  };
}

/** A small draft with one phase: a text question with a hint and a choice question. */
export function draftBundle(): EngagementBundle {
  return {
    slug: 'new-one',
    title: 'Parks',
    intro: 'Tell us about parks.',
    organisation: 'Council',
    version: 1,
    languages: ['en'],
    phases: [
      {
        id: 'talk',
        kind: 'conversation',
        title: 'Talk',
        intro: 'Questions.',
        audience: 'public',
        prompts: [
          { id: 'q1', kind: 'text', text: 'What do you like?', hint: 'A few words.', required: true },
          { id: 'q2', kind: 'choice', text: 'How often?', required: false, multiple: false, choices: [{ id: 'often', label: 'Often' }, { id: 'rarely', label: 'Rarely' }] },
        ],
      },
    ],
    translations: {},
    easyRead: {},
    publicKey: null,
  };
}

/** Replaces fetch with `routes` keyed by "METHOD /path" (query ignored); returns what was sent. */
export function stubApi(routes: Record<string, Handler | { status?: number; body?: unknown }>): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = new URL(String(input), 'http://localhost');
      const method = init.method ?? 'GET';
      const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
      const record: Sent = { method, path: url.pathname + url.search, headers, body: init.body ? JSON.parse(String(init.body)) : undefined };
      sent.push(record);
      const route = routes[`${method} ${url.pathname}`];
      const answer = typeof route === 'function' ? route(record) : route;
      if (!answer) return new Response(JSON.stringify({ error: `no stub for ${method} ${url.pathname}` }), { status: 404 });
      const status = answer.status ?? 200;
      return new Response(status === 204 ? null : JSON.stringify(answer.body ?? {}), { status, headers: { 'content-type': 'application/json' } });
    }),
  );
  return sent;
}

/** Renders the workspace at `path` (strings loaded, page fresh). */
export async function renderWorkspace(path: string) {
  await initI18n('en');
  history.replaceState(null, '', path);
  const { Workspace } = await import('../../src/workspace/workspace');
  return render(<Workspace />);
}
