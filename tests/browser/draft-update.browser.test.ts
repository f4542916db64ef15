import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { storedDrafts, useBrowserAndApp, waitForServiceWorkerControl } from './harness';

/** Walks forward from the phase's first question to the first one that takes free text. */
async function openFirstTextQuestion(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'Start now' }).first().click();
  for (let step = 0; step < 20; step++) {
    await page.locator('main h1').waitFor();
    if (await page.locator('main textarea').count()) return page.url();
    const heading = await page.locator('h1').innerText();
    await page.locator('main input[type=radio], main input[type=checkbox]').first().check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForFunction((previous) => document.querySelector('h1')?.textContent !== previous, heading);
  }
  throw new Error('No free-text question found');
}

describe('a half-written answer survives', () => {
  const { browser, app } = useBrowserAndApp();

  it('a reload and a service worker update, which waits to be asked', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${app().url}/e/ahp-strategy`);
    expect(await waitForServiceWorkerControl(page)).toBe(true);
    const questionUrl = await openFirstTextQuestion(page);
    const halfWritten = 'It would help if the clinic';
    await page.locator('main textarea').pressSequentially(halfWritten);
    // Autosave is debounced: wait until it has written, as a person's pause would allow.
    await expect.poll(() => storedDrafts(page)).toContain(halfWritten);

    await page.reload();
    expect(page.url()).toBe(questionUrl);
    await expect.poll(() => page.locator('main textarea').inputValue()).toBe(halfWritten);

    // Ship a new service worker: same app, different bytes.
    const firstWorker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
    appendFileSync(join(app().staticDir, 'sw.js'), `\n// release ${Date.now()}\n`);
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await page.getByRole('button', { name: 'Update now' }).waitFor({ timeout: 30_000 });
    // The update waits for the person: no reload has happened, the text is still there.
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await page.locator('main textarea').pressSequentially(' was open later');

    const reloaded = page.waitForEvent('load');
    await page.getByRole('button', { name: 'Update now' }).click();
    await reloaded;
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBeUndefined();
    expect(page.url()).toBe(questionUrl);
    await expect.poll(() => page.locator('main textarea').inputValue()).toBe(`${halfWritten} was open later`);
    const waiting = await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting));
    expect(waiting).toBe(false);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(firstWorker);
    await context.close();
  });
});
