import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN, useBrowserAndApp } from './harness';
import { axeViolations } from './axe';

// The session timeout warning in real Chromium. The server keeps its real 30-minute idle
// timeout; the page's clock is Playwright's, moved forward by hand, so no test-only setting
// is needed and the server never sees a shortened session.
const PATH = '/organiser/engagements/ahp-strategy/audit';

async function signIn(page: Page): Promise<void> {
  await page.getByLabel('Email address').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.locator('h1').first().innerText()).toMatch(/^Audit log/);
}

describe('the workspace session timeout', () => {
  const { browser, app } = useBrowserAndApp();

  it('warns in a modal dialog, stays signed in on Escape, and signs out when time runs out, axe-clean at 320 px', async () => {
    const context = await browser().newContext({ viewport: { width: 320, height: 640 } });
    await context.clock.install();
    const page = await context.newPage();
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/organiser/session')) asked.push(request.method());
    });
    await page.goto(app().url + PATH);
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Sign in to the Heard workspace');
    await signIn(page);
    await page.getByRole('link', { name: 'Heard workspace' }).focus();

    // 28 and a half minutes without a request: the warning, with focus inside it.
    await page.clock.fastForward('28:30');
    const warning = page.getByRole('dialog', { name: 'You’re about to be signed out' });
    await warning.waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('DIALOG');
    expect(await warning.innerText()).toMatch(/sign you out in 2 minutes/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await axeViolations(page), 'axe on the idle warning').toEqual([]);
    // A modal dialog: Tab stays inside it.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog')))).toBe(true);

    // Escape means "stay signed in": the server is asked, the dialog closes, focus comes back.
    const gets = asked.filter((m) => m === 'GET').length;
    await page.keyboard.press('Escape');
    await warning.waitFor({ state: 'hidden' });
    expect(asked.filter((m) => m === 'GET').length).toBe(gets + 1);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Heard workspace');

    // Nothing more for 30 minutes: signed out, on the server too, with a way back to this page.
    await page.clock.fastForward('30:30');
    const ended = page.getByRole('dialog', { name: 'You have been signed out' });
    await ended.waitFor();
    await expect.poll(() => asked.includes('DELETE')).toBe(true);
    expect(await axeViolations(page), 'axe on the signed-out message').toEqual([]);
    const again = ended.getByRole('link', { name: 'Sign in again' });
    expect(await again.getAttribute('href')).toBe(PATH);
    await again.click();
    await ended.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe(PATH);
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Sign in to the Heard workspace');
    await signIn(page);
    expect(new URL(page.url()).pathname).toBe(PATH);
    await context.close();
  });
});
