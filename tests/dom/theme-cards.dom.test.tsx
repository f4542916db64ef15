import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { ContributionSchema, check, type Phase } from '../../src/shared';
import { listQueued, loadDraft, saveDraft } from '../../src/storage';
import { setPreferences } from '../../src/app/preferences';
import { applyEasyRead } from '../../src/app/easy-read/strings';
import { SLUG, bundle, freshDevice, renderAt, setOnline, stubFetch } from './harness';

vi.mock('../../src/app/sw-bridge', () => ({
  registerServiceWorker: vi.fn(),
  applyUpdate: vi.fn(async () => undefined),
  requestBackgroundSync: vi.fn(async () => undefined),
}));

const CARDS = 'cards';

// A crowdsource phase of theme cards, with a withdrawn (and required) statement between them
// that the page must skip everywhere, and an "add your own ideas" question after them.
const cards: Phase = {
  id: CARDS,
  kind: 'crowdsource',
  title: 'What the public said',
  intro: 'React to each theme.',
  audience: 'professionals',
  prompts: [
    {
      id: 'closer',
      kind: 'vote',
      text: 'Support closer to home',
      hint: 'A theme from the public conversation.',
      required: true,
      picture: '1F3E0',
      theme: 'closer-to-home',
      quotes: [
        { text: 'The clinic is two buses away.', locale: 'en' },
        { text: 'Mae’r clinig yn rhy bell.', locale: 'cy' },
      ],
      comment: true,
    },
    { id: 'gone', kind: 'vote', text: 'A statement since withdrawn', required: true, withdrawn: true },
    {
      id: 'profile',
      kind: 'vote',
      text: 'Nobody knows what each professional does',
      required: false,
      theme: 'profile',
      quotes: [{ text: 'I never know who I am seeing.', locale: 'en' }],
      comment: true,
    },
    { id: 'own-ideas', kind: 'text', text: 'Add your own ideas', required: false },
  ],
};

const cardPath = (prompt: string, change = false) => `/e/${SLUG}/${CARDS}/${prompt}${change ? '?change=1' : ''}`;
const checkPath = `/e/${SLUG}/${CARDS}/check`;

beforeAll(() => {
  bundle.phases.push(cards);
});

beforeEach(async () => {
  await freshDevice('online');
  setPreferences({ easyRead: false });
  await applyEasyRead(false);
});

describe('theme card', () => {
  it('shows the theme as the h1, its quotes in their own language, the three votes and a counted comment box', async () => {
    renderAt(cardPath('closer'));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Support closer to home' });
    const group = screen.getByRole('group', { name: 'Support closer to home' });
    expect(group.querySelector('legend')?.contains(heading)).toBe(true);
    expect(document.getElementById('answer-hint')?.textContent).toBe('A theme from the public conversation.');
    // The withdrawn statement is not counted.
    expect(screen.getByText('Question 1 of 3')).toBeTruthy();

    expect(within(group).getByRole('heading', { level: 2, name: 'What people told us' })).toBeTruthy();
    const quotes = [...group.querySelectorAll('blockquote')];
    expect(quotes.map((q) => [q.textContent, q.getAttribute('lang'), q.getAttribute('dir')])).toEqual([
      ['The clinic is two buses away.', 'en', 'auto'],
      ['Mae’r clinig yn rhy bell.', 'cy', 'auto'],
    ]);
    expect(within(group).getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['agree', 'disagree', 'unsure']);

    const comment = screen.getByRole('textbox', { name: 'Add a comment (optional)' });
    expect(comment.id).toBe('comment');
    expect(group.contains(comment)).toBe(false);
    expect(comment.getAttribute('aria-describedby')).toBe('comment-hint comment-info');
    expect(document.getElementById('comment-info')?.textContent).toBe('You have 5,000 characters remaining');
  });

  it('keeps the vote and the comment together in the draft, and skips the withdrawn statement', async () => {
    const user = userEvent.setup();
    renderAt(cardPath('closer'));
    await user.click(await screen.findByRole('radio', { name: 'Agree' }));
    await user.type(screen.getByRole('textbox', { name: 'Add a comment (optional)' }), 'We see this every week.');
    // Changing the vote keeps the comment.
    await user.click(screen.getByRole('radio', { name: 'Not sure' }));
    await user.click(screen.getByRole('radio', { name: 'Agree' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Nobody knows what each professional does (optional)' })).toBeTruthy();
    expect(location.pathname).toBe(cardPath('profile'));
    expect(screen.getByText('Question 2 of 3')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back' }).getAttribute('href')).toBe(cardPath('closer'));
    const draft = await loadDraft(SLUG, CARDS);
    expect(draft?.answers.closer).toEqual({ vote: 'agree', text: 'We see this every week.' });
  });

  it('counts and starts the phase without the withdrawn statement', async () => {
    renderAt(`/e/${SLUG}`);
    const section = await screen.findByRole('region', { name: 'What the public said' });
    expect(within(section).getByText('3 questions')).toBeTruthy();
    expect(within(section).getByRole('link', { name: /Start now/ }).getAttribute('href')).toBe(cardPath('closer'));
  });

  it('does not show a withdrawn statement, even at its own address', async () => {
    renderAt(cardPath('gone'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
    expect(screen.queryByText('A statement since withdrawn')).toBeNull();
  });

  it('refuses a comment over the limit with an error that links to the comment box', async () => {
    await saveDraft({ engagement: SLUG, phase: CARDS, version: 3, step: 'closer', answers: { closer: { vote: 'agree', text: 'x'.repeat(5001) } } });
    const user = userEvent.setup();
    renderAt(cardPath('closer'));
    await screen.findByRole('heading', { level: 1 });
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const summary = await screen.findByRole('alert');
    const link = within(summary).getByRole('link', { name: 'Your comment must be 5,000 characters or fewer' });
    expect(link.getAttribute('href')).toBe('#comment');
    expect(document.getElementById('comment-error')?.textContent).toBe('Error: Your comment must be 5,000 characters or fewer');
    expect(document.getElementById('answer-error')).toBeNull();
    expect(location.pathname).toBe(cardPath('closer'));
  });

  it('in easy read: pictures beside the headings and votes, the quotes as written', async () => {
    setPreferences({ easyRead: true });
    await applyEasyRead(true);
    renderAt(cardPath('closer'));
    const quotesHeading = await screen.findByRole('heading', { level: 2, name: 'What people said' });
    expect(quotesHeading.querySelector('img')?.getAttribute('src')).toBe('/pictures/1F4AC.svg');
    expect(document.querySelector('h1 img')?.getAttribute('src')).toBe('/pictures/1F3E0.svg');
    expect(document.querySelectorAll('.app-votes .govuk-radios__label img')).toHaveLength(3);
    expect(screen.getByRole('radio', { name: 'Yes, I agree' })).toBeTruthy();
    expect(document.querySelector('blockquote')?.textContent).toBe('The clinic is two buses away.');
    const label = document.querySelector('label[for="comment"]');
    expect(label?.textContent).toBe('Tell us more (you can skip this)');
    expect(label?.querySelector('img')?.getAttribute('src')).toBe('/pictures/1F4DD.svg');
  });
});

describe('theme cards on check your answers', () => {
  const answered = () =>
    saveDraft({
      engagement: SLUG,
      phase: CARDS,
      version: 3,
      step: 'check',
      answers: {
        closer: { vote: 'agree', text: '  We see this every week.  ' },
        // A blank comment is no comment.
        profile: { vote: 'disagree', text: '   ' },
        // An answer kept from before the statement was withdrawn is neither shown nor sent.
        gone: { vote: 'unsure' },
        'own-ideas': { text: 'Drop-in clinics in libraries' },
      },
    });

  it('shows each vote and each comment with its own Change link, and never the withdrawn statement', async () => {
    await answered();
    renderAt(checkPath);
    expect(await screen.findByRole('heading', { level: 1, name: 'Check your answers before sending' })).toBeTruthy();
    const rows = [...document.querySelectorAll('.govuk-summary-list__row')].map((row) => [
      row.querySelector('dt')?.textContent,
      row.querySelector('.govuk-summary-list__value')?.textContent,
    ]);
    expect(rows).toEqual([
      ['Support closer to home', 'Agree'],
      ['Your comment', 'We see this every week.'],
      ['Nobody knows what each professional does', 'Disagree'],
      ['Your comment', 'Not answered'],
      ['Add your own ideas', 'Drop-in clinics in libraries'],
    ]);
    const changeComment = screen.getByRole('link', { name: 'Change your comment on: Support closer to home' });
    expect(changeComment.getAttribute('href')).toBe(cardPath('closer', true));
    expect(screen.getByRole('link', { name: 'Change your answer to: Support closer to home' }).getAttribute('href')).toBe(cardPath('closer', true));
  });

  it('sends the vote and the comment as two answers, no blank comment, nothing for the withdrawn statement', async () => {
    const user = userEvent.setup();
    await answered();
    renderAt(checkPath);
    await screen.findByRole('heading', { level: 1, name: 'Check your answers before sending' });
    stubFetch('offline');
    setOnline(false);
    await user.click(screen.getByRole('button', { name: 'Send my answers' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Thank you' })).toBeTruthy();

    const [entry] = await listQueued();
    expect(check(ContributionSchema, entry?.payload).ok).toBe(true);
    expect(entry?.payload).toMatchObject({
      engagement: SLUG,
      phase: CARDS,
      answers: [
        { prompt: 'closer', vote: 'agree' },
        { prompt: 'closer', text: 'We see this every week.' },
        { prompt: 'profile', vote: 'disagree' },
        { prompt: 'own-ideas', text: 'Drop-in clinics in libraries' },
      ],
    });
    expect((entry?.payload as { answers: unknown[] }).answers).toHaveLength(4);
  });

  it('does not ask for a withdrawn statement, even a required one', async () => {
    const user = userEvent.setup();
    await saveDraft({ engagement: SLUG, phase: CARDS, version: 3, step: 'check', answers: { 'own-ideas': { text: 'More time' } } });
    renderAt(checkPath);
    await user.click(await screen.findByRole('button', { name: 'Send my answers' }));
    const summary = await screen.findByRole('alert');
    const links = within(summary).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(['Answer the question: Support closer to home']);
    await waitFor(() => expect(document.activeElement).toBe(summary));
  });
});
