import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './axe';
import { useBrowserAndApp } from './harness';

/** The participant journey screen by screen: each is named, then checked. */
async function visitEveryScreen(page: Page, url: string, check: (name: string) => Promise<void>) {
  await page.goto(`${url}/`);
  await page.locator('main h1').waitFor();
  await check('choose an engagement');
  await page.goto(`${url}/e/ahp-strategy`);
  await page.locator('main h1').waitFor();
  await check('engagement start page');
  await page.getByRole('link', { name: 'Start now' }).first().click();
  const seenKinds = new Set<string>();
  for (let step = 0; step < 20; step++) {
    const heading = (await page.locator('h1').innerText()).trim();
    if (/check your answers/i.test(heading)) break;
    const main = page.locator('main');
    const kind = (await main.locator('textarea').count()) ? 'text' : (await main.locator('input[type=checkbox]').count()) ? 'checkboxes' : 'radios';
    if (!seenKinds.has(kind)) {
      seenKinds.add(kind);
      await check(`question (${kind}): ${heading}`);
    }
    if (kind === 'text') await main.locator('textarea').fill('Somewhere near my home');
    else await main.locator('input').first().check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForFunction((previous) => document.querySelector('h1')?.textContent?.trim() !== previous, heading);
  }
  await check('check your answers');
  // The error state: a required question (first of the crowdsource phase, not yet answered) left empty.
  await page.goto(`${url}/e/ahp-strategy/crowdsource/citizen-theme-joined-up`);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('There is a problem').waitFor();
  await check('question with error summary');
  await page.goto(`${url}/e/ahp-strategy/conversation/check`);
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await page.getByText('Thank you').waitFor();
  await check('confirmation');
  await page.goto(`${url}/outbox`);
  await page.locator('main h1').waitFor();
  await check('answers on this device');
}

describe('accessibility of the participant journey (axe-core, WCAG 2.2 AA + target-size)', () => {
  const { browser, app } = useBrowserAndApp();

  for (const viewport of [{ width: 1280, height: 900 }, { width: 320, height: 640 }]) {
    it(`has no violations on any screen at ${viewport.width} px wide, and no sideways scrolling`, async () => {
      const context = await browser().newContext({ viewport });
      const page = await context.newPage();
      const problems: Record<string, unknown> = {};
      const screens: string[] = [];
      await visitEveryScreen(page, app().url, async (name) => {
        screens.push(name);
        const violations = await axeViolations(page);
        if (violations.length) problems[name] = violations;
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) problems[`${name} (horizontal scroll)`] = `${overflow}px wider than the viewport`;
      });
      expect(screens.length).toBeGreaterThanOrEqual(8);
      expect(problems).toEqual({});
      await context.close();
    });
  }
});
