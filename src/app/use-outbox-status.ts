import { useEffect, useState } from 'preact/hooks';
import { countLedger, countOutbox, onOutboxChange } from '../storage';
import { getScheduler } from './sync';

/** What the status bar and the outbox page show about answers on this device. */
export interface OutboxStatus {
  /** False until the first count has been read. */
  known: boolean;
  waiting: number;
  needsAttention: number;
  /** Confirmed by the server (ledger entries). */
  sent: number;
  /** A drain is in progress. */
  running: boolean;
  online: boolean;
  lastSyncAt?: string | number | Date;
}

const initial: OutboxStatus = { known: false, waiting: 0, needsAttention: 0, sent: 0, running: false, online: true };

/** Live counts of the outbox and ledger, refreshed on every outbox change, sync step and connection change. */
export function useOutboxStatus(): OutboxStatus {
  const [status, setStatus] = useState<OutboxStatus>(() => ({ ...initial, online: navigator.onLine }));
  useEffect(() => {
    const scheduler = getScheduler();
    let alive = true;
    // Reads can finish out of order; only the newest one may update the screen.
    let generation = 0;
    const refresh = async () => {
      const mine = ++generation;
      try {
        const [counts, sent] = await Promise.all([countOutbox(), countLedger()]);
        if (!alive || mine !== generation) return;
        const { running, lastSyncAt } = scheduler.state;
        setStatus({ known: true, ...counts, sent, running, online: navigator.onLine, lastSyncAt });
      } catch {
        // Storage unavailable (private mode, blocked): keep showing what we had.
      }
    };
    const syncChanged = () => {
      setStatus((s) => ({ ...s, running: scheduler.state.running, lastSyncAt: scheduler.state.lastSyncAt }));
      void refresh();
    };
    const connectionChanged = () => setStatus((s) => ({ ...s, online: navigator.onLine }));
    void refresh();
    const stopOutbox = onOutboxChange(() => void refresh());
    const stopSync = scheduler.subscribe(syncChanged);
    window.addEventListener('online', connectionChanged);
    window.addEventListener('offline', connectionChanged);
    return () => {
      alive = false;
      stopOutbox();
      stopSync();
      window.removeEventListener('online', connectionChanged);
      window.removeEventListener('offline', connectionChanged);
    };
  }, []);
  return status;
}
