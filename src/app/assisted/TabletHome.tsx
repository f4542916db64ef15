import { useState } from 'preact/hooks';
import { EventCodeSchema, check } from '../../shared';
import { getCachedEngagement } from '../../storage';
import { useT } from '../use-t';
import { historyState, navigate, paths } from '../router';
import { ErrorSummary, type PageError } from '../components/ErrorSummary';
import { Link } from '../components/Link';
import { PageHeading, useDocumentTitle } from '../components/PageHeading';
import { lookupEvent, normaliseCode } from './event-lookup';
import { saveEngagement } from './readiness';
import { startAssistedMode } from './mode-control';
import { TextInput } from './TextInput';
import type { TranslationKey } from '../../i18n';

const PIN = /^[0-9]{4,8}$/;

/** `/tablet`: what a community worker does with a shared tablet: get ready, then switch on assisted mode. */
export function TabletHome({ code: initialCode = '' }: { code?: string }) {
  const t = useT();
  const [code, setCode] = useState(initialCode);
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<PageError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  useDocumentTitle([t('assisted.homeTitle')], errors.length > 0);
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const problems: PageError[] = [];
    const add = (field: string, key: TranslationKey) => problems.push({ field, message: t(key) });
    const normalised = normaliseCode(code);
    if (!normalised) add('event-code', 'assisted.codeMissing');
    else if (!check(EventCodeSchema, normalised).ok) add('event-code', 'assisted.codeInvalid');
    if (!PIN.test(pin)) add('new-pin', 'assisted.pinInvalid');
    else if (pin !== confirm) add('confirm-pin', 'assisted.pinMismatch');
    if (problems.length === 0) {
      setBusy(true);
      const problem = await startFor(normalised, pin).catch((): TranslationKey => 'assisted.startFailed');
      setBusy(false);
      if (!problem) {
        navigate(paths.tablet('pass'), { replace: true });
        return;
      }
      add('event-code', problem);
    }
    setErrors(problems);
    setAttempt((n) => n + 1);
  };

  return (
    <>
      <ErrorSummary errors={errors} attempt={attempt} />
      {historyState<boolean>('left') && <p class="govuk-inset-text">{t('assisted.leftMessage')}</p>}
      <PageHeading>{t('assisted.homeTitle')}</PageHeading>
      <p class="govuk-body">{t('assisted.homeIntro')}</p>
      <ul class="govuk-list">
        <li>
          <Link href={paths.tablet('ready')} class="govuk-link">
            {t('assisted.readyLink')}
          </Link>
        </li>
        <li>
          <Link href={paths.tablet('ledger')} class="govuk-link">
            {t('assisted.ledgerLink')}
          </Link>
        </li>
      </ul>
      <h2 class="govuk-heading-m">{t('assisted.startTitle')}</h2>
      <p class="govuk-body">{t('assisted.startIntro')}</p>
      <form method="post" noValidate onSubmit={(event) => void submit(event)}>
        <TextInput
          id="event-code"
          label={t('assisted.codeLabel')}
          hint={t('assisted.codeHint')}
          error={errorFor('event-code')}
          value={code}
          onInput={setCode}
          autoComplete="off"
          autoCapitalize="characters"
          spellcheck={false}
          class="govuk-input--width-10"
        />
        <TextInput
          id="new-pin"
          label={t('assisted.pinLabel')}
          hint={t('assisted.pinHint')}
          error={errorFor('new-pin')}
          value={pin}
          onInput={setPin}
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          class="govuk-input--width-10"
        />
        <TextInput
          id="confirm-pin"
          label={t('assisted.pinConfirmLabel')}
          error={errorFor('confirm-pin')}
          value={confirm}
          onInput={setConfirm}
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          class="govuk-input--width-10"
        />
        <button type="submit" class="govuk-button" disabled={busy}>
          {t('assisted.startButton')}
        </button>
      </form>
    </>
  );
}

/**
 * Switches assisted mode on for an event whose questions (with the key that seals answers)
 * are on the tablet; otherwise says what is wrong.
 */
async function startFor(code: string, pin: string): Promise<TranslationKey | undefined> {
  const found = await lookupEvent(code);
  if (found.state === 'unknown') return 'assisted.codeUnknown';
  if (found.state === 'offline') return 'assisted.codeOffline';
  let saved = await getCachedEngagement(found.event.engagement).catch(() => undefined);
  // Checked online just now, so the questions can be saved now too.
  if (!saved?.bundle.publicKey && !found.ready) {
    await saveEngagement(found.event.engagement).catch(() => undefined);
    saved = await getCachedEngagement(found.event.engagement).catch(() => undefined);
  }
  if (!saved?.bundle.publicKey) return 'assisted.notReady';
  await startAssistedMode(code, found.event.engagement, pin);
  return undefined;
}
