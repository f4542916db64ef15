import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import type { Contribution } from '../../src/shared';
import { countOutbox, listNeedsAttention, markNeedsAttention, submitContribution } from '../../src/storage';
import { SLUG, freshDevice, renderAt, setOnline } from './harness';

vi.mock('../../src/app/sw-bridge', () => ({
  registerServiceWorker: vi.fn(),
  applyUpdate: vi.fn(async () => undefined),
  requestBackgroundSync: vi.fn(async () => undefined),
}));

function contribution(): Contribution {
  return {
    id: crypto.randomUUID(),
    engagement: SLUG,
    phase: 'talk',
    answers: [{ prompt: 'mood', scale: 3 }],
    locale: 'en',
    route: { easyRead: false, readAloud: false, assisted: false, audio: false },
    channel: 'online',
    createdAt: new Date().toISOString(),
  };
}

const statusBar = () => document.querySelector('.app-status') as HTMLElement;

beforeEach(() => freshDevice('offline'));

describe('status bar', () => {
  it('counts waiting answers with the right plural and updates as answers are queued', async () => {
    renderAt('/');
    await screen.findByRole('heading', { level: 1 });
    expect(statusBar().getAttribute('role')).toBe('status');
    expect(statusBar().getAttribute('aria-live')).toBe('polite');
    expect(within(statusBar()).queryByText(/waiting to be sent/)).toBeNull();

    await submitContribution(contribution());
    expect(await within(statusBar()).findByText('1 answer waiting to be sent')).toBeTruthy();
    await submitContribution(contribution());
    expect(await within(statusBar()).findByText('2 answers waiting to be sent')).toBeTruthy();
    expect(within(statusBar()).getByRole('button', { name: 'Send now' })).toBeTruthy();
  });

  it('says when the device is offline and links to answers that need attention', async () => {
    const entry = await submitContribution(contribution());
    await markNeedsAttention(entry.id, 'conflict');
    renderAt('/');
    expect(await within(statusBar()).findByText('You are offline')).toBeTruthy();
    const link = await within(statusBar()).findByRole('link', { name: '1 answer needs attention' });
    expect(link.getAttribute('href')).toBe('/outbox');
    setOnline(true);
    window.dispatchEvent(new Event('online'));
    await waitFor(() => expect(within(statusBar()).queryByText('You are offline')).toBeNull());
  });
});

describe('answers on this device', () => {
  it('lists an answer that needs attention in plain words, and Try again queues it again', async () => {
    const user = userEvent.setup();
    const waiting = await submitContribution(contribution());
    const refused = await submitContribution(contribution());
    await markNeedsAttention(refused.id, 'answers.0.scale: must be from 1 to 5');
    renderAt('/outbox');

    expect(await screen.findByRole('heading', { level: 1, name: 'Answers on this device' })).toBeTruthy();
    const counts = document.querySelector('.app-counts') as HTMLElement;
    await waitFor(() =>
      expect([...counts.querySelectorAll('.govuk-summary-list__row')].map((row) => row.textContent)).toEqual([
        'Waiting to be sent1',
        'Could not be sent1',
        'Sent0',
      ]),
    );
    const section = screen.getByRole('region', { name: 'Answers that need attention' });
    expect(within(section).getByText('The server could not accept these answers.')).toBeTruthy();
    expect(within(section).getByText('Reason given: answers.0.scale: must be from 1 to 5')).toBeTruthy();
    expect(within(section).getByRole('heading', { name: SLUG })).toBeTruthy();

    await user.click(within(section).getByRole('button', { name: 'Try again' }));
    await waitFor(async () => expect(await countOutbox()).toEqual({ waiting: 2, needsAttention: 0 }));
    expect(await listNeedsAttention()).toEqual([]);
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Answers that need attention' })).toBeNull());
    expect(screen.getByText('Saved for sending again.')).toBeTruthy();
    expect(screen.getByText('No answers need attention.')).toBeTruthy();
    expect(waiting.state).toBe('queued');
    // The outbox page shows the counts itself, so the bar keeps only the connection state.
    expect(within(statusBar()).queryByRole('button', { name: 'Send now' })).toBeNull();
    expect(screen.getAllByRole('button', { name: 'Send now' })).toHaveLength(1);
  });

  it('explains a conflict without the technical code', async () => {
    const refused = await submitContribution(contribution());
    await markNeedsAttention(refused.id, 'conflict');
    renderAt('/outbox');
    expect(await screen.findByText('Different answers with the same reference were already sent from another device.')).toBeTruthy();
    expect(screen.queryByText(/conflict/)).toBeNull();
  });
});
