import { render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Prompt } from '../../src/shared';
import { i18n, initI18n, setLanguage, t } from '../../src/i18n';
import { QuestionField } from '../../src/app/components/QuestionFields';
import { applyEasyRead, EASY_READ_CLASS } from '../../src/app/easy-read/strings';
import { Ideas } from '../../src/app/easy-read/Ideas';
import { resetPreferencesMemory, setPreferences } from '../../src/app/preferences';

const vote: Prompt = { id: 'stay-well', kind: 'vote', text: 'Services should help me stay well.', required: false, picture: '1F331', hint: 'Say if you agree.' };

beforeEach(async () => {
  localStorage.clear();
  resetPreferencesMemory();
  await initI18n('en');
  await setLanguage('en');
});

afterEach(async () => {
  setPreferences({ easyRead: false });
  await applyEasyRead(false);
});

describe('easy-read strings', () => {
  it('swap the app’s words for easy-read ones while easy read is on, and back', async () => {
    expect(t('question.continue')).toBe('Continue');
    await applyEasyRead(true);
    expect(document.documentElement.classList.contains(EASY_READ_CLASS)).toBe(true);
    expect(t('question.continue')).toBe('Next');
    expect(t('vote.agree')).toBe('Yes, I agree');
    // Plurals and placeholders still work in easy read.
    expect(t('status.waiting', { count: 2 })).toBe('2 answers are waiting to be sent');
    await applyEasyRead(false);
    expect(document.documentElement.classList.contains(EASY_READ_CLASS)).toBe(false);
    expect(t('question.continue')).toBe('Continue');
  });

  it('fall back to the standard words of the same language, never to English easy read, where a language has no easy-read file', async () => {
    const lng = 'xx';
    i18n.addResourceBundle(lng, 'translation', { question: { continue: 'Weiter (standard)' } });
    await i18n.changeLanguage(lng);
    await applyEasyRead(true);
    expect(t('question.continue')).toBe('Weiter (standard)');
    // A key the language lacks altogether still reads in English (standard fallback language).
    expect(t('question.back')).toBe('Back');
  });
});

describe('easy-read pictures', () => {
  it('show ideas with their picture first and decorative, or the plain text without ideas', () => {
    const { container, rerender } = render(<Ideas ideas={[{ text: 'We do not ask your name.', picture: '1F512' }]} text="Standard text." />);
    const item = container.querySelector('li.app-idea');
    expect(item?.firstElementChild?.tagName).toBe('IMG');
    expect(item?.querySelector('img')?.getAttribute('src')).toBe('/pictures/1F512.svg');
    expect(item?.querySelector('img')?.getAttribute('alt')).toBe('');
    expect(item?.textContent).toBe('We do not ask your name.');
    rerender(<Ideas ideas={undefined} text="Standard text." />);
    expect(container.querySelector('p')?.textContent).toBe('Standard text.');
    expect(container.querySelector('img')).toBeNull();
  });

  it('turn the votes into picture buttons, with the question’s picture in its heading, only in easy read', async () => {
    const { container, unmount } = render(<QuestionField prompt={vote} answer={undefined} onChange={() => undefined} />);
    expect(container.querySelectorAll('img')).toHaveLength(0);
    unmount();
    setPreferences({ easyRead: true });
    await applyEasyRead(true);
    const easy = render(<QuestionField prompt={vote} answer={undefined} onChange={() => undefined} hintIdeas={[{ text: 'Say if you agree.', picture: '1F44D' }]} />);
    expect(easy.container.querySelector('.app-votes')).not.toBeNull();
    const pictures = [...easy.container.querySelectorAll('.govuk-radios__label img')].map((img) => img.getAttribute('src'));
    expect(pictures).toEqual(['/pictures/1F44D.svg', '/pictures/1F44E.svg', '/pictures/1F937.svg']);
    expect(easy.container.querySelector('h1 img')?.getAttribute('src')).toBe('/pictures/1F331.svg');
    expect(screen.getByLabelText('Yes, I agree')).toBeTruthy();
    expect(easy.container.querySelector('.govuk-hint li.app-idea')?.textContent).toBe('Say if you agree.');
  });
});
