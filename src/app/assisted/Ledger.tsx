import { useState } from 'preact/hooks';
import { listLedger, listNeedsAttention, listQueued, type LedgerEntry, type OutboxEntry } from '../../storage';
import { i18n } from '../../i18n';
import { useT } from '../use-t';
import { getScheduler } from '../sync';
import { useOutboxRead } from '../use-outbox-read';
import { useOutboxStatus } from '../use-outbox-status';
import { PageHeading, useDocumentTitle } from '../components/PageHeading';
import { buildExports, download } from './export-file';
import { useStorageReport, type StorageReport } from './storage-report';

/** Counts of one event's answers on this tablet, with the receipts the server gave. */
export interface EventTally {
  event: string | undefined;
  waiting: number;
  sent: number;
  attention: number;
  confirmed: number;
  receipts: string[];
}

/** Groups the outbox and the ledger by event: waiting (never tried), sent but unconfirmed, refused, confirmed. */
export function tallyByEvent(queued: OutboxEntry[], attention: OutboxEntry[], ledger: LedgerEntry[]): EventTally[] {
  const tallies = new Map<string, EventTally>();
  const of = (event: string | undefined) => {
    const key = event ?? '';
    let tally = tallies.get(key);
    if (!tally) tallies.set(key, (tally = { event, waiting: 0, sent: 0, attention: 0, confirmed: 0, receipts: [] }));
    return tally;
  };
  for (const entry of queued) {
    if (entry.attempts > 0) of(entry.event).sent += 1;
    else of(entry.event).waiting += 1;
  }
  for (const entry of attention) of(entry.event).attention += 1;
  for (const entry of ledger) {
    const tally = of(entry.event);
    tally.confirmed += 1;
    if (entry.receipt) tally.receipts.push(entry.receipt);
  }
  // Events in code order, then answers that came without an event.
  return [...tallies.values()].sort((a, b) =>
    a.event === undefined ? 1 : b.event === undefined ? -1 : a.event.localeCompare(b.event),
  );
}

async function readTallies(): Promise<{ tallies: EventTally[]; lastConfirmedAt: string | undefined }> {
  const [queued, attention, ledger] = await Promise.all([listQueued(), listNeedsAttention(), listLedger()]);
  return { tallies: tallyByEvent(queued, attention, ledger), lastConfirmedAt: ledger.at(-1)?.confirmedAt };
}

/** `/tablet/ledger` (behind the PIN in assisted mode): what the tablet holds per event, proof of delivery, and ways to send. */
export function Ledger() {
  const t = useT();
  const { tallies, lastConfirmedAt } = useOutboxRead(readTallies) ?? {};
  const status = useOutboxStatus();
  const storage = useStorageReport();
  useDocumentTitle([t('ledger.title')]);
  const [message, setMessage] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const number = new Intl.NumberFormat(i18n.language);
  // The scheduler knows this page's last sync; after a reload the newest receipt is the best record.
  const lastSync = status.lastSyncAt ?? lastConfirmedAt;
  const pending = (tallies ?? []).reduce((sum, tally) => sum + tally.waiting + tally.sent, 0);

  const sendNow = async () => {
    setMessage('');
    setProgress({ done: 0, total: pending });
    const result = await getScheduler().trigger('manual');
    setProgress(undefined);
    if (!result || result.error) setMessage(t('ledger.sendFailed'));
    else setMessage(t('ledger.sendDone', { confirmed: number.format(result.confirmed), remaining: number.format(result.remaining) }));
  };

  const exportNow = async () => {
    const downloads = await buildExports();
    const count = downloads.reduce((sum, d) => sum + d.file.items.length, 0);
    if (count === 0) {
      setMessage(t('ledger.nothingToExport'));
      return;
    }
    download(downloads);
    setMessage(t('ledger.exported', { count }));
  };

  return (
    <>
      <PageHeading>{t('ledger.title')}</PageHeading>
      <p class="govuk-body">{t('ledger.intro')}</p>
      {/* Five columns can be wider than a small phone; the region scrolls and can take focus to do so by keyboard. */}
      <div class="app-table-wrap" role="region" aria-label={t('ledger.caption')} tabIndex={0}>
        <table class="govuk-table">
          <caption class="govuk-table__caption">{t('ledger.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" class="govuk-table__header">{t('ledger.event')}</th>
              <th scope="col" class="govuk-table__header">{t('ledger.waiting')}</th>
              <th scope="col" class="govuk-table__header">{t('ledger.sent')}</th>
              <th scope="col" class="govuk-table__header">{t('ledger.attention')}</th>
              <th scope="col" class="govuk-table__header">{t('ledger.confirmed')}</th>
            </tr>
          </thead>
          <tbody>
            {(tallies ?? []).map((tally) => (
              <tr key={tally.event ?? ''} data-event={tally.event ?? ''}>
                <th scope="row" class="govuk-table__header">{tally.event ?? t('ledger.noEvent')}</th>
                <td class="govuk-table__cell govuk-table__cell--numeric" data-count="waiting">{number.format(tally.waiting)}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric" data-count="sent">{number.format(tally.sent)}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric" data-count="attention">{number.format(tally.attention)}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric" data-count="confirmed">{number.format(tally.confirmed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(tallies ?? []).map((tally) => (
        <details class="govuk-details" key={tally.event ?? ''}>
          <summary class="govuk-details__summary">{t('ledger.receiptsSummary', { event: tally.event ?? t('ledger.noEvent') })}</summary>
          <div class="govuk-details__text">
            {tally.receipts.length > 0 ? (
              <ul class="govuk-list app-receipts">
                {tally.receipts.map((receipt) => (
                  <li key={receipt}>{receipt}</li>
                ))}
              </ul>
            ) : (
              <p class="govuk-body">{t('ledger.noReceipts')}</p>
            )}
          </div>
        </details>
      ))}
      <p class="govuk-body">
        {lastSync ? t('ledger.lastSync', { time: formatTime(lastSync) }) : t('ledger.neverSynced')}
      </p>
      <StorageLines report={storage} />
      {progress && (
        <progress class="app-progress-bar" max={Math.max(progress.total, 1)} aria-label={t('ledger.sendProgress')} />
      )}
      <button type="button" class="govuk-button" disabled={status.running || Boolean(progress)} onClick={() => void sendNow()}>
        {status.running || progress ? t('ledger.sending') : t('ledger.sendNow')}
      </button>
      <div role="status" aria-live="polite">
        {message && <p class="govuk-inset-text">{message}</p>}
      </div>
      <h2 class="govuk-heading-m">{t('ledger.exportTitle')}</h2>
      <p class="govuk-body">{t('ledger.exportIntro')}</p>
      <button type="button" class="govuk-button govuk-button--secondary" onClick={() => void exportNow()}>
        {t('ledger.exportButton')}
      </button>
    </>
  );
}

function StorageLines({ report }: { report: StorageReport | undefined }) {
  const t = useT();
  if (!report) return null;
  return (
    <>
      <p class="govuk-body">
        {report.used !== undefined && report.quota !== undefined
          ? t('ledger.storageUsed', { used: report.used, quota: report.quota })
          : t('ledger.storageUnknown')}
      </p>
      <p class="govuk-body">{report.persisted ? t('ledger.persisted') : t('ledger.notPersisted')}</p>
      {report.atRisk && <p class="govuk-inset-text">{t('ready.storageWarning')}</p>}
    </>
  );
}

function formatTime(iso: string | number | Date): string {
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
