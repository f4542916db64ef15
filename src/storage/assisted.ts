import { getDb } from './db';
import { getMeta, setMeta } from './meta';
import { writing } from './errors';
import { deleteUnreferencedAudio } from './audio';

/**
 * A shared tablet at an event: assisted mode (which event, the worker's PIN) and the events
 * the tablet got ready for. Only a salted PBKDF2 hash of the PIN is kept, so someone who
 * finds the tablet cannot read the PIN back out of storage.
 */

const ASSISTED_KEY = 'assisted';
const READY_KEY = 'ready-events';
const PBKDF2_ITERATIONS = 210_000;
const SALT_BYTES = 16;

/** A salted PBKDF2-SHA-256 hash of the worker's PIN. */
export interface PinHash {
  salt: string;
  hash: string;
  iterations: number;
}

/** Assisted mode as stored: on while this record exists. */
export interface AssistedMode {
  event: string;
  engagement: string;
  pin: PinHash;
  startedAt: string;
  /** Wrong PINs in a row, which slow further tries down. */
  failedAttempts: number;
  /** No PIN is checked before this time (ms since the epoch). */
  lockedUntil?: number;
}

/** An event this tablet downloaded everything for. */
export interface ReadyEvent {
  code: string;
  engagement: string;
  name: string;
  place: string;
  date: string;
  readyAt: string;
}

/** The outcome of a PIN check; `waitMs` says how long until the next try is allowed. */
export type PinCheck = { ok: true } | { ok: false; reason: 'wrong' | 'wait'; waitMs: number };

/** Assisted mode, or undefined when the tablet is not in it. */
export async function getAssistedMode(): Promise<AssistedMode | undefined> {
  return getMeta<AssistedMode>(ASSISTED_KEY);
}

/** Turns assisted mode on for `event` of `engagement`, locked with `pin`. */
export async function enterAssistedMode(event: string, engagement: string, pin: string): Promise<AssistedMode> {
  const mode: AssistedMode = { event, engagement, pin: await hashPin(pin), startedAt: new Date().toISOString(), failedAttempts: 0 };
  await setMeta(ASSISTED_KEY, mode);
  return mode;
}

/**
 * Checks the worker's PIN. After three wrong tries each further try waits longer (5 s,
 * 10 s, 20 s … up to 5 minutes), remembered on the device so reloading does not reset it.
 */
export async function checkPin(pin: string, now = Date.now()): Promise<PinCheck> {
  const mode = await getAssistedMode();
  if (!mode) return { ok: true };
  if (mode.lockedUntil !== undefined && mode.lockedUntil > now) return { ok: false, reason: 'wait', waitMs: mode.lockedUntil - now };
  const hash = await derive(pin, fromBase64(mode.pin.salt), mode.pin.iterations);
  if (constantTimeEqual(hash, mode.pin.hash)) {
    await setMeta(ASSISTED_KEY, { ...mode, failedAttempts: 0, lockedUntil: undefined });
    return { ok: true };
  }
  const failedAttempts = mode.failedAttempts + 1;
  const waitMs = failedAttempts >= 3 ? Math.min(5000 * 2 ** (failedAttempts - 3), 5 * 60_000) : 0;
  await setMeta(ASSISTED_KEY, { ...mode, failedAttempts, lockedUntil: waitMs > 0 ? now + waitMs : undefined });
  return { ok: false, reason: 'wrong', waitMs };
}

/** Turns assisted mode off (after the PIN was checked). */
export async function leaveAssistedMode(): Promise<void> {
  const db = await getDb();
  await writing(() => db.delete('meta', ASSISTED_KEY));
}

/** Deletes every draft on the device, so nothing one person typed is left for the next. */
export async function clearAllDrafts(): Promise<void> {
  const db = await getDb();
  await writing(() => db.clear('drafts'));
  // Recordings of the cleared answers go too: the next person must not inherit them.
  await deleteUnreferencedAudio();
}

/** Events this tablet got ready for, by code. */
export async function listReadyEvents(): Promise<ReadyEvent[]> {
  return Object.values((await getMeta<Record<string, ReadyEvent>>(READY_KEY)) ?? {});
}

/** Remembers that everything `event` needs was checked on the device. */
export async function rememberReadyEvent(event: ReadyEvent): Promise<void> {
  const known = (await getMeta<Record<string, ReadyEvent>>(READY_KEY)) ?? {};
  await setMeta(READY_KEY, { ...known, [event.code]: event });
}

/** Hashes a PIN with a fresh random salt. */
export async function hashPin(pin: string): Promise<PinHash> {
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  return { salt: toBase64(salt), hash: await derive(pin, salt, PBKDF2_ITERATIONS), iterations: PBKDF2_ITERATIONS };
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<string> {
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return toBase64(new Uint8Array(bits));
}

// Compares every character, so the time taken does not hint at how much of the hash matched.
function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
