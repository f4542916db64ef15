import { useEffect, useState } from 'preact/hooks';
import { onOutboxChange } from '../storage';

/**
 * What `read` finds in the outbox or ledger, read again on every outbox change; undefined until
 * the first read. `read` should be a module-level function (a new one each render re-reads).
 * A failed read keeps what was shown: storage can be unavailable (private mode, blocked).
 */
export function useOutboxRead<T>(read: () => Promise<T>): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    let alive = true;
    const refresh = () =>
      void read()
        .then((found) => {
          // A function as the state would be called by setValue; wrap it.
          if (alive) setValue(() => found);
        })
        .catch(() => undefined);
    refresh();
    const stop = onOutboxChange(refresh);
    return () => {
      alive = false;
      stop();
    };
  }, [read]);
  return value;
}
