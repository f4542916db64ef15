// The session timeout warning (WCAG 2.2.1) on a fake clock: when it shows, staying signed in,
// signing out, the message once the session has ended, and the fixed 12-hour end. The fetch
// stub plays a server that keeps the session's deadlines and reports them on every answer.
import { fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SESSION_LEFT_HEADER, formatSessionLeft } from '../../src/shared/session-time';
import { WORKSPACE_API } from '../../src/shared/workspace-api';
import { initI18n } from '../../src/i18n';
import { refreshSession, resetSession } from '../../src/workspace/session';
import { resetSessionClock } from '../../src/workspace/session-clock';
import { renderWorkspace, session } from './workspace-helpers';

const MINUTE = 60_000;
const PATH = '/organiser/engagements/parks/audit';

let server: { idleAt: number; endAt: number; signedIn: boolean };
let sent: Array<{ method: string; path: string }>;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** A server that ends the session like the real one and says how long is left on every answer. */
function stubServer(): void {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = new URL(String(input), 'http://localhost');
      const method = init.method ?? 'GET';
      sent.push({ method, path: url.pathname });
      if (method === 'DELETE' && url.pathname === WORKSPACE_API.session) {
        server.signedIn = false;
        return json(204, null);
      }
      const now = Date.now();
      if (!server.signedIn || now >= Math.min(server.idleAt, server.endAt)) return json(401, { error: 'sign in as an organiser first' });
      server.idleAt = now + 30 * MINUTE;
      const left = formatSessionLeft({ idle: (server.idleAt - now) / 1000, end: (server.endAt - now) / 1000 });
      const body = url.pathname === WORKSPACE_API.session ? session() : [];
      return json(200, body, { [SESSION_LEFT_HEADER]: left });
    }),
  );
}

/** Lets the stubbed requests and renders settle without moving the fake clock. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await vi.advanceTimersByTimeAsync(0);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Moves the fake clock by `ms`, running the timers due on the way. */
async function wait(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await settle();
}

function dialog(): HTMLDialogElement {
  const element = document.querySelector('dialog');
  if (!element) throw new Error('no dialog in the page');
  return element;
}

async function start(path = PATH): Promise<void> {
  await renderWorkspace(path);
  await settle();
  expect(screen.getByRole('link', { name: 'Heard workspace' })).toBeTruthy();
  expect(sent.some((s) => s.method === 'GET' && s.path === WORKSPACE_API.session)).toBe(true);
}

beforeAll(async () => {
  // Load the workspace chunk on the real clock; only the timeout runs on the fake one.
  await initI18n('en');
  await import('../../src/workspace/workspace');
  // jsdom has <dialog> but not its modal methods, nor scrolling.
  window.scrollTo = () => undefined;
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  // Half way through a second, so a deadline does not fall on the whole seconds the countdown ticks on.
  vi.setSystemTime(new Date('2026-03-02T09:00:00.500Z'));
  resetSession();
  resetSessionClock();
  sent = [];
  server = { idleAt: Date.now() + 30 * MINUTE, endAt: Date.now() + 12 * 60 * MINUTE, signedIn: true };
  stubServer();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the idle warning', () => {
  it('opens 2 minutes before the idle deadline, not earlier, with the time left in words, and focus inside', async () => {
    await start();
    await wait(28 * MINUTE - 5000);
    expect(dialog().open).toBe(false);
    await wait(6000);
    expect(dialog().open).toBe(true);
    expect(document.activeElement).toBe(dialog());
    expect(screen.getByRole('heading', { name: 'You’re about to be signed out' })).toBeTruthy();
    const spoken = document.getElementById('timeout-text');
    expect(spoken?.textContent).toContain('we will sign you out in 2 minutes unless you choose to stay signed in');
    expect(spoken?.getAttribute('aria-live')).toBe('polite');
    expect(dialog().getAttribute('aria-describedby')).toBe('timeout-text');
    expect(within(dialog()).getByRole('button', { name: 'Stay signed in' })).toBeTruthy();
    expect(within(dialog()).getByRole('button', { name: 'Sign out' })).toBeTruthy();

    // The last minute: seen each second, heard in 20-second steps.
    await wait(MINUTE + 5000);
    // (The shown count may lag the clock by under a second: it moves on each whole second.)
    expect(dialog().textContent).toMatch(/sign you out in 5[45] seconds/);
    expect(spoken?.textContent).toContain('sign you out in 1 minute');
    await wait(15_000);
    expect(dialog().textContent).toMatch(/sign you out in (39|40) seconds/);
    expect(spoken?.textContent).toContain('sign you out in 40 seconds');
  });

  it('follows every request: one made meanwhile moves the warning later', async () => {
    await start();
    await wait(20 * MINUTE);
    await refreshSession();
    await settle();
    // Past the first deadline's warning (28 minutes) and just before the new one's (48).
    await wait(10 * MINUTE);
    expect(dialog().open).toBe(false);
    await wait(18 * MINUTE - 5000);
    expect(dialog().open).toBe(false);
    await wait(6000);
    expect(dialog().open).toBe(true);
  });

  it('keeps to the clock when the tab was in the background and its timers did not run', async () => {
    await start();
    // The clock moves on while no timer fires, as in a background tab or a sleeping laptop.
    vi.setSystemTime(Date.now() + 29.5 * MINUTE);
    document.dispatchEvent(new Event('visibilitychange'));
    await settle();
    expect(dialog().open).toBe(true);
    expect(dialog().textContent).toContain('sign you out in 30 seconds');
  });

  it('stays signed in: asks the server, closes and puts focus back where it was', async () => {
    await start();
    const signOutLink = screen.getByRole('button', { name: 'Sign out' });
    signOutLink.focus();
    expect(document.activeElement).toBe(signOutLink);
    await wait(28 * MINUTE + 1000);
    expect(dialog().open).toBe(true);
    const before = sent.length;
    fireEvent.click(screen.getByRole('button', { name: 'Stay signed in' }));
    await settle();
    expect(sent.slice(before)).toEqual([{ method: 'GET', path: WORKSPACE_API.session }]);
    expect(dialog().open).toBe(false);
    expect(document.activeElement).toBe(signOutLink);
    // The next warning is 28 minutes from now, not sooner.
    await wait(27 * MINUTE);
    expect(dialog().open).toBe(false);
  });

  it('treats Escape as staying signed in', async () => {
    await start();
    await wait(28 * MINUTE + 1000);
    const before = sent.length;
    const cancel = new Event('cancel', { cancelable: true });
    dialog().dispatchEvent(cancel);
    await settle();
    expect(cancel.defaultPrevented).toBe(true);
    expect(sent.slice(before)).toEqual([{ method: 'GET', path: WORKSPACE_API.session }]);
    expect(dialog().open).toBe(false);
  });

  it('says so in the dialog when the server cannot be reached, and stays open', async () => {
    await start();
    await wait(28 * MINUTE + 1000);
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('offline'))));
    fireEvent.click(screen.getByRole('button', { name: 'Stay signed in' }));
    await settle();
    expect(dialog().open).toBe(true);
    expect(screen.getByRole('alert').textContent).toContain('The server could not be reached');
  });

  it('says the session has ended when staying signed in comes too late for the server', async () => {
    await start();
    await wait(28 * MINUTE + 1000);
    server.signedIn = false;
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Stay signed in' }));
    await settle();
    expect(dialog().open).toBe(true);
    expect(screen.getByRole('heading', { name: 'You have been signed out' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Sign in again' }).getAttribute('href')).toBe(PATH);
  });

  it('signs out from the warning', async () => {
    await start();
    await wait(28 * MINUTE + 1000);
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Sign out' }));
    await settle();
    expect(sent.at(-1)).toEqual({ method: 'DELETE', path: WORKSPACE_API.session });
    expect(location.pathname).toBe('/organiser/sign-in');
    expect(dialog().open).toBe(false);
    expect(screen.getByRole('heading', { name: 'Sign in to the Heard workspace' })).toBeTruthy();
  });
});

describe('when time runs out', () => {
  it('signs out, says why, and leads back to sign in on the same page', async () => {
    await start();
    // The end comes at the deadline itself, not at the countdown's next whole second.
    await wait(30 * MINUTE + 200);
    expect(sent.some((s) => s.method === 'DELETE' && s.path === WORKSPACE_API.session)).toBe(true);
    expect(dialog().open).toBe(true);
    expect(document.activeElement).toBe(dialog());
    expect(screen.getByRole('heading', { name: 'You have been signed out' })).toBeTruthy();
    expect(dialog().textContent).toContain('you had not done anything for 30 minutes');
    const again = screen.getByRole('link', { name: 'Sign in again' });
    expect(again.getAttribute('href')).toBe(PATH);
    expect(screen.queryByRole('button', { name: 'Stay signed in' })).toBeNull();

    fireEvent.click(again);
    await settle();
    expect(dialog().open).toBe(false);
    expect(location.pathname).toBe(PATH);
    expect(screen.getByRole('heading', { name: 'Sign in to the Heard workspace' })).toBeTruthy();
  });
});

describe('the fixed end', () => {
  it('warns 5 minutes before it that it cannot be extended, offers only Continue or Sign out now, then ends', async () => {
    server.endAt = Date.now() + 20 * MINUTE;
    await start();
    await wait(15 * MINUTE - 5000);
    expect(dialog().open).toBe(false);
    await wait(6000);
    expect(dialog().open).toBe(true);
    expect(screen.getByRole('heading', { name: 'Your session is about to end' })).toBeTruthy();
    expect(dialog().textContent).toContain('We will sign you out in 5 minutes');
    expect(dialog().textContent).toContain('You cannot stay signed in for longer');
    expect(screen.queryByRole('button', { name: 'Stay signed in' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Sign out now' })).toBeTruthy();

    const before = sent.length;
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await settle();
    expect(dialog().open).toBe(false);
    // Continuing asks nothing of the server: there is nothing it could extend.
    expect(sent.length).toBe(before);

    await wait(5 * MINUTE);
    expect(dialog().open).toBe(true);
    expect(dialog().textContent).toContain('you had been signed in for 12 hours');
    expect(sent.at(-1)).toEqual({ method: 'DELETE', path: WORKSPACE_API.session });
  });

  it('signs out now from the end warning', async () => {
    server.endAt = Date.now() + 4 * MINUTE;
    await start();
    expect(dialog().open).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Sign out now' }));
    await settle();
    expect(sent.at(-1)).toEqual({ method: 'DELETE', path: WORKSPACE_API.session });
    expect(dialog().open).toBe(false);
  });
});
