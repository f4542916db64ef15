/**
 * Whether the person used "Read this to me" while answering, for the contribution's
 * `route.readAloud`. Kept for the browser session (a reload mid-answer keeps it) and cleared
 * once a contribution has taken it, so the next person on a shared device starts afresh.
 */

const KEY = 'heard:read-aloud-used';
let used = false;

/** Notes that read aloud was used. */
export function markReadAloudUsed(): void {
  used = true;
  try {
    sessionStorage.setItem(KEY, '1');
  } catch {
    // Storage refused: the flag still holds for this page.
  }
}

/** True when read aloud was used since the last contribution was queued. */
export function readAloudUsed(): boolean {
  try {
    if (sessionStorage.getItem(KEY) === '1') return true;
  } catch {
    // As above.
  }
  return used;
}

/** Clears the flag once a contribution has been queued with it. */
export function clearReadAloudUsed(): void {
  used = false;
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // As above.
  }
}
