import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { API } from '../../src/shared/api';
import type { Contribution } from '../../src/shared/contribution';
import type { EngagementBundle, Prompt } from '../../src/shared/engagement';
import { WORKSPACE_API, type CodingPage, type DraftResponse, type Theme } from '../../src/shared/workspace-api';
import { ADMIN, useBrowserAndApp } from './harness';
import { axeViolations } from './axe';

const SLUG = 'ahp-strategy';

// Ten answers about three clear topics, in the order they arrive.
const BUS = [
  'The bus to the surgery only comes twice a day, we need more buses',
  'There is no bus from our village to the hospital, the bus route was cut',
  'Bus fares are too dear and the bus stop is a long walk away',
  'A bus straight to the clinic would help, the buses are always late',
];
const WAIT = [
  'Waiting weeks for an appointment, the waiting list is far too long',
  'The waiting time on the phone for an appointment is over an hour',
  'Shorter waiting lists and quicker appointments, waiting makes me worse',
];
const LANG = [
  'An interpreter at every appointment, my mum needs an interpreter for Punjabi',
  'Interpreters who speak my language, the interpreter did not turn up',
  'Please book an interpreter in advance so family do not have to interpret',
];
const ARRIVALS = [BUS[0], WAIT[0], BUS[1], LANG[0], WAIT[1], BUS[2], LANG[1], BUS[3], WAIT[2], LANG[2]];

/** The theme key (1, 2 or 3) an answer belongs to. */
function keyFor(text: string): string {
  if (BUS.includes(text)) return '1';
  if (WAIT.includes(text)) return '2';
  if (LANG.includes(text)) return '3';
  throw new Error(`not a seeded answer: ${text}`);
}

async function expectAxeClean(page: Page, heading: string | RegExp, what: string): Promise<void> {
  await expect.poll(() => page.locator('h1').first().innerText(), { message: `heading on ${page.url()}` }).toMatch(heading);
  expect(await axeViolations(page), `axe on ${what}`).toEqual([]);
}

describe('theme coding in the workspace', () => {
  const { browser, app } = useBrowserAndApp();

  it('codes ten contributions into three themes by keyboard and with the suggestion aid, marks a quote and sends the themes to the crowdsource phase', async () => {
    const url = app().url;
    const bundle = (await (await fetch(url + API.engagement(SLUG))).json()) as EngagementBundle;
    const start = Date.now() - 60_000;
    const items: Contribution[] = ARRIVALS.map((text, i) => ({
      id: randomUUID(),
      engagement: SLUG,
      phase: 'conversation',
      version: bundle.version,
      answers: [{ prompt: 'easier-support', text }],
      locale: 'en',
      route: { easyRead: false, readAloud: false, assisted: false, audio: false },
      channel: 'online',
      createdAt: new Date(start + i * 1000).toISOString(),
    }));
    const synced = await fetch(url + API.sync, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items }) });
    expect(((await synced.json()) as { receipts: Array<{ status: string }> }).receipts.map((r) => r.status)).toEqual(Array(10).fill('accepted'));

    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${url}/organiser`);
    await page.getByLabel('Email address').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Engagements' }).waitFor();

    // Two themes by hand; the first try has no name and gets the error summary.
    await page.goto(`${url}/organiser/engagements/${SLUG}/themes`);
    await expectAxeClean(page, 'Themes', 'the empty theme list');
    await page.getByRole('link', { name: 'Add a theme' }).click();
    await expectAxeClean(page, 'Add a theme', 'the theme form');
    await page.getByRole('button', { name: 'Add theme' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Name: is required' }).waitFor();
    expect(await axeViolations(page), 'axe on the theme form with an error').toEqual([]);
    await page.getByLabel('Name', { exact: true }).fill('Transport');
    await page.getByLabel('Picture code (optional)').fill('1F68C');
    await page.getByLabel('Easy-read name in English').fill('Buses and travel');
    await page.getByRole('button', { name: 'Add theme' }).click();
    await page.getByText('The theme “Transport” was added.').waitFor();
    await page.getByRole('link', { name: 'Add a theme' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Waiting times');
    await page.getByRole('button', { name: 'Add theme' }).click();
    await page.getByText('The theme “Waiting times” was added.').waitFor();
    await expectAxeClean(page, 'Themes', 'the theme list');

    // Code the first two answers by keyboard alone.
    await page.getByRole('link', { name: 'Code answers' }).click();
    await page.getByRole('heading', { name: 'Answer 1 of 10' }).waitFor();
    await expectAxeClean(page, 'Code answers', 'the coding page');
    // One question at a time: the list narrows to it (here every answer is to the same one).
    await page.getByLabel('Question').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Show answers' }).click();
    await page.waitForURL(/\/coding\?phase=[a-z0-9-]+&prompt=[a-z0-9-]+$/);
    await page.getByRole('heading', { name: 'Answer 1 of 10' }).waitFor();
    await expectAxeClean(page, 'Code answers', 'the coding page narrowed to one question');
    // 320 px wide: nothing scrolls sideways.
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.keyboard.press(keyFor(await page.locator('blockquote').innerText()));
    await page.getByText('Saved: answer 1 is coded to Transport.').waitFor();
    await page.keyboard.press('j');
    await page.getByRole('heading', { name: 'Answer 2 of 10' }).waitFor();
    await page.keyboard.press(keyFor(await page.locator('blockquote').innerText()));
    await page.getByText('Saved: answer 2 is coded to Waiting times.').waitFor();

    // The aid over the eight left: accept the interpreters' group under a better name.
    await page.getByRole('link', { name: 'Suggest themes' }).click();
    await page.getByRole('button', { name: 'Suggest themes' }).click();
    await page.getByText(/^Found \d+ groups? in 8 answers\.$/).waitFor();
    await expectAxeClean(page, 'Suggest themes', 'the suggestions');
    const group = page.locator('section', { hasText: LANG[0] });
    await group.getByLabel('Theme name').fill('Language support');
    await group.getByRole('button', { name: /^Accept/ }).click();
    await page.getByText(/^The theme “Language support” was added with \d+ contributions? coded to it\.$/).waitFor();
    const accepted = (await page.request.get(url + WORKSPACE_API.themes(SLUG)).then((r) => r.json())) as Theme[];
    const language = accepted.find((t) => t.name === 'Language support');
    expect(language?.count).toBeGreaterThanOrEqual(2);

    // The rest by keyboard, one answer after another, until none is left uncoded.
    await page.getByRole('link', { name: 'Code answers' }).click();
    const heading = page.getByRole('heading', { name: /^Answer 1 of \d+$/ });
    await heading.waitFor();
    const left = Number(/of (\d+)$/.exec(await heading.innerText())?.[1]);
    expect(left).toBe(10 - 2 - (language?.count ?? 0));
    for (let n = 1; n <= left; n++) {
      await page.getByRole('heading', { name: `Answer ${n} of ${left}` }).waitFor();
      const key = keyFor(await page.locator('blockquote').innerText());
      await page.keyboard.press(key);
      const name = ['Transport', 'Waiting times', 'Language support'][Number(key) - 1];
      await page.getByText(`Saved: answer ${n} is coded to ${name}.`).waitFor();
      await page.keyboard.press('j');
    }
    await page.getByText('That was the last answer.').waitFor();

    const themes = (await page.request.get(url + WORKSPACE_API.themes(SLUG)).then((r) => r.json())) as Theme[];
    expect(themes.map((t) => [t.name, t.count])).toEqual([['Transport', 4], ['Waiting times', 3], ['Language support', 3]]);
    const untagged = (await page.request.get(`${url}${WORKSPACE_API.coding(SLUG)}?filter=untagged`).then((r) => r.json())) as CodingPage;
    expect(untagged.total).toBe(0);
    const all = (await page.request.get(`${url}${WORKSPACE_API.coding(SLUG)}?filter=all`).then((r) => r.json())) as CodingPage;
    for (const item of all.items) expect(item.themes.map((id) => themes.findIndex((t) => t.id === id) + 1), item.text).toEqual([Number(keyFor(item.text))]);

    // A publishable quote, marked with "p" on the first transport answer.
    await page.getByRole('link', { name: 'Transport', exact: true }).click();
    await page.getByRole('heading', { name: 'Answer 1 of 4' }).waitFor();
    const quote = await page.locator('blockquote').innerText();
    await page.keyboard.press('p');
    await page.getByText('Saved: answer 1 is a publishable quote.').waitFor();
    expect(await page.getByLabel('Publishable quote').isChecked()).toBe(true);

    // Send the themes to the crowdsource phase: cards in the draft, the quote on its card.
    await page.getByRole('link', { name: 'Themes', exact: true }).click();
    await page.getByRole('button', { name: 'Send themes to the crowdsource phase' }).click();
    await page.getByText(/^3 theme cards are now in the draft of /).waitFor();
    await expectAxeClean(page, 'Themes', 'the theme list after sending');
    const draft = (await page.request.get(url + WORKSPACE_API.draft(SLUG)).then((r) => r.json())) as DraftResponse;
    const phase = draft.bundle.phases.find((p) => p.kind === 'crowdsource')!;
    const cards = phase.prompts.filter((p): p is Extract<Prompt, { kind: 'vote' }> => p.kind === 'vote' && p.theme !== undefined);
    expect(cards.map((c) => [c.id, c.text, c.comment])).toEqual([
      ['theme-transport', 'Transport', true],
      ['theme-waiting-times', 'Waiting times', true],
      ['theme-language-support', 'Language support', true],
    ]);
    expect(cards[0].quotes).toEqual([{ text: quote, locale: 'en' }]);
    expect(cards[0].picture).toBe('1F68C');
    expect(draft.bundle.easyRead.en.phases?.[phase.id]?.prompts?.['theme-transport']?.text).toBe('Buses and travel');
    // The phase's own questions stay after the cards.
    expect(phase.prompts.length).toBeGreaterThan(cards.length);
    expect(draft.draftChanged).toBe(true);
    await context.close();
  });
});
