import { beforeAll, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import type { Prompt } from '../../src/shared';
import { initI18n } from '../../src/i18n';
import { loadWorkspaceStrings } from '../../src/workspace/i18n';
import { PromptEditor } from '../../src/workspace/screens/PromptEditor';

// The question editor's controls for theme cards and deck statements: a comment box, withdrawn,
// and the quotes theme coding chose, shown read-only.

beforeAll(async () => {
  await initI18n('en');
  loadWorkspaceStrings();
});

const card: Prompt = {
  id: 'theme-closer',
  kind: 'vote',
  text: 'Support closer to home',
  required: false,
  theme: 'closer',
  quotes: [
    { text: 'The clinic is two buses away.', locale: 'en' },
    { text: 'Mae’r clinig yn rhy bell.', locale: 'cy' },
  ],
};

function editor(prompt: Prompt, readOnly = false) {
  const onChange = vi.fn<(next: Prompt) => void>();
  render(<PromptEditor prompt={prompt} path="phases-1-prompts-0" number={1} errors={[]} readOnly={readOnly} onChange={onChange} onRemove={undefined} />);
  return onChange;
}

describe('question editor for vote prompts', () => {
  it('offers a comment box and withdrawal, each with its hint, and sets or clears the flag', async () => {
    const user = userEvent.setup();
    const onChange = editor(card);
    const comment = screen.getByRole('checkbox', { name: 'Offer a comment box' });
    const withdrawn = screen.getByRole('checkbox', { name: 'Withdrawn' });
    expect(comment).toHaveProperty('checked', false);
    expect(document.getElementById(withdrawn.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Participants no longer see this statement. Votes already cast are kept and reported apart.',
    );
    await user.click(comment);
    expect(onChange).toHaveBeenLastCalledWith({ ...card, comment: true });
    await user.click(withdrawn);
    expect(onChange).toHaveBeenLastCalledWith({ ...card, withdrawn: true });
  });

  it('clears a set flag rather than storing false', async () => {
    const user = userEvent.setup();
    const onChange = editor({ ...card, comment: true });
    await user.click(screen.getByRole('checkbox', { name: 'Offer a comment box' }));
    expect(onChange.mock.lastCall?.[0]).not.toHaveProperty('comment', false);
    expect(onChange.mock.lastCall?.[0].kind === 'vote' && onChange.mock.lastCall[0].comment).toBeUndefined();
  });

  it('shows the quotes read-only, each marked with its language', () => {
    editor(card);
    expect(screen.getByRole('heading', { level: 3, name: 'Example quotes' })).toBeTruthy();
    const quotes = [...document.querySelectorAll('blockquote')];
    expect(quotes.map((q) => [q.textContent, q.getAttribute('lang')])).toEqual([
      ['The clinic is two buses away.', 'en'],
      ['Mae’r clinig yn rhy bell.', 'cy'],
    ]);
    expect(document.querySelector('blockquote textarea, blockquote input')).toBeNull();
  });

  it('shows none of this for other kinds of question', () => {
    editor({ id: 'ideas', kind: 'text', text: 'Ideas?', required: false });
    expect(screen.queryByRole('checkbox', { name: 'Offer a comment box' })).toBeNull();
    expect(screen.queryByRole('checkbox', { name: 'Withdrawn' })).toBeNull();
    expect(screen.queryByText('Example quotes')).toBeNull();
  });
});
