import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { API } from '../../src/shared/api';
import type { Contribution, SyncResponse } from '../../src/shared/contribution';
import type { EngagementBundle } from '../../src/shared/engagement';
import { CSRF_HEADER, WORKSPACE_API, type DraftResponse, type SessionInfo, type Theme } from '../../src/shared/workspace-api';
import { ADMIN, useBrowserAndApp } from './harness';
import { axeViolations } from './axe';

const SLUG = 'ahp-strategy';
const NO_ROUTE = { easyRead: false, readAloud: false, assisted: false, audio: false };
type Route = Contribution['route'];

/** The organiser API as a script would call it: session cookie, CSRF token on changes. */
async function organiserApi(url: string) {
  const response = await fetch(url + WORKSPACE_API.session, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await response.json()) as SessionInfo;
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { cookie, [CSRF_HEADER]: csrfToken };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const answer = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`);
    return (await answer.json()) as T;
  };
}

async function sync(url: string, items: Contribution[]): Promise<void> {
  const response = await fetch(url + API.sync, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items }) });
  const body = (await response.json()) as SyncResponse;
  expect(body.receipts.map((r) => r.status)).toEqual(items.map(() => 'accepted'));
}

async function expectAxeClean(page: Page, what: string): Promise<void> {
  expect(await axeViolations(page), `axe on ${what}`).toEqual([]);
}

describe('results per statement and themes by route, end to end', () => {
  const { browser, app } = useBrowserAndApp();

  it('counts deck votes and coded contributions from people taking part in different ways, and shows them to a signed-in organiser', async () => {
    const url = app().url;
    const bundle = (await (await fetch(`${url}/api/engagements/${SLUG}`)).json()) as EngagementBundle;
    const person = (phase: string, answers: Contribution['answers'], route: Route, more: Partial<Contribution> = {}): Contribution => ({
      id: randomUUID(), engagement: SLUG, phase, version: bundle.version, answers, locale: 'en', route, channel: 'online', createdAt: new Date().toISOString(), ...more,
    });
    const deck = (n: number, statement: string, vote: 'agree' | 'disagree' | 'unsure', route: Route, more: Partial<Contribution> = {}) =>
      Array.from({ length: n }, () => person('check', [{ prompt: statement, vote }], route, more));
    const easy = { ...NO_ROUTE, easyRead: true };
    const aloud = { ...NO_ROUTE, readAloud: true };
    const helped = { ...NO_ROUTE, assisted: true };
    await sync(url, [
      ...deck(12, 'theme-easier-access', 'agree', easy),
      ...deck(10, 'theme-easier-access', 'disagree', aloud),
      ...deck(11, 'theme-easier-access', 'agree', helped, { channel: 'event', event: 'LIB-4821' }),
      ...deck(10, 'theme-easier-access', 'unsure', { ...NO_ROUTE, audio: true }),
      ...deck(10, 'theme-joined-up-care', 'agree', NO_ROUTE),
      ...deck(2, 'theme-joined-up-care', 'unsure', { ...NO_ROUTE, audio: true }),
      ...deck(10, 'theme-higher-profile', 'disagree', easy),
      ...Array.from({ length: 10 }, (_, i) => person('check', [{ prompt: 'whats-missing', text: `Nothing about transport, number ${i}` }], NO_ROUTE)),
    ]);

    const call = await organiserApi(url);
    // A newer version withdraws one statement; the votes it had stay, reported apart.
    const { bundle: draft } = await call<DraftResponse>('GET', WORKSPACE_API.draft(SLUG));
    const withdrawn = {
      ...draft,
      phases: draft.phases.map((p) => (p.kind !== 'check' ? p : { ...p, prompts: p.prompts.map((q) => (q.id === 'theme-higher-profile' && q.kind === 'vote' ? { ...q, withdrawn: true } : q)) })),
    };
    await call('PUT', WORKSPACE_API.draft(SLUG), withdrawn);
    await call('POST', WORKSPACE_API.publish(SLUG), {});

    // Written answers in the conversation, coded to two themes.
    const written = (n: number, text: string, route: Route) => Array.from({ length: n }, (_, i) => person('conversation', [{ prompt: 'easier-support', text: `${text} ${i}` }], route));
    const access = written(12, 'A clinic I can reach by bus', easy);
    const waits = written(10, 'Shorter waits for an appointment', aloud);
    const other = written(10, 'Something else entirely', NO_ROUTE);
    await sync(url, [...access, ...waits, ...other]);
    const near = await call<Theme>('POST', WORKSPACE_API.themes(SLUG), { name: 'Support close to home' });
    const quick = await call<Theme>('POST', WORKSPACE_API.themes(SLUG), { name: 'Shorter waits' });
    for (const c of access) await call('PUT', WORKSPACE_API.contributionThemes(SLUG, c.id), { themes: [near.id] });
    for (const c of waits) await call('PUT', WORKSPACE_API.contributionThemes(SLUG, c.id), { themes: [quick.id] });

    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${url}/organiser/engagements/${SLUG}`);
    await page.getByLabel('Email address').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Check results' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check and challenge results' }).waitFor();

    const summary = page.getByRole('table', { name: /^Votes per statement:/ });
    await summary.waitFor();
    const accessText = draft.phases.find((p) => p.kind === 'check')!.prompts.find((q) => q.id === 'theme-easier-access')!.text;
    const row = summary.getByRole('row').filter({ has: page.getByRole('rowheader', { name: accessText, exact: true }) });
    // 23 agree (12 easy read, 11 with help at an event), 10 disagree (read aloud), 10 unsure (spoken).
    expect((await row.getByRole('cell').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual(['23', '10', '10', '43', '53 %']);
    const byRoute = page.getByRole('table', { name: `${accessText}: votes by way of taking part` });
    const routeRow = async (name: string) => (await byRoute.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) }).getByRole('cell').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(await routeRow('Easy read')).toEqual(['12', '0', '0', '12']);
    expect(await routeRow('Read aloud')).toEqual(['0', '10', '0', '10']);
    expect(await routeRow('With help')).toEqual(['11', '0', '0', '11']);
    expect(await routeRow('Spoken answers')).toEqual(['0', '0', '10', '10']);
    const byEvent = page.getByRole('table', { name: `${accessText}: votes by event` });
    expect((await byEvent.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'LIB-4821' }) }).getByRole('cell').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual(['11', '0', '0', '11']);
    // Two spoken "not sure" votes on another statement: "<10", and nothing beside it lets a reader work the 2 out.
    const joinedText = draft.phases.find((p) => p.kind === 'check')!.prompts.find((q) => q.id === 'theme-joined-up-care')!.text;
    const joined = (await summary.getByRole('row').filter({ has: page.getByRole('rowheader', { name: joinedText, exact: true }) }).getByRole('cell').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(joined[2]).toBe('<10');
    expect(joined.slice(0, 4).filter((t) => !/^\d+$/.test(t)).length, joined.join(' ')).toBeGreaterThanOrEqual(2);
    expect(joined).not.toContain('2');

    const apart = page.getByRole('region', { name: 'Withdrawn statements' }).getByRole('table', { name: /^Votes for withdrawn statements:/ });
    expect((await apart.getByRole('row').nth(1).getByRole('cell').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual(['Withdrawn', '0', '10', '0', '10', '0 %']);
    expect(await summary.getByRole('rowheader').count()).toBe(4);
    const missing = page.getByRole('table', { name: /^Answers to open questions:/ });
    expect((await missing.getByRole('row').nth(1).getByRole('cell').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual(['10', '0']);
    await expectAxeClean(page, 'check results');

    await page.getByRole('navigation', { name: 'This engagement' }).getByRole('link', { name: 'Themes by route' }).click();
    await page.getByRole('heading', { level: 1, name: 'Themes by route' }).waitFor();
    const themes = page.getByRole('table', { name: 'Contributions per theme by way of taking part' });
    await themes.waitFor();
    const themeRow = async (name: string) => (await themes.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) }).getByRole('cell').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    // 42 written contributions: 32 in the conversation, 10 "what is missing?".
    expect(await themeRow('Support close to home')).toEqual(['12 (29 %)', '12 (100 %)', '0 (0 %)', '0', '0', '0']);
    expect(await themeRow('Shorter waits')).toEqual(['10 (24 %)', '0 (0 %)', '10 (100 %)', '0', '0', '0']);
    expect(await themeRow('Not coded yet')).toEqual(['20 (48 %)', '0 (0 %)', '0 (0 %)', '0', '0', '0']);
    expect(await themeRow('All contributions with written answers')).toEqual(['42', '12', '10', '0', '0', '0']);
    await expectAxeClean(page, 'themes by route');

    // At 320 px wide the wide tables scroll inside their own frames; the page itself does not.
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.getByRole('navigation', { name: 'This engagement' }).getByRole('link', { name: 'Check results' }).click();
    await page.getByRole('table', { name: /^Votes per statement:/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await context.close();
  });
});
