// The crowdsource phase with no signal: a professional's device, visited once online, opens
// the theme cards offline, reacts to each, comments on one, adds an idea and sends; once the
// connection returns the server holds exactly one contribution with the votes and the comment.
// Then the card page and check-your-answers, axe-clean in easy read and in Arabic.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { WORKSPACE_API } from '../../src/shared/workspace-api';
import { axeViolations } from './axe';
import { exportedRows, organiserCookie, readStore, useBrowserAndApp, waitForServiceWorkerControl } from './harness';

const TITLE = 'Allied Health Professions: have your say';
const PHASE_TITLE = 'Professionals: build on what people told us';
const COMMENT = 'In my clinic people repeat their story to four different teams.';
const IDEA = 'Let people refer themselves to physiotherapy by text message.';

const path = (page: Page) => new URL(page.url()).pathname;

/** Continues from the page it is on and waits for the next one. */
async function next(page: Page) {
  const here = path(page);
  await page.locator('main form button[type=submit]').last().click();
  await page.waitForFunction((previous) => location.pathname !== previous, here);
  await page.locator('main h1').waitFor();
}

describe('crowdsource phase offline: theme cards, a comment and an idea, synced once', () => {
  const { browser, app } = useBrowserAndApp();

  it('reacts to every card offline and sends one contribution with the votes and the comment', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${app().url}/e/ahp-strategy`);
    await expect.poll(() => page.locator('h1').innerText()).toBe(TITLE);
    expect(await waitForServiceWorkerControl(page)).toBe(true);

    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.locator('h1').innerText()).toBe(TITLE);
    await page.getByRole('region', { name: PHASE_TITLE }).getByRole('link', { name: 'Start now' }).click();

    // The first card: the theme, what people told us, the votes and the comment box, all from the device.
    await page.locator('main h1').waitFor();
    expect(path(page)).toBe('/e/ahp-strategy/crowdsource/citizen-theme-joined-up');
    await expect.poll(() => page.locator('main h2').first().innerText()).toBe('What people told us');
    const quotes = page.locator('main blockquote');
    expect(await quotes.count()).toBe(3);
    expect(await quotes.first().getAttribute('lang')).toBe('en');
    await page.getByRole('radio', { name: 'Agree', exact: true }).check();
    await page.getByRole('textbox', { name: 'Add a comment (optional)' }).fill(COMMENT);
    await next(page);

    const reactions: Record<string, string> = {};
    for (let step = 0; step < 20 && !path(page).endsWith('/check'); step++) {
      const prompt = path(page).split('/').pop() ?? '';
      const main = page.locator('main');
      if (prompt === 'citizen-theme-profile') {
        await page.getByRole('radio', { name: 'Disagree' }).check();
        reactions[prompt] = 'disagree';
      } else if (prompt === 'shared-identity') {
        await page.getByRole('radio', { name: 'Not sure' }).check();
        reactions[prompt] = 'unsure';
      } else if (prompt === 'right-professional') {
        await main.locator('textarea').fill(IDEA);
      }
      await next(page);
    }
    // Every card was reacted to.
    expect(Object.keys(reactions).sort()).toEqual(['citizen-theme-profile', 'shared-identity']);

    // Check your answers: each vote, the comment with its own row, the idea.
    expect(path(page)).toBe('/e/ahp-strategy/crowdsource/check');
    const rows = await page.locator('.govuk-summary-list__row').evaluateAll((all) =>
      all.map((row) => [row.querySelector('dt')?.textContent?.trim(), row.querySelector('.govuk-summary-list__value')?.textContent?.trim()]),
    );
    expect(rows.slice(0, 4)).toEqual([
      ['People told us services do not feel joined up. This matches what I see in my work.', 'Agree'],
      ['Your comment', COMMENT],
      ['People told us they do not know which professional can help them, or what each one does.', 'Disagree'],
      ['Your comment', 'Not answered'],
    ]);
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await expect.poll(() => page.locator('main').innerText()).toContain('Your answers are saved on this device');
    expect(await readStore(page, 'outbox')).toHaveLength(1);
    expect(await exportedRows(app())).toHaveLength(0);

    // Back online: it goes by itself.
    await context.setOffline(false);
    await expect.poll(() => page.locator('body').innerText(), { timeout: 30_000 }).toMatch(/Your answers have been sent|All answers sent/);

    const csv = await exportedRows(app());
    expect(new Set(csv.map((row) => row.contribution_id)).size).toBe(1);
    expect(csv.map((row) => [row.phase, row.prompt, row.kind, row.answer])).toEqual([
      ['crowdsource', 'citizen-theme-joined-up', 'vote', 'agree'],
      ['crowdsource', 'citizen-theme-joined-up', 'text', COMMENT],
      ['crowdsource', 'citizen-theme-profile', 'vote', 'disagree'],
      ['crowdsource', 'right-professional', 'text', IDEA],
      ['crowdsource', 'shared-identity', 'vote', 'unsure'],
    ]);
    const json = await fetch(app().url + WORKSPACE_API.contributionsJson('ahp-strategy'), { headers: { cookie: await organiserCookie(app()) } });
    const { contributions } = (await json.json()) as { contributions: Array<{ phase: string; answers: Array<{ prompt: string; kind: string; value: unknown }> }> };
    expect(contributions).toHaveLength(1);
    expect(contributions[0]?.answers.filter((a) => a.prompt === 'citizen-theme-joined-up').map((a) => [a.kind, a.value])).toEqual([
      ['vote', 'agree'],
      ['text', COMMENT],
    ]);
    await context.close();
  });

  const SETTINGS = {
    'English easy read': { language: 'en', easyRead: true },
    Arabic: { language: 'ar' },
    'Arabic easy read': { language: 'ar', easyRead: true },
  } as const;

  for (const [name, preferences] of Object.entries(SETTINGS)) {
    it(`${name}: the card page and check-your-answers have no axe violations and no sideways scroll at 320 px`, async () => {
      const origin = app().url;
      const context = await browser().newContext({
        viewport: { width: 320, height: 640 },
        storageState: { cookies: [], origins: [{ origin, localStorage: [{ name: 'heard:preferences', value: JSON.stringify(preferences) }] }] },
      });
      const page = await context.newPage();
      const problems: Record<string, unknown> = {};
      const check = async (screen: string) => {
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(preferences.language);
        const violations = await axeViolations(page);
        if (violations.length) problems[screen] = violations;
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) problems[`${screen} (horizontal scroll)`] = `${overflow}px wider than the viewport`;
      };

      await page.goto(`${origin}/e/ahp-strategy/crowdsource/citizen-theme-joined-up`);
      await page.locator('main blockquote').first().waitFor();
      expect(await page.locator('main blockquote').first().getAttribute('dir')).toBe('auto');
      if (preferences.language === 'ar') expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      if ('easyRead' in preferences) expect(await page.locator('main .app-votes img').count()).toBe(3);
      await check('card');

      await page.locator('main input[type=radio]').first().check();
      await page.locator('main textarea').fill('تعليق قصير. A short comment.');
      await next(page);
      await page.goto(`${origin}/e/ahp-strategy/crowdsource/check`);
      await page.locator('main .govuk-summary-list').waitFor();
      await check('check your answers');

      // The error state of a card: required, left without a vote.
      await page.goto(`${origin}/e/ahp-strategy/crowdsource/citizen-theme-joined-up`);
      await page.locator('main blockquote').first().waitFor();
      await page.locator('main textarea').fill('x'.repeat(5001));
      await page.locator('main form button[type=submit]').last().click();
      await page.locator('.govuk-error-summary').waitFor();
      expect(await page.locator('.govuk-error-summary a').getAttribute('href')).toBe('#comment');
      await check('card with error summary');

      await context.close();
      expect(problems).toEqual({});
    });
  }
});
