// The check-and-challenge deck in real Chromium: two people vote offline on their own
// devices (one changes their mind before syncing), both come back online, and the server
// holds exactly one vote per person per statement; a later run on the same device adds
// nothing; a statement withdrawn meanwhile keeps the votes cast from the older version; and the
// deck is axe-clean in easy read and in Arabic.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { WORKSPACE_API, type DraftResponse } from '../../src/shared/workspace-api';
import { signInOrganiser } from '../server/workspace-client';
import { axeViolations } from './axe';
import { parse } from 'csv-parse/sync';
import { API } from '../../src/shared/api';
import { ADMIN, organiserCookie, readStore, useBrowserAndApp, waitForServiceWorkerControl, type RunningApp } from './harness';

const SLUG = 'ahp-strategy';
const PHASE = 'check';
const STATEMENTS = ['theme-easier-access', 'theme-joined-up-care', 'theme-higher-profile', 'theme-right-time', 'theme-identity-careers'];
const MISSING = 'whats-missing';
const VOTE_NAMES = { agree: 'Agree', disagree: 'Disagree', unsure: 'Not sure' } as const;
type Vote = keyof typeof VOTE_NAMES;

const statementPath = (app: RunningApp, id: string) => `${app.url}/e/${SLUG}/${PHASE}/${id}`;
const path = (page: Page) => new URL(page.url()).pathname;

/** A device that has visited the engagement once online, so it works offline from then on. */
async function visitedDevice(app: RunningApp, context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${app.url}/e/${SLUG}`);
  await page.locator('main h1').waitFor();
  expect(await waitForServiceWorkerControl(page)).toBe(true);
  return page;
}

/** Opens the check phase from the engagement page and votes through the deck; ends on "what is missing?". */
async function voteThroughDeck(page: Page, votes: Array<Vote | 'skip'>, total = votes.length): Promise<void> {
  await page.locator('section[aria-labelledby="phase-check"] a.govuk-button--start').click();
  for (const [i, vote] of votes.entries()) {
    await page.getByText(`Statement ${i + 1} of ${total}`).waitFor();
    const here = path(page);
    if (vote === 'skip') await page.getByRole('link', { name: 'Skip this statement' }).click();
    else await page.getByRole('group').getByRole('button', { name: VOTE_NAMES[vote], exact: true }).click();
    await page.waitForFunction((previous) => location.pathname !== previous, here);
  }
  await page.getByRole('textbox', { name: /What is missing\?/ }).waitFor();
}

/** Answers (or leaves blank) "what is missing?" and sends it from check-your-answers. */
async function finish(page: Page, missing: string): Promise<void> {
  if (missing) await page.getByRole('textbox', { name: /What is missing\?/ }).fill(missing);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
}

// One sign-in for the whole file: sign-ins are rate-limited, and the tests poll the export.
let cookie: Promise<string> | undefined;

/** The check phase's rows of the organiser's CSV export. */
async function checkRows(app: RunningApp): Promise<Array<Record<string, string>>> {
  cookie ??= organiserCookie(app);
  const response = await fetch(app.url + API.contributionsCsv(SLUG), { headers: { cookie: await cookie } });
  if (!response.ok) throw new Error(`CSV export failed: ${response.status}`);
  const rows = parse(await response.text(), { columns: true, bom: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  return rows.filter((row) => row.phase === PHASE);
}

const POLL = { timeout: 30_000, interval: 500 };

describe('the check-and-challenge deck, offline, with two participants', () => {
  const { browser, app } = useBrowserAndApp();

  it('keeps exactly one vote per person per statement, whatever they change or repeat', async () => {
    const contexts = [await browser().newContext(), await browser().newContext()];
    const [pageA, pageB] = [await visitedDevice(app(), contexts[0]!), await visitedDevice(app(), contexts[1]!)];
    for (const context of contexts) await context.setOffline(true);

    // Person A agrees with everything, then changes their mind on statement 2 before syncing.
    await voteThroughDeck(pageA, ['agree', 'agree', 'agree', 'agree', 'agree']);
    // A deck page opened by its address with no connection: the service worker serves it.
    await pageA.goto(statementPath(app(), STATEMENTS[1]!));
    await pageA.getByText('Your answer: Agree. You can change it.').waitFor();
    await pageA.getByRole('group').getByRole('button', { name: 'Disagree', exact: true }).click();
    await pageA.getByText('Statement 3 of 5').waitFor();
    await pageA.goto(statementPath(app(), MISSING));
    await finish(pageA, 'Person A: transport to appointments');

    // Person B is not sure about anything, and says what is missing too.
    await voteThroughDeck(pageB, ['unsure', 'unsure', 'unsure', 'unsure', 'unsure']);
    await finish(pageB, 'Person B: help for carers');

    // Still offline: each device holds five votes (one entry per statement) and one answer.
    const queuedA: unknown[] = [];
    for (const page of [pageA, pageB]) {
      const outbox = await readStore<{ payload: { id: string; answers: Array<{ prompt: string }> } }>(page, 'outbox');
      expect(outbox).toHaveLength(6);
      expect(outbox.map((entry) => entry.payload.answers.map((a) => a.prompt).join()).sort()).toEqual([...STATEMENTS, MISSING].sort());
      if (page === pageA) queuedA.push(...outbox.map((entry) => entry.payload));
    }
    expect(await checkRows(app())).toHaveLength(0);

    // Back online: both send by themselves.
    for (const context of contexts) await context.setOffline(false);
    await expect.poll(async () => (await checkRows(app())).length, POLL).toBe(12);
    const rows = await checkRows(app());
    for (const [i, statement] of STATEMENTS.entries()) {
      const votes = rows.filter((row) => row.prompt === statement);
      expect(new Set(votes.map((row) => row.contribution_id)).size, statement).toBe(2);
      expect(votes.map((row) => row.answer).sort(), statement).toEqual(i === 1 ? ['disagree', 'unsure'] : ['agree', 'unsure']);
    }
    expect(rows.filter((row) => row.prompt === MISSING).map((row) => row.answer).sort()).toEqual(['Person A: transport to appointments', 'Person B: help for carers']);
    // Every vote is a contribution of its own: ten votes, two answers to "what is missing?".
    expect(new Set(rows.map((row) => row.contribution_id)).size).toBe(12);

    // A third run on device A after syncing: each vote shows as sent and is not cast again.
    await pageA.goto(`${app().url}/e/${SLUG}`);
    await pageA.locator('section[aria-labelledby="phase-check"] a.govuk-button--start').click();
    for (const [i, vote] of ['Agree', 'Disagree', 'Agree', 'Agree', 'Agree'].entries()) {
      await pageA.getByText(`Statement ${i + 1} of 5`).waitFor();
      await pageA.getByText(`Your answer: ${vote}. It has already been sent, so it cannot be changed.`).waitFor();
      expect(await pageA.getByRole('group').count()).toBe(0);
      const here = path(pageA);
      await pageA.getByRole('button', { name: 'Continue' }).click();
      await pageA.waitForFunction((previous) => location.pathname !== previous, here);
    }
    await finish(pageA, '');
    await expect.poll(async () => (await readStore(pageA, 'outbox')).length).toBe(0);
    expect(await checkRows(app())).toHaveLength(12);

    // Device A sends everything it queued once more (a reply lost on the way back): all duplicates.
    const replay = await pageA.evaluate(async (items) => {
      const response = await fetch('/api/sync', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items }) });
      return ((await response.json()) as { receipts: Array<{ status: string }> }).receipts.map((receipt) => receipt.status);
    }, queuedA);
    expect(replay).toEqual(Array(6).fill('duplicate'));
    expect(await checkRows(app())).toHaveLength(12);
    for (const context of contexts) await context.close();
  });

  it('keeps a vote for a statement withdrawn in a newer version while the device held the older one', async () => {
    const context = await browser().newContext();
    const page = await visitedDevice(app(), context);
    const withdrawn = STATEMENTS[3]!;
    const before = (await checkRows(app())).filter((row) => row.prompt === withdrawn).length;
    await context.setOffline(true);

    // Meanwhile the organisers withdraw statement 4 and publish.
    const organiser = await signInOrganiser(app().url, ADMIN);
    const { bundle } = await organiser.json<DraftResponse>('GET', WORKSPACE_API.draft(SLUG));
    const oldVersion = bundle.version - 1;
    const check = bundle.phases.find((phase) => phase.id === PHASE);
    const statement = check?.prompts.find((prompt) => prompt.id === withdrawn);
    if (statement?.kind !== 'vote') throw new Error(`No statement ${withdrawn}`);
    statement.withdrawn = true;
    await organiser.json('PUT', WORKSPACE_API.draft(SLUG), bundle);
    await organiser.json('POST', WORKSPACE_API.publish(SLUG), {});

    // The device still has the older version: it shows all five and votes on each.
    await voteThroughDeck(page, ['agree', 'agree', 'agree', 'disagree', 'agree']);
    await finish(page, '');
    await context.setOffline(false);
    await expect.poll(async () => (await checkRows(app())).filter((row) => row.prompt === withdrawn).length, POLL).toBe(before + 1);
    // Only this device disagreed with it (the first test's people agreed or were not sure).
    const kept = (await checkRows(app())).filter((row) => row.prompt === withdrawn && row.answer === 'disagree');
    expect(kept.map((row) => Number(row.version))).toEqual([oldVersion]);

    // A device that gets the new version sees four statements and never the withdrawn one.
    const fresh = await browser().newContext();
    const freshPage = await fresh.newPage();
    await freshPage.goto(`${app().url}/e/${SLUG}`);
    await freshPage.locator('section[aria-labelledby="phase-check"] a.govuk-button--start').click();
    await freshPage.getByText('Statement 1 of 4').waitFor();
    await freshPage.goto(statementPath(app(), withdrawn));
    await freshPage.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await fresh.close();
    await context.close();
  });

  for (const [name, preferences] of [
    ['easy read', { language: 'en', easyRead: true }],
    ['Arabic', { language: 'ar' }],
    ['Arabic easy read', { language: 'ar', easyRead: true }],
  ] as const) {
    it(`is axe-clean in ${name}, with 44 px targets and no sideways scroll at 320 px`, async () => {
      const origin = app().url;
      const context = await browser().newContext({
        viewport: { width: 320, height: 640 },
        storageState: { cookies: [], origins: [{ origin, localStorage: [{ name: 'heard:preferences', value: JSON.stringify(preferences) }] }] },
      });
      const page = await context.newPage();
      await page.goto(statementPath(app(), STATEMENTS[0]!));
      const votes = page.locator('.app-deck__vote');
      await votes.first().waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(preferences.language);
      if ('easyRead' in preferences) expect(await page.locator('.app-deck__vote img').count()).toBe(3);
      const problems: Record<string, unknown> = {};
      const look = async (where: string) => {
        const violations = await axeViolations(page);
        if (violations.length) problems[where] = violations;
        const layout = await page.evaluate(() => {
          const small = [...document.querySelectorAll<HTMLElement>('main a[href], main button')]
            .map((element) => ({ element, box: element.getBoundingClientRect() }))
            .filter(({ element, box }) => box.width > 1 && getComputedStyle(element).display !== 'inline' && (box.width < 44 || box.height < 44))
            .map(({ element, box }) => `${element.textContent?.trim()} ${Math.round(box.width)}×${Math.round(box.height)}`);
          return { small, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth };
        });
        if (layout.small.length) problems[`${where} (targets under 44 px)`] = layout.small;
        if (layout.overflow > 0) problems[`${where} (sideways scroll)`] = layout.overflow;
      };
      await look('statement');
      // Vote, come back: the earlier vote shows.
      await votes.first().click();
      await page.waitForFunction((first) => !location.pathname.endsWith(first), STATEMENTS[0]!);
      await page.goBack();
      await page.locator('.app-deck__earlier').waitFor();
      await look('statement with the earlier vote');
      await context.close();
      expect(problems).toEqual({});
    });
  }
});
