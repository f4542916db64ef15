import { useEffect, useState } from 'preact/hooks';
import { onDraftSaved, onDraftStorageProblem } from './draft-autosave';
import { onRouteChange } from './router';

/** Whether drafts are failing to reach the device's storage (it is full), for the status bar. */
export function useDraftStorageProblem(): boolean {
  const [failing, setFailing] = useState(false);
  useEffect(() => onDraftStorageProblem(setFailing), []);
  return failing;
}

/**
 * Whether this page has saved the person's answers to the device yet: true from the first
 * save after each page change, so the status bar says "saved" once per page, not per keystroke.
 */
export function useDraftSavedOnThisPage(): boolean {
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    const stopSaved = onDraftSaved(() => setSaved(true));
    const stopRoute = onRouteChange(() => setSaved(false));
    return () => {
      stopSaved();
      stopRoute();
    };
  }, []);
  return saved;
}
