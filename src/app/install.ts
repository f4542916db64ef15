import { useEffect, useState } from 'preact/hooks';
import { requestPersistence } from '../storage';

/**
 * Installing Heard to the home screen. Chromium-based browsers offer it through the
 * `beforeinstallprompt` event, which must be caught early and kept until the person presses
 * our button; Safari on iPhone and iPad has no such event, so there we show the steps.
 * Nothing here is stored or sent: the browser check only picks which help to show.
 */

/** The event Chromium fires when the app can be installed (not in TypeScript's DOM types). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/** What this device can do: show the browser's install prompt, follow iPhone steps, nothing, or it is installed. */
export type InstallOption = 'prompt' | 'ios-steps' | 'installed' | 'none';

let deferred: BeforeInstallPromptEvent | undefined;
let installedNow = false;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

/** Starts listening for the browser's install offer; call once at boot, before the first render. */
export function listenForInstall(win: Window = window): void {
  win.addEventListener('beforeinstallprompt', (event) => {
    // Keep the browser's own mini-bar away; the page offers installing where it helps.
    event.preventDefault();
    deferred = event as BeforeInstallPromptEvent;
    notify();
  });
  win.addEventListener('appinstalled', () => {
    deferred = undefined;
    installedNow = true;
    // An installed app is where answers wait longest for signal: ask the browser to keep them.
    void requestPersistence({ evenIfAsked: true });
    notify();
  });
}

/** Which install help fits this device now. */
export function installOption(win: Window = window): InstallOption {
  const standalone = win.matchMedia?.('(display-mode: standalone)').matches || (win.navigator as { standalone?: boolean }).standalone === true;
  if (installedNow || standalone) return 'installed';
  if (deferred) return 'prompt';
  return isAppleMobile(win.navigator) ? 'ios-steps' : 'none';
}

/** Shows the browser's install prompt; resolves true when the person accepted. */
export async function promptInstall(): Promise<boolean> {
  const event = deferred;
  if (!event) return false;
  // A prompt event can be used once.
  deferred = undefined;
  await event.prompt();
  const { outcome } = await event.userChoice;
  notify();
  return outcome === 'accepted';
}

/** The install option, re-rendering when the browser offers or completes an install. */
export function useInstallOption(): InstallOption {
  const [option, setOption] = useState(() => installOption());
  useEffect(() => {
    const update = () => setOption(installOption());
    listeners.add(update);
    update();
    return () => {
      listeners.delete(update);
    };
  }, []);
  return option;
}

// iPadOS reports itself as a Mac; a touch screen tells them apart.
function isAppleMobile(nav: Navigator): boolean {
  return /iPad|iPhone|iPod/.test(nav.userAgent) || (/Macintosh/.test(nav.userAgent) && nav.maxTouchPoints > 1);
}
