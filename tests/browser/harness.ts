// One harness for every real-Chromium test: launches Debian's Chromium through
// playwright-core, starts a real Heard server on loopback over a fresh SQLite file, and
// offers the few steps the journeys share.
import { existsSync, mkdtempSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { buildServer } from '../../src/server/app';
import { API } from '../../src/shared/api';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The build the browser tests serve: `dist/`, or HEARD_DIST for a build made elsewhere (`vite build --outDir`). */
export const DIST = process.env.HEARD_DIST ? resolve(process.env.HEARD_DIST) : join(process.cwd(), 'dist');

/** Flags that keep Chromium from reaching for the network on its own (this machine has none). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const ADMIN = { email: 'organiser@example.org', password: 'correct horse battery staple' };

/** Fails loudly when the browser tests cannot run, rather than letting them pass unrun. */
export function requireBrowserPrerequisites(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not at ${CHROMIUM_PATH}: the browser tests cannot run. Install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  if (!existsSync(join(DIST, 'index.html')) || !existsSync(join(DIST, 'sw.js'))) {
    throw new Error('dist/ has no build: run `npm run build` before the browser tests (`npm test` does).');
  }
}

/** Launches headless Chromium. */
export async function launchChromium(): Promise<Browser> {
  requireBrowserPrerequisites();
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** A running server on loopback with its own data folder and its own copy of the build. */
export interface RunningApp {
  url: string;
  dataDir: string;
  staticDir: string;
  close(): Promise<void>;
}

/** Starts Heard on a free loopback port over a fresh SQLite file and a private copy of dist/. */
export async function startApp(): Promise<RunningApp> {
  requireBrowserPrerequisites();
  const root = mkdtempSync(join(tmpdir(), 'heard-browser-'));
  const dataDir = join(root, 'data');
  const staticDir = join(root, 'dist');
  cpSync(DIST, staticDir, { recursive: true });
  const server = await buildServer({ dataDir, staticDir, logger: false, admin: ADMIN });
  const address = await server.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address.replace('[::1]', '127.0.0.1'),
    dataDir,
    staticDir,
    async close() {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Waits until the page is controlled by Heard's service worker and says so. */
export async function waitForServiceWorkerControl(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
    return navigator.serviceWorker.controller?.scriptURL.endsWith('/sw.js') ?? false;
  });
}

/**
 * Answers every question of the phase the page is on, one page at a time, until "Check
 * your answers": types into text boxes, picks the first option of radios and checkboxes.
 * Returns the free-text answers it typed, in order; `keyByKey` types them one key at a time.
 */
export async function answerEveryQuestion(page: Page, label: string, options: { keyByKey?: boolean } = {}): Promise<string[]> {
  const typed: string[] = [];
  for (let step = 0; step < 30; step++) {
    const heading = (await page.locator('h1').first().innerText()).trim();
    if (/check your answers/i.test(heading)) return typed;
    const main = page.locator('main');
    const textarea = main.locator('textarea');
    if (await textarea.count()) {
      const text = `${label} answer ${step}: more help close to home, please`;
      if (options.keyByKey) await textarea.first().pressSequentially(text);
      else await textarea.first().fill(text);
      typed.push(text);
    } else {
      const option = main.locator('input[type=radio], input[type=checkbox]').first();
      await option.check();
    }
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForFunction((previous) => document.querySelector('h1')?.textContent?.trim() !== previous, heading);
  }
  throw new Error('Never reached "Check your answers"');
}

/** Signs in as the first organiser and returns the session cookie for further requests. */
export async function organiserCookie(app: RunningApp): Promise<string> {
  const response = await fetch(app.url + API.organiserSession, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (!response.ok) throw new Error(`Organiser sign-in failed: ${response.status}`);
  const cookie = response.headers.get('set-cookie');
  if (!cookie) throw new Error('No session cookie');
  return cookie.split(';')[0];
}

/** The organiser's CSV export as records keyed by header. */
export async function exportedRows(app: RunningApp, slug = 'ahp-strategy'): Promise<Array<Record<string, string>>> {
  const response = await fetch(app.url + API.contributionsCsv(slug), { headers: { cookie: await organiserCookie(app) } });
  if (!response.ok) throw new Error(`CSV export failed: ${response.status}`);
  return parse(await response.text(), { columns: true, bom: true, skip_empty_lines: true });
}

/** Every record of one IndexedDB store of the page's origin (what the device really holds). */
export async function readStore<T = unknown>(page: Page, store: 'drafts' | 'outbox' | 'ledger'): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('heard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction(name).objectStore(name).getAll();
          all.onsuccess = () => {
            resolve(all.result as T[]);
            open.result.close();
          };
          all.onerror = () => reject(all.error);
        };
      }),
    store,
  );
}

/** The answers in the drafts store as JSON text, to see what autosave wrote. */
export async function storedDrafts(page: Page): Promise<string> {
  return JSON.stringify((await readStore<{ answers: unknown }>(page, 'drafts')).map((draft) => draft.answers));
}

/** Context options for a device's very first visit: nothing stored, so Heard first asks for a language. */
export const FIRST_VISIT: BrowserContextOptions = { storageState: { cookies: [], origins: [] } };

/**
 * Makes every new context a device that has already chosen English (the language screen
 * comes first only on a first visit), unless the test passes its own `storageState`, such as
 * `FIRST_VISIT`.
 */
function actAsReturningDevice(browser: Browser, url: string): void {
  const newContext = browser.newContext.bind(browser);
  const englishChosen = { cookies: [], origins: [{ origin: url, localStorage: [{ name: 'heard:preferences', value: JSON.stringify({ language: 'en' }) }] }] };
  browser.newContext = (options = {}) => newContext({ storageState: englishChosen, ...options });
}

/**
 * Registers the hooks every browser suite needs (Chromium launched, a fresh server started,
 * both closed afterwards) and hands back getters for them.
 */
export function useBrowserAndApp(): { browser: () => Browser; app: () => RunningApp } {
  let browser: Browser | undefined;
  let app: RunningApp | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    app = await startApp();
    actAsReturningDevice(browser, app.url);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  const ready = <T>(value: T | undefined, name: string): T => {
    if (!value) throw new Error(`${name} is not started`);
    return value;
  };
  return { browser: () => ready(browser, 'Chromium'), app: () => ready(app, 'the server') };
}
