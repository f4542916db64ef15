import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { navigate } from '../../app/router';
import { w } from '../i18n';
import { wpaths } from '../routes';
import { useSessionDeadlines } from '../session-clock';
import { refreshSession, signOut, useSession } from '../session';
import { phaseAt, shownLeft, spokenLeft, type TimeoutPhase } from './session-timeout-model';
import '../styles/timeout.css';

/**
 * Warns before the session ends (WCAG 2.2.1, GOV.UK's timeout warning): a modal dialog 2
 * minutes before the idle deadline with "Stay signed in" and "Sign out", 5 minutes before the
 * fixed 12-hour end (which nothing can extend), and a message with a way back to the same page
 * once the session has ended. Mounted once, in the workspace frame.
 */

// A sleeping device or a background tab delays timers; looking at least this often (and when
// the tab comes back) keeps the dialog true to the clock.
const LONGEST_WAIT_MS = 30_000;

function timeWords(left: { unit: 'minutes' | 'seconds'; count: number }): string {
  return w(left.unit === 'minutes' ? 'timeout.minutes' : 'timeout.seconds', { count: left.count });
}

/** The timeout warning and signed-out message for the whole workspace. */
export function SessionTimeout() {
  const session = useSession();
  const deadlines = useSessionDeadlines();
  const [now, setNow] = useState(() => Date.now());
  const [endSeen, setEndSeen] = useState<number | null>(null);
  const [expired, setExpired] = useState<{ reason: 'idle' | 'end'; idleSeconds: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  let phase: TimeoutPhase = { kind: 'none', next: Infinity };
  if (expired) phase = { kind: 'expired', reason: expired.reason };
  else if (session && deadlines) phase = phaseAt(deadlines, now, endSeen);

  // Look again when something is due: each whole second while a countdown shows (and at the
  // deadline itself, which need not fall on one), else when the next warning is.
  const due = phase.kind === 'none' ? phase.next : phase.kind === 'expired' ? Infinity : Math.min(now + 1000 - (now % 1000), phase.at);
  useEffect(() => {
    if (due === Infinity) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(Math.max(due - Date.now(), 0), LONGEST_WAIT_MS));
    return () => clearTimeout(timer);
  }, [due, now]);

  useEffect(() => {
    const look = () => setNow(Date.now());
    document.addEventListener('visibilitychange', look);
    window.addEventListener('focus', look);
    return () => {
      document.removeEventListener('visibilitychange', look);
      window.removeEventListener('focus', look);
    };
  }, []);

  // Time is up: end the session on the server too, so nobody can carry on at this device.
  const ended = session && phase.kind === 'expired' && !expired ? phase.reason : null;
  useEffect(() => {
    if (!ended || !session) return;
    setExpired({ reason: ended, idleSeconds: session.idleSeconds });
    void signOut().catch(() => undefined);
  }, [ended, session]);

  // Open and close with the phase; focus goes into the dialog and back to where it was.
  const open = phase.kind !== 'none';
  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
      element.focus();
    } else if (!open && element.open) {
      element.close();
      if (opener.current?.isConnected) opener.current.focus();
      opener.current = null;
    }
  }, [open]);
  // The content changes in place when the session ends while the warning shows: announce it.
  useLayoutEffect(() => {
    if (phase.kind === 'expired' && dialog.current?.open) dialog.current.focus();
  }, [phase.kind]);

  const stay = async () => {
    setBusy(true);
    setFailed(false);
    try {
      // Any answer from the server moves the deadline, which closes the dialog.
      const answer = await refreshSession();
      // Too late (the server's clock ran out first): say so rather than drop to sign-in unexplained.
      if (!answer) setExpired({ reason: 'idle', idleSeconds: session?.idleSeconds ?? 0 });
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  const leave = async () => {
    await signOut().catch(() => undefined);
    navigate(wpaths.signIn());
  };
  const back = location.pathname + location.search;
  const signInAgain = () => {
    setExpired(null);
    setEndSeen(null);
    // Signed out, this very page shows the sign-in form, and signing in returns to it.
    navigate(back, { replace: true });
  };
  const onCancel = (event: Event) => {
    // Escape answers the dialog the safe way instead of leaving it unanswered.
    event.preventDefault();
    if (phase.kind === 'idle' && !busy) void stay();
    else if (phase.kind === 'end') setEndSeen(phase.at);
    else if (phase.kind === 'expired') signInAgain();
  };

  return (
    <dialog ref={dialog} class="app-ws-timeout" aria-labelledby="timeout-title" aria-describedby="timeout-text" tabIndex={-1} onCancel={onCancel}>
      {phase.kind === 'idle' || phase.kind === 'end' ? (
        <Warning phase={phase} now={now} busy={busy} failed={failed} onStay={() => void stay()} onContinue={setEndSeen} onLeave={() => void leave()} />
      ) : phase.kind === 'expired' ? (
        <>
          <h2 class="govuk-heading-m" id="timeout-title">
            {w('timeout.expiredTitle')}
          </h2>
          <div id="timeout-text">
            <p class="govuk-body">
              {phase.reason === 'idle'
                ? w('timeout.expiredIdle', { time: timeWords({ unit: 'minutes', count: Math.round((expired?.idleSeconds ?? 1800) / 60) }) })
                : w('timeout.expiredEnd')}
            </p>
            <p class="govuk-body">{w('timeout.expiredUnsaved')}</p>
            <p class="govuk-body">{w('timeout.signInAgainHint')}</p>
          </div>
          <a
            href={back}
            class="govuk-button app-ws-timeout__button"
            onClick={(event) => {
              event.preventDefault();
              signInAgain();
            }}
          >
            {w('timeout.signInAgain')}
          </a>
        </>
      ) : null}
    </dialog>
  );
}

interface WarningProps {
  phase: { kind: 'idle' | 'end'; at: number };
  now: number;
  busy: boolean;
  failed: boolean;
  onStay: () => void;
  onContinue: (at: number) => void;
  onLeave: () => void;
}

function Warning({ phase, now, busy, failed, onStay, onContinue, onLeave }: WarningProps) {
  const idle = phase.kind === 'idle';
  const left = phase.at - now;
  const text = idle ? 'timeout.idleText' : 'timeout.endText';
  const after = idle ? w('timeout.idleUnsaved') : w('timeout.endCannot');
  return (
    <>
      <h2 class="govuk-heading-m" id="timeout-title">
        {w(idle ? 'timeout.idleTitle' : 'timeout.endTitle')}
      </h2>
      {/* Seen: counts down each second in the last minute. Heard: once a minute, then every 20 seconds. */}
      <p class="govuk-body" aria-hidden="true">
        {w(text, { time: timeWords(shownLeft(left)) })} {after}
      </p>
      <p class="govuk-visually-hidden" id="timeout-text" aria-live="polite" aria-atomic="true">
        {w(text, { time: timeWords(spokenLeft(left)) })} {after}
      </p>
      {failed && (
        <p class="govuk-error-message" role="alert">
          {w('timeout.stayFailed')}
        </p>
      )}
      <div class="app-ws-timeout__actions">
        {idle ? (
          <button type="button" class="govuk-button app-ws-timeout__button" disabled={busy} onClick={onStay}>
            {w('timeout.stay')}
          </button>
        ) : (
          <button type="button" class="govuk-button app-ws-timeout__button" onClick={() => onContinue(phase.at)}>
            {w('timeout.continue')}
          </button>
        )}
        <button type="button" class="govuk-button govuk-button--secondary app-ws-timeout__button" onClick={onLeave}>
          {w(idle ? 'timeout.signOut' : 'timeout.signOutNow')}
        </button>
      </div>
    </>
  );
}
