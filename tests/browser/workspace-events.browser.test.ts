import { randomUUID } from 'node:crypto';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { API } from '../../src/shared/api';
import type { Contribution } from '../../src/shared/contribution';
import type { EngagementBundle } from '../../src/shared/engagement';
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, type ExportFile } from '../../src/shared/events';
import { sealContribution } from '../../src/shared/seal';
import { axeViolations } from './axe';
import { ADMIN, useBrowserAndApp } from './harness';

const SLUG = 'ahp-strategy';
const WORKSPACE = `/organiser/engagements/${SLUG}`;

/** Axe at 1280 px and at 320 px (where nothing may scroll sideways), once the heading shows. */
async function expectScreenClean(page: Page, heading: string | RegExp, what: string): Promise<void> {
  await expect
    .poll(() => page.locator('h1').first().innerText(), { message: `heading on ${page.url()}` })
    .toMatch(heading)
    .catch(async (error: Error) => {
      throw new Error(`${error.message}\nThe page said: ${await page.locator('main').innerText()}`);
    });
  expect(await axeViolations(page), `axe on ${what} at 1280 px`).toEqual([]);
  await page.setViewportSize({ width: 320, height: 800 });
  try {
    expect(await axeViolations(page), `axe on ${what} at 320 px`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `no sideways scroll on ${what} at 320 px`).toBeLessThanOrEqual(320);
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
}

/** Decodes the QR code in a PNG screenshot. */
function decodeQr(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

/** A tablet's export file holding one contribution made at `event`, sealed with the engagement's current key. */
async function tabletExport(baseUrl: string, event: string): Promise<{ file: ExportFile; kid: string }> {
  const bundle = (await (await fetch(baseUrl + API.engagement(SLUG))).json()) as EngagementBundle;
  const key = bundle.publicKey as unknown as JsonWebKey & { kid: string };
  if (!key?.kid) throw new Error('the demo engagement has no public key to seal with');
  const phase = bundle.phases[0];
  const prompt = phase?.prompts.find((p) => p.kind === 'text');
  if (!phase || !prompt) throw new Error('the demo engagement has no text question');
  const contribution: Contribution = {
    id: randomUUID(),
    engagement: SLUG,
    phase: phase.id,
    version: bundle.version,
    answers: [{ prompt: prompt.id, text: 'A drop-in at the library on Saturdays' }],
    locale: 'en',
    route: { easyRead: false, readAloud: false, assisted: true, audio: false },
    channel: 'event',
    event,
    createdAt: new Date().toISOString(),
  };
  const file: ExportFile = {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    engagement: SLUG,
    event,
    exportedAt: new Date().toISOString(),
    items: [await sealContribution(contribution, key, key.kid)],
  };
  return { file, kid: key.kid };
}

async function upload(page: Page, name: string, content: string): Promise<void> {
  await page.getByLabel('Export file from a tablet').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
  await page.getByRole('button', { name: 'Import file' }).click();
}

describe("the workspace's events, tablet imports, keys and retention", () => {
  const { browser, app } = useBrowserAndApp();

  it('creates an event with a scannable poster, imports a tablet file once, rotates the key and sets a retention day', async () => {
    // Twice the pixels, so each QR module of the on-screen poster is several pixels wide.
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto(`${app().url}/organiser`);
    await page.getByLabel('Email address').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('h1', { hasText: 'Engagements' }).waitFor();

    // Events: an empty form is refused with the GOV.UK error summary.
    await page.goto(`${app().url}${WORKSPACE}`);
    await page.locator('h1').first().waitFor();
    await page.getByRole('navigation', { name: 'This engagement' }).getByRole('link', { name: 'Events' }).click();
    await expectScreenClean(page, 'Events', 'the events page');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.getByRole('button', { name: 'Create event' }).click();
    await page.getByRole('alert').getByRole('link', { name: /^Event name:/ }).waitFor();
    await expectScreenClean(page, 'Events', 'the events error summary');

    await page.getByLabel('Event name').fill('Library drop-in');
    await page.getByLabel('Place').fill('Central Library, Hope Street');
    await page.getByLabel('Date').fill('2026-03-14');
    await page.getByRole('button', { name: 'Create event' }).click();
    const created = page.getByRole('status').getByText(/Event “Library drop-in” created\. Its code is /);
    await created.waitFor();
    const code = (await page.locator('[data-event-code]').first().innerText()).trim();
    expect(code).toMatch(/^LIB-[0-9A-Z]{6}$/);
    expect(await created.innerText()).toContain(code);
    const eventUrl = `${app().url}/e/${SLUG}?event=${code}`;
    expect(await page.locator('[data-event-link]').first().innerText()).toBe(eventUrl);
    expect(await page.locator('[data-event-link]').first().getAttribute('href')).toBe(eventUrl);
    await expectScreenClean(page, 'Events', 'the events page with an event');

    // The poster opens in a tab of its own, as the SVG the server renders.
    const posterLink = page.getByRole('link', { name: 'Print the poster for Library drop-in (opens in a new tab)' });
    expect(await posterLink.getAttribute('target')).toBe('_blank');
    const [posterTab] = await Promise.all([context.waitForEvent('page'), posterLink.click()]);
    await posterTab.waitForLoadState();
    const posterUrl = `${app().url}/api/organiser/engagements/${SLUG}/events/${code}/poster.svg`;
    expect(posterTab.url()).toBe(posterUrl);
    expect(await posterTab.locator('#qr').count(), 'the poster holds its QR group').toBe(1);
    expect((await context.request.get(posterUrl)).headers()['content-type']).toMatch(/^image\/svg\+xml/);
    await posterTab.close();

    // The poster on the page: its text alternative gives the link, and its QR code scans to it.
    const poster = page.getByRole('img', { name: `Poster for Library drop-in with a QR code that opens ${eventUrl}` });
    await poster.scrollIntoViewIfNeeded();
    await expect.poll(() => poster.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(decodeQr(await poster.screenshot())).toBe(eventUrl);

    // Import a tablet's file: the wrong file is refused clearly, the right one stored once.
    await page.getByRole('link', { name: 'Import a tablet’s file' }).click();
    await expectScreenClean(page, 'Import a tablet’s file', 'the import page');
    await upload(page, 'notes.txt', 'shopping list, not an export');
    await page.getByRole('alert').getByRole('link', { name: 'The file is not a Heard export file: it is not JSON' }).waitFor();
    await expectScreenClean(page, 'Import a tablet’s file', 'the import error summary');

    const { file, kid: sealedWith } = await tabletExport(app().url, code);
    const json = JSON.stringify(file);
    await upload(page, 'heard-export.json', json);
    const result = page.locator('#import-result');
    await result.getByText('1 stored').waitFor();
    expect(await result.innerText()).toMatch(/0 already stored[\s\S]*0 refused/);
    await expectScreenClean(page, 'Import a tablet’s file', 'the import summary');
    await upload(page, 'heard-export.json', json);
    await result.getByText('1 already stored').waitFor();
    expect(await result.innerText()).toMatch(/0 stored[\s\S]*0 refused/);

    // Keys: a confirmation page first, then the new key.
    await page.getByRole('navigation', { name: 'This engagement' }).getByRole('link', { name: 'Events' }).click();
    await page.getByRole('link', { name: 'Encryption keys' }).click();
    await expectScreenClean(page, 'Encryption keys', 'the keys page');
    await page.getByRole('link', { name: 'Make a new key' }).click();
    await expectScreenClean(page, 'Make a new encryption key?', 'the key confirmation page');
    expect(await page.locator('main').innerText()).toContain('answers already sealed with an old key still open');
    await page.getByRole('button', { name: 'Yes, make a new key' }).click();
    const made = page.getByRole('status').getByText(/^New key made\. Its key id is /);
    await made.waitFor();
    const newKid = /key id is (.+)\.$/.exec((await made.innerText()).trim())?.[1];
    expect(newKid).toBeTruthy();
    expect(newKid).not.toBe(sealedWith);
    await expectScreenClean(page, 'Encryption keys', 'the keys page after a new key');

    // Retention: a past day is refused before anything is sent; a later day is saved.
    await page.getByRole('navigation', { name: 'This engagement' }).getByRole('link', { name: 'Keeping data' }).click();
    await expectScreenClean(page, 'How long to keep contributions', 'the retention page');
    expect(await page.locator('#retention-current').innerText()).toMatch(/No day is set/);
    await page.getByLabel('Erase contributions after').fill('2020-01-01');
    await page.getByRole('button', { name: 'Save date' }).click();
    await page.getByRole('alert').getByRole('link', { name: /^Choose today or a later day/ }).waitFor();
    await expectScreenClean(page, 'How long to keep contributions', 'the retention error summary');
    const day = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    await page.getByLabel('Erase contributions after').fill(day);
    await page.getByRole('button', { name: 'Save date' }).click();
    await page.getByRole('status').getByText(`Saved. Contributions are erased after ${day}.`).waitFor();
    expect(await page.locator('#retention-current').innerText()).toBe(`Contributions are erased after ${day}.`);
    const stored = await page.evaluate(async (url) => (await fetch(url)).json(), API.retention(SLUG));
    expect(stored).toEqual({ slug: SLUG, deleteAfter: day });
    await expectScreenClean(page, 'How long to keep contributions', 'the retention page with a day set');

    await context.close();
  });

  it('lets an organiser play a spoken answer in the moderation queue', async () => {
    // A participant's phone: the recording first, then the contribution that refers to it.
    const audioId = randomUUID();
    const bytes = Buffer.from(`OggS spoken answer ${audioId}`);
    const put = await fetch(app().url + API.audio(audioId), { method: 'PUT', headers: { 'content-type': 'audio/ogg' }, body: bytes });
    expect(put.status).toBe(201);
    const bundle = (await (await fetch(app().url + API.engagement(SLUG))).json()) as EngagementBundle;
    const phase = bundle.phases[0];
    const prompt = phase?.prompts.find((p) => p.kind === 'text');
    if (!phase || !prompt) throw new Error('the demo engagement has no text question');
    const spoken: Contribution = {
      id: randomUUID(),
      engagement: SLUG,
      phase: phase.id,
      version: bundle.version,
      answers: [{ prompt: prompt.id, audio: { id: audioId, type: 'audio/ogg', seconds: 3 } }],
      locale: 'en',
      route: { easyRead: false, readAloud: false, assisted: false, audio: true },
      channel: 'online',
      createdAt: new Date().toISOString(),
    };
    const synced = await fetch(app().url + API.sync, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items: [spoken] }) });
    expect(((await synced.json()) as { receipts: Array<{ status: string }> }).receipts.map((r) => r.status)).toEqual(['accepted']);

    const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${app().url}/organiser`);
    await page.getByLabel('Email address').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('h1', { hasText: 'Engagements' }).waitFor();
    await page.goto(`${app().url}${WORKSPACE}/moderation`);
    const player = page.getByRole('figure').locator('audio');
    await player.waitFor();
    expect(await page.getByRole('figure').innerText()).toContain(`Spoken answer ${audioId}`);
    expect(await player.getAttribute('src')).toBe(API.organiserAudio(audioId));
    expect(await player.evaluate((audio: HTMLAudioElement) => audio.controls)).toBe(true);
    // What the player asks for is the recording itself, with the session the page holds.
    const played = await page.evaluate(async (src) => {
      const response = await fetch(src);
      return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
    }, API.organiserAudio(audioId));
    expect(played).toEqual({ status: 200, type: 'audio/ogg', text: bytes.toString() });
    await expectScreenClean(page, 'Moderation', 'the moderation queue with a spoken answer');
    await context.close();
  });
});
