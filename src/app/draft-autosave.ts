import { draftKey, loadDraft, saveDraft } from '../storage';
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
// The newest draft of each phase in this page session. IndexedDB is the copy that outlives
// the page; this one is what the person sees, and it still holds their answers from page to
// page when the device is too full to write them.
const latest = new Map<string, DraftInput>();
let savesFailing = false;
const problemListeners = new Set<(failing: boolean) => void>();

function setSavesFailing(failing: boolean): void {
  if (failing === savesFailing) return;
  savesFailing = failing;
  problemListeners.forEach((listener) => listener(failing));
}

const savedListeners = new Set<() => void>();

/** Tells `listener` each time a draft has been written to the device, so the page can say so. */
export function onDraftSaved(listener: () => void): () => void {
  savedListeners.add(listener);
  return () => savedListeners.delete(listener);
}

/** Tells `listener` whenever drafts stop (true) or start again (false) reaching the device's storage. */
export function onDraftStorageProblem(listener: (failing: boolean) => void): () => void {
  problemListeners.add(listener);
  listener(savesFailing);
  return () => problemListeners.delete(listener);
}

/** Queues a save of the draft; a newer call before the delay replaces it. */
export function scheduleDraftSave(draft: DraftInput): void {
  listenForPageExit();
  latest.set(draftKey(draft.engagement, draft.phase), draft);
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
      saveDraft(draft).then(
        () => {
          setSavesFailing(false);
          savedListeners.forEach((listener) => listener());
        },
        (error: unknown) => {
          // Storage full or unavailable: the answers stay in `latest` and on screen, and the
          // status bar says they are not saved on the device.
          console.warn('Draft not saved', error);
          setSavesFailing(true);
        },
      ),
    );
  }
  return writing;
}

/**
 * Reads a phase's draft after any waiting save has landed, so a page never restores stale
 * answers. This page session's own newest draft wins over the stored one, which may have
 * failed to save.
 */
export async function readDraft(engagement: string, phase: string): Promise<Draft | undefined> {
  await flushDraftSave();
  const stored = await loadDraft(engagement, phase).catch(() => undefined);
  const mine = latest.get(draftKey(engagement, phase));
  if (!mine) return stored;
  return { ...mine, key: draftKey(engagement, phase), updatedAt: stored?.updatedAt ?? new Date().toISOString() };
}

/** Forgets a phase's draft in this page once it became a submission, so it cannot come back. */
export function forgetDraft(engagement: string, phase: string): void {
  latest.delete(draftKey(engagement, phase));
  if (pending && draftKey(pending.engagement, pending.phase) === draftKey(engagement, phase)) {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    pending = undefined;
  }
}

/** Forgets every draft held in memory (tests start each case fresh). */
export function resetDraftMemory(): void {
  latest.clear();
  pending = undefined;
  setSavesFailing(false);
}

function listenForPageExit(): void {
  if (listening) return;
  listening = true;
  window.addEventListener('pagehide', () => void flushDraftSave());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void flushDraftSave();
  });
}
