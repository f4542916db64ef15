// A community worker's day with a shared tablet, in real Chromium against a real server:
// get ready online, work offline in every language, two people in assisted mode, then
// prove delivery (ledger + the organiser's CSV), and the export file for a tablet that
// never gets online.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { EVENTS_API, type ExportFile, type HeardEvent, type ImportSummary } from '../../src/shared/events';
import { WORKSPACE_API } from '../../src/shared/workspace-api';
import { ADMIN, answerEveryQuestion, exportedRows, useBrowserAndApp, waitForServiceWorkerControl, type RunningApp } from './harness';
import { axeViolations } from './axe';

const SLUG = 'ahp-strategy';
const PIN = '4826';
const { browser, app } = useBrowserAndApp();

/** The languages whose UI strings exist now (English is the source). */
function shippedLanguages(): string[] {
  return readdirSync('locales').filter((lng) => existsSync(join('locales', lng, 'translation.json')));
}

/** A signed-in organiser that sends the CSRF token on changes. */
async function organiser(base: string) {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const signIn = await fetch(base + WORKSPACE_API.session, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status}`);
  keep(signIn);
  const info = await fetch(base + WORKSPACE_API.session, { headers: { cookie: cookie() } });
  keep(info);
  const { csrfToken } = (await info.json()) as { csrfToken: string };
  return (method: string, path: string, body?: unknown) =>
    fetch(base + path, {
      method,
      headers: { cookie: cookie(), 'content-type': 'application/json', 'x-csrf-token': csrfToken },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

async function createEvent(running: RunningApp, name: string): Promise<string> {
  const as = await organiser(running.url);
  const response = await as('POST', EVENTS_API.events(SLUG), { name, place: 'Central Library', date: '2026-03-14' });
  if (response.status !== 201) throw new Error(`event not created: ${response.status} ${await response.text()}`);
  return ((await response.json()) as HeardEvent).code;
}

async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  expect(await axeViolations(page), screen).toEqual([]);
}

/** Opens the tablet page, lets the service worker take control, and gets ready for `code` online. */
async function getReady(context: BrowserContext, code: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(app().url + '/tablet/ready');
  expect(await waitForServiceWorkerControl(page)).toBe(true);
  await page.getByLabel('Event code').fill(code);
  await page.getByRole('button', { name: 'Get ready' }).click();
  await page.locator('[data-ready]').waitFor({ timeout: 60_000 });
  const outcome = page.locator('[data-ready]');
  expect(await outcome.getAttribute('data-ready'), await outcome.innerText()).toBe('yes');
  await expectNoAxeViolations(page, 'get ready: ready');
  return page;
}

async function switchOnAssisted(page: Page, code: string): Promise<void> {
  await page.goto(app().url + '/tablet');
  await page.getByLabel('Event code').fill(code);
  await page.getByLabel('Choose a PIN').fill(PIN);
  await page.getByLabel('Type the PIN again').fill(PIN);
  await page.getByRole('button', { name: 'Switch on assisted mode' }).click();
  await page.getByRole('heading', { level: 1, name: 'Pass the tablet to the next person' }).waitFor();
}

/** One person's turn: the worker's ticks, every question of the first phase, then send. */
async function personAnswers(page: Page, label: string, ticks: { interpreter?: boolean } = {}): Promise<string[]> {
  await page.getByRole('heading', { level: 1, name: 'Pass the tablet to the next person' }).waitFor();
  if (ticks.interpreter) await page.getByLabel('An interpreter is helping').check();
  await page.getByRole('button', { name: 'Start answering' }).click();
  await page.locator('a.govuk-button--start').first().click();
  await page.locator('main form').waitFor();
  const typed = await answerEveryQuestion(page, label);
  for (const text of typed) await expect(page.locator('main').innerText()).resolves.toContain(text);
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await page.getByText('Thank you. Your answers are saved and locked on this tablet.').waitFor();
  return typed;
}

/** Everything in the page origin's IndexedDB, as JSON text. */
async function everythingInIndexedDb(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('heard');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const dump: Record<string, unknown[]> = {};
    for (const name of [...db.objectStoreNames]) {
      dump[name] = await new Promise<unknown[]>((resolve, reject) => {
        const all = db.transaction(name).objectStore(name).getAll();
        all.onsuccess = () => resolve(all.result as unknown[]);
        all.onerror = () => reject(all.error);
      });
    }
    db.close();
    return JSON.stringify(dump);
  });
}

async function unlock(page: Page, path: string): Promise<void> {
  await page.goto(app().url + path);
  await page.getByLabel('PIN').fill(PIN);
  await page.getByRole('button', { name: 'Continue' }).click();
}

describe('an event day on a shared tablet', () => {
  it('works offline in every language, keeps two people apart, seals their answers and proves delivery', async () => {
    const code = await createEvent(app(), 'Library drop-in');
    const context = await browser().newContext();
    const page = await getReady(context, code);
    await context.setOffline(true);

    // Every shipped language, from the device alone: the UI strings and the first question.
    for (const lng of shippedLanguages()) {
      const strings = JSON.parse(readFileSync(join('locales', lng, 'translation.json'), 'utf8')) as { question?: { continue?: string } };
      await page.evaluate((language) => localStorage.setItem('heard:preferences', JSON.stringify({ language })), lng);
      await page.goto(app().url + `/e/${SLUG}`);
      await page.locator('a.govuk-button--start').first().click();
      await page.locator('main form').waitFor();
      expect(await page.locator('html').getAttribute('lang'), lng).toBe(lng);
      if (strings.question?.continue) expect(await page.locator('main form button[type=submit]').innerText(), lng).toBe(strings.question.continue);
    }
    await page.evaluate(() => localStorage.setItem('heard:preferences', JSON.stringify({ language: 'en' })));

    await switchOnAssisted(page, code);
    await expectNoAxeViolations(page, 'pass the tablet');
    const first = await personAnswers(page, 'Person one', { interpreter: true });
    expect(first.length).toBeGreaterThan(0);
    const firstCheck = page.url();

    // The next person cannot reach the first one's answers: back, forward, typed addresses.
    for (let i = 0; i < 4; i++) {
      await page.goBack().catch(() => undefined);
      await page.getByRole('heading', { level: 1, name: 'Pass the tablet to the next person' }).waitFor();
      for (const text of first) expect(await page.locator('body').innerText()).not.toContain(text);
    }
    await page.goForward().catch(() => undefined);
    await page.getByRole('heading', { level: 1, name: 'Pass the tablet to the next person' }).waitFor();
    const phase = new URL(firstCheck).pathname.split('/')[3] ?? '';
    const phasePrompts = await page.evaluate(async (slug) => {
      const response = await caches.match(`/api/engagements/${slug}`);
      const bundle = (await response?.json()) as { phases: Array<{ id: string; prompts: Array<{ id: string }> }> };
      return bundle.phases[0]?.prompts.map((prompt) => prompt.id) ?? [];
    }, SLUG);
    for (const path of [`/e/${SLUG}/${phase}/check`, `/e/${SLUG}/${phase}/${phasePrompts[0]}`, `/e/${SLUG}/${phase}/${phasePrompts.at(-1)}?change=1`]) {
      await page.goto(app().url + path);
      await page.getByRole('heading', { level: 1, name: 'Pass the tablet to the next person' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/tablet/pass');
      for (const text of first) expect(await page.locator('body').innerText()).not.toContain(text);
    }

    const second = await personAnswers(page, 'Person two');

    // Nothing anyone wrote is readable anywhere in IndexedDB: queued answers are sealed.
    const stored = await everythingInIndexedDb(page);
    for (const text of [...first, ...second]) expect(stored).not.toContain(text);
    const outbox = JSON.parse(stored).outbox as Array<{ payload: { sealed?: unknown; answers?: unknown } }>;
    expect(outbox).toHaveLength(2);
    for (const entry of outbox) {
      expect(entry.payload.sealed).toBeTruthy();
      expect(entry.payload.answers).toBeUndefined();
    }

    // Back online: the ledger shows both confirmed, with receipts.
    await context.setOffline(false);
    await unlock(page, '/tablet/ledger');
    await page.getByRole('heading', { level: 1, name: 'The day’s answers' }).waitFor();
    await expectNoAxeViolations(page, 'ledger');
    await page.getByRole('button', { name: 'Send now' }).click();
    const row = page.locator(`tr[data-event="${code}"]`);
    await expect.poll(() => row.locator('[data-count="confirmed"]').innerText(), { timeout: 30_000 }).toBe('2');
    expect(await row.locator('[data-count="waiting"]').innerText()).toBe('0');
    expect(await page.locator('.app-receipts li').count()).toBe(2);

    // The organiser's CSV holds each contribution once, with its event and provenance.
    const rows = await exportedRows(app(), SLUG);
    const byText = (text: string) => rows.filter((r) => r.answer === text);
    for (const text of [...first, ...second]) expect(byText(text), text).toHaveLength(1);
    const one = byText(first[0] ?? '')[0];
    const two = byText(second[0] ?? '')[0];
    expect(one).toMatchObject({ channel: 'event', event: code, assisted: 'yes', interpreter: 'yes' });
    expect(two).toMatchObject({ channel: 'event', event: code, assisted: 'yes', interpreter: 'no' });
    expect(new Set(rows.filter((r) => r.event === code).map((r) => r.contribution_id)).size).toBe(2);
    await context.close();
  });

  it('passes axe on every tablet screen, at 1280 and 320 px without sideways scrolling', async () => {
    const code = await createEvent(app(), 'Day centre coffee morning');
    const context = await browser().newContext();
    const page = await context.newPage();
    const check = async (name: string) => {
      for (const width of [1280, 320]) {
        await page.setViewportSize({ width, height: 900 });
        await expectNoAxeViolations(page, `${name} at ${width}px`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${name} scrolls sideways at ${width}px`).toBeLessThanOrEqual(0);
      }
    };
    await page.goto(app().url + '/tablet');
    await page.getByRole('heading', { level: 1, name: 'Use this tablet at an event' }).waitFor();
    await check('tablet home');
    await page.getByRole('button', { name: 'Switch on assisted mode' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await check('tablet home with errors');
    await page.goto(app().url + '/tablet/ready');
    await page.getByRole('heading', { level: 1, name: 'Get ready for an event' }).waitFor();
    await check('get ready');
    await page.getByLabel('Event code').fill('ZZZ-0000');
    await page.getByRole('button', { name: 'Get ready' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await check('get ready with an unknown code');

    await switchOnAssisted(page, code);
    await check('pass the tablet');
    await page.goto(app().url + '/tablet/leave');
    await page.getByLabel('PIN').fill('0000');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await check('PIN with an error');
    await page.getByLabel('PIN').fill(PIN);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Leave assisted mode' }).waitFor();
    await check('leave assisted mode');
    await unlock(page, '/tablet/ledger');
    await page.getByRole('heading', { level: 1, name: 'The day’s answers' }).waitFor();
    await check('ledger');
    await context.close();
  });

  it('says what is missing, and not "ready", when a saved file is gone from the tablet', async () => {
    const code = await createEvent(app(), 'Food bank lunch');
    const context = await browser().newContext();
    const page = await getReady(context, code);
    const removed = await page.evaluate(async () => {
      const name = (await caches.keys()).find((key) => key.includes('precache'));
      const cache = name ? await caches.open(name) : undefined;
      const request = (await cache?.keys())?.find((entry) => /\/assets\/translation-[^/]+\.js/.test(entry.url));
      if (!cache || !request) return undefined;
      await cache.delete(request);
      return new URL(request.url).pathname;
    });
    expect(removed, 'a language file in the precache').toBeTruthy();
    await page.getByRole('button', { name: 'Get ready' }).click();
    await page.locator('[data-ready="no"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-ready="no"]').innerText()).toContain((removed ?? '').replace(/^\//, ''));
    await expectNoAxeViolations(page, 'get ready: not ready');
    await context.close();
  });

  it('exports unconfirmed answers to a file that imports once, however often it is imported', async () => {
    const code = await createEvent(app(), 'Mosque open day');
    const context = await browser().newContext({ acceptDownloads: true });
    const page = await getReady(context, code);
    await switchOnAssisted(page, code);
    await context.setOffline(true);
    const typed = await personAnswers(page, 'Never online');

    await unlock(page, '/tablet/ledger');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the answers for the organiser' }).click(),
    ]);
    const file = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8')) as ExportFile;
    expect(file).toMatchObject({ format: 'heard-export', formatVersion: 1, engagement: SLUG, event: code });
    expect(file.items).toHaveLength(1);
    const text = JSON.stringify(file);
    for (const answer of typed) expect(text).not.toContain(answer);

    const as = await organiser(app().url);
    const firstImport = (await (await as('POST', EVENTS_API.import(SLUG), file)).json()) as ImportSummary;
    const secondImport = (await (await as('POST', EVENTS_API.import(SLUG), file)).json()) as ImportSummary;
    expect(firstImport).toMatchObject({ accepted: 1, duplicate: 0, rejected: 0 });
    expect(secondImport).toMatchObject({ accepted: 0, duplicate: 1, rejected: 0 });
    const id = file.items[0]?.id;
    const rows = (await exportedRows(app(), SLUG)).filter((r) => r.contribution_id === id);
    expect(rows.map((r) => r.answer).filter((a) => typed.includes(a)).sort()).toEqual([...typed].sort());
    expect(rows.every((r) => r.event === code && r.assisted === 'yes')).toBe(true);

    // When the tablet does get online later, its copy is recognised, not stored again.
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Send now' }).click();
    await expect.poll(() => page.locator(`tr[data-event="${code}"] [data-count="confirmed"]`).innerText(), { timeout: 30_000 }).toBe('1');
    expect((await exportedRows(app(), SLUG)).filter((r) => r.contribution_id === id)).toHaveLength(rows.length);
    await context.close();
  });
});
