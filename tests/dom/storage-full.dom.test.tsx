import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { loadDraft } from '../../src/storage';
import { navigate } from '../../src/app/router';
import { PHASE, SLUG, freshDevice, questionPath, renderAt } from './harness';

beforeEach(() => freshDevice());
afterEach(() => vi.restoreAllMocks());

/** Makes every write to the drafts store fail the way a full device does. */
function fillTheDevice() {
  const put = IDBObjectStore.prototype.put;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (this.name === 'drafts') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return put.apply(this, args);
  });
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
}

describe('a device too full to save drafts', () => {
  it('keeps the answers from page to page, says they are not saved on the device, and shows them on the check page', async () => {
    fillTheDevice();
    const user = userEvent.setup();
    renderAt(questionPath('mood'));
    await user.click(await screen.findByRole('radio', { name: 'Happy' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.type(await screen.findByRole('textbox', { name: 'What would help you?' }), 'More buses');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { level: 1, name: /Where would you like support/ });

    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/This device is full, so your answers are not saved on it yet/));
    expect(await loadDraft(SLUG, PHASE)).toBeUndefined();

    navigate(questionPath('ideas'));
    expect(((await screen.findByRole('textbox', { name: 'What would help you?' })) as HTMLTextAreaElement).value).toBe('More buses');
    navigate(`/e/${SLUG}/${PHASE}/check`);
    await screen.findByRole('heading', { level: 1, name: 'Check your answers before sending' });
    expect(screen.getByText('More buses')).toBeTruthy();
    expect(screen.getByText('Happy')).toBeTruthy();
  });

  it('clears the warning once a draft is saved again', async () => {
    fillTheDevice();
    const user = userEvent.setup();
    renderAt(questionPath('ideas'));
    await user.type(await screen.findByRole('textbox', { name: 'What would help you?' }), 'Buses');
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/This device is full/));
    vi.mocked(IDBObjectStore.prototype.put).mockRestore();
    await user.type(screen.getByRole('textbox', { name: 'What would help you?' }), ' please');
    await waitFor(async () => expect((await loadDraft(SLUG, PHASE))?.answers.ideas?.text).toBe('Buses please'));
    await waitFor(() => expect(screen.getByRole('status').textContent).not.toMatch(/This device is full/));
  });
});
