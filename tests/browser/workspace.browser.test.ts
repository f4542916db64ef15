import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, DIST, answerEveryQuestion, exportedRows, readStore, useBrowserAndApp, waitForServiceWorkerControl } from './harness';
import { axeViolations } from './axe';

const SLUG = 'park-views';
const TITLE = 'Parks near you';
const WELSH_TITLE = 'Parciau yn agos atoch chi';

/** Axe on the screen the page shows now, after its heading has rendered. */
async function expectAxeClean(page: Page, heading: string | RegExp): Promise<void> {
  await expect
    .poll(() => page.locator('h1').first().innerText(), { message: `heading on ${page.url()}` })
    .toMatch(heading)
    .catch(async (error: Error) => {
      throw new Error(`${error.message}\nThe page said: ${await page.locator('main').innerText()}`);
    });
  expect(await axeViolations(page), `axe on "${String(heading)}"`).toEqual([]);
}

async function fillUnit(page: Page, label: string, index: number, text: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).nth(index).fill(text);
}

describe("the organisers' workspace, end to end", () => {
  const { browser, app } = useBrowserAndApp();

  it('is built as chunks of its own that the service worker does not precache', () => {
    const worker = readFileSync(join(DIST, 'sw.js'), 'utf8');
    expect(worker).toContain('assets/index-');
    expect(worker).not.toContain('assets/workspace-');
  });

  it('authors, translates, previews and publishes an engagement; moderates and counts what a participant sent offline', async () => {
    const organiser = await browser().newContext();
    const page = await organiser.newPage();
    await page.goto(`${app().url}/organiser`);

    // Sign in, as a password manager would: fill both fields.
    await expectAxeClean(page, 'Sign in to the Heard workspace');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Enter your email address' }).waitFor();
    expect(await axeViolations(page), 'axe on the sign-in error summary').toEqual([]);
    await page.getByLabel('Email address').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectAxeClean(page, 'Engagements');

    // Create an engagement: the server starts a draft with one phase and one question.
    await page.getByRole('link', { name: 'Create an engagement' }).click();
    await expectAxeClean(page, 'Create an engagement');
    await page.getByLabel('Title').fill(TITLE);
    await page.getByLabel('Web address name').fill(SLUG);
    await page.getByLabel('Organisation').fill('Town Council');
    await page.getByLabel('Introduction').fill('Tell us what you think about parks. Your answers are anonymous.');
    await page.getByRole('button', { name: 'Create engagement' }).click();
    await expectAxeClean(page, `Questions: ${TITLE}`);

    // Two questions: the starter text question, and a choice question added here.
    await page.getByLabel('Question', { exact: true }).first().fill('What would make parks better?');
    await page.getByRole('button', { name: /^Add a question to/ }).click();
    await page.getByLabel('Kind of answer').nth(1).selectOption('choice');
    await page.getByLabel('Question', { exact: true }).nth(1).fill('Do you visit a park each week?');
    await page.getByLabel('Picture code (optional)').first().fill('1F333');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved').waitFor();
    expect(await axeViolations(page), 'axe on the edited draft').toEqual([]);

    // Welsh: add the language, then translate every text beside the English.
    await page.getByRole('link', { name: 'Languages and easy read' }).click();
    await expectAxeClean(page, 'Languages and easy read');
    await page.getByLabel('Add a language').selectOption('cy');
    await page.getByRole('button', { name: 'Add language' }).click();
    await expectAxeClean(page, 'Welsh: translation and easy read');
    const welsh = page.locator('textarea[id$="-translation"]');
    const count = await welsh.count();
    expect(count).toBe(8);
    for (let i = 0; i < count; i++) await welsh.nth(i).fill(i === 0 ? WELSH_TITLE : `Testun Cymraeg ${i}.`);
    await expect.poll(() => page.locator('#completeness').innerText()).toMatch(/^Welsh: 50 %, 8 easy-read texts missing, 0 translations missing/);
    await page.getByRole('button', { name: 'Save Welsh' }).click();
    await page.getByText('Draft saved').waitFor();

    // English easy read, with its reading ease shown as the organiser types.
    await page.goto(`${app().url}/organiser/engagements/${SLUG}/languages/en`);
    await expectAxeClean(page, 'English: translation and easy read');
    await fillUnit(page, 'English easy read: Title', 0, 'Parks near you');
    await fillUnit(page, 'English easy read: Introduction', 0, '1F333 Tell us about parks.\n1F512 We do not ask your name.');
    await fillUnit(page, 'English easy read: Phase title', 0, 'Talk to us');
    await fillUnit(page, 'English easy read: Phase introduction', 0, '1F4AC Some questions for you.');
    await fillUnit(page, 'English easy read: Question', 0, 'What would make parks better?');
    await fillUnit(page, 'English easy read: Question', 1, 'Do you go to a park each week?');
    await fillUnit(page, 'English easy read: Choice', 0, 'Yes');
    await fillUnit(page, 'English easy read: Choice', 1, 'No');
    await expect.poll(() => page.getByText(/Easy-read reading ease: \d+/).innerText()).toMatch(/0 sentences have more than 15 words/);
    await page.getByRole('button', { name: 'Save English' }).click();
    await page.getByText('Draft saved').waitFor();
    await page.getByRole('link', { name: 'Languages and easy read' }).click();
    await page.getByRole('link', { name: 'English: 100 %' }).waitFor();

    // Preview in easy-read Welsh, in a tab of its own, before anything is published.
    await page.getByRole('link', { name: 'Preview and publish' }).click();
    await expectAxeClean(page, 'Preview and publish');
    const [preview] = await Promise.all([organiser.waitForEvent('page'), page.getByRole('link', { name: /^Preview Welsh easy read/ }).click()]);
    await expect.poll(() => preview.locator('h1').first().innerText()).toBe(WELSH_TITLE);
    expect(await preview.evaluate(() => document.documentElement.lang)).toBe('cy');
    await preview.getByText('Preview: answers are not sent').waitFor();
    expect(await axeViolations(preview), 'axe on the Welsh easy-read preview').toEqual([]);
    await preview.close();
    expect((await fetch(`${app().url}/api/engagements/${SLUG}`)).status).toBe(404);

    // A preview walks the whole journey, but its answers are never queued or sent.
    const [walk] = await Promise.all([organiser.waitForEvent('page'), page.getByRole('link', { name: /^Preview English\b/ }).first().click()]);
    const synced: string[] = [];
    walk.on('request', (request) => {
      if (request.url().includes('/api/sync')) synced.push(request.url());
    });
    await expect.poll(() => walk.locator('h1').first().innerText()).toBe(TITLE);
    await walk.getByRole('link', { name: 'Start now' }).first().click();
    await answerEveryQuestion(walk, 'preview');
    await walk.getByRole('button', { name: 'Send my answers' }).click();
    await expect.poll(() => new URL(walk.url()).pathname).toBe(`/e/${SLUG}/conversation/done`);
    expect(await readStore(walk, 'outbox')).toEqual([]);
    expect(synced).toEqual([]);
    await walk.close();

    await page.getByRole('button', { name: 'Publish the draft' }).click();
    await page.getByText('Published as version 1').waitFor();
    expect(await axeViolations(page), 'axe after publishing').toEqual([]);

    // Nothing counted yet.
    await page.getByRole('link', { name: 'Reach' }).click();
    await expectAxeClean(page, 'Reach');
    expect(await page.locator('#total-contributions').innerText()).toBe('0');

    // A participant on another device answers with no signal, then syncs.
    const device = await browser().newContext();
    const fetched: string[] = [];
    device.on('request', (request) => void fetched.push(new URL(request.url()).pathname));
    const participant = await device.newPage();
    await participant.goto(`${app().url}/e/${SLUG}`);
    await expect.poll(() => participant.locator('h1').innerText()).toBe(TITLE);
    expect(await waitForServiceWorkerControl(participant)).toBe(true);
    await device.setOffline(true);
    await participant.reload();
    await expect.poll(() => participant.locator('h1').innerText()).toBe(TITLE);
    await participant.getByRole('link', { name: 'Start now' }).first().click();
    const typed = await answerEveryQuestion(participant, 'parks');
    expect(typed).toHaveLength(1);
    await participant.getByRole('button', { name: 'Send my answers' }).click();
    await participant.getByText('Your answers are saved on this device').waitFor();
    await device.setOffline(false);
    await expect.poll(() => participant.locator('body').innerText(), { timeout: 30_000 }).toMatch(/Your answers have been sent|All answers sent/);
    await device.close();
    // The participant's device (page and service worker) never fetched any of the workspace.
    expect(fetched.some((path) => path.startsWith('/assets/'))).toBe(true);
    expect(fetched.filter((path) => path.startsWith('/assets/workspace-'))).toEqual([]);

    // Moderation: the answer is there; hide it with a reason.
    await page.getByRole('link', { name: 'Moderation' }).click();
    await expectAxeClean(page, 'Moderation');
    const item = page.locator('li.app-ws-item', { hasText: typed[0] as string });
    await item.waitFor();
    await item.getByRole('button', { name: 'Hide answer' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Enter why this answer is hidden' }).waitFor();
    await item.getByLabel('Reason for hiding').fill('Test answer, not a real view');
    await item.getByRole('button', { name: 'Hide answer' }).click();
    await page.getByText('Answer hidden.').waitFor();
    await page.getByRole('link', { name: 'See who hid or showed answers (audit log)' }).click();
    await expectAxeClean(page, 'Audit log');
    expect(await page.locator('table').innerText()).toContain('Test answer, not a real view');

    // The dashboard counts it (as "<10": one person must not be singled out), hidden too.
    await page.getByRole('link', { name: 'Reach' }).click();
    await expectAxeClean(page, 'Reach');
    await expect.poll(() => page.locator('#total-contributions').innerText()).toBe('<10');
    expect(await page.locator('#hidden-answers').innerText()).toBe('<10');
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThan(0);
    const charts = await page.locator('figure.app-ws-chart').count();
    expect(await page.locator('figure.app-ws-chart table').count()).toBe(charts - (await page.locator('figure.app-ws-chart', { hasText: 'Nothing yet.' }).count()));

    // Exports and organisers screens, axe-clean too.
    await page.getByRole('link', { name: 'Exports' }).click();
    await expectAxeClean(page, 'Exports');
    await page.getByRole('link', { name: 'Organisers' }).click();
    await expectAxeClean(page, 'Organisers');

    // Invite an analyst, who chooses a password from the one-time link and can read but not edit.
    await page.getByLabel('Email address').fill('analyst@example.org');
    await page.getByLabel('Role').selectOption('analyst');
    await page.getByRole('button', { name: 'Create invitation' }).click();
    const link = await page.locator('.app-ws-notice code').innerText();
    expect(await axeViolations(page), 'axe with an invitation made').toEqual([]);
    const invitee = await browser().newContext();
    const analyst = await invitee.newPage();
    await analyst.goto(link);
    await expectAxeClean(analyst, 'Choose a password for the Heard workspace');
    await analyst.getByLabel('Email address').fill('analyst@example.org');
    await analyst.getByLabel('New password').fill('a long enough analyst passphrase');
    await analyst.getByRole('button', { name: 'Set password and sign in' }).click();
    await expectAxeClean(analyst, 'Engagements');
    expect(await analyst.getByText('Signed in as analyst@example.org (analyst)').count()).toBe(1);
    expect(await analyst.getByRole('link', { name: 'Create an engagement' }).count()).toBe(0);
    await analyst.getByRole('link', { name: TITLE }).click();
    await expectAxeClean(analyst, `Questions: ${TITLE}`);
    expect(await analyst.getByRole('button', { name: 'Save draft' }).count()).toBe(0);
    await analyst.getByRole('link', { name: 'Moderation' }).click();
    await analyst.getByRole('link', { name: /^Hidden/ }).click();
    await analyst.locator('li.app-ws-item', { hasText: typed[0] as string }).waitFor();
    expect(await analyst.getByRole('button', { name: /Show answer again|Hide answer/ }).count()).toBe(0);
    await invitee.close();

    // The CSV holds the answer, hidden, with its reason and version.
    const rows = (await exportedRows(app(), SLUG)).filter((row) => row.answer === typed[0]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ hidden: 'yes', hidden_reason: 'Test answer, not a real view' });

    // Signing out ends the session.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expectAxeClean(page, 'Sign in to the Heard workspace');
    await organiser.close();
  });

  it('has no horizontal scroll at 320 px on the busiest screens', async () => {
    const context = await browser().newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${app().url}/organiser`);
    await page.getByLabel('Email address').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectAxeClean(page, 'Engagements');
    for (const path of ['', '/languages/en', '/dashboard', '/moderation', '/exports']) {
      await page.goto(`${app().url}/organiser/engagements/ahp-strategy${path}`);
      await page.waitForLoadState('networkidle');
      await expect.poll(() => page.locator('main').innerText()).not.toContain('Loading…');
      expect(await page.locator('main .govuk-error-summary').count(), `no error on ${path || 'the editor'}`).toBe(0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `horizontal scroll on ${path || 'the editor'}`).toBeLessThanOrEqual(0);
      expect(await axeViolations(page), `axe at 320 px on ${path || 'the editor'}`).toEqual([]);
    }
    await context.close();
  });
});
