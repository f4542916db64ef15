import { useEffect, useState } from 'preact/hooks';
import type { Contribution, EngagementBundle, WireContribution } from '../../shared';
import { clearAllDrafts, getAssistedMode, renewDeckSecret, type AssistedMode } from '../../storage';
import { flushDraftSave, resetDraftMemory } from '../draft-autosave';
import { currentEventTag } from '../event-tag';
import { setHistoryStamp } from '../router';

/**
 * Assisted mode on a shared tablet, as the page holds it: whether it is on, and which person
 * is answering now. Each person gets a fresh random token; every history entry made while
 * they answer carries it, so an entry of an earlier person (back, forward, history) never
 * shows again. Kept small because it is part of the first load; the screens load lazily.
 */

/** Whether assisted mode is known yet, and its record when on. */
export interface AssistedState {
  loaded: boolean;
  mode?: AssistedMode;
}

/** What the worker ticked for the person now answering. */
export interface PersonFlags {
  interpreter: boolean;
  readAloud: boolean;
}

// A hint beside IndexedDB, read synchronously at boot, so a shared tablet never flashes a
// participant page before it knows it is in assisted mode.
const HINT_KEY = 'heard-assisted';

let state: AssistedState = { loaded: !readHint() };
let person: { token: string; flags: PersonFlags } | undefined;
const listeners = new Set<() => void>();

let idleMs = 2 * 60_000;
let warningMs = 30_000;

function readHint(): boolean {
  try {
    return localStorage.getItem(HINT_KEY) === '1';
  } catch {
    return false;
  }
}

/** Records whether the tablet is in assisted mode, in the boot hint and for every screen. */
export function setAssistedMode(mode: AssistedMode | undefined): void {
  writeHint(mode !== undefined);
  setState(mode ? { loaded: true, mode } : { loaded: true });
}

function writeHint(on: boolean): void {
  try {
    if (on) localStorage.setItem(HINT_KEY, '1');
    else localStorage.removeItem(HINT_KEY);
  } catch {
    // IndexedDB stays the record; the hint only saves a flash.
  }
}

function setState(next: AssistedState): void {
  state = next;
  listeners.forEach((listener) => listener());
}

setHistoryStamp(() => (person ? { person: person.token } : undefined));

/** Reads assisted mode from the device; safe to call more than once. */
export async function loadAssistedMode(): Promise<AssistedState> {
  setAssistedMode(await getAssistedMode().catch(() => undefined));
  return state;
}

/** Assisted mode as the page knows it now. */
export function assistedState(): AssistedState {
  return state;
}

/** The current assisted state, re-rendering when it changes; starts loading it on first use. */
export function useAssisted(): AssistedState {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    const listener = () => setCurrent(state);
    listeners.add(listener);
    void loadAssistedMode();
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return current;
}

/** Starts a new person's turn; any earlier person's traces must already be gone (see `endPerson`). */
export function startPerson(flags: PersonFlags): void {
  person = { token: crypto.randomUUID(), flags };
}

/** True when history state `entryState` belongs to the person answering now. */
export function isCurrentPerson(entryState: unknown): boolean {
  const token = (entryState as { person?: unknown } | null)?.person;
  return person !== undefined && token === person.token;
}

/** True while a person is answering in assisted mode. */
export function personActive(): boolean {
  return person !== undefined && state.mode !== undefined;
}

/**
 * Ends the person's turn and removes every trace of their answers: the in-memory drafts,
 * any draft write still waiting, every draft on the device, and their check-and-challenge
 * votes (a new deck secret, so the next person votes afresh under ids of their own).
 */
export async function endPerson(): Promise<void> {
  person = undefined;
  resetDraftMemory();
  await flushDraftSave().catch(() => undefined);
  await clearAllDrafts().catch(() => undefined);
  await renewDeckSecret().catch(() => undefined);
}

/**
 * Adds where and how a contribution was made: the event (from assisted mode or the poster's
 * link) and the worker's ticks. Nothing here identifies the person.
 */
export function withProvenance(contribution: Contribution): Contribution {
  const mode = state.mode;
  const event = mode?.event ?? currentEventTag();
  if (!event) return contribution;
  const tagged: Contribution = { ...contribution, channel: 'event', event };
  if (!mode || !person) return tagged;
  return {
    ...tagged,
    route: {
      ...contribution.route,
      assisted: true,
      interpreter: person.flags.interpreter,
      readAloud: contribution.route.readAloud || person.flags.readAloud,
    },
  };
}

/**
 * The form a contribution is queued in: sealed with the engagement's public key on a shared
 * tablet, so queued answers cannot be read on the device. Refuses rather than queue readable
 * answers when the engagement has no key.
 */
export async function forOutbox(contribution: Contribution, bundle: EngagementBundle): Promise<WireContribution> {
  if (!state.mode) return contribution;
  const key = bundle.publicKey as (JsonWebKey & { kid?: unknown }) | null;
  if (!key || typeof key.kid !== 'string') throw new Error('The engagement has no key to seal answers with');
  // Only shared tablets seal, so the code loads (from the precache, offline too) when first needed.
  const { sealContribution } = await import('../../shared/seal');
  return sealContribution(contribution, key, key.kid);
}

/** How long a person may be idle before the warning, and how long the warning lasts. */
export function idleTimings(): { idleMs: number; warningMs: number } {
  return { idleMs, warningMs };
}

/** Changes the idle timings (tests use short ones). */
export function setIdleTimings(timings: { idleMs: number; warningMs: number }): void {
  idleMs = timings.idleMs;
  warningMs = timings.warningMs;
}

/** Forgets the page's assisted state (tests start each case fresh). */
export function resetAssistedMemory(): void {
  person = undefined;
  state = { loaded: !readHint() };
}
