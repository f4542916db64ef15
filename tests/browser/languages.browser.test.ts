// Languages in real Chromium: the first visit asks for one, switching mid-answer loses
// nothing, Arabic lays out right to left, every language works offline once installed, and
// an organiser's preview picks language and mode for one page without saving them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { FIRST_VISIT, storedDrafts, useBrowserAndApp, waitForServiceWorkerControl } from './harness';

const json = (file: string) => JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')) as Record<string, Record<string, string>>;
const welsh = json('locales/cy/translation.json');
const arabic = json('locales/ar/translation.json');
const welshContent = json('src/server/seed/translations/cy/ahp-strategy.json') as unknown as { title: string; phases: Record<string, { prompts: Record<string, { text: string }> }> };
const ENDONYMS = { en: 'English', cy: 'Cymraeg', pl: 'Polski', ro: 'Română', pa: 'ਪੰਜਾਬੀ', ur: 'اردو', ar: 'العربية', bn: 'বাংলা', so: 'Soomaali', zh: '中文（简体）' };
const TEXT_QUESTION = '/e/ahp-strategy/conversation/easier-support';

/** A device that has already chosen `language` (and any other settings). */
function chosen(url: string, language: string, settings: Record<string, unknown> = {}) {
  const value = JSON.stringify({ language, ...settings });
  return { storageState: { cookies: [], origins: [{ origin: url, localStorage: [{ name: 'heard:preferences', value }] }] } };
}

const htmlLang = (page: Page) => page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
const savedPreferences = (page: Page) => page.evaluate(() => JSON.parse(localStorage.getItem('heard:preferences') ?? '{}') as Record<string, unknown>);

/** Opens the language screen from the header and chooses `endonym`. */
async function switchLanguage(page: Page, endonym: string): Promise<void> {
  await page.locator('.app-header__nav a[href^="/language"]').click();
  await page.locator('main h1').waitFor();
  await page.locator('label', { hasText: endonym }).click();
  await page.locator('main form button[type=submit]').click();
}

describe('languages', () => {
  const { browser, app } = useBrowserAndApp();
  let context: BrowserContext | undefined;
  const open = async (options: Parameters<ReturnType<typeof browser>['newContext']>[0]) => {
    await context?.close();
    context = await browser().newContext(options);
    return context.newPage();
  };

  it('asks for a language first on a new device, each named in its own script, then returns to the link', async () => {
    const page = await open(FIRST_VISIT);
    await page.goto(`${app().url}/e/ahp-strategy`);
    await expect.poll(() => page.locator('main h1').innerText()).toBe('Choose your language');
    for (const [code, endonym] of Object.entries(ENDONYMS)) {
      await expect.poll(() => page.locator(`main label [lang="${code}"]`).innerText()).toBe(endonym);
    }
    expect(await page.locator('main label [lang="ar"]').getAttribute('dir')).toBe('rtl');
    await page.locator('label', { hasText: 'Cymraeg' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('main h1').innerText()).toBe(welshContent.title);
    expect(new URL(page.url()).pathname).toBe('/e/ahp-strategy');
    expect(await htmlLang(page)).toEqual({ lang: 'cy', dir: 'ltr' });
    expect(await page.locator('main .govuk-button--start').first().innerText()).toContain(welsh.engagement?.startNow);
    expect((await savedPreferences(page)).language).toBe('cy');
    // The list of engagements names each in Welsh too.
    await page.locator('.app-header__name').click();
    await expect.poll(() => page.locator('main .app-engagement-list__link').first().innerText()).toBe(welshContent.title);
  });

  it('keeps a half-written answer when the language changes, on screen and in IndexedDB', async () => {
    const page = await open({});
    await page.goto(app().url + TEXT_QUESTION);
    const typed = 'Appointments near the bus station, please';
    await page.locator('main textarea').fill(typed);
    await switchLanguage(page, 'Cymraeg');
    await expect.poll(() => htmlLang(page)).toEqual({ lang: 'cy', dir: 'ltr' });
    expect(new URL(page.url()).pathname).toBe(TEXT_QUESTION);
    await expect.poll(() => page.locator('main h1').innerText()).toContain(welshContent.phases.conversation?.prompts['easier-support']?.text);
    expect(await page.locator('main textarea').inputValue()).toBe(typed);
    expect(await storedDrafts(page)).toContain(typed);
    await switchLanguage(page, 'English');
    await expect.poll(() => htmlLang(page)).toEqual({ lang: 'en', dir: 'ltr' });
    expect(await page.locator('main textarea').inputValue()).toBe(typed);
    expect(await storedDrafts(page)).toContain(typed);
  });

  it('lays Arabic out right to left at 320 px, with no sideways scrolling', async () => {
    const page = await open({ ...chosen(app().url, 'ar'), viewport: { width: 320, height: 640 } });
    await page.goto(app().url + TEXT_QUESTION);
    await page.locator('main textarea').waitFor();
    expect(await htmlLang(page)).toEqual({ lang: 'ar', dir: 'rtl' });
    const back = await page.locator('main .govuk-back-link').boundingBox();
    const heading = await page.locator('main h1 label').boundingBox();
    const main = await page.locator('main').boundingBox();
    if (!back || !heading || !main) throw new Error('back link, heading or main not laid out');
    // Both start at the right-hand edge of the content, as English starts at the left.
    expect(main.x + main.width - (back.x + back.width)).toBeLessThan(4);
    expect(main.x + main.width - (heading.x + heading.width)).toBeLessThan(4);
    expect(back.x).toBeGreaterThan(main.x + main.width / 2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    expect(await page.locator('main form button[type=submit]').innerText()).toBe(arabic.question?.continue);
  });

  it('starts offline in Welsh once visited, and switches offline to a language never opened before', async () => {
    const page = await open(chosen(app().url, 'cy'));
    await page.goto(`${app().url}/e/ahp-strategy`);
    await expect.poll(() => page.locator('main h1').innerText()).toBe(welshContent.title);
    expect(await waitForServiceWorkerControl(page)).toBe(true);
    await context?.setOffline(true);
    await page.reload();
    await expect.poll(() => page.locator('main h1').innerText()).toBe(welshContent.title);
    expect(await htmlLang(page)).toEqual({ lang: 'cy', dir: 'ltr' });
    await page.locator('main .govuk-button--start').first().click();
    await expect.poll(() => page.locator('main h1').innerText()).toContain(welshContent.phases.conversation?.prompts['ease-of-support']?.text);
    await switchLanguage(page, 'العربية');
    await expect.poll(() => htmlLang(page)).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(await page.locator('main form button[type=submit]').innerText()).toBe(arabic.question?.continue);
  });

  it('previews a language and easy read for one page without saving either', async () => {
    const page = await open({});
    await page.goto(`${app().url}/e/ahp-strategy?preview=1&lang=ar&mode=easy`);
    await expect.poll(() => htmlLang(page)).toEqual({ lang: 'ar', dir: 'rtl' });
    // What the preview shows is the workspace's business; the page around it speaks Arabic.
    await expect.poll(() => page.locator('main h1').innerText()).toMatch(/[\u0600-\u06FF]/);
    expect(await savedPreferences(page)).toEqual({ language: 'en' });
    await page.goto(`${app().url}/e/ahp-strategy`);
    await expect.poll(() => htmlLang(page)).toEqual({ lang: 'en', dir: 'ltr' });
  });

  it.each(Object.keys(ENDONYMS))('fits 320 px at 200 %% text in %s, with nothing to scroll sideways', async (language) => {
    const wide: string[] = [];
    const page = await open({ ...chosen(app().url, language, { textSize: 200 }), viewport: { width: 320, height: 640 } });
    for (const path of ['/', '/language', '/settings', '/e/ahp-strategy', '/e/ahp-strategy/conversation/ease-of-support', '/e/ahp-strategy/conversation/professions-heard-of']) {
      await page.goto(app().url + path);
      await page.locator('main h1').waitFor();
      await page.waitForFunction((lng) => document.documentElement.lang === lng && document.documentElement.style.fontSize === '200%', language);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) wide.push(`${path}: ${overflow}px`);
    }
    expect(wide).toEqual([]);
  });

  it('remembers text size, high contrast and the readable font, applied before the first render', async () => {
    const page = await open({});
    await page.goto(`${app().url}/settings`);
    await page.locator('label', { hasText: 'Very large (200%)' }).click();
    await page.locator('label', { hasText: 'High contrast' }).click();
    await page.locator('label', { hasText: 'Easy-to-read font' }).click();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Your display settings are saved.').waitFor();
    const applied = () =>
      page.evaluate(async () => {
        await document.fonts.ready;
        const root = document.documentElement;
        return {
          fontSize: getComputedStyle(root).fontSize,
          classes: [...root.classList].sort(),
          fontLoaded: document.fonts.check('19px "Atkinson Hyperlegible"'),
          bodyFont: getComputedStyle(document.body).fontFamily.split(',')[0],
        };
      });
    const expected = { fontSize: '32px', classes: ['app-contrast-high', 'app-font-readable'], fontLoaded: true, bodyFont: '"Atkinson Hyperlegible"' };
    await expect.poll(applied).toEqual(expected);
    await page.reload();
    // Read before the app renders anything: the settings are on <html> from the start.
    await page.waitForFunction(() => document.documentElement.classList.length > 0);
    await expect.poll(applied).toEqual(expected);
    await context?.close();
    context = undefined;
  });
});
