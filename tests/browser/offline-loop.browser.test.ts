import { describe, expect, it } from 'vitest';
import { answerEveryQuestion, exportedRows, readStore, useBrowserAndApp, waitForServiceWorkerControl } from './harness';

const TITLE = 'Allied Health Professions: have your say';

describe('answer with no signal, sync later, stored exactly once', () => {
  const { browser, app } = useBrowserAndApp();

  it('works offline after one visit and syncs by itself when the connection returns', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${app().url}/e/ahp-strategy`);
    await expect.poll(() => page.locator('h1').innerText()).toBe(TITLE);
    expect(await waitForServiceWorkerControl(page)).toBe(true);

    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.locator('h1').innerText()).toBe(TITLE);
    await page.getByRole('link', { name: 'Start now' }).first().click();
    const typed = await answerEveryQuestion(page, 'offline');
    expect(typed.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await expect.poll(() => page.locator('main').innerText()).toContain('Thank you');
    await expect.poll(() => page.locator('main').innerText()).toContain('Your answers are saved on this device');

    // Still offline: a reload keeps the answer queued on the device.
    await page.reload();
    await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/1 answer waiting to be sent/);
    const queued = await readStore(page, 'outbox');
    expect(queued).toHaveLength(1);
    expect(await exportedRows(app())).toHaveLength(0);

    // Back online: no click, it goes by itself.
    await context.setOffline(false);
    await expect.poll(() => page.locator('body').innerText(), { timeout: 30_000 }).toMatch(/Your answers have been sent|All answers sent/);

    const rows = await exportedRows(app());
    const ids = new Set(rows.map((row) => row.contribution_id));
    expect(ids.size).toBe(1);
    for (const text of typed) expect(rows.filter((row) => row.answer === text)).toHaveLength(1);
    expect(rows.every((row) => row.phase === 'conversation' && row.engagement === 'ahp-strategy')).toBe(true);
    await context.close();
  });

  it('sends from the service worker by Background Sync when the connection returns with every page closed', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${app().url}/e/ahp-strategy`);
    expect(await waitForServiceWorkerControl(page)).toBe(true);
    await context.setOffline(true);
    await page.getByRole('link', { name: 'Start now' }).first().click();
    const typed = await answerEveryQuestion(page, 'background');
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByText('Your answers are saved on this device').waitFor();
    const tags = await page.evaluate(async () => {
      const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & { sync: { getTags(): Promise<string[]> } };
      return registration.sync.getTags();
    });
    expect(tags).toContain('heard-outbox');

    await page.close();
    expect(context.pages()).toHaveLength(0);
    await context.setOffline(false);
    await expect.poll(async () => (await exportedRows(app())).filter((row) => row.answer === typed[0]).length, { timeout: 30_000 }).toBe(1);
    await context.close();
  });
});
