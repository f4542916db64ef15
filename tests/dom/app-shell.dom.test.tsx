import { beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { StorageFullError, countOutbox, loadDraft, saveDraft, submitContribution } from '../../src/storage';
import { applyUpdate } from '../../src/app/sw-bridge';
import { showUpdateBanner } from '../../src/app/update-ready';
import { matchRoute } from '../../src/app/router';
import { PHASE, SLUG, freshDevice, questionPath, renderAt } from './harness';

vi.mock('../../src/app/sw-bridge', () => ({
  registerServiceWorker: vi.fn(),
  applyUpdate: vi.fn(async () => undefined),
  requestBackgroundSync: vi.fn(async () => undefined),
}));

// The real storage, with submitContribution wrapped so one test can make the device "full".
vi.mock('../../src/storage', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/storage')>();
  return { ...actual, submitContribution: vi.fn(actual.submitContribution) };
});

beforeEach(() => freshDevice('online'));

describe('page frame', () => {
  it('has a skip link, landmarks, the engagement list and a footer link to the outbox', async () => {
    renderAt('/');
    expect(screen.getByRole('link', { name: 'Skip to main content' }).getAttribute('href')).toBe('#main-content');
    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('main').id).toBe('main-content');
    const footer = screen.getByRole('contentinfo');
    expect(within(footer).getByRole('link', { name: 'Answers on this device' }).getAttribute('href')).toBe('/outbox');
    expect(await screen.findByRole('heading', { level: 1, name: 'Choose what to take part in' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Test engagement' }).getAttribute('href')).toBe(`/e/${SLUG}`);
    expect(document.title).toBe('Choose what to take part in – Heard');
  });

  it('shows each phase with its audience and a Start now link to its first question', async () => {
    const user = userEvent.setup();
    renderAt('/');
    await user.click(await screen.findByRole('link', { name: 'Test engagement' }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Test engagement' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByText('Tell us what you think. Your answers are anonymous.')).toBeTruthy();
    const pros = screen.getByRole('region', { name: 'For professionals' });
    expect(within(pros).getByText('For health and care professionals')).toBeTruthy();
    expect(within(pros).getByRole('link', { name: 'Start now' }).getAttribute('href')).toBe(`/e/${SLUG}/pros/ways`);
  });

  it('offers an update, saves the draft first and never reloads by itself', async () => {
    const user = userEvent.setup();
    renderAt(questionPath('ideas'));
    await user.type(await screen.findByRole('textbox', { name: 'What would help you?' }), 'Halfway');
    expect(screen.queryByRole('button', { name: 'Update now' })).toBeNull();
    act(() => showUpdateBanner());
    expect(screen.getByText(/A new version of Heard is ready\./)).toBeTruthy();
    expect(applyUpdate).not.toHaveBeenCalled();

    vi.mocked(applyUpdate).mockImplementationOnce(async () => {
      // By the time the new version takes over, the answer must already be on the device.
      expect((await loadDraft(SLUG, PHASE))?.answers.ideas?.text).toBe('Halfway');
    });
    await user.click(screen.getByRole('button', { name: 'Update now' }));
    await waitFor(() => expect(applyUpdate).toHaveBeenCalledTimes(1));
    await expect(vi.mocked(applyUpdate).mock.results[0]?.value).resolves.toBeUndefined();
  });

  it('keeps the answers and says so clearly when the device is full', async () => {
    const user = userEvent.setup();
    await saveDraft({ engagement: SLUG, phase: PHASE, version: 3, step: 'check', answers: { mood: { scale: 1 }, ideas: { text: 'Hi' } } });
    vi.mocked(submitContribution).mockRejectedValueOnce(new StorageFullError());
    renderAt(`/e/${SLUG}/${PHASE}/check`);
    await user.click(await screen.findByRole('button', { name: 'Send my answers' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText(/This device is full/)).toBeTruthy();
    expect(location.pathname).toBe(`/e/${SLUG}/${PHASE}/check`);
    expect((await loadDraft(SLUG, PHASE))?.answers.ideas).toEqual({ text: 'Hi' });
    expect(await countOutbox()).toEqual({ waiting: 0, needsAttention: 0 });
    expect(screen.getByRole('button', { name: 'Send my answers' })).toHaveProperty('disabled', false);
  });
});

describe('routes', () => {
  it('parses every page, and reads ?change=1 only on questions', () => {
    expect(matchRoute('/')).toEqual({ name: 'list' });
    expect(matchRoute('/outbox')).toEqual({ name: 'outbox' });
    expect(matchRoute('/e/ahp-strategy')).toEqual({ name: 'engagement', slug: 'ahp-strategy' });
    expect(matchRoute('/e/a/b/check')).toEqual({ name: 'check', slug: 'a', phase: 'b' });
    expect(matchRoute('/e/a/b/done')).toEqual({ name: 'done', slug: 'a', phase: 'b' });
    expect(matchRoute('/e/a/b/q', '?change=1')).toEqual({ name: 'question', slug: 'a', phase: 'b', prompt: 'q', change: true });
    expect(matchRoute('/e/a/b/q')).toMatchObject({ change: false });
    expect(matchRoute('/e/a/b')).toEqual({ name: 'not-found' });
    expect(matchRoute('/e/a/b/q/extra')).toEqual({ name: 'not-found' });
    expect(matchRoute('/e/%E0%A4%A')).toEqual({ name: 'not-found' });
  });

  it('shows "Page not found" for an engagement the server does not know', async () => {
    renderAt('/e/no-such-engagement');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });

  it('shows "Page not found" for an unknown question', async () => {
    renderAt(questionPath('no-such-question'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });
});
