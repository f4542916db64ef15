import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/app/App';
import { applyEasyRead } from '../../src/app/easy-read/strings';
import { setPreferences } from '../../src/app/preferences';
import { setLanguage } from '../../src/i18n';
import { FINDINGS_API, type FindingsPage } from '../../src/shared/findings';
import { receiptCode } from '../../src/shared/receipt-code';
import { getCachedFindings } from '../../src/storage';
import { PHASE, SLUG, freshDevice, received, renderAt, setOnline, stubFetch } from './harness';

vi.mock('../../src/app/sw-bridge', () => ({
  registerServiceWorker: vi.fn(),
  applyUpdate: vi.fn(async () => undefined),
  requestBackgroundSync: vi.fn(async () => undefined),
}));

const ID = '3b241101-e2bb-4255-8caf-4136c566a962';
// The lazy chunk and its strings take a while the first time under the test transforms.
const SLOW = { timeout: 15_000 };

const page: FindingsPage = {
  engagement: SLUG,
  version: 2,
  publishedAt: '2026-06-01T10:00:00.000Z',
  languages: ['en', 'cy'],
  title: 'Test engagement',
  intro: 'We read every answer and grouped them into themes.',
  next: 'The board decides what to change in July.',
  translations: { cy: { title: 'Ymgysylltiad prawf', intro: 'Darllenon ni bob ateb.' } },
  easyRead: { en: { intro: [{ text: 'We read all your answers.', picture: '1F4D6' }] } },
  themes: [
    {
      id: 'buses',
      name: 'Getting there by bus',
      summary: 'Buses are rare and late.',
      picture: '1F68C',
      count: 1234,
      names: { cy: { name: 'Cyrraedd ar fws' } },
      easyRead: { en: { name: 'Buses', picture: '1F68C' } },
      quotes: [{ text: 'Dylai’r safle bws fod y tu allan i’r feddygfa', locale: 'cy' }],
    },
    { id: 'waiting', name: 'Waiting times', count: '<10', names: {}, easyRead: {}, quotes: [] },
    { id: 'parking', name: 'Parking', count: 12, names: {}, easyRead: {}, quotes: [] },
  ],
};

type Server = { page?: FindingsPage; receipts: Record<string, string[]>; requests: string[] };
let server: Server;

/** The harness's fake server, plus the findings endpoints. */
function stubFindings(online = true): void {
  stubFetch(online ? 'online' : 'offline');
  const base = fetch;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      server.requests.push(`${init?.method ?? 'GET'} ${url}`);
      if (!online) throw new TypeError('Failed to fetch');
      if (url === FINDINGS_API.findings(SLUG)) {
        if (!server.page) return Response.json({ error: 'none yet' }, { status: 404 });
        const etag = `"v${server.page.version}"`;
        if (new Headers(init?.headers).get('if-none-match') === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
        return init?.method === 'HEAD' ? new Response(null, { status: 200 }) : Response.json(server.page, { headers: { ETag: etag } });
      }
      const receipt = url.match(/\/receipts\/([^/]+)$/);
      if (receipt?.[1]) {
        const code = decodeURIComponent(receipt[1]);
        const themes = server.receipts[code];
        return themes ? Response.json({ code, themes }) : Response.json({ error: 'no contribution with that code has been coded yet' }, { status: 404 });
      }
      return base(input, init);
    }),
  );
}

beforeEach(async () => {
  await freshDevice('online');
  server = { page, receipts: {}, requests: [] };
  stubFindings();
});

afterEach(async () => {
  setPreferences({ easyRead: false });
  await applyEasyRead(false);
  await setLanguage('en');
});

describe('the receipt code on the confirmation page', () => {
  it('shows the code made from this person’s contribution id, character by character, left to right', async () => {
    history.replaceState({ contribution: ID }, '', `/e/${SLUG}/${PHASE}/done`);
    render(<App />);
    expect(await screen.findByRole('heading', { level: 2, name: 'Your receipt code' }, SLOW)).toBeTruthy();
    const code = document.querySelector('.app-receipt__code');
    await waitFor(() => expect(code?.getAttribute('data-receipt-code')).toBe('VKRK-B2EV-FA7N'));
    expect(code?.textContent).toBe('V K R K B 2 E V F A 7 N');
    expect(code?.getAttribute('dir')).toBe('ltr');
    expect(await receiptCode(ID)).toBe('VKRK-B2EV-FA7N');
    expect(screen.getByText(/see which themes your views were part of/)).toBeTruthy();
    // Published: the confirmation page links to the page.
    expect((await screen.findByRole('link', { name: 'You said, we heard: see what we found' })).getAttribute('href')).toBe(`/e/${SLUG}/findings`);
  });

  it('shows no code when the page was reached without this person’s contribution (a reload on a shared tablet, a typed address)', async () => {
    server.page = undefined;
    renderAt(`/e/${SLUG}/${PHASE}/done`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Thank you' })).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(screen.queryByText('Your receipt code')).toBeNull();
    expect(document.querySelector('.app-receipt__code')).toBeNull();
    // Not published: no link.
    expect(screen.queryByRole('link', { name: /You said, we heard/ })).toBeNull();
    expect(server.requests).toContain(`HEAD ${FINDINGS_API.findings(SLUG)}`);
  });
});

describe('the "you said, we heard" page', () => {
  it('shows the published themes, counts, quotes and what happens next, and keeps a copy on the device', async () => {
    renderAt(`/e/${SLUG}/findings`);
    expect(await screen.findByRole('heading', { level: 1, name: 'You said, we heard' }, SLOW)).toBeTruthy();
    expect(document.title).toBe('You said, we heard – Test engagement – Heard');
    expect(screen.getByText('Test engagement').className).toContain('govuk-caption-l');
    // Dates as the person's language writes them.
    expect(screen.getByText(`Published on ${new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date(page.publishedAt))}`)).toBeTruthy();
    expect(screen.getByText(page.intro)).toBeTruthy();
    const themes = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(themes).toEqual(['Getting there by bus', 'Waiting times', 'Parking']);
    expect(screen.getByText('1,234 contributions')).toBeTruthy();
    expect(screen.getByText('Fewer than 10 contributions')).toBeTruthy();
    expect(screen.getByText('12 contributions')).toBeTruthy();
    const quote = screen.getByText(page.themes[0]!.quotes[0]!.text).closest('blockquote');
    expect(quote?.getAttribute('lang')).toBe('cy');
    expect(quote?.getAttribute('dir')).toBe('auto');
    expect(screen.getByRole('heading', { level: 2, name: 'What happens next' })).toBeTruthy();
    expect(screen.getByText(page.next)).toBeTruthy();
    // No pictures in standard mode.
    expect(document.querySelector('main img')).toBeNull();
    await waitFor(async () => expect((await getCachedFindings(SLUG))?.etag).toBe('"v2"'));
    expect((await getCachedFindings(SLUG))?.page).toEqual(page);
  });

  it('checks a receipt code: an error summary for nothing or a malformed code, the themes for a coded one, a clear message for one not coded yet', async () => {
    const user = userEvent.setup();
    const code = await receiptCode(ID);
    server.receipts[code] = ['buses', 'waiting'];
    renderAt(`/e/${SLUG}/findings`);
    const field = await screen.findByRole('textbox', { name: 'Receipt code' }, SLOW);
    expect(field.getAttribute('autocomplete')).toBe('off');
    // (spellcheck="false" is checked in real Chromium: jsdom does not reflect it.)
    expect(field.getAttribute('aria-describedby')).toBe('receipt-code-hint');

    await user.click(screen.getByRole('button', { name: 'Check code' }));
    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(within(summary).getByRole('link', { name: 'Enter your receipt code' }).getAttribute('href')).toBe('#receipt-code');
    expect(document.title.startsWith('Error: ')).toBe(true);
    expect(field.getAttribute('aria-describedby')).toBe('receipt-code-hint receipt-code-error');

    await user.type(field, 'not a code');
    await user.click(screen.getByRole('button', { name: 'Check code' }));
    expect(await within(screen.getByRole('alert')).findByRole('link', { name: 'Enter a receipt code like 7K3M-9QXA-2B4C' })).toBeTruthy();
    expect(server.requests.some((r) => r.includes('/receipts/'))).toBe(false);

    // Typed the way people do: lower case, spaces, an O for a zero.
    await user.clear(field);
    await user.type(field, code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o'));
    await user.click(screen.getByRole('button', { name: 'Check code' }));
    const result = await screen.findByRole('heading', { level: 3, name: 'Your views were part of these themes' });
    await waitFor(() => expect(document.activeElement).toBe(result));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(server.requests).toContain(`GET ${FINDINGS_API.receipt(SLUG, code)}`);
    const list = result.closest('section')?.querySelector('ul');
    expect([...(list?.querySelectorAll('li') ?? [])].map((li) => li.textContent)).toEqual(['Getting there by bus', 'Waiting times']);
    expect(result.closest('section')?.textContent).toContain(code);

    await user.clear(field);
    await user.type(field, '7K3M-9QXA-2B4C');
    await user.click(screen.getByRole('button', { name: 'Check code' }));
    expect(await within(await screen.findByRole('alert')).findByText(/We have not found that code yet/)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Your views were part of these themes' })).toBeNull();
  });

  it('shows the kept copy offline with when it was last updated, and says a code needs a connection', async () => {
    const user = userEvent.setup();
    const online = renderAt(`/e/${SLUG}/findings`);
    expect(await screen.findByRole('heading', { level: 1, name: 'You said, we heard' }, SLOW)).toBeTruthy();
    await waitFor(async () => expect(await getCachedFindings(SLUG)).toBeDefined());
    const kept = await getCachedFindings(SLUG);
    online.unmount();

    server.requests.length = 0;
    stubFindings(false);
    setOnline(false);
    renderAt(`/e/${SLUG}/findings`);
    expect(await screen.findByRole('heading', { level: 1, name: 'You said, we heard' })).toBeTruthy();
    const day = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date(kept!.fetchedAt));
    expect(screen.getByText(`You are offline. This page was last updated on this device on ${day}.`)).toBeTruthy();
    expect(screen.getByText('Getting there by bus')).toBeTruthy();
    expect(server.requests).toEqual([`GET ${FINDINGS_API.findings(SLUG)}`]);

    await user.type(screen.getByRole('textbox', { name: 'Receipt code' }), 'VKRK-B2EV-FA7N');
    await user.click(screen.getByRole('button', { name: 'Check code' }));
    expect(await within(await screen.findByRole('alert')).findByText('You need a connection to check a code. Please try again when you are online.')).toBeTruthy();
  });

  it('says it needs a connection the first time, and that nothing is published yet when that is so', async () => {
    stubFindings(false);
    setOnline(false);
    const first = renderAt(`/e/${SLUG}/findings`);
    expect(await screen.findByText('You need a connection to see this page the first time. Please try again when you are online.', {}, SLOW)).toBeTruthy();
    first.unmount();

    stubFindings(true);
    setOnline(true);
    server.page = undefined;
    renderAt(`/e/${SLUG}/findings`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Nothing published yet' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to the start page' }).getAttribute('href')).toBe(`/e/${SLUG}`);
    expect(received).toEqual([]);
  });

  it('uses easy-read texts with pictures at the start, in easy read', async () => {
    setPreferences({ easyRead: true });
    await applyEasyRead(true);
    renderAt(`/e/${SLUG}/findings`);
    const name = await screen.findByRole('heading', { level: 3, name: 'Buses' }, SLOW);
    expect(name.firstElementChild?.tagName).toBe('IMG');
    expect(name.querySelector('img')?.getAttribute('src')).toBe('/pictures/1F68C.svg');
    expect(name.querySelector('img')?.getAttribute('alt')).toBe('');
    const intro = screen.getByText('We read all your answers.').closest('li');
    expect(intro?.querySelector('img')?.getAttribute('src')).toBe('/pictures/1F4D6.svg');
    // Easy-read words for counts and headings.
    expect(screen.getByText('We heard this 1,234 times.')).toBeTruthy();
    expect(screen.getByText('We heard this less than 10 times.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Check your code' })).toBeTruthy();
    // A theme with no easy-read name keeps its standard name.
    expect(screen.getByRole('heading', { level: 3, name: 'Waiting times' })).toBeTruthy();
  });

  it('shows the page’s texts in the person’s language, and marks any text left in the source language', async () => {
    await setLanguage('cy');
    renderAt(`/e/${SLUG}/findings`);
    const name = await screen.findByText('Cyrraedd ar fws', {}, SLOW);
    expect(name.getAttribute('lang')).toBe('cy');
    expect(screen.getByText('Ymgysylltiad prawf').getAttribute('lang')).toBe('cy');
    expect(screen.getByText('Darllenon ni bob ateb.').getAttribute('lang')).toBe('cy');
    // Not translated: shown in English, and marked as English.
    expect(screen.getByText(page.next).getAttribute('lang')).toBe('en');
    expect(screen.getByText('Waiting times').getAttribute('lang')).toBe('en');
  });
});

describe('the link to the page', () => {
  it('shows on the start page once a page is published, and not before', async () => {
    server.page = undefined;
    const before = renderAt(`/e/${SLUG}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Test engagement' })).toBeTruthy();
    await waitFor(() => expect(server.requests).toContain(`HEAD ${FINDINGS_API.findings(SLUG)}`));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(screen.queryByRole('link', { name: 'You said, we heard: see what we found' })).toBeNull();
    before.unmount();

    server.page = page;
    renderAt(`/e/${SLUG}`);
    const link = await screen.findByRole('link', { name: 'You said, we heard: see what we found' }, SLOW);
    expect(link.getAttribute('href')).toBe(`/e/${SLUG}/findings`);
  });
});
