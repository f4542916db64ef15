import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { answerEveryQuestion, exportedRows, readStore, useBrowserAndApp, waitForServiceWorkerControl } from './harness';

/** The "about you" records the device still holds (its own IndexedDB store). */
async function queuedAboutYou(page: Page): Promise<Array<Record<string, unknown>>> {
  return page.evaluate(
    () =>
      new Promise<Array<Record<string, unknown>>>((resolve, reject) => {
        const open = indexedDB.open('heard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('aboutYou').objectStore('aboutYou').getAll();
          all.onsuccess = () => {
            resolve(all.result as Array<Record<string, unknown>>);
            open.result.close();
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

/** Every row of the server's `about_you` table, read straight from its SQLite file. */
function storedAboutYou(dataDir: string): Array<Record<string, unknown>> {
  const db = new BetterSqlite3(join(dataDir, 'heard.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('select * from about_you').all() as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
}

async function expectAxeClean(page: Page, where: string): Promise<void> {
  expect(await axeViolations(page), where).toEqual([]);
}

async function heading(page: Page): Promise<string> {
  return (await page.locator('h1').first().innerText()).trim();
}

describe('"about you" after taking part', () => {
  const { browser, app } = useBrowserAndApp();

  it('answered offline, sent on its own after coming online, arrives once with no link to the contribution', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    // A controllable clock, so the random wait before sending can be skipped rather than sat out.
    await page.clock.install();
    await page.goto(`${app().url}/e/ahp-strategy`);
    expect(await waitForServiceWorkerControl(page)).toBe(true);

    await context.setOffline(true);
    await page.getByRole('link', { name: 'Start now' }).first().click();
    const typed = await answerEveryQuestion(page, 'about-you');
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await expect.poll(() => heading(page)).toBe('Thank you');
    const [queuedContribution] = await readStore<{ id: string }>(page, 'outbox');
    expect(queuedContribution.id).toBeTruthy();

    await page.getByRole('link', { name: 'Tell us about you' }).click();
    await expect.poll(() => heading(page)).toBe('Tell us about you');
    await expectAxeClean(page, 'offer');
    await page.getByRole('button', { name: 'Start' }).click();

    await expect.poll(() => heading(page)).toBe('How old are you?');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('alert').waitFor();
    await expectAxeClean(page, 'question with an error');
    await page.getByLabel('45 to 54').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    const answers: Array<[string, string]> = [
      ['What is your ethnic group?', 'Prefer not to say'],
      ['Do you have a disability or a long-term health condition?', 'Yes'],
      ['What is your gender?', 'Woman'],
      ['What is your first language?', 'English'],
    ];
    for (const [question, answer] of answers) {
      await expect.poll(() => heading(page)).toBe(question);
      await page.getByLabel(answer, { exact: true }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
    }
    await expect.poll(() => heading(page)).toBe('Check your answers about you');
    await expectAxeClean(page, 'check');
    await page.getByRole('button', { name: 'Send these answers' }).click();
    await expect.poll(() => heading(page)).toBe('Thank you for telling us about you');
    await expectAxeClean(page, 'done');

    // On the device: its own store, a random id, no contribution id anywhere in it.
    const [record, ...more] = await queuedAboutYou(page);
    expect(more).toEqual([]);
    expect(record.id).not.toBe(queuedContribution.id);
    expect(JSON.stringify(record)).not.toContain(queuedContribution.id);

    // Online again: the contribution goes at once, the "about you" record waits its random delay.
    await context.setOffline(false);
    await expect.poll(async () => (await exportedRows(app())).filter((row) => row.answer === typed[0]).length, { timeout: 30_000 }).toBe(1);
    expect(storedAboutYou(app().dataDir)).toEqual([]);
    expect(await queuedAboutYou(page)).toHaveLength(1);

    await page.clock.fastForward('05:00');
    await expect.poll(async () => (await queuedAboutYou(page)).length, { timeout: 30_000 }).toBe(0);
    const rows = storedAboutYou(app().dataDir);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ engagement: 'ahp-strategy', age_band: '45-54', ethnicity: 'prefer-not-to-say', disability: 'yes', gender: 'woman', first_language: 'en' });
    // The table has no column for a contribution, and no value in it is the contribution's id.
    expect(Object.keys(rows[0]).some((column) => /contribution/i.test(column))).toBe(false);
    const contributionIds = new Set((await exportedRows(app())).map((row) => row.contribution_id));
    expect(contributionIds.size).toBe(1);
    for (const value of Object.values(rows[0])) expect(contributionIds.has(String(value))).toBe(false);

    // A reload and more time: still exactly one row, the device's queue stays empty.
    await page.reload();
    await page.clock.fastForward('10:00');
    await expect.poll(() => heading(page)).not.toBe('');
    expect(storedAboutYou(app().dataDir)).toHaveLength(1);
    expect(await queuedAboutYou(page)).toEqual([]);
    await context.close();
  });
});
