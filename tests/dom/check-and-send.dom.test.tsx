import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { ContributionSchema, check } from '../../src/shared';
import { countOutbox, listLedger, listQueued, loadDraft, saveDraft } from '../../src/storage';
import { getScheduler } from '../../src/app/sync';
import { requestBackgroundSync } from '../../src/app/sw-bridge';
import { PHASE, SLUG, freshDevice, questionPath, received, renderAt, setOnline, stubFetch } from './harness';

vi.mock('../../src/app/sw-bridge', () => ({
  registerServiceWorker: vi.fn(),
  applyUpdate: vi.fn(async () => undefined),
  requestBackgroundSync: vi.fn(async () => undefined),
}));

const checkPath = `/e/${SLUG}/${PHASE}/check`;

async function answerMoodAndIdeas(): Promise<void> {
  await saveDraft({
    engagement: SLUG,
    phase: PHASE,
    version: 3,
    step: 'check',
    answers: { mood: { scale: 2 }, ideas: { text: '  Late buses\nand trams ' }, where: { choices: [] } },
  });
}

beforeEach(() => freshDevice('online'));

describe('check your answers', () => {
  it('lists each question with its answer or "Not answered" and a Change link naming it', async () => {
    await answerMoodAndIdeas();
    renderAt(checkPath);
    expect(await screen.findByRole('heading', { level: 1, name: 'Check your answers before sending' })).toBeTruthy();
    const rows = [...document.querySelectorAll('.govuk-summary-list__row')];
    expect(rows.map((row) => row.querySelector('dt')?.textContent)).toEqual([
      'How do you feel about support?',
      'What would help you?',
      'Where would you like support?',
      'Services should help me stay well.',
    ]);
    expect(rows.map((row) => row.querySelector('.govuk-summary-list__value')?.textContent)).toEqual([
      'Unhappy',
      'Late buses\nand trams',
      'Not answered',
      'Not answered',
    ]);
    const change = screen.getByRole('link', { name: 'Change your answer to: What would help you?' });
    expect(change.textContent?.startsWith('Change')).toBe(true);
    expect(change.getAttribute('href')).toBe(questionPath('ideas', true));
  });

  it('returns to the check page after changing an answer', async () => {
    const user = userEvent.setup();
    await answerMoodAndIdeas();
    renderAt(checkPath);
    await user.click(await screen.findByRole('link', { name: 'Change your answer to: How do you feel about support?' }));
    expect(await screen.findByRole('radio', { name: 'Unhappy' })).toHaveProperty('checked', true);
    expect(screen.getByRole('link', { name: 'Back' }).getAttribute('href')).toBe(checkPath);
    await user.click(screen.getByRole('radio', { name: 'Very happy' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Check your answers before sending' })).toBeTruthy();
    expect(location.pathname).toBe(checkPath);
    expect(document.querySelector('.govuk-summary-list__value')?.textContent).toBe('Very happy');
  });

  it('sends nothing while a required question is unanswered, and links to it', async () => {
    const user = userEvent.setup();
    await saveDraft({ engagement: SLUG, phase: PHASE, version: 3, step: 'check', answers: { mood: { scale: 5 } } });
    renderAt(checkPath);
    await user.click(await screen.findByRole('button', { name: 'Send my answers' }));
    const summary = await screen.findByRole('alert');
    const link = within(summary).getByRole('link', { name: 'Answer the question: What would help you?' });
    expect(link.getAttribute('href')).toBe(questionPath('ideas', true));
    expect(await countOutbox()).toEqual({ waiting: 0, needsAttention: 0 });
  });

  it('offline: queues exactly one valid contribution, removes the draft and says the answers are saved on the device', async () => {
    const user = userEvent.setup();
    await answerMoodAndIdeas();
    renderAt(checkPath);
    await screen.findByRole('heading', { level: 1, name: 'Check your answers before sending' });
    stubFetch('offline');
    setOnline(false);
    await user.click(screen.getByRole('button', { name: 'Send my answers' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Thank you' })).toBeTruthy();
    expect(await screen.findByText('Your answers are saved on this device. They will be sent automatically when you are online.')).toBeTruthy();
    expect(screen.queryByText(/Your answers have been sent/)).toBeNull();
    expect(location.pathname).toBe(`/e/${SLUG}/${PHASE}/done`);
    expect(location.search).toBe('');

    expect(await countOutbox()).toEqual({ waiting: 1, needsAttention: 0 });
    const [entry] = await listQueued();
    const payload = entry?.payload;
    expect(check(ContributionSchema, payload).ok).toBe(true);
    expect(payload).toMatchObject({
      engagement: SLUG,
      phase: PHASE,
      version: 3,
      locale: 'en',
      channel: 'online',
      route: { easyRead: false, readAloud: false, assisted: false, audio: false },
      answers: [
        { prompt: 'mood', scale: 2 },
        { prompt: 'ideas', text: 'Late buses\nand trams' },
      ],
    });
    expect(await loadDraft(SLUG, PHASE)).toBeUndefined();
    expect(requestBackgroundSync).toHaveBeenCalled();
    expect(await screen.findByText('1 answer waiting to be sent')).toBeTruthy();

    // Back from the confirmation finds no answers to reopen.
    history.back();
    await waitFor(() => expect(location.pathname).not.toBe(`/e/${SLUG}/${PHASE}/done`));
    renderAt(checkPath);
    expect(await screen.findByRole('heading', { level: 1, name: 'There are no answers to check' })).toBeTruthy();
  });

  it('online: says the answers have been sent once the server confirms them', async () => {
    const user = userEvent.setup();
    getScheduler().start();
    await answerMoodAndIdeas();
    renderAt(checkPath);
    await user.click(await screen.findByRole('button', { name: 'Send my answers' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Thank you' })).toBeTruthy();
    expect(await screen.findByText('Your answers have been sent.')).toBeTruthy();
    expect(screen.queryByText(/saved on this device/)).toBeNull();
    expect(received).toHaveLength(1);
    expect((await listLedger()).map((entry) => entry.id)).toEqual([received[0]?.id]);
    expect(await countOutbox()).toEqual({ waiting: 0, needsAttention: 0 });
    expect(await screen.findByText('All answers sent')).toBeTruthy();
  });
});
