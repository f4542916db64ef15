import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { bestLanguage, i18n, setLanguage } from '../../src/i18n';
import { resolveContent } from '../../src/app/content';
import { followPreferences } from '../../src/app/display-settings';
import { getPreferences } from '../../src/app/preferences';
import { navigate } from '../../src/app/router';
import { getScheduler } from '../../src/app/sync';
import { PHASE, SLUG, bundle, freshDevice, questionPath, received, renderAt } from './harness';

vi.mock('../../src/app/sw-bridge', () => ({
  registerServiceWorker: vi.fn(),
  applyUpdate: vi.fn(async () => undefined),
  requestBackgroundSync: vi.fn(async () => undefined),
}));

let stop: (() => void) | undefined;

// The page's own submit button, whatever its words in the language and mode.
const submitButton = () => waitFor(() => {
  const button = document.querySelector<HTMLButtonElement>('main form button[type=submit]');
  if (!button) throw new Error('no submit button yet');
  return button;
});
afterEach(async () => {
  stop?.();
  await setLanguage('en');
});

describe('the language screen', () => {
  beforeEach(async () => {
    await freshDevice('online', { languageChosen: false });
    stop = followPreferences();
  });

  it('comes first on a new device, names each language in its own script, then opens the link in that language', async () => {
    const user = userEvent.setup();
    renderAt(`/e/${SLUG}`);
    const group = await screen.findByRole('group', { name: 'Choose your language' });
    const names = within(group)
      .getAllByRole('radio')
      .map((radio) => document.querySelector(`label[for="${radio.id}"] [lang]`));
    expect(names.map((name) => [name?.getAttribute('lang'), name?.textContent])).toEqual([
      ['en', 'English'],
      ['cy', 'Cymraeg'],
      ['pl', 'Polski'],
      ['ro', 'Română'],
      ['pa', 'ਪੰਜਾਬੀ'],
      ['ur', 'اردو'],
      ['ar', 'العربية'],
      ['bn', 'বাংলা'],
      ['so', 'Soomaali'],
      ['zh', '中文（简体）'],
    ]);
    // The name in the page's language helps someone choosing for another person.
    expect(within(group).getByRole('radio', { name: 'Cymraeg' }).getAttribute('aria-describedby')).toBeTruthy();
    await user.click(within(group).getByRole('radio', { name: 'Cymraeg' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('heading', { level: 1, name: bundle.title })).toBeTruthy();
    expect(location.pathname).toBe(`/e/${SLUG}`);
    expect(i18n.language).toBe('cy');
    expect(document.documentElement.lang).toBe('cy');
    expect(getPreferences().language).toBe('cy');
    expect(JSON.parse(localStorage.getItem('heard:preferences') ?? '{}')).toMatchObject({ language: 'cy' });
  });

  it('speaks the browser’s language on the first screen when Heard has it', () => {
    expect(bestLanguage(['pl-PL', 'en-GB'])).toBe('pl');
    expect(bestLanguage(['zh-Hans-CN'])).toBe('zh');
    expect(bestLanguage(['de-DE', 'fr'])).toBe('en');
  });

  it('turns the page right to left for Arabic', async () => {
    const user = userEvent.setup();
    renderAt('/language');
    await user.click(await screen.findByRole('radio', { name: 'العربية' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(document.documentElement.dir).toBe('rtl'));
    expect(document.documentElement.lang).toBe('ar');
  });
});

describe('answering in another language', () => {
  beforeEach(async () => {
    await freshDevice('online');
    stop = followPreferences();
  });

  it('records the language and easy read on the contribution, keeping free text as written', async () => {
    const user = userEvent.setup();
    localStorage.setItem('heard:preferences', JSON.stringify({ language: 'cy', easyRead: true }));
    const { resetPreferencesMemory } = await import('../../src/app/preferences');
    resetPreferencesMemory();
    await setLanguage('cy');
    getScheduler().start();
    renderAt(questionPath('mood'));
    await user.click((await screen.findAllByRole('radio'))[1] as HTMLElement);
    await user.click(await submitButton());
    await user.type(await screen.findByRole('textbox'), 'Bws hwyr');
    await user.click(await submitButton());
    await waitFor(() => expect(location.pathname).toBe(questionPath('where')));
    act(() => navigate(`/e/${SLUG}/${PHASE}/check`));
    await screen.findByRole('heading', { level: 1, name: i18n.t('check.title') });
    await user.click(await submitButton());
    await waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]).toMatchObject({ locale: 'cy', route: { easyRead: true } });
    expect(received[0]?.answers).toContainEqual({ prompt: 'ideas', text: 'Bws hwyr' });
  });

  it('announces in the status bar that answers are saved, waiting to be sent, and sent', async () => {
    const user = userEvent.setup();
    renderAt(questionPath('ideas'));
    const status = () => document.querySelector('.app-status[role="status"]')?.textContent ?? '';
    await user.type(await screen.findByRole('textbox'), 'More buses');
    await waitFor(() => expect(status()).toContain('Your answers so far are saved on this device'));
    act(() => navigate(questionPath('mood')));
    await user.click(await screen.findByRole('radio', { name: 'Happy' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(location.pathname).toBe(questionPath('ideas')));
    act(() => navigate(`/e/${SLUG}/${PHASE}/check`));
    await user.click(await screen.findByRole('button', { name: 'Send my answers' }));
    await waitFor(() => expect(status()).toContain('1 answer waiting to be sent'));
    getScheduler().start();
    await waitFor(() => expect(status()).toContain('All answers sent'));
  });
});

describe('the engagement in the person’s language', () => {
  const overlaid = {
    ...bundle,
    languages: ['en', 'cy'],
    translations: { cy: { title: 'Ymgysylltiad prawf', phases: { [PHASE]: { prompts: { where: { text: 'Ble hoffech chi gael cymorth?', choices: { home: 'Gartref' } } } } } } },
    easyRead: {
      cy: { phases: { [PHASE]: { prompts: { ideas: { text: 'Beth fyddai’n helpu?', hint: [{ text: 'Ysgrifennwch ychydig.', picture: '270F' }] } } } } },
      en: { title: 'Tell us', intro: [{ text: 'We listen.', picture: '1F442' }, { text: 'No names.', picture: '1F512' }] },
    },
  };
  const prompt = (b: typeof bundle, id: string) => b.phases[0]?.prompts.find((p) => p.id === id);

  it('takes each text from the best overlay: easy read in the language, the language, easy read in English, English', () => {
    const welsh = resolveContent(overlaid, { language: 'cy', easyRead: false });
    expect(welsh.title).toBe('Ymgysylltiad prawf');
    expect(prompt(welsh, 'where')).toMatchObject({ text: 'Ble hoffech chi gael cymorth?', choices: [{ id: 'home', label: 'Gartref' }, { id: 'online', label: 'Online' }] });
    expect(prompt(welsh, 'ideas')?.text).toBe('What would help you?');
    const welshEasy = resolveContent(overlaid, { language: 'cy', easyRead: true });
    expect(prompt(welshEasy, 'ideas')).toMatchObject({ text: 'Beth fyddai’n helpu?', hint: 'Ysgrifennwch ychydig.' });
    // No Welsh easy read for the title: Welsh first, before English easy read.
    expect(welshEasy.title).toBe('Ymgysylltiad prawf');
    const englishEasy = resolveContent(overlaid, { language: 'en', easyRead: true });
    expect(englishEasy.title).toBe('Tell us');
    expect(englishEasy.intro).toBe('We listen. No names.');
    // A language with nothing of its own shows the source text; ids and kinds never change.
    const polish = resolveContent(overlaid, { language: 'pl', easyRead: false });
    expect(polish.phases).toEqual(bundle.phases);
    expect(welsh.phases.map((p) => p.prompts.map((q) => [q.id, q.kind]))).toEqual(bundle.phases.map((p) => p.prompts.map((q) => [q.id, q.kind])));
  });
});
