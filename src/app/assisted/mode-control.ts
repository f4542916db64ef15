import { enterAssistedMode, leaveAssistedMode } from '../../storage';
import { endPerson, setAssistedMode } from './session';

/** Turns assisted mode on for `event` of `engagement`, locked with `pin`, and remembers it on the device. */
export async function startAssistedMode(event: string, engagement: string, pin: string): Promise<void> {
  const mode = await enterAssistedMode(event, engagement, pin);
  await endPerson();
  setAssistedMode(mode);
}

/** Turns assisted mode off (the caller has checked the PIN). */
export async function stopAssistedMode(): Promise<void> {
  await endPerson();
  await leaveAssistedMode();
  setAssistedMode(undefined);
}
