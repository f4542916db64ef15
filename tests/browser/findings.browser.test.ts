import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { API } from '../../src/shared/api';
import type { Contribution } from '../../src/shared/contribution';
import type { EngagementBundle } from '../../src/shared/engagement';
import { normaliseReceiptCode, receiptCode } from '../../src/shared/receipt-code';
import { WORKSPACE_API, type FindingsDraft, type Published, type Theme } from '../../src/shared/workspace-api';
import { signInOrganiser } from '../server/workspace-client';
import { axeViolations } from './axe';
import { ADMIN, answerEveryQuestion, readStore, useBrowserAndApp, waitForServiceWorkerControl } from './harness';

const SLUG = 'ahp-strategy';

async function heading(page: Page): Promise<string> {
  return (await page.locator('h1').first().innerText()).trim();
}

async function expectAxeClean(page: Page, what: string): Promise<void> {
  expect(await axeViolations(page), `axe on ${what}`).toEqual([]);
}

/** Sets the person's language and easy read as the settings pages would, and reloads. */
async function choose(page: Page, preferences: { language: string; easyRead: boolean }): Promise<void> {
  await page.evaluate((value) => localStorage.setItem('heard:preferences', JSON.stringify(value)), preferences);
  await page.reload();
}

/** Types a receipt code into the page's form and returns the theme names it answers with. */
async function checkCode(page: Page, code: string): Promise<string[]> {
  await page.locator('#receipt-code').fill(code);
  await page.locator('form.app-receipt-form button[type=submit]').click();
  const result = page.locator('#receipt-result-heading');
  await result.waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('receipt-result-heading');
  return page.locator('.app-receipt-themes li').allInnerTexts();
}

describe('"you said, we heard" and receipt codes', () => {
  const { browser, app } = useBrowserAndApp();

  it('a participant reads their code, the organiser codes and publishes, and the code shows exactly their themes in every mode, offline too', async () => {
    const url = app().url;
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${url}/e/${SLUG}`);
    expect(await waitForServiceWorkerControl(page)).toBe(true);
    // Nothing published yet: no link to the page.
    await expect.poll(() => heading(page)).not.toBe('');
    expect(await page.getByRole('link', { name: 'You said, we heard: see what we found' }).count()).toBe(0);

    // The participant takes part and reads the receipt code off the confirmation page.
    await page.getByRole('link', { name: 'Start now' }).first().click();
    await answerEveryQuestion(page, 'findings');
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await expect.poll(() => heading(page)).toBe('Thank you');
    await page.getByRole('heading', { name: 'Your receipt code' }).waitFor();
    const code = page.locator('.app-receipt__code');
    await expect.poll(() => code.getAttribute('data-receipt-code')).toMatch(/^[0-9A-Z]{4}-/);
    const shown = await code.innerText();
    const typedCode = normaliseReceiptCode(shown);
    expect(typedCode, `the code as shown: ${shown}`).toBeDefined();
    expect(await code.getAttribute('dir')).toBe('ltr');
    await expectAxeClean(page, 'the confirmation page with its receipt code');

    // It reaches the server, and the code is the one the server will compute from the id.
    await expect.poll(async () => (await readStore<{ id: string }>(page, 'ledger')).length, { timeout: 20_000 }).toBe(1);
    const [delivered] = await readStore<{ id: string }>(page, 'ledger');
    expect(await receiptCode(delivered!.id)).toBe(typedCode);

    // Someone else's contribution, coded to a third theme, with a publishable quote in Arabic.
    const bundle = (await (await fetch(url + API.engagement(SLUG))).json()) as EngagementBundle;
    const other: Contribution = {
      id: randomUUID(), engagement: SLUG, phase: 'conversation', version: bundle.version,
      answers: [{ prompt: 'easier-support', text: 'مواعيد في المساء بعد العمل' }],
      locale: 'ar', route: { easyRead: false, readAloud: false, assisted: false, audio: false }, channel: 'online', createdAt: new Date().toISOString(),
    };
    const sync = await fetch(url + API.sync, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items: [other] }) });
    expect(sync.status).toBe(200);

    // The organiser codes through the coding API and publishes the page.
    const owner = await signInOrganiser(url, ADMIN);
    const travel = await owner.json<Theme>('POST', WORKSPACE_API.themes(SLUG), {
      name: 'Getting to services', picture: '1F68C',
      names: { ar: { name: 'الوصول إلى الخدمات' } },
      easyRead: { en: { name: 'Getting there', picture: '1F68C' }, ar: { name: 'الوصول', picture: '1F68C' } },
    }, 201);
    const waiting = await owner.json<Theme>('POST', WORKSPACE_API.themes(SLUG), { name: 'Waiting times', picture: '23F3', names: { ar: { name: 'أوقات الانتظار' } } }, 201);
    const evenings = await owner.json<Theme>('POST', WORKSPACE_API.themes(SLUG), { name: 'Evening appointments', names: { ar: { name: 'مواعيد المساء' } } }, 201);
    await owner.json('PUT', WORKSPACE_API.contributionThemes(SLUG, delivered!.id), { themes: [travel.id, waiting.id] });
    await owner.json('PUT', WORKSPACE_API.contributionThemes(SLUG, other.id), { themes: [evenings.id] });
    await owner.json('PUT', WORKSPACE_API.quote(SLUG, other.id, 0), { publishable: true });
    const draft: FindingsDraft = {
      intro: 'We read every answer and grouped them into themes.',
      next: 'The strategy board decides what to change in the spring.',
      translations: { ar: { intro: 'قرأنا كل الإجابات وجمعناها في مواضيع.', next: 'سيقرر المجلس ما يجب تغييره في الربيع.' } },
      easyRead: {
        en: { intro: [{ text: 'We read all your answers.', picture: '1F4D6' }], next: [{ text: 'In spring we will decide what to change.', picture: '1F4C5' }] },
        ar: { intro: [{ text: 'قرأنا كل إجاباتكم.', picture: '1F4D6' }] },
      },
      themes: [
        { id: travel.id, quotes: [] },
        { id: waiting.id, quotes: [] },
        { id: evenings.id, quotes: [{ contribution: other.id, position: 0 }] },
      ],
    };
    await owner.json('PUT', WORKSPACE_API.findingsDraft(SLUG), draft);
    const published = await owner.json<Published>('POST', WORKSPACE_API.findingsPublish(SLUG), {}, 201);
    expect(published.version).toBe(1);

    // The organiser's screen shows what is published and previews the next version; axe-clean.
    const organiser = await browser().newContext();
    const workspace = await organiser.newPage();
    await workspace.goto(`${url}/organiser`);
    await workspace.getByLabel('Email address').fill(ADMIN.email);
    await workspace.getByLabel('Password').fill(ADMIN.password);
    await workspace.getByRole('button', { name: 'Sign in' }).click();
    await workspace.getByRole('link', { name: /Create an engagement/ }).waitFor();
    await workspace.goto(`${url}/organiser/engagements/${SLUG}/findings`);
    await workspace.getByText('Published version 1.').waitFor();
    expect(await workspace.getByRole('checkbox', { name: 'Show “Evening appointments”' }).isChecked()).toBe(true);
    await expectAxeClean(workspace, 'the workspace screen');
    await workspace.getByRole('button', { name: 'Preview' }).click();
    await workspace.getByRole('heading', { name: 'Preview of version 2' }).waitFor();
    await expectAxeClean(workspace, 'the workspace preview');
    await organiser.close();

    // The start page now links to the page.
    await page.goto(`${url}/e/${SLUG}`);
    await page.getByRole('link', { name: 'You said, we heard: see what we found' }).click();
    await expect.poll(() => heading(page)).toBe('You said, we heard');
    expect(await page.locator('.app-findings-theme h3').allInnerTexts()).toEqual(['Getting to services', 'Waiting times', 'Evening appointments']);
    expect(await page.getByText('Fewer than 10 contributions').count()).toBe(3);
    const quote = page.locator('blockquote', { hasText: 'مواعيد في المساء' });
    expect(await quote.getAttribute('lang')).toBe('ar');
    // The person types the code the way people do.
    expect(await checkCode(page, shown.toLowerCase())).toEqual(['Getting to services', 'Waiting times']);
    expect(await page.locator('#receipt-code').getAttribute('autocomplete')).toBe('off');
    expect(await page.locator('#receipt-code').getAttribute('spellcheck')).toBe('false');
    await expectAxeClean(page, 'the page with a checked code');
    await page.locator('#receipt-code').fill('not a code');
    await page.locator('form.app-receipt-form button[type=submit]').click();
    await page.getByRole('alert').waitFor();
    await expectAxeClean(page, 'the page with an error');

    // In easy read: easy-read names with their pictures before the words.
    await choose(page, { language: 'en', easyRead: true });
    await expect.poll(() => heading(page)).toBe('You said, we heard');
    await page.locator('.app-findings-theme h3', { hasText: 'Getting there' }).waitFor();
    const easyName = page.locator('.app-findings-theme h3').first();
    const [picture, words] = [await easyName.locator('img').boundingBox(), await easyName.locator('span').boundingBox()];
    expect(picture!.x).toBeLessThan(words!.x);
    expect(await page.locator('.app-ideas').first().innerText()).toContain('We read all your answers.');
    expect(await checkCode(page, typedCode!)).toEqual(['Getting there', 'Waiting times']);
    await expectAxeClean(page, 'the page in easy read');

    // In Arabic: right to left, Arabic names, the picture to the right of the words in easy read.
    await choose(page, { language: 'ar', easyRead: false });
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByText('قرأنا كل الإجابات وجمعناها في مواضيع.').waitFor();
    expect(await page.locator('.app-findings-theme h3').allInnerTexts()).toEqual(['الوصول إلى الخدمات', 'أوقات الانتظار', 'مواعيد المساء']);
    expect(await checkCode(page, typedCode!)).toEqual(['الوصول إلى الخدمات', 'أوقات الانتظار']);
    await expectAxeClean(page, 'the page in Arabic');
    await choose(page, { language: 'ar', easyRead: true });
    await page.locator('.app-findings-theme h3', { hasText: 'الوصول' }).first().waitFor();
    const arabicName = page.locator('.app-findings-theme h3').first();
    expect(await arabicName.innerText()).toBe('الوصول');
    const [arPicture, arWords] = [await arabicName.locator('img').boundingBox(), await arabicName.locator('span').boundingBox()];
    expect(arPicture!.x).toBeGreaterThan(arWords!.x);
    await expectAxeClean(page, 'the page in Arabic easy read');

    // Offline, a reload still shows the page kept on the device, and says when it was last updated.
    await choose(page, { language: 'en', easyRead: false });
    await page.locator('.app-findings-theme h3').first().waitFor();
    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => heading(page)).toBe('You said, we heard');
    await page.getByText(/You are offline\. This page was last updated on this device on/).waitFor();
    expect(await page.locator('.app-findings-theme h3').allInnerTexts()).toEqual(['Getting to services', 'Waiting times', 'Evening appointments']);
    await page.locator('#receipt-code').fill(typedCode!);
    await page.locator('form.app-receipt-form button[type=submit]').click();
    await page.getByRole('alert').getByText('You need a connection to check a code. Please try again when you are online.').waitFor();
    await expectAxeClean(page, 'the page offline');
    await context.close();
  });
});
