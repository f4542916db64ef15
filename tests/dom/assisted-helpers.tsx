// Shared set-up for the shared-tablet DOM tests: an event the fake server knows, an
// engagement with a real sealing key, and the worker's usual steps.
import { afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { configure, screen } from '@testing-library/preact';
import type userEvent from '@testing-library/user-event';
import { saveDraft } from '../../src/storage';
import { navigate } from '../../src/app/router';
import { clearEventTag } from '../../src/app/event-tag';
import { resetAssistedMemory, setIdleTimings } from '../../src/app/assisted/session';
import { PHASE, SLUG, bundle, freshDevice, renderAt } from './harness';

// PBKDF2 with a real iteration count takes a moment on a busy machine.
configure({ asyncUtilTimeout: 10_000 });

export const CODE = 'LIB-4821';
export const PIN = '2468';
export const checkPath = `/e/${SLUG}/${PHASE}/check`;
const event = { code: CODE, engagement: SLUG, name: 'Library drop-in', place: 'Central Library', date: '2026-03-14' };

/** The engagement's key pair; the tablet only ever sees the public half. */
export const keys = {} as { publicJwk: JsonWebKey & { kid: string }; privateJwk: JsonWebKey };

/** The harness's server, plus the event lookup and an engagement that carries a sealing key; `online: false` fails every request. */
export function serveEvents(online = true): void {
  const server = globalThis.fetch;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      if (!online) throw new TypeError('Failed to fetch');
      const url = String(input);
      if (url === `/api/events/${CODE}`) return Response.json(event);
      if (url.startsWith('/api/events/')) return new Response('{}', { status: 404 });
      if (url === `/api/engagements/${SLUG}`) return Response.json({ ...bundle, publicKey: keys.publicJwk });
      return server(input, init);
    }),
  );
}

/** Registers the hooks: a key pair once, then a fresh device that is not in assisted mode for every test. */
export function useSharedTablet(): void {
  // Whole journeys with PBKDF2 and RSA run longer than the default 5 s on a busy machine.
  vi.setConfig({ testTimeout: 30_000 });
  beforeAll(async () => {
    const pair = await crypto.subtle.generateKey(
      { name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['encrypt', 'decrypt'],
    );
    keys.publicJwk = { ...(await crypto.subtle.exportKey('jwk', pair.publicKey)), kid: 'test-key-1' };
    keys.privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  });
  beforeEach(async () => {
    await freshDevice('online');
    localStorage.removeItem('heard-assisted');
    resetAssistedMemory();
    clearEventTag();
    serveEvents();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    setIdleTimings({ idleMs: 120_000, warningMs: 30_000 });
  });
}

/** jsdom's Blob has no text(); FileReader reads it the old way. */
export function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

/** The person's answers as autosave would leave them, then the check page (a navigation of their turn). */
export async function answerAsPerson(text: string): Promise<void> {
  await saveDraft({ engagement: SLUG, phase: PHASE, version: 3, step: 'check', answers: { mood: { scale: 4 }, ideas: { text } } });
  navigate(checkPath);
}

/** The worker switches assisted mode on from `/tablet` and reaches the pass screen. */
export async function switchOnAssisted(user: ReturnType<typeof userEvent.setup>, pin = PIN): Promise<void> {
  renderAt('/tablet');
  await user.type(await screen.findByLabelText('Event code'), 'lib-4821');
  await user.type(screen.getByLabelText('Choose a PIN'), pin);
  await user.type(screen.getByLabelText('Type the PIN again'), pin);
  await user.click(screen.getByRole('button', { name: 'Switch on assisted mode' }));
  await screen.findByRole('heading', { level: 1, name: 'Pass the tablet to the next person' });
}
