import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { FIRST_VISIT, exportedRows, useBrowserAndApp } from './harness';

/** What has focus now: its tag, type and accessible-ish name. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName.toLowerCase() ?? '', type: el?.getAttribute('type') ?? '', text: (el?.innerText || el?.getAttribute('aria-label') || '').trim() };
  });
}

/** Presses Tab (only Tab) until focus lands on what `matches` accepts. */
async function tabTo(page: Page, matches: (f: Awaited<ReturnType<typeof focused>>) => boolean, what: string) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (matches(await focused(page))) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

describe('the whole journey by keyboard alone', () => {
  const { browser, app } = useBrowserAndApp();

  it('answers and sends the conversation with Tab, Space, Enter and typing only', async () => {
    // A new device: the language screen comes first.
    const context = await browser().newContext(FIRST_VISIT);
    const page = await context.newPage();
    await page.goto(`${app().url}/e/ahp-strategy`);
    await page.locator('main h1').waitFor();
    expect(await page.locator('main h1').innerText()).toBe('Choose your language');

    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('Skip to main content');
    // Tab enters the group on the chosen language (English); the arrow keys move between languages.
    await tabTo(page, (f) => f.tag === 'input' && f.type === 'radio', 'the languages');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('cy');
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('en');
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Continue', 'Continue');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('main h1')?.textContent !== 'Choose your language');
    // Back on the page the link was for, with focus on its heading.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await tabTo(page, (f) => f.tag === 'a' && f.text.startsWith('Start now'), 'Start now');
    await page.keyboard.press('Enter');

    const typed = 'Help at the library on Saturdays';
    for (let step = 0; step < 20; step++) {
      await page.locator('main h1').waitFor();
      const heading = (await page.locator('h1').innerText()).trim();
      if (/check your answers/i.test(heading)) break;
      // Focus starts on the new page's heading, so Tab walks forward from the question.
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      if (await page.locator('main textarea').count()) {
        await tabTo(page, (f) => f.tag === 'textarea', 'the text box');
        await page.keyboard.type(typed);
      } else {
        await tabTo(page, (f) => f.tag === 'input', 'the first option');
        await page.keyboard.press('Space');
      }
      await tabTo(page, (f) => f.tag === 'button' && f.text === 'Continue', 'Continue');
      await page.keyboard.press('Enter');
      await page.waitForFunction((previous) => document.querySelector('h1')?.textContent?.trim() !== previous, heading);
    }

    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Send my answers', 'Send my answers');
    await page.keyboard.press('Enter');
    await page.getByText('Thank you').waitFor();
    await expect.poll(async () => (await exportedRows(app())).filter((row) => row.answer === typed).length, { timeout: 30_000 }).toBe(2);
    await context.close();
  });
});
