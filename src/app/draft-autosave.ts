import { loadDraft, saveDraft } from '../storage';
import type { Draft } from '../storage';

/**
 * Saves the draft a short while after each change, so typing is not slowed by a write per
 * key, and at once when the page may go away (hidden, closed, navigating or updating).
 * Writes run one after another so an older draft never lands after a newer one.
 */

/** What the page hands over to be saved; storage adds the key and the time. */
export type DraftInput = Omit<Draft, 'key' | 'updatedAt'>;

const DEBOUNCE_MS = 300;

let pending: DraftInput | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
let writing: Promise<void> = Promise.resolve();
let listening = false;

/** Queues a save of the draft; a newer call before the delay replaces it. */
export function scheduleDraftSave(draft: DraftInput): void {
  listenForPageExit();
  pending = draft;
  if (timer !== undefined) clearTimeout(timer);
  timer = setTimeout(() => void flushDraftSave(), DEBOUNCE_MS);
}

/** Writes any waiting draft now and resolves once every write so far has finished. */
export function flushDraftSave(): Promise<void> {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  const draft = pending;
  pending = undefined;
  if (draft) {
    writing = writing.then(() =>
      saveDraft(draft).catch((error: unknown) => {
        // A draft that cannot be written (storage full) is still on screen; sending reports it clearly.
        console.warn('Draft not saved', error);
      }),
    );
  }
  return writing;
}

/** Reads a phase's draft after any waiting save has landed, so a page never restores stale answers. */
export async function readDraft(engagement: string, phase: string): Promise<Draft | undefined> {
  await flushDraftSave();
  return loadDraft(engagement, phase);
}

/** Drops a waiting save (after the draft became a submission, it must not come back). */
export function cancelDraftSave(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  pending = undefined;
}

function listenForPageExit(): void {
  if (listening) return;
  listening = true;
  window.addEventListener('pagehide', () => void flushDraftSave());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void flushDraftSave();
  });
}
