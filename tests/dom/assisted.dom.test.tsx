import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { ContributionSchema, check, isSealed, type Contribution, type SealedContribution } from '../../src/shared';
import { unsealContribution } from '../../src/shared/seal';
import { getAssistedMode, listDrafts, listQueued, loadDraft, saveDraft } from '../../src/storage';
import { setIdleTimings } from '../../src/app/assisted/session';
import { PHASE, SLUG, renderAt } from './harness';
import { CODE, answerAsPerson, checkPath, keys, switchOnAssisted, useSharedTablet } from './assisted-helpers';

vi.mock('../../src/app/sw-bridge', () => ({
  registerServiceWorker: vi.fn(),
  applyUpdate: vi.fn(async () => undefined),
  requestBackgroundSync: vi.fn(async () => undefined),
}));

useSharedTablet();

describe('event links', () => {
  it('tags the visit’s contributions with the event from the poster link', async () => {
    const user = userEvent.setup();
    renderAt(`/e/${SLUG}?event=${CODE}`);
    await screen.findByRole('heading', { level: 1, name: 'Test engagement' });
    await answerAsPerson('More buses');
    await user.click(await screen.findByRole('button', { name: 'Send my answers' }));
    await screen.findByRole('heading', { level: 1, name: /sent|saved|thank/i });
    const [entry] = await listQueued();
    const payload = entry?.payload as Contribution;
    expect(check(ContributionSchema, payload).ok).toBe(true);
    expect(payload).toMatchObject({ channel: 'event', event: CODE, route: { assisted: false } });
    expect(entry?.event).toBe(CODE);
  });

  it('ignores an event parameter that is not an event code', async () => {
    renderAt(`/e/${SLUG}?event=${encodeURIComponent('<script>')}`);
    await screen.findByRole('heading', { level: 1, name: 'Test engagement' });
    expect(sessionStorage.getItem('heard-event')).toBeNull();
  });
});

describe('switching on assisted mode', () => {
  it('shows an error summary for a missing code and PINs that do not match', async () => {
    const user = userEvent.setup();
    renderAt('/tablet');
    await user.type(await screen.findByLabelText('Choose a PIN'), '1234');
    await user.type(screen.getByLabelText('Type the PIN again'), '1235');
    await user.click(screen.getByRole('button', { name: 'Switch on assisted mode' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('Enter the event code');
    expect(summary.textContent).toContain('The two PINs are not the same');
    await waitFor(() => expect(document.title.startsWith('Error: ')).toBe(true));
    expect(await getAssistedMode()).toBeUndefined();
  });

  it('says so when the event code does not exist', async () => {
    const user = userEvent.setup();
    renderAt('/tablet');
    await user.type(await screen.findByLabelText('Event code'), 'NOPE-0000');
    await user.type(screen.getByLabelText('Choose a PIN'), '1234');
    await user.type(screen.getByLabelText('Type the PIN again'), '1234');
    await user.click(screen.getByRole('button', { name: 'Switch on assisted mode' }));
    expect((await screen.findByRole('alert')).textContent).toContain('There is no event with that code');
  });

  it('keeps only a salted hash of the PIN', async () => {
    const user = userEvent.setup();
    await switchOnAssisted(user, '97531');
    const mode = await getAssistedMode();
    expect(mode?.event).toBe(CODE);
    expect(JSON.stringify(mode)).not.toContain('97531');
    expect(mode?.pin.salt.length).toBeGreaterThan(10);
  });
});

describe('a shared tablet in assisted mode', () => {
  it('seals each contribution, records provenance, and clears the person’s traces', async () => {
    const user = userEvent.setup();
    await switchOnAssisted(user);
    await user.click(screen.getByLabelText('An interpreter is helping'));
    await user.click(screen.getByRole('button', { name: 'Start answering' }));
    await screen.findByRole('heading', { level: 1, name: 'Test engagement' });
    await answerAsPerson('Secret words of person one');
    await user.click(await screen.findByRole('button', { name: 'Send my answers' }));
    await screen.findByText('Thank you. Your answers are saved and locked on this tablet.');

    const [entry] = await listQueued();
    expect(entry && isSealed(entry.payload)).toBe(true);
    expect(JSON.stringify(entry)).not.toContain('Secret words');
    expect(entry?.event).toBe(CODE);
    const opened = check(ContributionSchema, await unsealContribution(entry?.payload as SealedContribution, keys.privateJwk));
    expect(opened.ok && opened.value).toMatchObject({
      channel: 'event',
      event: CODE,
      route: { assisted: true, interpreter: true },
      answers: [{ prompt: 'mood', scale: 4 }, { prompt: 'ideas', text: 'Secret words of person one' }],
    });
    await waitFor(async () => expect(await listDrafts()).toEqual([]));
  });

  it('keeps a person’s answers on screen and queues nothing when the tablet is full, then seals them once there is room', async () => {
    const user = userEvent.setup();
    await switchOnAssisted(user);
    await user.click(screen.getByRole('button', { name: 'Start answering' }));
    await screen.findByRole('heading', { level: 1, name: 'Test engagement' });
    await answerAsPerson('Kept while full');
    const add = IDBObjectStore.prototype.add;
    const full = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      if (this.name === 'outbox') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return add.apply(this, args);
    });
    await user.click(await screen.findByRole('button', { name: 'Send my answers' }));
    expect((await screen.findByRole('alert')).textContent).toContain('This device is full');
    expect(screen.getByText('Kept while full')).toBeTruthy();
    expect(await listQueued()).toEqual([]);
    full.mockRestore();
    await user.click(screen.getByRole('button', { name: 'Send my answers' }));
    await screen.findByText('Thank you. Your answers are saved and locked on this tablet.');
    const queued = await listQueued();
    expect(queued).toHaveLength(1);
    expect(queued[0] && isSealed(queued[0].payload)).toBe(true);
  });

  it('never shows an earlier person’s pages: typed addresses and old history entries go to the pass screen', async () => {
    const user = userEvent.setup();
    await switchOnAssisted(user);
    await user.click(screen.getByRole('button', { name: 'Start answering' }));
    await screen.findByRole('heading', { level: 1, name: 'Test engagement' });
    await saveDraft({ engagement: SLUG, phase: PHASE, version: 3, step: 'check', answers: { ideas: { text: 'Left behind' } } });
    // An entry of that person's turn, reached again after the turn ended.
    history.replaceState({ person: 'an-earlier-person' }, '', checkPath);
    window.dispatchEvent(new PopStateEvent('popstate'));
    await screen.findByRole('heading', { level: 1, name: 'Pass the tablet to the next person' });
    expect(location.pathname).toBe('/tablet/pass');
    await waitFor(async () => expect(await loadDraft(SLUG, PHASE)).toBeUndefined());
    expect(document.body.textContent).not.toContain('Left behind');
  });

  it('warns an idle person, then clears their answers', async () => {
    const user = userEvent.setup();
    setIdleTimings({ idleMs: 150, warningMs: 300 });
    await switchOnAssisted(user);
    await user.click(screen.getByRole('button', { name: 'Start answering' }));
    await screen.findByRole('heading', { level: 1, name: 'Test engagement' });
    await saveDraft({ engagement: SLUG, phase: PHASE, version: 3, step: 'check', answers: { ideas: { text: 'Walked away' } } });
    const warning = await screen.findByRole('alertdialog', { name: 'Are you still there?' });
    expect(warning.textContent).toMatch(/cleared in \d+ seconds?/);
    await user.click(screen.getByRole('button', { name: 'Yes, I am still here' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(location.pathname).toBe(`/e/${SLUG}`);
    await screen.findByRole('alertdialog', { name: 'Are you still there?' });
    await screen.findByText(/cleared because nobody used the tablet/);
    expect(location.pathname).toBe('/tablet/pass');
    await waitFor(async () => expect(await listDrafts()).toEqual([]));
  });

  it('needs the PIN to leave: a wrong PIN shows an error summary and slows later tries', async () => {
    const user = userEvent.setup();
    await switchOnAssisted(user);
    await user.click(screen.getByRole('link', { name: 'Leave assisted mode' }));
    const tryPin = async (pin: string) => {
      await user.type(await screen.findByLabelText('PIN'), pin);
      await user.click(screen.getByRole('button', { name: 'Continue' }));
    };
    await tryPin('0000');
    expect((await screen.findByRole('alert')).textContent).toContain('The PIN is not right');
    await tryPin('1111');
    await waitFor(async () => expect((await getAssistedMode())?.failedAttempts).toBe(2));
    await tryPin('2222');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/Too many wrong PINs\. Wait 5 seconds/));
    // Even the right PIN waits its turn.
    await tryPin('2468');
    await waitFor(async () => expect((await getAssistedMode())?.lockedUntil).toBeGreaterThan(Date.now()));
    expect(screen.getByRole('alert').textContent).toMatch(/Too many wrong PINs\. Wait \d seconds/);
    expect(screen.queryByRole('button', { name: 'Leave assisted mode' })).toBeNull();
    expect(await getAssistedMode()).toBeDefined();
  });

  it('leaves assisted mode with the right PIN', async () => {
    const user = userEvent.setup();
    await switchOnAssisted(user);
    await user.click(screen.getByRole('link', { name: 'Leave assisted mode' }));
    await user.type(await screen.findByLabelText('PIN'), '2468');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(await screen.findByRole('button', { name: 'Leave assisted mode' }));
    await screen.findByText('Assisted mode is off.');
    expect(await getAssistedMode()).toBeUndefined();
  });
});
