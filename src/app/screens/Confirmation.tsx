import { useEffect, useState } from 'preact/hooks';
import type { EngagementBundle, Phase } from '../../shared';
import { getLedgerEntry, listNeedsAttention, listQueued, onOutboxChange } from '../../storage';
import { useT } from '../use-t';
import { historyState, paths } from '../router';
import { getScheduler } from '../sync';
import { EngagementGate } from '../components/EngagementGate';
import { Link } from '../components/Link';
import { PageHeading, useDocumentTitle } from '../components/PageHeading';
import { FindingsLinkLoader, ReceiptCodeLoader } from './FindingsLoader';
import { AboutYouOfferLoader } from './AboutYouLoader';

/**
 * `/e/:slug/:phase/done`: thanks, and whether the answers have reached us yet. The
 * contribution's id travels in history state, never in the URL, and the page holds no answers.
 */
export function Confirmation({ slug, phase }: { slug: string; phase: string }) {
  return <EngagementGate slug={slug} phase={phase}>{(bundle, found) => <DonePage bundle={bundle} phase={found} />}</EngagementGate>;
}

function DonePage({ bundle, phase }: { bundle: EngagementBundle; phase: Phase }) {
  const t = useT();
  const contribution = historyState<string>('contribution');
  const delivered = useDelivered(contribution, bundle.slug, phase.id);
  useDocumentTitle([t('done.title'), bundle.title]);
  return (
    <>
      <div class="govuk-panel govuk-panel--confirmation">
        <PageHeading className="govuk-panel__title">{t('done.title')}</PageHeading>
        <div class="govuk-panel__body">{t('done.panelBody')}</div>
      </div>
      {delivered !== undefined && <p class="govuk-body app-delivery">{delivered ? t('done.sent') : t('done.saved')}</p>}
      <ReceiptCodeLoader id={contribution} />
      <h2 class="govuk-heading-m">{t('done.whatNext')}</h2>
      <p class="govuk-body">{t('done.whatNextBody')}</p>
      <p class="govuk-body">
        <Link href={paths.engagement(bundle.slug)} class="govuk-link">
          {t('done.nextPerson')}
        </Link>
      </p>
      <p class="govuk-body">
        <Link href={paths.outbox()} class="govuk-link">
          {t('done.outboxLink')}
        </Link>
      </p>
      <AboutYouOfferLoader bundle={bundle} />
      <FindingsLinkLoader slug={bundle.slug} />
    </>
  );
}

/**
 * Whether the contribution has reached the server: it has once it is in the ledger. With
 * no id (history state lost), it counts as sent once nothing from this phase is waiting.
 */
function useDelivered(id: string | undefined, engagement: string, phase: string): boolean | undefined {
  const [delivered, setDelivered] = useState<boolean>();
  useEffect(() => {
    let alive = true;
    const refresh = async () => {
      const result = id
        ? (await getLedgerEntry(id)) !== undefined
        : !(await Promise.all([listQueued(), listNeedsAttention()]))
            .flat()
            .some((entry) => entry.engagement === engagement && entry.phase === phase);
      if (alive) setDelivered(result);
    };
    const update = () => void refresh().catch(() => undefined);
    update();
    const stopOutbox = onOutboxChange(update);
    const stopSync = getScheduler().subscribe(update);
    return () => {
      alive = false;
      stopOutbox();
      stopSync();
    };
  }, [id, engagement, phase]);
  return delivered;
}
