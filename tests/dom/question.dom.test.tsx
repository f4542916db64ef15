import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { getCachedEngagement, loadDraft } from '../../src/storage';
import { navigate } from '../../src/app/router';
import { PHASE, SLUG, freshDevice, questionPath, renderAt } from './harness';

vi.mock('../../src/app/sw-bridge', () => ({
  registerServiceWorker: vi.fn(),
  applyUpdate: vi.fn(async () => undefined),
  requestBackgroundSync: vi.fn(async () => undefined),
}));

beforeEach(() => freshDevice('online'));

describe('question page', () => {
  it('puts a choice question in the legend as the h1, with its hint and five labelled faces', async () => {
    renderAt(questionPath('mood'));
    const heading = await screen.findByRole('heading', { level: 1, name: 'How do you feel about support?' });
    const group = screen.getByRole('group', { name: 'How do you feel about support?' });
    expect(group.querySelector('legend')?.contains(heading)).toBe(true);
    expect(group.getAttribute('aria-describedby')).toBe('answer-hint');
    expect(document.getElementById('answer-hint')?.textContent).toBe('Choose a face.');
    const faces = within(group).getAllByRole('radio');
    expect(faces.map((radio) => radio.getAttribute('value'))).toEqual(['1', '2', '3', '4', '5']);
    expect(within(group).getByRole('radio', { name: 'Very unhappy' })).toBe(faces[0]);
    expect(within(group).getByRole('radio', { name: 'Very happy' })).toBe(faces[4]);
    expect(screen.getByRole('link', { name: 'Back' }).getAttribute('href')).toBe(`/e/${SLUG}`);
    expect(document.title).toBe('How do you feel about support? – Test engagement – Heard');
  });

  it('labels a text question with its h1 and marks optional questions', async () => {
    renderAt(questionPath('ideas'));
    const textarea = await screen.findByRole('textbox', { name: 'What would help you?' });
    expect(textarea.closest('h1')).toBeNull();
    expect(document.querySelector('h1 label[for="answer"]')).not.toBeNull();
    expect(textarea.getAttribute('aria-describedby')).toBe('answer-hint answer-info');
    expect(document.getElementById('answer-info')?.textContent).toBe('You have 20 characters remaining');
    expect(screen.getByRole('link', { name: 'Back' }).getAttribute('href')).toBe(questionPath('mood'));

    navigate(questionPath('where'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Where would you like support? (optional)' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'At home' })).toBeTruthy();
  });

  it('shows the error summary, focused and linking to the field, when a required question is left empty', async () => {
    const user = userEvent.setup();
    renderAt(questionPath('mood'));
    await screen.findByRole('heading', { level: 1 });
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('heading', { name: 'There is a problem' })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(summary));
    const link = within(summary).getByRole('link', { name: 'Select the face that fits best' });
    expect(link.getAttribute('href')).toBe('#answer');
    expect(document.getElementById('answer-error')?.textContent).toBe('Error: Select the face that fits best');
    expect(document.title.startsWith('Error: How do you feel about support?')).toBe(true);
    // Still on the same question.
    expect(location.pathname).toBe(questionPath('mood'));

    await user.click(link);
    expect(document.activeElement).toBe(document.getElementById('answer'));
    expect(document.activeElement?.getAttribute('value')).toBe('1');
  });

  it('refuses a text answer over the limit with the same pattern', async () => {
    const user = userEvent.setup();
    renderAt(questionPath('ideas'));
    const textarea = await screen.findByRole('textbox', { name: 'What would help you?' });
    await user.type(textarea, 'This answer is much too long');
    expect(screen.getAllByText('You have 8 characters too many').length).toBeGreaterThan(0);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Your answer must be 20 characters or fewer' })).toBeTruthy();
    expect(location.pathname).toBe(questionPath('ideas'));
  });

  it('goes to the next question after a valid answer, and focuses its heading', async () => {
    const user = userEvent.setup();
    renderAt(questionPath('mood'));
    await user.click(await screen.findByRole('radio', { name: 'Happy' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    const next = await screen.findByRole('heading', { level: 1, name: 'What would help you?' });
    expect(location.pathname).toBe(questionPath('ideas'));
    await waitFor(() => expect(document.activeElement).toBe(next));
    expect(screen.queryByRole('alert')).toBeNull();
    const draft = await loadDraft(SLUG, PHASE);
    expect(draft?.answers.mood).toEqual({ scale: 4 });
    expect(draft?.step).toBe('ideas');
    expect(draft?.version).toBe(3);
  });

  it('autosaves every change and restores the answer after the page is closed and reopened', async () => {
    const user = userEvent.setup();
    const first = renderAt(questionPath('ideas'));
    await user.type(await screen.findByRole('textbox', { name: 'What would help you?' }), 'More buses');
    await waitFor(async () => expect((await loadDraft(SLUG, PHASE))?.answers.ideas?.text).toBe('More buses'));
    expect((await loadDraft(SLUG, PHASE))?.step).toBe('ideas');
    first.unmount();

    renderAt(questionPath('ideas'));
    const restored = await screen.findByRole('textbox', { name: 'What would help you?' });
    expect((restored as HTMLTextAreaElement).value).toBe('More buses');
  });

  it('writes a waiting draft at once when the page is hidden', async () => {
    const user = userEvent.setup({ delay: null });
    renderAt(questionPath('stay-well'));
    await user.click(await screen.findByRole('radio', { name: 'Not sure' }));
    window.dispatchEvent(new Event('pagehide'));
    await waitFor(async () => expect((await loadDraft(SLUG, PHASE))?.answers['stay-well']).toEqual({ vote: 'unsure' }), { timeout: 200 });
  });

  it('offers "Continue where you left off" on the start page once a draft exists', async () => {
    const user = userEvent.setup();
    renderAt(`/e/${SLUG}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Test engagement' })).toBeTruthy();
    expect(screen.getAllByRole('link', { name: 'Start now' })[0]?.getAttribute('href')).toBe(questionPath('mood'));
    expect(screen.queryByRole('link', { name: 'Continue where you left off' })).toBeNull();

    await user.click(screen.getAllByRole('link', { name: 'Start now' })[0] as HTMLElement);
    await user.click(await screen.findByRole('radio', { name: 'Unhappy' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { level: 1, name: 'What would help you?' });

    await user.click(screen.getByRole('link', { name: 'Back' }));
    await user.click(await screen.findByRole('link', { name: 'Back' }));
    const resume = await screen.findByRole('link', { name: 'Continue where you left off' });
    expect(resume.getAttribute('href')).toBe(questionPath('ideas'));
  });

  it('says the engagement is not saved when it was never opened online', async () => {
    await freshDevice('offline');
    renderAt(questionPath('mood'));
    expect(await screen.findByRole('heading', { level: 1, name: 'This engagement is not saved on this device yet' })).toBeTruthy();
    expect(screen.getByText(/Connect to the internet once to open it/)).toBeTruthy();
  });

  it('opens from the device copy when offline after one visit online', async () => {
    const online = renderAt(questionPath('mood'));
    await screen.findByRole('heading', { level: 1, name: 'How do you feel about support?' });
    await waitFor(async () => expect((await getCachedEngagement(SLUG))?.etag).toBe('"v3"'));
    online.unmount();
    await freshDeviceKeepingStorage();
    renderAt(questionPath('mood'));
    expect(await screen.findByRole('heading', { level: 1, name: 'How do you feel about support?' })).toBeTruthy();
  });
});

// Going offline keeps what IndexedDB holds but forgets what this page session loaded.
async function freshDeviceKeepingStorage(): Promise<void> {
  const { resetLoadedEngagements } = await import('../../src/app/engagement-source');
  const { stubFetch, setOnline } = await import('./harness');
  resetLoadedEngagements();
  stubFetch('offline');
  setOnline(false);
}
