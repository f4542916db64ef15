import { useEffect, useState } from 'preact/hooks';
import { listCachedEngagements, listNeedsAttention, retryEntry } from '../../storage';
import type { OutboxEntry } from '../../storage';
import { i18n } from '../../i18n';
import { useT } from '../use-t';
import { getScheduler } from '../sync';
import { useOutboxRead } from '../use-outbox-read';
import { useOutboxStatus } from '../use-outbox-status';
import { PageHeading, useDocumentTitle } from '../components/PageHeading';

/**
 * `/outbox`: what is still on this device, so a community worker can see nothing was lost;
 * answers the server refused are listed with the reason and a way to try again.
 */
export function OutboxPage() {
  const t = useT();
  const status = useOutboxStatus();
  const entries = useOutboxRead(listNeedsAttention) ?? [];
  const titles = useEngagementTitles();
  const [retried, setRetried] = useState(0);
  useDocumentTitle([t('outbox.title')]);

  const tryAgain = async (entry: OutboxEntry) => {
    await retryEntry(entry.id);
    setRetried((n) => n + 1);
    void getScheduler().trigger('manual');
  };

  return (
    <>
      <PageHeading>{t('outbox.title')}</PageHeading>
      <p class="govuk-body">{t('outbox.intro')}</p>
      <dl class="govuk-summary-list app-counts">
        <CountRow label={t('outbox.waitingLabel')} value={status.waiting} />
        <CountRow label={t('outbox.attentionLabel')} value={status.needsAttention} />
        <CountRow label={t('outbox.sentLabel')} value={status.sent} />
      </dl>
      {status.lastSyncAt && <p class="govuk-body-s app-secondary-text">{t('outbox.lastSync', { time: formatTime(status.lastSyncAt) })}</p>}
      <button type="button" class="govuk-button" disabled={status.running} onClick={() => void getScheduler().trigger('manual')}>
        {status.running ? t('outbox.sending') : t('outbox.sendNow')}
      </button>
      <div role="status">{retried > 0 && <p class="govuk-inset-text">{t('outbox.queued')}</p>}</div>
      {entries.length > 0 ? (
        <section aria-labelledby="attention-title">
          <h2 class="govuk-heading-m" id="attention-title">
            {t('outbox.attentionTitle')}
          </h2>
          <p class="govuk-body">{t('outbox.attentionIntro')}</p>
          <ul class="govuk-list app-attention-list">
            {entries.map((entry) => (
              <li key={entry.id} class="app-attention-list__item">
                <h3 class="govuk-heading-s">{titles[entry.engagement] ?? entry.engagement}</h3>
                <p class="govuk-body-s app-secondary-text">{t('outbox.savedAt', { when: formatTime(entry.queuedAt) })}</p>
                <Problem error={entry.lastError} />
                <button type="button" class="govuk-button govuk-button--secondary" onClick={() => void tryAgain(entry)}>
                  {t('outbox.tryAgain')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        status.known && <p class="govuk-body">{t('outbox.nothingNeedsAttention')}</p>
      )}
    </>
  );
}

function CountRow({ label, value }: { label: string; value: number }) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">{label}</dt>
      <dd class="govuk-summary-list__value">{value.toLocaleString(i18n.resolvedLanguage)}</dd>
    </div>
  );
}

// The server's reasons are short technical lines; people get a plain sentence first.
function Problem({ error }: { error: string | undefined }) {
  const t = useT();
  if (error === 'conflict') return <p class="govuk-body">{t('outbox.problem.conflict')}</p>;
  return (
    <>
      <p class="govuk-body">{t('outbox.problem.rejected')}</p>
      {error && <p class="govuk-body-s app-secondary-text">{t('outbox.problem.reason', { detail: error })}</p>}
    </>
  );
}

function formatTime(value: string | number | Date): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

function useEngagementTitles(): Record<string, string> {
  const [titles, setTitles] = useState<Record<string, string>>({});
  useEffect(() => {
    let alive = true;
    void listCachedEngagements()
      .then((list) => alive && setTitles(Object.fromEntries(list.map((s) => [s.slug, s.title]))))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);
  return titles;
}
