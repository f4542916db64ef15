import { useEffect, useState } from 'preact/hooks';
import { onDraftStorageProblem } from './draft-autosave';

/** Whether drafts are failing to reach the device's storage (it is full), for the status bar. */
export function useDraftStorageProblem(): boolean {
  const [failing, setFailing] = useState(false);
  useEffect(() => onDraftStorageProblem(setFailing), []);
  return failing;
}
