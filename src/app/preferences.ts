import { useEffect, useState } from 'preact/hooks';

/**
 * The person's choices about how Heard looks and speaks, remembered on this device (in
 * localStorage, read synchronously at boot so the first paint already honours them). They
 * are not personal data: nothing here is ever sent to the server.
 */
export interface Preferences {
  /** Chosen language code; undefined until the person has chosen one. */
  language?: string;
  /** Easy-read mode: simpler words, a picture beside each idea, big picture buttons. */
  easyRead: boolean;
  /** Text size in per cent of the default. */
  textSize: 100 | 150 | 200;
  contrast: 'standard' | 'high';
  font: 'standard' | 'readable';
  /** Reduce motion even when the system does not ask for it. */
  reduceMotion: boolean;
}

/** What a device that has never chosen anything gets. */
export const DEFAULT_PREFERENCES: Preferences = {
  easyRead: false,
  textSize: 100,
  contrast: 'standard',
  font: 'standard',
  reduceMotion: false,
};

const STORAGE_KEY = 'heard:preferences';
type Listener = (preferences: Preferences) => void;
const listeners = new Set<Listener>();
let current: Preferences | undefined;
// Choices that hold for this page only and are never saved (an organiser's preview).
let override: Partial<Preferences> = {};

/** The current preferences: this page's override over the stored ones over the defaults. */
export function getPreferences(): Preferences {
  if (!current) current = { ...DEFAULT_PREFERENCES, ...readStored() };
  return { ...current, ...override };
}

/** Changes some preferences, remembers them on the device and tells every listener. */
export function setPreferences(patch: Partial<Preferences>): Preferences {
  if (!current) current = { ...DEFAULT_PREFERENCES, ...readStored() };
  current = { ...current, ...patch };
  // What the person chooses now wins over a preview's choice of the same thing.
  override = Object.fromEntries(Object.entries(override).filter(([key]) => !(key in patch)));
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(current));
  } catch {
    // Storage refused (private mode, full device): the choice still holds for this visit.
  }
  const shown = getPreferences();
  listeners.forEach((listener) => listener(shown));
  return shown;
}

/**
 * Reads an organiser's preview from the query: with `preview=1`, `lang` and
 * `mode=easy|standard` hold for this page only and are not saved on the device.
 */
export function previewFromQuery(search: string): Partial<Preferences> {
  const query = new URLSearchParams(search);
  if (query.get('preview') !== '1') return {};
  const lang = query.get('lang');
  const mode = query.get('mode');
  return {
    // A preview always names its language (English unless asked), so it never stops at the language screen.
    language: lang && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang) ? lang : 'en',
    ...(mode === 'easy' || mode === 'standard' ? { easyRead: mode === 'easy' } : {}),
  };
}

/** Sets the choices that hold for this page only (see `previewFromQuery`) and tells every listener. */
export function setPreviewOverride(choices: Partial<Preferences>): void {
  override = { ...choices };
  const shown = getPreferences();
  listeners.forEach((listener) => listener(shown));
}

/** Subscribes to changes; returns the unsubscribe function. */
export function onPreferencesChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current preferences, re-rendering the component when they change. */
export function usePreferences(): Preferences {
  const [preferences, setState] = useState(getPreferences);
  useEffect(() => onPreferencesChange(setState), []);
  return preferences;
}

/** Forgets the in-memory copy so the next read comes from storage; for tests. */
export function resetPreferencesMemory(): void {
  current = undefined;
  override = {};
}

function readStored(): Partial<Preferences> {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' ? (parsed as Partial<Preferences>) : {};
  } catch {
    return {};
  }
}
