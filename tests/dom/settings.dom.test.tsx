import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { followPreferences } from '../../src/app/display-settings';
import { getPreferences, previewFromQuery, resetPreferencesMemory, setPreferences, setPreviewOverride } from '../../src/app/preferences';
import { returnPath } from '../../src/app/router';
import { SLUG, freshDevice, renderAt } from './harness';

vi.mock('../../src/app/sw-bridge', () => ({
  registerServiceWorker: vi.fn(),
  applyUpdate: vi.fn(async () => undefined),
  requestBackgroundSync: vi.fn(async () => undefined),
}));

let stop: (() => void) | undefined;
beforeEach(async () => {
  await freshDevice('online');
  stop = followPreferences();
});
afterEach(() => {
  stop?.();
  setPreferences({ textSize: 100, contrast: 'standard', font: 'standard', reduceMotion: false, easyRead: false });
});

const stored = () => JSON.parse(localStorage.getItem('heard:preferences') ?? '{}') as Record<string, unknown>;

describe('display settings', () => {
  it('saves text size, colours, font, easy read and motion, puts them on <html> and offers the way back', async () => {
    const user = userEvent.setup();
    renderAt(`/settings?from=${encodeURIComponent(`/e/${SLUG}`)}`);
    await user.click(await screen.findByRole('radio', { name: 'Very large (200%)' }));
    await user.click(screen.getByRole('radio', { name: /High contrast/ }));
    await user.click(screen.getByRole('radio', { name: /Easy-to-read font/ }));
    await user.click(screen.getByRole('radio', { name: 'Reduce movement and animation' }));
    // Nothing changes until the person saves.
    expect(document.documentElement.style.fontSize).toBe('');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('Your display settings are saved.');
    await waitFor(() => expect(document.activeElement).toBe(banner));
    const root = document.documentElement;
    expect(root.style.fontSize).toBe('200%');
    expect([...root.classList].sort()).toEqual(['app-contrast-high', 'app-font-readable', 'app-reduce-motion']);
    expect(stored()).toMatchObject({ language: 'en', textSize: 200, contrast: 'high', font: 'readable', reduceMotion: true, easyRead: false });
    expect(screen.getByRole('link', { name: 'Go back to the page you were looking at' }).getAttribute('href')).toBe(`/e/${SLUG}`);

    // A new visit reads them back before anything renders.
    resetPreferencesMemory();
    expect(getPreferences()).toMatchObject({ textSize: 200, contrast: 'high', font: 'readable', reduceMotion: true });
  });

  it('is reachable from the header of every page, and returns only to pages of this site', async () => {
    renderAt(`/e/${SLUG}`);
    expect((await screen.findByRole('link', { name: 'Display settings' })).getAttribute('href')).toBe(`/settings?from=${encodeURIComponent(`/e/${SLUG}`)}`);
    expect(screen.getByRole('link', { name: 'Language' }).getAttribute('href')).toBe(`/language?from=${encodeURIComponent(`/e/${SLUG}`)}`);
    expect(returnPath('?from=%2Fe%2Fx%3Fchange%3D1')).toBe('/e/x?change=1');
    expect(returnPath('?from=https%3A%2F%2Fevil.example')).toBe('/');
    expect(returnPath('?from=%2F%2Fevil.example')).toBe('/');
    expect(returnPath('?from=%2Flanguage')).toBe('/');
  });
});

describe('an organiser’s preview', () => {
  it('takes language and mode from the query for this page only, and never saves them', () => {
    expect(previewFromQuery('?preview=1&lang=ar&mode=easy')).toEqual({ language: 'ar', easyRead: true });
    expect(previewFromQuery('?preview=1&mode=standard')).toEqual({ language: 'en', easyRead: false });
    expect(previewFromQuery('?lang=ar&mode=easy')).toEqual({});
    expect(previewFromQuery('?preview=1&lang=<script>')).toEqual({ language: 'en' });
    setPreviewOverride(previewFromQuery('?preview=1&lang=cy&mode=easy'));
    expect(getPreferences()).toMatchObject({ language: 'cy', easyRead: true });
    setPreferences({ textSize: 150 });
    expect(stored()).toMatchObject({ language: 'en', easyRead: false, textSize: 150 });
    expect(getPreferences()).toMatchObject({ language: 'cy', easyRead: true, textSize: 150 });
    // What the person then chooses themselves wins over the preview.
    setPreferences({ language: 'pl' });
    expect(getPreferences().language).toBe('pl');
    setPreviewOverride({});
  });
});
