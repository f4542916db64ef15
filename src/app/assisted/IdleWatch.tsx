import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../use-t';
import { navigate, paths } from '../router';
import { endPerson, idleTimings } from './session';

const ACTIVITY = ['pointerdown', 'keydown', 'input', 'touchstart', 'wheel'] as const;

/**
 * Watches for a person who has walked away mid-answer on a shared tablet. After a quiet
 * spell it asks "Are you still there?"; with no answer, it clears their answers and shows
 * the "pass the tablet" screen, so the next person never finds them.
 */
export function IdleWatch() {
  const t = useT();
  const [warning, setWarning] = useState(false);
  const [secondsLeft, setSecondsLeft] = useState(0);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const stay = useRef<() => void>(() => undefined);

  useEffect(() => {
    const { idleMs, warningMs } = idleTimings();
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    let endTimer: ReturnType<typeof setTimeout> | undefined;
    let ticker: ReturnType<typeof setInterval> | undefined;
    let warned = false;
    const stopWarning = () => {
      clearTimeout(endTimer);
      clearInterval(ticker);
      warned = false;
      setWarning(false);
    };
    const restart = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(warn, idleMs);
    };
    const warn = () => {
      warned = true;
      const endsAt = Date.now() + warningMs;
      setSecondsLeft(Math.ceil(warningMs / 1000));
      setWarning(true);
      ticker = setInterval(() => setSecondsLeft(Math.max(0, Math.ceil((endsAt - Date.now()) / 1000))), 1000);
      endTimer = setTimeout(() => {
        stopWarning();
        void endPerson().then(() => navigate(paths.tablet('pass'), { replace: true, state: { timedOut: true } }));
      }, warningMs);
    };
    // While the warning shows, only its button keeps the person's turn going.
    const onActivity = () => {
      if (!warned) restart();
    };
    stay.current = () => {
      stopWarning();
      restart();
    };
    ACTIVITY.forEach((name) => document.addEventListener(name, onActivity, { passive: true }));
    restart();
    return () => {
      clearTimeout(idleTimer);
      stopWarning();
      ACTIVITY.forEach((name) => document.removeEventListener(name, onActivity));
    };
  }, []);

  useEffect(() => {
    if (warning) buttonRef.current?.focus();
  }, [warning]);

  if (!warning) return null;
  return (
    <div class="app-idle-warning" role="alertdialog" aria-modal="false" aria-labelledby="idle-title" aria-describedby="idle-body">
      <h2 class="govuk-heading-m" id="idle-title">
        {t('assisted.idleTitle')}
      </h2>
      <p class="govuk-body" id="idle-body">
        {t('assisted.idleBody', { count: secondsLeft })}
      </p>
      <button type="button" class="govuk-button" ref={buttonRef} onClick={() => stay.current()}>
        {t('assisted.idleStay')}
      </button>
    </div>
  );
}
