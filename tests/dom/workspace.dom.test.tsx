import { screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WORKSPACE_API, type Dashboard } from '../../src/shared/workspace-api';
import { resetSession } from '../../src/workspace/session';
import { draftBundle, renderWorkspace, session, stubApi } from './workspace-helpers';

const draftResponse = (bundle = draftBundle()) => ({ bundle, publishedVersion: null, draftChanged: true, updatedAt: '2026-11-21T10:00:00Z' });

// These tests type whole sentences key by key; on a busy two-core machine that can take a few seconds.
vi.setConfig({ testTimeout: 20_000 });

beforeEach(() => resetSession());
afterEach(() => vi.unstubAllGlobals());

describe('signing in', () => {
  it('shows an error summary for empty fields and a wrong password, then signs in and lists engagements', async () => {
    let signedIn = false;
    const sent = stubApi({
      [`GET ${WORKSPACE_API.session}`]: () => (signedIn ? { body: session() } : { status: 401, body: { error: 'sign in' } }),
      [`POST ${WORKSPACE_API.session}`]: ({ body }) => {
        if ((body as { password: string }).password !== 'right password') return { status: 401, body: { error: 'e-mail or password not recognised' } };
        signedIn = true;
        return { body: session() };
      },
      [`GET ${WORKSPACE_API.engagements}`]: { body: [{ slug: 'parks', title: 'Parks', organisation: 'Council', publishedVersion: 2, draftChanged: false, updatedAt: '2026-11-20T09:00:00Z' }] },
    });
    const user = userEvent.setup();
    await renderWorkspace('/organiser');
    await user.click(await screen.findByRole('button', { name: 'Sign in' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter your email address' }).getAttribute('href')).toBe('#email');
    expect(within(summary).getByRole('link', { name: 'Enter your password' }).getAttribute('href')).toBe('#password');
    await waitFor(() => expect(document.title).toBe('Error: Sign in – Heard workspace'));
    expect(screen.getByLabelText('Email address').getAttribute('autocomplete')).toBe('username');
    expect(screen.getByLabelText('Password').getAttribute('autocomplete')).toBe('current-password');

    await user.type(screen.getByLabelText('Email address'), 'organiser@example.org');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('link', { name: 'Enter a correct email address and password' })).toBeTruthy();

    await user.clear(screen.getByLabelText('Password'));
    // Pasting works like typing: nothing blocks it.
    await user.click(screen.getByLabelText('Password'));
    await user.paste('right password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('link', { name: 'Parks' })).toBeTruthy();
    expect(screen.getByText('Published, version 2')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Create an engagement' })).toBeTruthy();
    // Sign-in itself needs no CSRF token; every later change will carry it.
    expect(sent.find((s) => s.method === 'POST')?.headers['x-csrf-token']).toBeUndefined();
  });
});

describe('editing a draft', () => {
  it('saves prompts of each kind with the CSRF token, and links server errors to their fields', async () => {
    let reply: { status?: number; body?: unknown } = { body: draftResponse() };
    const sent = stubApi({
      [`GET ${WORKSPACE_API.session}`]: { body: session() },
      [`GET ${WORKSPACE_API.draft('new-one')}`]: { body: draftResponse() },
      [`PUT ${WORKSPACE_API.draft('new-one')}`]: () => reply,
    });
    const user = userEvent.setup();
    await renderWorkspace('/organiser/engagements/new-one');
    await user.click(await screen.findByRole('button', { name: 'Add a question to Talk' }));
    const kinds = screen.getAllByLabelText('Kind of answer');
    await user.selectOptions(kinds[2] as HTMLSelectElement, 'vote');
    await user.type(screen.getAllByLabelText('Picture code (optional)')[0] as HTMLElement, '1f3e0');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    await screen.findByText(/Draft saved/);
    const put = sent.find((s) => s.method === 'PUT');
    expect(put?.headers['x-csrf-token']).toBe('csrf-123');
    const prompts = (put?.body as ReturnType<typeof draftBundle>).phases[0]?.prompts ?? [];
    expect(prompts.map((p) => p.kind)).toEqual(['text', 'choice', 'vote']);
    expect(prompts[0]?.picture).toBe('1F3E0');

    reply = { status: 400, body: { error: 'phases.0.prompts.1.text: is required' } };
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    const link = await screen.findByRole('link', { name: /Phase 1, question 2, text: is required/ });
    expect(link.getAttribute('href')).toBe('#phases-0-prompts-1-text');
    expect(document.getElementById('phases-0-prompts-1-text')).toBeTruthy();
  });

  it('shows an analyst no edit controls', async () => {
    stubApi({
      [`GET ${WORKSPACE_API.session}`]: { body: session('analyst') },
      [`GET ${WORKSPACE_API.draft('new-one')}`]: { body: draftResponse() },
    });
    await renderWorkspace('/organiser/engagements/new-one');
    expect(await screen.findByText(/You are an analyst/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save draft' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Add a question/ })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Organisers' })).toBeNull();
  });
});

describe('a language beside the English', () => {
  it('shows completeness and the reading ease as the organiser types, and saves easy-read ideas', async () => {
    const bundle = { ...draftBundle(), languages: ['en', 'cy'] };
    const sent = stubApi({
      [`GET ${WORKSPACE_API.session}`]: { body: session() },
      [`GET ${WORKSPACE_API.draft('new-one')}`]: { body: draftResponse(bundle) },
      [`PUT ${WORKSPACE_API.draft('new-one')}`]: ({ body }) => ({ body: draftResponse(body as typeof bundle) }),
    });
    const user = userEvent.setup();
    await renderWorkspace('/organiser/engagements/new-one/languages/en');
    // 9 texts: title, intro, phase title and intro, two questions, a hint, two choices.
    expect(await screen.findByText('English: 0 %, 9 easy-read texts missing')).toBeTruthy();

    const title = screen.getByLabelText('English easy read: Title');
    await user.type(title, 'Parks near you');
    expect(screen.getByText('English: 11 %, 8 easy-read texts missing')).toBeTruthy();

    const intro = screen.getByLabelText('English easy read: Introduction');
    await user.type(intro, 'We want to know what you think about the parks and green spaces near your home and work.');
    expect(screen.getByText(/Over 15 words/)).toBeTruthy();
    expect(screen.getByText(/Easy-read reading ease: -?\d+/)).toBeTruthy();
    // Ideas need a picture each: the save is refused with the line named.
    await user.click(screen.getByRole('button', { name: 'Save English' }));
    expect(await screen.findByRole('link', { name: /Introduction: line 1 needs a picture code/ })).toBeTruthy();
    expect(sent.some((s) => s.method === 'PUT')).toBe(false);

    await user.clear(intro);
    await user.type(intro, '1F333 We want to hear about parks.');
    expect(screen.queryByText(/Over 15 words/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Save English' }));
    await screen.findByText(/Draft saved/);
    const saved = sent.find((s) => s.method === 'PUT')?.body as typeof bundle;
    expect(saved.easyRead.en).toEqual({ title: 'Parks near you', intro: [{ picture: '1F333', text: 'We want to hear about parks.' }] });
  });

  it('puts the Welsh translation and easy read side by side with the English', async () => {
    const bundle = { ...draftBundle(), languages: ['en', 'cy'], translations: { cy: { title: 'Parciau' } } };
    const sent = stubApi({
      [`GET ${WORKSPACE_API.session}`]: { body: session() },
      [`GET ${WORKSPACE_API.draft('new-one')}`]: { body: draftResponse(bundle) },
      [`PUT ${WORKSPACE_API.draft('new-one')}`]: ({ body }) => ({ body: draftResponse(body as typeof bundle) }),
    });
    const user = userEvent.setup();
    await renderWorkspace('/organiser/engagements/new-one/languages/cy');
    expect(await screen.findByText('Welsh: 5 %, 9 easy-read texts missing, 8 translations missing')).toBeTruthy();
    const translation = screen.getByLabelText('Welsh translation: Question', { selector: '#unit-phases-talk-prompts-q1-text-translation' });
    expect(translation.getAttribute('lang')).toBe('cy');
    await user.type(translation, 'Beth ydych chi’n ei hoffi?');
    await user.click(screen.getByRole('button', { name: 'Save Welsh' }));
    await screen.findByText(/Draft saved/);
    const saved = sent.find((s) => s.method === 'PUT')?.body as typeof bundle;
    expect(saved.translations.cy).toEqual({ title: 'Parciau', phases: { talk: { prompts: { q1: { text: 'Beth ydych chi’n ei hoffi?' } } } } });
  });
});

describe('the reach dashboard', () => {
  it('draws each chart as an image with a text summary and gives the same figures as a table', async () => {
    const data: Dashboard = {
      total: 42,
      perDay: [{ day: '2026-11-20', count: '<10' }, { day: '2026-11-21', count: 'withheld' }],
      byPhase: [{ key: 'talk', count: 42 }],
      byLanguage: [{ key: 'en', count: 33 }, { key: 'cy', count: '<10' }],
      byRoute: [{ key: 'easyRead', count: 12 }],
      byChannel: [{ key: 'online', count: 42 }],
      byEvent: [{ key: '', count: 42 }],
      byVersion: [{ key: '1', count: 42 }],
      moderation: { new: 3, hidden: '<10' },
      aboutYou: {
        responses: 12,
        questions: [{ question: 'ageBand', answers: [{ key: '25-34', count: 'withheld', share: null, reference: 0.2 }, { key: '65-74', count: '<10', share: null, reference: null }] }],
      },
    };
    stubApi({
      [`GET ${WORKSPACE_API.session}`]: { body: session('analyst') },
      [`GET ${WORKSPACE_API.dashboard('parks')}`]: { body: data },
    });
    await renderWorkspace('/organiser/engagements/parks/dashboard');
    const chart = await screen.findByRole('img', { name: /By language\. English: 33; Welsh: <10\./ });
    expect(chart.tagName.toLowerCase()).toBe('svg');
    const table = screen.getByRole('table', { name: 'By language' });
    expect(within(table).getByRole('row', { name: 'Welsh <10' })).toBeTruthy();
    // A withheld figure is said in words, with the same note the reports use.
    expect(screen.getByRole('img', { name: /Contributions per day\. 2026-11-20: <10; 2026-11-21: withheld\./ })).toBeTruthy();
    expect(document.getElementById('suppression-note')?.textContent).toMatch(/“withheld” hides a figure/);
    const age = screen.getByRole('table', { name: 'Age' });
    expect(within(age).getByRole('row', { name: '25-34 withheld — 20 %' })).toBeTruthy();
    expect(screen.getAllByRole('img')).toHaveLength(7);
    expect(screen.getAllByRole('table')).toHaveLength(8);
  });
});
