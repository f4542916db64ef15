import { describe, expect, it } from 'vitest';
import type { Route } from 'playwright-core';
import { answerEveryQuestion, exportedRows, useBrowserAndApp } from './harness';

describe('sync survives server faults and refusals', () => {
  const { browser, app } = useBrowserAndApp();

  /** A fresh context with the service worker blocked, so every sync request passes through the test's route. */
  async function freshPage() {
    const context = await browser().newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    return { context, page };
  }

  it('retries after a 500, a dropped connection and a lost response, and stores one copy', async () => {
    const { context, page } = await freshPage();
    const faults: Array<(route: Route) => Promise<void>> = [
      (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":"boom"}' }),
      (route) => route.abort('connectionreset'),
      // The server commits the batch, but its answer never reaches the device.
      async (route) => {
        await route.fetch();
        await route.abort('connectionreset');
      },
    ];
    let requests = 0;
    await page.route('**/api/sync', async (route) => {
      const fault = faults[requests++];
      if (fault) await fault(route);
      else await route.continue();
    });

    await page.goto(`${app().url}/e/ahp-strategy`);
    await page.getByRole('link', { name: 'Start now' }).first().click();
    const typed = await answerEveryQuestion(page, 'faults');
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await expect.poll(() => page.locator('body').innerText(), { timeout: 60_000 }).toMatch(/Your answers have been sent|All answers sent/);

    expect(requests).toBeGreaterThanOrEqual(4);
    const rows = await exportedRows(app());
    const mine = rows.filter((row) => row.answer === typed[0]);
    expect(mine).toHaveLength(1);
    expect(new Set(rows.filter((row) => row.contribution_id === mine[0].contribution_id).map((row) => row.prompt)).size).toBe(
      rows.filter((row) => row.contribution_id === mine[0].contribution_id).length,
    );
    await context.close();
  });

  it('keeps a refused answer visible as needing attention and does not resend it by itself', async () => {
    const { context, page } = await freshPage();
    const sentIds: string[] = [];
    let refuse = true;
    await page.route('**/api/sync', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { items: Array<Record<string, unknown>> };
      for (const item of body.items) sentIds.push(String(item.id));
      if (!refuse) return route.continue();
      // A field the contract forbids: the real server refuses the item with a 4xx-class receipt.
      const tampered = { items: body.items.map((item) => ({ ...item, name: 'Not allowed' })) };
      await route.continue({ postData: JSON.stringify(tampered) });
    });

    await page.goto(`${app().url}/e/ahp-strategy`);
    await page.getByRole('link', { name: 'Start now' }).first().click();
    await answerEveryQuestion(page, 'refused');
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await expect.poll(() => page.locator('body').innerText(), { timeout: 30_000 }).toMatch(/\b1 answer needs? attention/);
    expect(sentIds).toHaveLength(1);

    await page.goto(`${app().url}/outbox`);
    await expect.poll(() => page.locator('main').innerText()).toMatch(/unknown field/i);
    // Every trigger the app has: a manual send, a reconnect, and time for backoff timers.
    await page.getByRole('button', { name: 'Send now' }).first().click();
    await context.setOffline(true);
    await context.setOffline(false);
    await page.waitForTimeout(4000);
    expect(sentIds).toHaveLength(1);
    expect((await exportedRows(app())).filter((row) => row.contribution_id === sentIds[0])).toHaveLength(0);

    // The person can choose to try again; with the fault gone it is stored once.
    refuse = false;
    await page.getByRole('button', { name: 'Try again' }).first().click();
    await expect.poll(async () => (await exportedRows(app())).filter((row) => row.contribution_id === sentIds[0]).length, { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('body').innerText()).not.toMatch(/\b\d+ answers? needs? attention/);
    await context.close();
  });
});
