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

/** The current preferences (stored ones over the defaults). */
export function getPreferences(): Preferences {
  if (!current) current = { ...DEFAULT_PREFERENCES, ...readStored() };
  return current;
}

/** Changes some preferences, remembers them on the device and tells every listener. */
export function setPreferences(patch: Partial<Preferences>): Preferences {
  current = { ...getPreferences(), ...patch };
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(current));
  } catch {
    // Storage refused (private mode, full device): the choice still holds for this visit.
  }
  listeners.forEach((listener) => listener(current as Preferences));
  return current;
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
