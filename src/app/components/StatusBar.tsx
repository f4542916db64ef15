import { useT } from '../use-t';
import { useOutboxStatus } from '../use-outbox-status';
import { getScheduler } from '../sync';
import { paths } from '../router';
import { Link } from './Link';
import { useDraftSavedOnThisPage, useDraftStorageProblem } from '../use-draft-storage-problem';

/**
 * The line on every page saying whether answers are still on this device. It is a polite
 * live region, so each change is announced without moving focus: answers saved on the
 * device (once per page), waiting to be sent, all sent, offline. On the
 * outbox page, which shows all of this in full, only the connection state is shown.
 */
export function StatusBar({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const status = useOutboxStatus();
  const showCounts = status.known && !compact;
  const sendable = status.waiting > 0;
  const draftsNotSaved = useDraftStorageProblem();
  const draftSaved = useDraftSavedOnThisPage();
  return (
    <div class="app-status" role="status" aria-live="polite">
      {!status.online && <p class="app-status__item app-status__offline">{t('status.offline')}</p>}
      {draftsNotSaved && <p class="app-status__item app-status__warning">{t('status.draftNotSaved')}</p>}
      {draftSaved && !draftsNotSaved && <p class="app-status__item">{t('status.draftSaved')}</p>}
      {showCounts && status.waiting > 0 && <p class="app-status__item">{t('status.waiting', { count: status.waiting })}</p>}
      {showCounts && status.waiting === 0 && status.needsAttention === 0 && status.sent > 0 && (
        <p class="app-status__item">{t('status.allSent')}</p>
      )}
      {showCounts && status.needsAttention > 0 && (
        <p class="app-status__item">
          <Link href={paths.outbox()} class="govuk-link app-status__attention">
            {t('status.attention', { count: status.needsAttention })}
          </Link>
        </p>
      )}
      {showCounts && sendable && (
        <button
          type="button"
          class="govuk-button govuk-button--secondary app-status__send"
          disabled={status.running}
          onClick={() => getScheduler().trigger('manual')}
        >
          {status.running ? t('status.sending') : t('status.sendNow')}
        </button>
      )}
    </div>
  );
}
