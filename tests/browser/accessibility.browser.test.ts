// The accessibility matrix: every screen of the participant journey, in every mode, in
// English, Arabic (right to left) and Punjabi (Gurmukhi), through the one axe helper; plus
// touch targets of at least 44 × 44 px and no sideways scrolling at 320 px.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './axe';
import { useBrowserAndApp } from './harness';

const seed = JSON.parse(readFileSync(new URL('../../src/server/seed/ahp-strategy.json', import.meta.url), 'utf8')) as {
  phases: Array<{ prompts: Array<{ id: string; kind: string; multiple?: boolean }> }>;
};
// Each prompt's kind by id, so the journey needs no words of any one language to find its way.
const kindOf = new Map(seed.phases.flatMap((phase) => phase.prompts.map((p) => [p.id, p.kind === 'choice' ? (p.multiple ? 'choice (several)' : 'choice (one)') : p.kind] as const)));

const MODES = {
  standard: {},
  'easy read': { easyRead: true },
  'high contrast and 200% text': { contrast: 'high', textSize: 200 },
} as const;
const LANGUAGES = ['en', 'ar', 'pa'] as const;

const submit = (page: Page) => page.locator('main form button[type=submit]').last().click();
const path = (page: Page) => new URL(page.url()).pathname;

async function open(page: Page, url: string) {
  await page.goto(url);
  await page.locator('main h1').waitFor();
}

/** The participant journey screen by screen: each is named, then checked. */
async function visitEveryScreen(page: Page, url: string, check: (name: string) => Promise<void>) {
  await open(page, `${url}/language`);
  await check('choose your language');
  await open(page, `${url}/settings`);
  await check('display settings');
  await open(page, `${url}/`);
  await check('choose an engagement');
  await open(page, `${url}/e/ahp-strategy`);
  await check('engagement start page');
  await page.locator('main .govuk-button--start').first().click();
  const seenKinds = new Set<string>();
  for (let step = 0; step < 20 && !path(page).endsWith('/check'); step++) {
    await page.locator('main h1').waitFor();
    const here = path(page);
    const kind = kindOf.get(here.split('/').pop() ?? '') ?? 'unknown';
    if (!seenKinds.has(kind)) {
      seenKinds.add(kind);
      await check(`question (${kind})`);
    }
    const main = page.locator('main');
    if (await main.locator('textarea').count()) await main.locator('textarea').fill('Somewhere near my home');
    else await main.locator('input[type=radio], input[type=checkbox]').first().check();
    await submit(page);
    await page.waitForFunction((previous) => location.pathname !== previous, here);
  }
  expect([...seenKinds].sort()).toEqual(['choice (one)', 'choice (several)', 'scale', 'text', 'vote']);
  await page.locator('main h1').waitFor();
  await check('check your answers');
  // The error state: a required question (first of the crowdsource phase, not yet answered) left empty.
  await open(page, `${url}/e/ahp-strategy/crowdsource/citizen-theme-joined-up`);
  await submit(page);
  await page.locator('.govuk-error-summary').waitFor();
  await check('question with error summary');
  await open(page, `${url}/e/ahp-strategy/conversation/check`);
  await submit(page);
  await page.locator('.govuk-panel--confirmation').waitFor();
  await check('confirmation');
  await open(page, `${url}/outbox`);
  await check('answers on this device');
}

/** Controls smaller than 44 × 44 px, and how much wider than the viewport the page is. */
function layoutProblems(page: Page) {
  return page.evaluate(() => {
    const small: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('a[href], button, input, textarea, select, summary')) {
      const box = element.getBoundingClientRect();
      // Hidden (the skip link until focused) or a link inside a sentence (WCAG's inline exception).
      if (box.width <= 1 || box.height <= 1 || getComputedStyle(element).visibility === 'hidden') continue;
      if (element.tagName === 'A' && getComputedStyle(element).display === 'inline') continue;
      if (box.width < 44 || box.height < 44) small.push(`${element.tagName.toLowerCase()} "${(element.innerText || element.getAttribute('aria-label') || '').trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return { small, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth };
  });
}

describe('accessibility of the participant journey (axe-core, WCAG 2.2 AA + target-size)', () => {
  const { browser, app } = useBrowserAndApp();

  const runJourney = async (preferences: Record<string, unknown>, viewport: { width: number; height: number }) => {
    const origin = app().url;
    const context = await browser().newContext({
      viewport,
      storageState: { cookies: [], origins: [{ origin, localStorage: [{ name: 'heard:preferences', value: JSON.stringify(preferences) }] }] },
    });
    const page = await context.newPage();
    const problems: Record<string, unknown> = {};
    const screens: string[] = [];
    await visitEveryScreen(page, origin, async (name) => {
      screens.push(name);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(preferences.language);
      const violations = await axeViolations(page);
      if (violations.length) problems[name] = violations;
      const { small, overflow } = await layoutProblems(page);
      if (small.length) problems[`${name} (touch targets under 44 px)`] = small;
      if (overflow > 0) problems[`${name} (horizontal scroll)`] = `${overflow}px wider than the viewport`;
    });
    await context.close();
    expect(problems).toEqual({});
    expect(screens.length).toBe(13);
  };

  for (const language of LANGUAGES) {
    for (const [mode, settings] of Object.entries(MODES)) {
      it(`${language}, ${mode}: no violations on any screen, 44 px targets, no sideways scrolling at 320 px`, async () => {
        await runJourney({ language, ...settings }, { width: 320, height: 640 });
      });
    }
  }

  it('en, standard: no violations on any screen on a desktop screen', async () => {
    await runJourney({ language: 'en' }, { width: 1280, height: 900 });
  });
});
