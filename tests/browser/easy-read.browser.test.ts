// Easy-read mode in real Chromium: a picture beside each idea (left in English, right in
// Arabic), big picture buttons for the scale and the votes, text of at least 19 px, and
// "Read this to me" reading sentence by sentence with the sentence being read highlighted.
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations } from './axe';
import { answerEveryQuestion, exportedRows, useBrowserAndApp } from './harness';

const START = '/e/ahp-strategy';
const SCALE_QUESTION = '/e/ahp-strategy/conversation/ease-of-support';
const VOTE_QUESTION = '/e/ahp-strategy/conversation/stay-well';

function preferences(url: string, value: Record<string, unknown>) {
  return { storageState: { cookies: [], origins: [{ origin: url, localStorage: [{ name: 'heard:preferences', value: JSON.stringify(value) }] }] } };
}

/** Elements in main with their own text set below 19 px, as "tag.class: size". */
function smallText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    for (const el of document.querySelectorAll('main *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && /\S/.test(n.textContent ?? ''));
      const style = getComputedStyle(el);
      if (!own || style.display === 'none' || el.closest('.govuk-visually-hidden')) continue;
      const size = parseFloat(style.fontSize);
      if (size < 19) small.push(`${el.tagName.toLowerCase()}.${el.className}: ${size}px`);
    }
    return small;
  });
}

/** Where the picture sits in each idea: 'start-left' when it is left of the words, 'start-right' when right. */
function ideaSides(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.app-idea')].map((idea) => {
      const picture = idea.querySelector('img')?.getBoundingClientRect();
      const words = idea.querySelector('.app-idea__text')?.getBoundingClientRect();
      if (!picture || !words) return 'missing';
      if (picture.right <= words.left) return 'left';
      if (picture.left >= words.right) return 'right';
      return 'overlapping';
    }),
  );
}

/** Pictures on the page that loaded (served from /pictures/ and drawn). */
function loadedPictures(page: Page, within: string): Promise<string[]> {
  return page.evaluate(async (selector) => {
    const images = [...document.querySelectorAll<HTMLImageElement>(`${selector} img.app-picture`)];
    await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
    return images.filter((img) => img.naturalWidth > 0).map((img) => new URL(img.src).pathname);
  }, within);
}

describe('easy read', () => {
  const { browser, app } = useBrowserAndApp();

  it('shows each idea with its picture on the left in English, in text of 19 px or more', async () => {
    const context = await browser().newContext(preferences(app().url, { language: 'en', easyRead: true }));
    const page = await context.newPage();
    await page.goto(app().url + START);
    await page.locator('.app-idea').first().waitFor();
    expect(await page.locator('h1').innerText()).toBe('Allied health professionals: tell us what you think');
    const sides = await ideaSides(page);
    expect(sides.length).toBeGreaterThanOrEqual(8);
    expect(new Set(sides)).toEqual(new Set(['left']));
    expect((await loadedPictures(page, '.app-ideas')).length).toBe(sides.length);
    expect(await page.locator('.app-idea img').first().getAttribute('alt')).toBe('');
    expect(await smallText(page)).toEqual([]);
    // The footer credits the pictures.
    expect(await page.locator('footer').innerText()).toContain('Pictures: OpenMoji');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('answers the scale and the votes with big picture buttons', async () => {
    const context = await browser().newContext(preferences(app().url, { language: 'en', easyRead: true }));
    const page = await context.newPage();
    for (const [path, count, pictures] of [
      [SCALE_QUESTION, 5, 0],
      [VOTE_QUESTION, 3, 3],
    ] as const) {
      await page.goto(app().url + path);
      await page.locator('.app-picture-options, .app-faces').first().waitFor();
      const tiles = await page.locator('main .govuk-radios__item').evaluateAll((items) =>
        items.map((item) => {
          const box = item.querySelector('label')?.getBoundingClientRect();
          const input = item.querySelector('input')?.getBoundingClientRect();
          return { width: box?.width ?? 0, height: box?.height ?? 0, inputWidth: input?.width ?? 0, inputHeight: input?.height ?? 0, face: Boolean(item.querySelector('svg.app-face, img.app-picture')) };
        }),
      );
      expect(tiles, path).toHaveLength(count);
      for (const tile of tiles) {
        expect(tile.face, path).toBe(true);
        expect(tile.height, path).toBeGreaterThanOrEqual(120);
        expect(tile.width, path).toBeGreaterThanOrEqual(120);
        // The whole tile is the touch target.
        expect(tile.inputHeight, path).toBeGreaterThanOrEqual(120);
      }
      expect((await loadedPictures(page, 'main .govuk-radios')).length, path).toBe(pictures);
      // The question's own picture sits at the start of its heading.
      expect(await page.locator('h1 img.app-picture').count(), path).toBe(1);
      expect(await smallText(page), path).toEqual([]);
      expect(await axeViolations(page), path).toEqual([]);
    }
    await page.getByLabel('Yes, I agree').check();
    expect(await page.getByLabel('Yes, I agree').isChecked()).toBe(true);
    await context.close();
  });

  it('puts the pictures on the right in Arabic', async () => {
    const context = await browser().newContext(preferences(app().url, { language: 'ar', easyRead: true }));
    const page = await context.newPage();
    await page.goto(app().url + VOTE_QUESTION);
    await page.locator('h1 img.app-picture').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const sides = await page.evaluate(() => {
      const h1 = document.querySelector('h1 .govuk-fieldset__heading, h1')!.getBoundingClientRect();
      const img = document.querySelector('h1 img.app-picture')!.getBoundingClientRect();
      const tiles = [...document.querySelectorAll('main .govuk-radios__item')].map((t) => t.getBoundingClientRect().left);
      return { pictureRight: Math.round(h1.right - img.right), pictureLeft: Math.round(img.left - h1.left), tilesRightToLeft: tiles.every((x, i) => i === 0 || x < tiles[i - 1]!) };
    });
    expect(sides.pictureRight).toBeLessThanOrEqual(2);
    expect(sides.pictureLeft).toBeGreaterThan(100);
    expect(sides.tilesRightToLeft).toBe(true);
    expect((await loadedPictures(page, 'main .govuk-radios')).length).toBe(3);
    expect(await axeViolations(page)).toEqual([]);

    // The start page's ideas, in Arabic easy read, with their pictures on the right.
    await page.goto(app().url + START);
    await page.locator('.app-idea').first().waitFor();
    const ideas = await ideaSides(page);
    expect(ideas.length).toBeGreaterThanOrEqual(8);
    expect(new Set(ideas)).toEqual(new Set(['right']));
    expect(await smallText(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

/** Replaces the page's speech synthesis with one that records each utterance and the highlight shown while it is spoken. */
async function fakeSpeech(context: BrowserContext, voices: Array<{ lang: string; localService: boolean }>, options: { endless?: boolean } = {}): Promise<void> {
  await context.addInitScript(([list, endless]) => {
    const spoken: Array<{ text: string; lang: string; highlighted: string[] }> = [];
    (window as unknown as { spoken: typeof spoken }).spoken = spoken;
    class Utterance {
      text: string;
      lang = '';
      voice: unknown = null;
      onend: (() => void) | null = null;
      onerror: (() => void) | null = null;
      constructor(text: string) {
        this.text = text;
      }
    }
    const synthesis = {
      getVoices: () => list.map((v, i) => ({ ...v, name: `voice ${i}`, voiceURI: `voice-${i}`, default: i === 0 })),
      speak(u: Utterance) {
        const highlight = CSS.highlights.get('heard-read-aloud');
        spoken.push({ text: u.text, lang: u.lang, highlighted: highlight ? [...highlight].map((r) => r.toString().replace(/\s+/g, ' ').trim()) : [] });
        if (!endless) setTimeout(() => u.onend?.(), 20);
      },
      cancel() {
        const w = window as unknown as { cancelled?: number };
        w.cancelled = (w.cancelled ?? 0) + 1;
      },
      addEventListener() {},
    };
    Object.defineProperty(window, 'speechSynthesis', { value: synthesis, configurable: true });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
  }, [voices, options.endless ?? false] as const);
}

describe('read this to me', () => {
  const { browser, app } = useBrowserAndApp();

  it('reads the page sentence by sentence, highlighting each, and marks the contribution as read aloud', async () => {
    const context = await browser().newContext(preferences(app().url, { language: 'en' }));
    await fakeSpeech(context, [
      { lang: 'fr-FR', localService: true },
      { lang: 'en-GB', localService: true },
    ]);
    const page = await context.newPage();
    await page.goto(app().url + START);
    await page.getByRole('link', { name: 'Start now' }).first().waitFor();
    await page.getByRole('button', { name: 'Read this to me' }).click();
    await expect.poll(() => page.locator('.app-read-aloud__status').filter({ hasText: 'Finished reading.' }).count(), { timeout: 20_000 }).toBe(1);
    const spoken = await page.evaluate(() => (window as unknown as { spoken: Array<{ text: string; lang: string; highlighted: string[] }> }).spoken);
    const texts = spoken.map((s) => s.text);
    const first = 'This is a demonstration of Heard, with example questions.';
    const second = 'Allied health professionals are people like physiotherapists, paramedics, dietitians and speech and language therapists.';
    expect(texts).toContain('Allied Health Professions: have your say');
    expect(texts.indexOf(second)).toBe(texts.indexOf(first) + 1);
    // The English voice, never the French one, and the highlight moves with every sentence.
    expect(new Set(spoken.map((s) => s.lang))).toEqual(new Set(['en-GB']));
    for (const s of spoken) expect(s.highlighted).toEqual([s.text]);
    expect(spoken.length).toBeGreaterThan(15);
    // The control itself is not read out.
    expect(texts).not.toContain('Read this to me');

    await page.getByRole('link', { name: 'Start now' }).first().click();
    await answerEveryQuestion(page, 'listened');
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor();
    await expect.poll(async () => (await exportedRows(app())).length, { timeout: 30_000 }).toBeGreaterThan(0);
    const rows = await exportedRows(app());
    expect(new Set(rows.map((row) => `${row.easy_read} ${row.read_aloud}`))).toEqual(new Set(['no yes']));
    await context.close();
  });

  it('stops when asked, clearing the highlight', async () => {
    const context = await browser().newContext(preferences(app().url, { language: 'en' }));
    await fakeSpeech(context, [{ lang: 'en-GB', localService: true }], { endless: true });
    const page = await context.newPage();
    await page.goto(app().url + START);
    await page.getByRole('button', { name: 'Read this to me' }).click();
    await page.getByRole('button', { name: 'Stop reading' }).waitFor();
    expect(await page.evaluate(() => CSS.highlights.has('heard-read-aloud'))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    const before = await page.evaluate(() => (window as unknown as { cancelled: number }).cancelled);
    await page.getByRole('button', { name: 'Stop reading' }).click();
    await page.getByRole('button', { name: 'Read this to me' }).waitFor();
    expect(await page.evaluate(() => CSS.highlights.has('heard-read-aloud'))).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { cancelled: number }).cancelled)).toBe(before + 1);
    await context.close();
  });

  it('says clearly when the device has no voice for the language', async () => {
    const context = await browser().newContext(preferences(app().url, { language: 'en' }));
    await fakeSpeech(context, [{ lang: 'fr-FR', localService: true }]);
    const page = await context.newPage();
    await page.goto(app().url + START);
    await page.getByRole('button', { name: 'Read this to me' }).click();
    await expect.poll(() => page.locator('.app-read-aloud__status').filter({ hasText: 'This device has no voice for English' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { spoken: unknown[] }).spoken.length)).toBe(0);
    await context.close();
  });
});
