import { screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { receiptCode } from '../../src/shared/receipt-code';
import { listQueued } from '../../src/storage';
import { PHASE, SLUG } from './harness';
import { answerAsPerson, switchOnAssisted, useSharedTablet } from './assisted-helpers';

vi.mock('../../src/app/sw-bridge', () => ({
  registerServiceWorker: vi.fn(),
  applyUpdate: vi.fn(async () => undefined),
  requestBackgroundSync: vi.fn(async () => undefined),
}));

useSharedTablet();

describe('receipt codes on a shared tablet', () => {
  it('shows the person who has just finished their code once, and never to the next person', async () => {
    const user = userEvent.setup();
    await switchOnAssisted(user);
    await user.click(screen.getByRole('button', { name: 'Start answering' }));
    await screen.findByRole('heading', { level: 1, name: 'Test engagement' });
    await answerAsPerson('Words of person one');
    await user.click(await screen.findByRole('button', { name: 'Send my answers' }));
    await screen.findByText('Thank you. Your answers are saved and locked on this tablet.');

    // The code of the contribution just queued, on the pass screen, while that person is still there.
    const [entry] = await listQueued();
    const expected = await receiptCode(entry!.id);
    expect(await screen.findByRole('heading', { level: 2, name: 'Your receipt code' }, { timeout: 15_000 })).toBeTruthy();
    await waitFor(() => expect(document.querySelector('.app-receipt__code')?.getAttribute('data-receipt-code')).toBe(expected));
    // Already gone from the history entry: nothing can bring it back.
    expect((history.state as Record<string, unknown>).contribution).toBeUndefined();

    // The next person starts; going Back to the pass screen, or reloading it, shows no code.
    await user.click(screen.getByRole('button', { name: 'Start answering' }));
    await screen.findByRole('heading', { level: 1, name: 'Test engagement' });
    history.back();
    await screen.findByRole('heading', { level: 1, name: 'Pass the tablet to the next person' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(document.querySelector('.app-receipt__code')).toBeNull();
    expect(document.body.textContent).not.toContain(expected.slice(0, 4).split('').join(' '));

    // A done page of an earlier person's turn, reached from history, goes to the pass screen, code and all.
    history.replaceState({ person: 'an-earlier-person', contribution: entry!.id }, '', `/e/${SLUG}/${PHASE}/done`);
    window.dispatchEvent(new PopStateEvent('popstate'));
    await waitFor(() => expect(location.pathname).toBe('/tablet/pass'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(document.querySelector('.app-receipt__code')).toBeNull();
  });
});
