import { useEffect, useState } from 'preact/hooks';
import type { AssistedMode } from '../../storage';
import { useT } from '../use-t';
import { historyState, navigate, paths } from '../router';
import { Link } from '../components/Link';
import { Loading } from '../components/Loading';
import { PageHeading, useDocumentTitle } from '../components/PageHeading';
import { ReceiptCodeLoader } from '../screens/FindingsLoader';
import { endPerson, startPerson } from './session';

/**
 * `/tablet/pass`: the screen between two people on a shared tablet. Showing it clears every
 * trace of the last person first; the worker ticks how the next person takes part, then
 * hands over the tablet.
 */
export function PassTablet({ mode }: { mode: AssistedMode }) {
  const t = useT();
  const [cleared, setCleared] = useState(false);
  const [interpreter, setInterpreter] = useState(false);
  const [readAloud, setReadAloud] = useState(false);
  const thanks = historyState<boolean>('thanks') === true;
  const timedOut = historyState<boolean>('timedOut') === true;
  // The person who has just finished sees their receipt code here, once: it is taken out of the
  // history entry at once, so Back or a reload after the next person has started never shows it.
  const [receiptFor] = useState(takeContribution);
  useDocumentTitle([t('assisted.passTitle')]);

  useEffect(() => {
    let alive = true;
    void endPerson().then(() => alive && setCleared(true));
    return () => {
      alive = false;
    };
  }, []);

  if (!cleared) return <Loading />;

  const start = (event: Event) => {
    event.preventDefault();
    startPerson({ interpreter, readAloud });
    navigate(paths.engagement(mode.engagement));
  };

  return (
    <>
      {thanks && (
        <div class="govuk-panel govuk-panel--confirmation">
          <p class="govuk-panel__body">{t('assisted.passThanks')}</p>
        </div>
      )}
      {thanks && receiptFor && <ReceiptCodeLoader id={receiptFor} />}
      {timedOut && <p class="govuk-inset-text">{t('assisted.passTimedOut')}</p>}
      <PageHeading>{t('assisted.passTitle')}</PageHeading>
      <p class="govuk-body">{t('assisted.passPrivate')}</p>
      <p class="govuk-body app-secondary-text">{t('assisted.passEvent', { event: mode.event })}</p>
      <form method="post" noValidate onSubmit={start}>
        <div class="govuk-form-group">
          <fieldset class="govuk-fieldset">
            <legend class="govuk-fieldset__legend">{t('assisted.helpLegend')}</legend>
            <div class="govuk-checkboxes">
              <Tick id="interpreter" label={t('assisted.interpreter')} checked={interpreter} onChange={setInterpreter} />
              <Tick id="read-aloud" label={t('assisted.readAloud')} checked={readAloud} onChange={setReadAloud} />
            </div>
          </fieldset>
        </div>
        <button type="submit" class="govuk-button govuk-button--start">
          {t('assisted.passStart')}
        </button>
      </form>
      <h2 class="govuk-heading-s">{t('assisted.workerTitle')}</h2>
      <ul class="govuk-list">
        <li>
          <Link href={paths.tablet('ledger')} class="govuk-link">
            {t('assisted.ledgerLink')}
          </Link>
        </li>
        <li>
          <Link href={paths.tablet('leave')} class="govuk-link">
            {t('assisted.leaveLink')}
          </Link>
        </li>
      </ul>
    </>
  );
}

function Tick({ id, label, checked, onChange }: { id: string; label: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <div class="govuk-checkboxes__item">
      <input
        class="govuk-checkboxes__input"
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
      <label class="govuk-label govuk-checkboxes__label" for={id}>
        {label}
      </label>
    </div>
  );
}

function takeContribution(): string | undefined {
  const id = historyState<string>('contribution');
  if (id) history.replaceState({ ...(history.state as Record<string, unknown>), contribution: undefined }, '');
  return id;
}
