import { screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WORKSPACE_API, type CheckResults, type KeyedVoteTally, type StatementResult, type ThemeCell, type ThemeRow, type ThemesByRoute } from '../../src/shared/workspace-api';
import { resetSession } from '../../src/workspace/session';
import { renderWorkspace, session, stubApi } from './workspace-helpers';

// Role queries over a page of many tables are slow in jsdom, more so on a busy two-core machine.
vi.setConfig({ testTimeout: 20_000 });

beforeEach(() => resetSession());
afterEach(() => vi.unstubAllGlobals());

const zero = { agree: 0, disagree: 0, unsure: 0, total: 0 };
const routes = (patch: Record<string, Partial<KeyedVoteTally>> = {}): KeyedVoteTally[] =>
  ['easyRead', 'readAloud', 'assisted', 'audio', 'interpreter'].map((key) => ({ key, ...zero, ...patch[key] }));

const closer: StatementResult = {
  id: 'closer',
  text: 'Support should be closer to home.',
  status: 'current',
  votes: { agree: 20, disagree: 10, unsure: 0, total: 30 },
  byRoute: routes({ assisted: { agree: 10, total: 10 } }),
  byLanguage: [{ key: 'en', agree: 20, disagree: 10, unsure: 0, total: 30 }],
  byEvent: [{ key: '', agree: 20, disagree: 0, unsure: 0, total: 20 }, { key: 'LIB-4821', agree: 0, disagree: 10, unsure: 0, total: 10 }],
};
const waiting: StatementResult = {
  id: 'waiting',
  text: 'Waiting times are too long.',
  status: 'current',
  votes: { agree: 'withheld', disagree: '<10', unsure: 0, total: 'withheld' },
  byRoute: routes({ easyRead: { disagree: '<10', total: '<10' } }),
  byLanguage: [{ key: 'cy', agree: 0, disagree: '<10', unsure: 0, total: '<10' }, { key: 'en', agree: 'withheld', disagree: 0, unsure: 0, total: 'withheld' }],
  byEvent: [{ key: '', agree: 'withheld', disagree: '<10', unsure: 0, total: 'withheld' }],
};
const quiet: StatementResult = { id: 'quiet', text: 'Nobody has voted on this.', status: 'current', votes: zero, byRoute: routes(), byLanguage: [], byEvent: [] };
const letters: StatementResult = { ...closer, id: 'letters', text: 'Letters are hard to read.', status: 'withdrawn', votes: { agree: 13, disagree: 0, unsure: 0, total: 13 } };

const results: CheckResults = {
  phases: [{ phase: 'check', title: 'Check our findings', statements: [closer, waiting, quiet], withdrawn: [letters], missing: [{ prompt: 'missing', text: 'What is missing?', answers: 10, hidden: '<10' }] }],
};

describe('check-and-challenge results', () => {
  it('shows each statement\'s votes in captioned tables with row and column headers, withdrawn ones apart, and explains "<10"', async () => {
    stubApi({
      [`GET ${WORKSPACE_API.session}`]: { body: session('analyst') },
      [`GET ${WORKSPACE_API.checkResults('parks')}`]: { body: results },
    });
    await renderWorkspace('/organiser/engagements/parks/check-results');
    const summary = await screen.findByRole('table', { name: 'Votes per statement: Check our findings' });
    expect(within(summary).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Statement', 'Agree', 'Disagree', 'Not sure', 'Votes', 'Agree (%)']);
    expect(within(summary).getByRole('row', { name: 'Support should be closer to home. 20 10 0 30 67\u00a0%' })).toBeTruthy();
    expect(within(summary).getByRole('row', { name: 'Waiting times are too long. withheld <10 0 withheld —' })).toBeTruthy();
    for (const th of within(summary).getAllByRole('rowheader')) expect(th.getAttribute('scope')).toBe('row');

    const byRoute = screen.getByRole('table', { name: 'Support should be closer to home.: votes by way of taking part' });
    expect(within(byRoute).getByRole('row', { name: 'With help 10 0 0 10' })).toBeTruthy();
    expect(within(byRoute).getByRole('row', { name: 'All votes 20 10 0 30' })).toBeTruthy();
    const byEvent = screen.getByRole('table', { name: 'Support should be closer to home.: votes by event' });
    expect(within(byEvent).getByRole('row', { name: 'Not at an event 20 0 0 20' })).toBeTruthy();
    expect(within(screen.getByRole('table', { name: 'Waiting times are too long.: votes by language' })).getByRole('row', { name: 'Welsh 0 <10 0 <10' })).toBeTruthy();
    expect(screen.getByRole('img', { name: /Votes: Waiting times are too long\.\. Agree: withheld; Disagree: <10; Not sure: 0\./ })).toBeTruthy();

    const withdrawn = screen.getByRole('region', { name: 'Withdrawn statements' });
    const apart = within(withdrawn).getByRole('table', { name: 'Votes for withdrawn statements: Check our findings' });
    expect(within(apart).getByRole('row', { name: 'Letters are hard to read. Withdrawn 13 0 0 13 100\u00a0%' })).toBeTruthy();
    expect(within(summary).queryByText('Letters are hard to read.')).toBeNull();
    const none = screen.getByRole('region', { name: 'Nobody has voted on this.' });
    expect(within(none).getByText('No votes yet.')).toBeTruthy();
    expect(within(none).queryByRole('table')).toBeNull();

    expect(within(screen.getByRole('table', { name: 'Answers to open questions: Check our findings' })).getByRole('row', { name: 'What is missing? 10 <10' })).toBeTruthy();
    expect(screen.getByText(/“<10” means 1 to 9 people/).textContent).toMatch(/withheld/);
    expect(screen.getByRole('link', { name: 'Check results' }).getAttribute('aria-current')).toBe('page');
  });

  it('says so when the engagement has no check phase', async () => {
    stubApi({
      [`GET ${WORKSPACE_API.session}`]: { body: session() },
      [`GET ${WORKSPACE_API.checkResults('parks')}`]: { body: { phases: [] } },
    });
    await renderWorkspace('/organiser/engagements/parks/check-results');
    expect(await screen.findByText('This engagement has no check and challenge phase yet.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});

const cell = (key: string, count: ThemeCell['count'], share: number | null = null): ThemeCell => ({ key, count, share });
function themeRow(theme: string | null, name: string, total: ThemeCell, route: Record<string, ThemeCell>, languages: ThemeCell[], events: ThemeCell[]): ThemeRow {
  return { theme, name, total, byRoute: ['easyRead', 'readAloud', 'assisted', 'audio', 'interpreter'].map((k) => route[k] ?? cell(k, 0, 0)), byLanguage: languages, byEvent: events };
}

const table: ThemesByRoute = {
  all: themeRow(null, '', cell('total', 55, 1), { easyRead: cell('easyRead', 15, 1), readAloud: cell('readAloud', 10, 1) }, [cell('cy', '<10'), cell('en', 'withheld')], [cell('', 55, 1)]),
  themes: [
    themeRow('t1', 'Access', cell('total', 20, 0.364), {}, [cell('cy', 0), cell('en', 20)], [cell('', 20, 0.364)]),
    themeRow('t2', 'Waiting', cell('total', 15, 0.273), { easyRead: cell('easyRead', 15, 1) }, [cell('cy', '<10'), cell('en', 'withheld')], [cell('', 15, 0.273)]),
  ],
  notCoded: themeRow(null, '', cell('total', 20, 0.364), { readAloud: cell('readAloud', 10, 1) }, [cell('cy', 0), cell('en', 20)], [cell('', 20, 0.364)]),
};

describe('themes by route', () => {
  it('puts each theme beside the contributions not coded and all of them, per route, language and event, with shares', async () => {
    stubApi({
      [`GET ${WORKSPACE_API.session}`]: { body: session('analyst') },
      [`GET ${WORKSPACE_API.themesByRoute('parks')}`]: { body: table },
    });
    await renderWorkspace('/organiser/engagements/parks/themes-by-route');
    const byRoute = await screen.findByRole('table', { name: 'Contributions per theme by way of taking part' });
    expect(within(byRoute).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Theme', 'All', 'Easy read', 'Read aloud', 'With help', 'Spoken answers', 'With an interpreter']);
    expect(within(byRoute).getByRole('row', { name: 'Waiting 15 (27\u00a0%) 15 (100\u00a0%) 0 (0\u00a0%) 0 (0\u00a0%) 0 (0\u00a0%) 0 (0\u00a0%)' })).toBeTruthy();
    expect(within(byRoute).getByRole('row', { name: 'Not coded yet 20 (36\u00a0%) 0 (0\u00a0%) 10 (100\u00a0%) 0 (0\u00a0%) 0 (0\u00a0%) 0 (0\u00a0%)' })).toBeTruthy();
    // The row of all is the base of the shares: its own figures carry none.
    expect(within(byRoute).getByRole('row', { name: 'All contributions with written answers 55 15 10 0 0 0' })).toBeTruthy();
    const byLanguage = screen.getByRole('table', { name: 'Contributions per theme by language' });
    expect(within(byLanguage).getByRole('row', { name: 'Waiting 15 (27\u00a0%) <10 withheld' })).toBeTruthy();
    expect(within(byLanguage).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Theme', 'All', 'Welsh', 'English']);
    expect(within(screen.getByRole('table', { name: 'Contributions per theme by event' })).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Theme', 'All', 'Not at an event']);
    expect(screen.getByRole('img', { name: /Contributions per theme\. Access: 20; Waiting: 15; Not coded yet: 20\./ })).toBeTruthy();
    expect(screen.getByText(/“<10” means 1 to 9 people/)).toBeTruthy();
  });
});
