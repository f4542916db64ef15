// Shared set-up for the page's DOM tests: a small engagement, a fetch stub that plays the
// server (or no connection), and a fresh IndexedDB for every test.
import { render } from '@testing-library/preact';
import { IDBFactory } from 'fake-indexeddb';
import { vi } from 'vitest';
import type { Contribution, EngagementBundle } from '../../src/shared';
import { closeDb } from '../../src/storage';
import { initI18n, setLanguage } from '../../src/i18n';
import { resetPreferencesMemory } from '../../src/app/preferences';
import { App } from '../../src/app/App';
import { resetLoadedEngagements } from '../../src/app/engagement-source';
import { resetDraftMemory } from '../../src/app/draft-autosave';

export const SLUG = 'test-engagement';
export const PHASE = 'talk';

/** A small engagement with every prompt kind; `mood` and `ideas` are required. */
export const bundle: EngagementBundle = {
  slug: SLUG,
  title: 'Test engagement',
  intro: 'Tell us what you think. Your answers are anonymous.',
  organisation: 'Test organisation',
  version: 3,
  languages: ['en'],
  phases: [
    {
      id: PHASE,
      kind: 'conversation',
      title: 'Talk to us',
      intro: 'Some questions for everyone.',
      audience: 'public',
      prompts: [
        { id: 'mood', kind: 'scale', text: 'How do you feel about support?', hint: 'Choose a face.', required: true },
        { id: 'ideas', kind: 'text', text: 'What would help you?', hint: 'Write a little.', required: true, maxLength: 20 },
        {
          id: 'where',
          kind: 'choice',
          text: 'Where would you like support?',
          required: false,
          multiple: false,
          choices: [
            { id: 'home', label: 'At home' },
            { id: 'online', label: 'Online' },
          ],
        },
        { id: 'stay-well', kind: 'vote', text: 'Services should help me stay well.', required: false },
      ],
    },
    {
      id: 'pros',
      kind: 'crowdsource',
      title: 'For professionals',
      intro: 'Questions for professionals.',
      audience: 'professionals',
      prompts: [
        {
          id: 'ways',
          kind: 'choice',
          text: 'Which ways of working help?',
          required: false,
          multiple: true,
          choices: [
            { id: 'video', label: 'Video calls' },
            { id: 'teams', label: 'Mixed teams' },
          ],
        },
      ],
    },
  ],
  translations: {},
  easyRead: {},
  publicKey: null,
};

/** What the fake server received on POST /api/sync. */
export const received: Contribution[] = [];

/**
 * Replaces fetch: `online` serves the engagement and accepts every contribution;
 * offline every request fails as with no connection.
 */
export function stubFetch(mode: 'online' | 'offline'): void {
  received.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      if (mode === 'offline') throw new TypeError('Failed to fetch');
      const url = String(input);
      if (url === '/api/engagements') return json([{ slug: SLUG, title: bundle.title, organisation: bundle.organisation, languages: ['en'], version: 3 }]);
      if (url === `/api/engagements/${SLUG}`) return json(bundle, { ETag: '"v3"' });
      if (url === '/api/sync' && init?.method === 'POST') {
        const { items } = JSON.parse(String(init.body)) as { items: Contribution[] };
        received.push(...items);
        return json({ receipts: items.map((item) => ({ id: item.id, status: 'accepted', receipt: `r-${item.id}` })) });
      }
      return new Response('Not found', { status: 404 });
    }),
  );
}

function json(body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json', ...headers } });
}

/** A fresh device: empty IndexedDB, nothing loaded, English chosen (unless `languageChosen: false`), the page at `/`. */
export async function freshDevice(mode: 'online' | 'offline' = 'online', options: { languageChosen?: boolean } = {}): Promise<void> {
  await initI18n('en');
  await setLanguage('en');
  // A device that has already chosen English, unless a test is about the first visit.
  localStorage.clear();
  if (options.languageChosen !== false) localStorage.setItem('heard:preferences', JSON.stringify({ language: 'en' }));
  resetPreferencesMemory();
  await closeDb();
  globalThis.indexedDB = new IDBFactory();
  resetLoadedEngagements();
  resetDraftMemory();
  stubFetch(mode);
  setOnline(mode === 'online');
  history.replaceState(null, '', '/');
  // jsdom does not scroll; the router scrolls to the top on each new page.
  window.scrollTo = () => undefined;
}

/** Sets navigator.onLine as the browser would. */
export function setOnline(online: boolean): void {
  Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => online });
}

/** Renders the whole app at `path`. */
export function renderAt(path: string) {
  history.replaceState(null, '', path);
  return render(<App />);
}

/** Path of a question page in the test phase. */
export const questionPath = (prompt: string, change = false) => `/e/${SLUG}/${PHASE}/${prompt}${change ? '?change=1' : ''}`;
