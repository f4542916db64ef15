import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngagementBundle } from '../../src/shared';
import { WORKSPACE_API, type CodingItem, type CodingPage, type Suggestions, type Theme } from '../../src/shared/workspace-api';
import { resetSession } from '../../src/workspace/session';
import { draftBundle, renderWorkspace, session, stubApi, type Sent } from './workspace-helpers';

vi.setConfig({ testTimeout: 20_000 });

beforeEach(() => {
  resetSession();
  localStorage.removeItem('heard:coding-shortcuts');
});
afterEach(() => vi.unstubAllGlobals());

const SLUG = 'new-one';
const C1 = '0f8fad5b-d9cb-469f-a165-70867728950e';
const C2 = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const C3 = '16fd2706-8baf-433b-82eb-8c7fada847da';

function theme(id: string, name: string, extra: Partial<Theme> = {}): Theme {
  return { id, slug: id, name, summary: null, picture: null, names: {}, easyRead: {}, position: 0, count: 0, ...extra };
}

function bundle(): EngagementBundle {
  const base = draftBundle();
  return {
    ...base,
    languages: ['en', 'cy'],
    phases: [
      ...base.phases,
      { id: 'crowd', kind: 'crowdsource', title: 'Professionals react', intro: 'Themes.', audience: 'professionals', prompts: [{ id: 'own', kind: 'text', text: 'Your ideas', required: false }] },
    ],
  };
}
const draft = () => ({ body: { bundle: bundle(), publishedVersion: 1, draftChanged: false, updatedAt: '2026-11-21T10:00:00Z' } });

function item(contributionId: string, text: string, extra: Partial<CodingItem> = {}): CodingItem {
  return {
    contributionId, position: 0, phase: 'talk', prompt: 'q1', promptText: 'What do you like?', text, locale: 'en',
    route: { easyRead: false, readAloud: false, assisted: false, audio: false }, event: null, hidden: false, themes: [], publishable: false, ...extra,
  };
}

const bodyOf = (sent: Sent[], method: string, path: string) => sent.filter((s) => s.method === method && s.path === path).map((s) => s.body);

describe('themes', () => {
  it('lists themes with what each still lacks, and shows analysts no way to change them', async () => {
    const sent = stubApi({
      [`GET ${WORKSPACE_API.session}`]: { body: session('analyst') },
      [`GET ${WORKSPACE_API.themes(SLUG)}`]: {
        body: [
          theme('t1', 'Transport', { count: 12, names: { cy: { name: 'Trafnidiaeth' } }, easyRead: { en: { name: 'Buses' }, cy: { name: 'Bysiau' } } }),
          theme('t2', 'Waiting times', { count: 1 }),
        ],
      },
      [`GET ${WORKSPACE_API.draft(SLUG)}`]: draft(),
    });
    await renderWorkspace(`/organiser/engagements/${SLUG}/themes`);
    const transport = (await screen.findByRole('heading', { name: '1. Transport' }, { timeout: 10_000 })).closest('li')!;
    expect(within(transport).getByText('Complete')).toBeTruthy();
    expect(within(transport).getByRole('link', { name: '12 contributions' }).getAttribute('href')).toBe(`/organiser/engagements/${SLUG}/coding?filter=t1`);
    const waits = screen.getByRole('heading', { name: '2. Waiting times' }).closest('li')!;
    expect(within(waits).getByText('No name in Welsh')).toBeTruthy();
    expect(within(waits).getByText('No easy-read name in English')).toBeTruthy();
    expect(within(waits).getByText('No easy-read name in Welsh')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Add a theme' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Send themes to the crowdsource phase' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Themes', current: 'page' })).toBeTruthy();
    expect(sent.every((s) => s.method === 'GET')).toBe(true);
  });

  it('adds a theme with its Welsh and easy-read names, refusing a missing name with an error summary first', async () => {
    const sent = stubApi({
      [`GET ${WORKSPACE_API.session}`]: { body: session('owner') },
      [`GET ${WORKSPACE_API.themes(SLUG)}`]: { body: [] },
      [`GET ${WORKSPACE_API.draft(SLUG)}`]: draft(),
      [`POST ${WORKSPACE_API.themes(SLUG)}`]: (s) => ({ status: 201, body: theme('t9', (s.body as { name: string }).name) }),
    });
    const user = userEvent.setup();
    await renderWorkspace(`/organiser/engagements/${SLUG}/themes?theme=new`);
    await screen.findByRole('heading', { name: 'Add a theme' }, { timeout: 10_000 });
    await user.type(screen.getByLabelText('Name in Welsh'), 'Trafnidiaeth');
    await user.click(screen.getByRole('button', { name: 'Add theme' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Name: is required' }).getAttribute('href')).toBe('#name');
    expect(sent.some((s) => s.method === 'POST')).toBe(false);

    await user.type(screen.getByLabelText('Name'), 'Transport');
    await user.type(screen.getByLabelText('Picture code (optional)'), '1f68c');
    await user.type(screen.getByLabelText('Easy-read name in English'), 'Buses');
    await user.click(screen.getByRole('button', { name: 'Add theme' }));
    await screen.findByText('The theme “Transport” was added.');
    expect(bodyOf(sent, 'POST', WORKSPACE_API.themes(SLUG))).toEqual([
      { name: 'Transport', summary: '', picture: '1F68C', names: { cy: { name: 'Trafnidiaeth', summary: '' } }, easyRead: { en: { name: 'Buses', picture: '' } } },
    ]);
    expect(sent.find((s) => s.method === 'POST')?.headers['x-csrf-token']).toBe('csrf-123');
  });

  it('deletes a theme only after the confirmation page says what it does', async () => {
    let themes = [theme('t1', 'Transport', { count: 3 })];
    const sent = stubApi({
      [`GET ${WORKSPACE_API.session}`]: { body: session('owner') },
      [`GET ${WORKSPACE_API.themes(SLUG)}`]: () => ({ body: themes }),
      [`GET ${WORKSPACE_API.draft(SLUG)}`]: draft(),
      [`DELETE ${WORKSPACE_API.theme(SLUG, 't1')}`]: () => {
        themes = [];
        return { status: 204 };
      },
    });
    const user = userEvent.setup();
    await renderWorkspace(`/organiser/engagements/${SLUG}/themes`);
    await user.click(await screen.findByRole('link', { name: 'Delete Transport' }, { timeout: 10_000 }));
    await screen.findByRole('heading', { name: 'Delete the theme “Transport”?' });
    expect(screen.getByText(/^3 contributions are coded to this theme/)).toBeTruthy();
    expect(sent.some((s) => s.method === 'DELETE')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Delete theme' }));
    await screen.findByText('The theme “Transport” was deleted.');
    expect(screen.getByText('There are no themes yet.')).toBeTruthy();
  });

  it('sends the themes to the crowdsource phase and says where they went', async () => {
    const sent = stubApi({
      [`GET ${WORKSPACE_API.session}`]: { body: session('owner') },
      [`GET ${WORKSPACE_API.themes(SLUG)}`]: { body: [theme('t1', 'Transport'), theme('t2', 'Waiting times')] },
      [`GET ${WORKSPACE_API.draft(SLUG)}`]: draft(),
      [`POST ${WORKSPACE_API.crowdsourceSnapshot(SLUG)}`]: draft(),
    });
    const user = userEvent.setup();
    await renderWorkspace(`/organiser/engagements/${SLUG}/themes`);
    expect(((await screen.findByLabelText('Crowdsource phase', {}, { timeout: 10_000 })) as HTMLSelectElement).value).toBe('crowd');
    await user.click(screen.getByRole('button', { name: 'Send themes to the crowdsource phase' }));
    await screen.findByText('2 theme cards are now in the draft of “Professionals react”. Preview and publish to show them.');
    expect(bodyOf(sent, 'POST', WORKSPACE_API.crowdsourceSnapshot(SLUG))).toEqual([{ phase: 'crowd' }]);
  });
});

describe('coding', () => {
  function codingApi(items: CodingItem[]) {
    const questions = [
      { phase: 'crowd', prompt: 'own', text: 'Your ideas', count: 4 },
      { phase: 'talk', prompt: 'q1', text: 'What do you like?', count: items.length },
    ];
    const page: CodingPage = { items, total: items.length, offset: 0, next: null, counts: { all: items.length, untagged: items.length }, questions };
    return stubApi({
      [`GET ${WORKSPACE_API.session}`]: { body: session('analyst') },
      [`GET ${WORKSPACE_API.themes(SLUG)}`]: { body: [theme('t1', 'Transport'), theme('t2', 'Waiting times')] },
      [`GET ${WORKSPACE_API.coding(SLUG)}`]: { body: page },
      [`PUT ${WORKSPACE_API.contributionThemes(SLUG, C1)}`]: (s) => ({ body: { contributionId: C1, themes: (s.body as { themes: string[] }).themes } }),
      [`PUT ${WORKSPACE_API.contributionThemes(SLUG, C2)}`]: (s) => ({ body: { contributionId: C2, themes: (s.body as { themes: string[] }).themes } }),
      [`PUT ${WORKSPACE_API.quote(SLUG, C2, 0)}`]: (s) => ({ body: { contributionId: C2, position: 0, publishable: (s.body as { publishable: boolean }).publishable } }),
    });
  }

  it('codes by keyboard: number keys toggle themes, j and k move, p marks a quote, and each save is announced', async () => {
    const sent = codingApi([item(C1, 'The bus never comes'), item(C2, 'Waited six weeks'), item(C3, 'Hidden words', { hidden: true })]);
    await renderWorkspace(`/organiser/engagements/${SLUG}/coding`);
    await screen.findByRole('heading', { name: 'Answer 1 of 3' }, { timeout: 10_000 });
    expect(screen.getByText('Keys 1 to 9 tick or untick theme 1 to 9 for this answer.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Not coded yet (3)', current: 'page' })).toBeTruthy();

    fireEvent.keyDown(document.body, { key: '1' });
    await screen.findByText('Saved: answer 1 is coded to Transport.');
    expect((screen.getByLabelText('1 Transport') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText('Saved: answer 1 is coded to Transport.').closest('[role="status"]')).toBeTruthy();

    fireEvent.keyDown(document.body, { key: 'j' });
    await screen.findByRole('heading', { name: 'Answer 2 of 3' });
    expect(screen.getByText('Waited six weeks')).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.getAttribute('data-coding-answer')).toBe(`${C2}:0`));
    fireEvent.keyDown(document.body, { key: '2' });
    await screen.findByText('Saved: answer 2 is coded to Waiting times.');
    fireEvent.keyDown(document.body, { key: '1' });
    await screen.findByText('Saved: answer 2 is coded to Transport.');
    fireEvent.keyDown(document.body, { key: '2' });
    await screen.findByText('Saved: answer 2 is no longer coded to Waiting times.');
    fireEvent.keyDown(document.body, { key: 'p' });
    await screen.findByText('Saved: answer 2 is a publishable quote.');
    expect((screen.getByLabelText('Publishable quote') as HTMLInputElement).checked).toBe(true);
    // A key for a theme that does not exist does nothing.
    fireEvent.keyDown(document.body, { key: '7' });

    fireEvent.keyDown(document.body, { key: 'k' });
    await screen.findByRole('heading', { name: 'Answer 1 of 3' });
    expect((screen.getByLabelText('1 Transport') as HTMLInputElement).checked).toBe(true);

    expect(bodyOf(sent, 'PUT', WORKSPACE_API.contributionThemes(SLUG, C1))).toEqual([{ themes: ['t1'] }]);
    expect(bodyOf(sent, 'PUT', WORKSPACE_API.contributionThemes(SLUG, C2))).toEqual([{ themes: ['t2'] }, { themes: ['t2', 't1'] }, { themes: ['t1'] }]);
    expect(bodyOf(sent, 'PUT', WORKSPACE_API.quote(SLUG, C2, 0))).toEqual([{ publishable: true }]);
    expect(sent.filter((s) => s.method === 'PUT').every((s) => s.headers['x-csrf-token'] === 'csrf-123')).toBe(true);
  });

  it('works with the buttons and checkboxes alone, ignores keys typed into fields, and never offers a hidden answer as a quote', async () => {
    const sent = codingApi([item(C1, 'The bus never comes'), item(C2, 'Waited six weeks'), item(C3, 'Hidden words', { hidden: true })]);
    const user = userEvent.setup();
    await renderWorkspace(`/organiser/engagements/${SLUG}/coding`);
    await user.click(await screen.findByLabelText('2 Waiting times', {}, { timeout: 10_000 }));
    await screen.findByText('Saved: answer 1 is coded to Waiting times.');
    await user.click(screen.getByRole('button', { name: 'Next answer' }));
    await user.click(screen.getByRole('button', { name: 'Next answer' }));
    await screen.findByRole('heading', { name: 'Answer 3 of 3' });
    expect(screen.getByText('Hidden by moderation')).toBeTruthy();
    expect((screen.getByLabelText('Publishable quote') as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByText('This answer is hidden by moderation, so it cannot be quoted.')).toBeTruthy();
    fireEvent.keyDown(document.body, { key: 'p' });
    await user.click(screen.getByRole('button', { name: 'Next answer' }));
    await screen.findByText('That was the last answer.');

    // The shortcuts can be turned off; the checkboxes still work.
    await user.click(screen.getByLabelText('Use these keyboard shortcuts'));
    await user.click(screen.getByRole('button', { name: 'Previous answer' }));
    await user.click(screen.getByRole('button', { name: 'Previous answer' }));
    await screen.findByRole('heading', { name: 'Answer 1 of 3' });
    fireEvent.keyDown(document.body, { key: '1' });
    fireEvent.keyDown(document.body, { key: 'j' });
    expect(screen.getByRole('heading', { name: 'Answer 1 of 3' })).toBeTruthy();
    await user.click(screen.getByLabelText('Use these keyboard shortcuts'));

    const field = document.createElement('input');
    document.body.append(field);
    fireEvent.keyDown(field, { key: '1' });
    field.remove();
    expect(bodyOf(sent, 'PUT', WORKSPACE_API.contributionThemes(SLUG, C1))).toEqual([{ themes: ['t2'] }]);
    expect(sent.filter((s) => s.method === 'PUT').map((s) => s.path)).toEqual([WORKSPACE_API.contributionThemes(SLUG, C1)]);
  });
});

describe('coding one question', () => {
  it('narrows the list to the chosen question, keeps it across the filters, and goes back to all questions', async () => {
    const questions = [
      { phase: 'crowd', prompt: 'own', text: 'Your ideas', count: 4 },
      { phase: 'talk', prompt: 'q1', text: 'What do you like?', count: 2 },
    ];
    const sent = stubApi({
      [`GET ${WORKSPACE_API.session}`]: { body: session('analyst') },
      [`GET ${WORKSPACE_API.themes(SLUG)}`]: { body: [theme('t1', 'Transport')] },
      [`GET ${WORKSPACE_API.coding(SLUG)}`]: (s) => {
        const own = s.path.includes('prompt=own');
        const items = own ? [item(C3, 'More buses please', { phase: 'crowd', prompt: 'own', promptText: 'Your ideas' })] : [item(C1, 'The bus never comes'), item(C2, 'Waited six weeks')];
        return { body: { items, total: items.length, offset: 0, next: null, counts: { all: items.length, untagged: items.length }, questions } satisfies CodingPage };
      },
    });
    const user = userEvent.setup();
    await renderWorkspace(`/organiser/engagements/${SLUG}/coding`);
    await screen.findByRole('heading', { name: 'Answer 1 of 2' }, { timeout: 10_000 });
    const select = screen.getByLabelText('Question') as HTMLSelectElement;
    expect([...select.options].map((o) => o.text)).toEqual(['All questions (6)', 'crowd: Your ideas (4)', 'talk: What do you like? (2)']);
    expect(select.value).toBe('');

    await user.selectOptions(select, 'crowd: Your ideas (4)');
    await user.click(screen.getByRole('button', { name: 'Show answers' }));
    await screen.findByText('More buses please');
    expect(screen.getByRole('heading', { name: 'Answer 1 of 1' })).toBeTruthy();
    expect(location.pathname + location.search).toBe(`/organiser/engagements/${SLUG}/coding?phase=crowd&prompt=own`);
    expect(sent.filter((s) => s.method === 'GET' && s.path.startsWith(WORKSPACE_API.coding(SLUG))).map((s) => s.path)).toEqual([
      `${WORKSPACE_API.coding(SLUG)}?filter=untagged`,
      `${WORKSPACE_API.coding(SLUG)}?filter=untagged&phase=crowd&prompt=own`,
    ]);
    expect((screen.getByLabelText('Question') as HTMLSelectElement).value).toBe('crowd/own');
    // The filters keep the question.
    expect(screen.getByRole('link', { name: 'All (1)' }).getAttribute('href')).toBe(`/organiser/engagements/${SLUG}/coding?filter=all&phase=crowd&prompt=own`);

    await user.selectOptions(screen.getByLabelText('Question'), 'All questions (6)');
    await user.click(screen.getByRole('button', { name: 'Show answers' }));
    await screen.findByText('The bus never comes');
    expect(location.search).toBe('');
  });
});

describe('suggestions', () => {
  const SUGGESTIONS: Suggestions = {
    considered: 9,
    capped: false,
    groups: [
      {
        name: 'Bus, route',
        words: ['bus', 'route', 'stop'],
        members: [
          { contributionId: C1, position: 0, text: 'The bus never comes', locale: 'en' },
          { contributionId: C2, position: 0, text: 'Bus route was cut', locale: 'en' },
        ],
      },
      { name: 'Interpreter, language', words: ['interpreter', 'language'], members: [{ contributionId: C3, position: 0, text: 'Need an interpreter', locale: 'en' }] },
    ],
  };

  it('runs the aid, shows each group’s name, words and answers, accepts one renamed and rejects another', async () => {
    const sent = stubApi({
      [`GET ${WORKSPACE_API.session}`]: { body: session('owner') },
      [`POST ${WORKSPACE_API.suggestions(SLUG)}`]: { body: SUGGESTIONS },
      [`POST ${WORKSPACE_API.acceptSuggestion(SLUG)}`]: (s) => ({ status: 201, body: theme('t5', (s.body as { name: string }).name, { count: 2 }) }),
    });
    const user = userEvent.setup();
    await renderWorkspace(`/organiser/engagements/${SLUG}/suggestions`);
    await user.click(await screen.findByRole('button', { name: 'Suggest themes' }, { timeout: 10_000 }));
    await screen.findByText('Found 2 groups in 9 answers.');
    const first = screen.getByRole('heading', { name: 'Group 1: 2 answers' }).closest('section')!;
    expect(within(first).getByText('bus, route, stop')).toBeTruthy();
    expect(within(first).getByText('Bus route was cut')).toBeTruthy();
    const name = within(first).getByLabelText('Theme name') as HTMLInputElement;
    expect(name.value).toBe('Bus, route');

    await user.clear(name);
    await user.click(within(first).getByRole('button', { name: 'Accept group 1' }));
    expect(within(await screen.findByRole('alert')).getByRole('link', { name: 'Enter a name for the theme' }).getAttribute('href')).toBe('#group-0-name');
    expect(sent.some((s) => s.path === WORKSPACE_API.acceptSuggestion(SLUG))).toBe(false);

    await user.type(name, 'Getting there');
    await user.click(within(first).getByRole('button', { name: 'Accept group 1' }));
    await screen.findByText('The theme “Getting there” was added with 2 contributions coded to it.');
    expect(bodyOf(sent, 'POST', WORKSPACE_API.acceptSuggestion(SLUG))).toEqual([{ name: 'Getting there', members: [C1, C2] }]);

    await user.click(screen.getByRole('button', { name: 'Reject group 1' }));
    await screen.findByText('The group “Interpreter, language” was left out.');
    expect(screen.queryByRole('heading', { name: /^Group/ })).toBeNull();
    expect(sent.filter((s) => s.method === 'POST')).toHaveLength(2);
  });
});
