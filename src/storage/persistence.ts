import { getMeta, setMeta } from './meta';

const ASKED_KEY = 'persistence-requested-at';

// `persist` exists only on pages, not in workers, so the shape is checked, not assumed.
type StorageLike = { persisted?: () => Promise<boolean>; persist?: () => Promise<boolean> };

function storageManager(): StorageLike | undefined {
  const nav = (globalThis as { navigator?: { storage?: StorageLike } }).navigator;
  return nav?.storage;
}

/**
 * Asks for persistent storage once (navigator.storage.persist) and remembers that it asked; returns whether storage is persisted.
 * Safe where the API is missing. Persistence stops the browser evicting unsent contributions when the device runs low.
 * `evenIfAsked` asks again, for a moment that changes the answer (the app was just installed).
 */
export async function requestPersistence(options: { evenIfAsked?: boolean } = {}): Promise<boolean> {
  const storage = storageManager();
  if (!storage) return false;
  try {
    if (storage.persisted && (await storage.persisted())) return true;
    if (!storage.persist || (!options.evenIfAsked && (await getMeta<string>(ASKED_KEY)))) return false;
    // Remember before asking: some browsers show a prompt, and a person asked once should not be asked again.
    await setMeta(ASKED_KEY, new Date().toISOString());
    return await storage.persist();
  } catch {
    return false;
  }
}
