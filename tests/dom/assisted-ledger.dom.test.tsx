import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { check } from '../../src/shared';
import { ExportFileSchema } from '../../src/shared/events';
import { confirmDelivered, listQueued, type LedgerEntry, type OutboxEntry } from '../../src/storage';
import { tallyByEvent } from '../../src/app/assisted/Ledger';
import { SLUG, renderAt, setOnline } from './harness';
import { CODE, PIN, answerAsPerson, blobText, serveEvents, switchOnAssisted, useSharedTablet } from './assisted-helpers';

vi.mock('../../src/app/sw-bridge', () => ({
  registerServiceWorker: vi.fn(),
  applyUpdate: vi.fn(async () => undefined),
  requestBackgroundSync: vi.fn(async () => undefined),
}));

useSharedTablet();

describe('the day’s ledger', () => {
  it('counts answers per event with receipts, and exports the unconfirmed ones sealed', async () => {
    const user = userEvent.setup();
    await switchOnAssisted(user);
    for (const text of ['First answer', 'Second answer']) {
      await user.click(await screen.findByRole('button', { name: 'Start answering' }));
      await screen.findByRole('heading', { level: 1, name: 'Test engagement' });
      serveEvents(false);
      setOnline(false);
      await answerAsPerson(text);
      await user.click(await screen.findByRole('button', { name: 'Send my answers' }));
      await screen.findByText('Thank you. Your answers are saved and locked on this tablet.');
    }
    const [first] = await listQueued();
    await confirmDelivered([{ id: first?.id ?? '', status: 'accepted', receipt: 'R-FIRST' }]);

    const blobs: Blob[] = [];
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (blob: Blob) => (blobs.push(blob), 'blob:test'), revokeObjectURL: () => undefined }));
    await user.click(screen.getByRole('link', { name: 'See the day’s answers' }));
    await user.type(await screen.findByLabelText('PIN'), PIN);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { level: 1, name: 'The day’s answers' });
    const row = await waitFor(() => {
      const found = document.querySelector(`tr[data-event="${CODE}"]`);
      if (!found) throw new Error('no row yet');
      return found;
    });
    expect(row.querySelector('[data-count="waiting"]')?.textContent).toBe('1');
    expect(row.querySelector('[data-count="confirmed"]')?.textContent).toBe('1');
    expect(document.querySelector('.app-receipts')?.textContent).toContain('R-FIRST');

    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    await user.click(screen.getByRole('button', { name: 'Download the answers for the organiser' }));
    await screen.findByText('Downloaded 1 answer.');
    expect(clicked).toHaveLength(1);
    expect(clicked[0]).toMatch(new RegExp(`^heard-${SLUG}-${CODE}-.*\\.json$`));
    const text = await blobText(blobs[0]!);
    const file = check(ExportFileSchema, JSON.parse(text));
    expect(file.ok && file.value).toMatchObject({ format: 'heard-export', engagement: SLUG, event: CODE });
    expect(file.ok && file.value.items.map((item) => item.id)).toEqual((await listQueued()).map((entry) => entry.id));
    expect(text).not.toContain('Second answer');
  });
});

describe('getting ready for an event', () => {
  it('says what is missing instead of "ready" when it cannot read everything back', async () => {
    const user = userEvent.setup();
    renderAt('/tablet/ready');
    await user.type(await screen.findByLabelText('Event code'), CODE);
    await user.click(screen.getByRole('button', { name: 'Get ready' }));
    await screen.findByText('Not ready to work offline', {}, { timeout: 20_000 });
    // jsdom has no service worker and no Cache Storage, so both must be named as missing.
    expect(screen.getByText(/the app \(it is still being saved/)).toBeTruthy();
    expect(screen.getByText('the saved copy of the questions')).toBeTruthy();
    expect(screen.queryByText('Ready to work offline')).toBeNull();
    expect(document.querySelector('progress')).toBeTruthy();
  }, 30_000);

  it('explains an unknown event code', async () => {
    const user = userEvent.setup();
    renderAt('/tablet/ready');
    await user.type(await screen.findByLabelText('Event code'), 'ZZZ-0000');
    await user.click(screen.getByRole('button', { name: 'Get ready' }));
    expect((await screen.findByRole('alert')).textContent).toContain('There is no event with that code');
  });
});

describe('tallying the day', () => {
  const queued = (id: string, event: string | undefined, attempts: number) =>
    ({ id, engagement: SLUG, event, attempts, state: 'queued', queuedAt: '2026-03-14T10:00:00.000Z' }) as OutboxEntry;
  const confirmed = (id: string, event: string | undefined, receipt: string) =>
    ({ id, engagement: SLUG, event, receipt, status: 'accepted', queuedAt: 'x', confirmedAt: 'y' }) as LedgerEntry;

  it('counts waiting, tried, refused and confirmed answers per event, with receipts, events first', () => {
    const tallies = tallyByEvent(
      [queued('a', CODE, 0), queued('b', CODE, 2), queued('c', undefined, 0)],
      [{ ...queued('d', CODE, 1), state: 'needs-attention' }],
      [confirmed('e', CODE, 'R-1'), confirmed('f', 'MOS-1234', 'R-2')],
    );
    expect(tallies).toEqual([
      { event: CODE, waiting: 1, sent: 1, attention: 1, confirmed: 1, receipts: ['R-1'] },
      { event: 'MOS-1234', waiting: 0, sent: 0, attention: 0, confirmed: 1, receipts: ['R-2'] },
      { event: undefined, waiting: 1, sent: 0, attention: 0, confirmed: 0, receipts: [] },
    ]);
  });
});
