import { useEffect, useState } from 'preact/hooks';

/**
 * Whether a new version of the app is waiting. The service worker bridge reports it once;
 * the banner reads it, whichever happens first.
 */

let ready = false;
const listeners = new Set<() => void>();

/** Records that a new version is waiting and shows the update banner. */
export function showUpdateBanner(): void {
  ready = true;
  listeners.forEach((listener) => listener());
}

/** True once a new version is waiting. */
export function useUpdateReady(): boolean {
  const [value, setValue] = useState(ready);
  useEffect(() => {
    const listener = () => setValue(true);
    listeners.add(listener);
    if (ready) setValue(true);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return value;
}
