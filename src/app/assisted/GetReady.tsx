import { useState } from 'preact/hooks';
import { EventCodeSchema, check } from '../../shared';
import type { PublicEvent } from '../../shared/events';
import { rememberReadyEvent, requestPersistence } from '../../storage';
import type { TranslationKey } from '../../i18n';
import { useT } from '../use-t';
import { paths } from '../router';
import { ErrorSummary, type PageError } from '../components/ErrorSummary';
import { Link } from '../components/Link';
import { PageHeading, useDocumentTitle } from '../components/PageHeading';
import { lookupEvent, normaliseCode } from './event-lookup';
import { findMissing, saveEngagement, waitForServiceWorker, type Missing } from './readiness';
import { readStorageReport } from './storage-report';
import { TextInput } from './TextInput';

type StepState = 'waiting' | 'working' | 'done' | 'failed';
const STEPS = ['stepEvent', 'stepQuestions', 'stepApp', 'stepCheck'] as const;
type Outcome = { ready: true; event: PublicEvent; atRisk: boolean } | { ready: false; missing: Missing[] };

/**
 * `/tablet/ready`: one action that saves everything an event needs and then proves, by
 * reading it back, that the tablet will work with no signal.
 */
export function GetReady() {
  const t = useT();
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<PageError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [steps, setSteps] = useState<StepState[]>();
  const [outcome, setOutcome] = useState<Outcome>();
  useDocumentTitle([t('ready.title')], errors.length > 0);
  const running = steps?.includes('working') ?? false;

  const fail = (message: string) => {
    setErrors([{ field: 'ready-code', message }]);
    setAttempt((n) => n + 1);
  };

  const run = async (event: Event) => {
    event.preventDefault();
    if (running) return;
    const normalised = normaliseCode(code);
    if (!normalised) return fail(t('assisted.codeMissing'));
    if (!check(EventCodeSchema, normalised).ok) return fail(t('assisted.codeInvalid'));
    setErrors([]);
    setOutcome(undefined);
    const state: StepState[] = ['working', 'waiting', 'waiting', 'waiting'];
    const step = (index: number, next: StepState) => {
      state[index] = next;
      if (next === 'done' && index + 1 < state.length) state[index + 1] = 'working';
      setSteps([...state]);
    };
    setSteps([...state]);
    const found = await lookupEvent(normalised, { online: true });
    if (found.state !== 'found') {
      step(0, 'failed');
      return fail(t(found.state === 'unknown' ? 'ready.unknown' : 'ready.offline'));
    }
    step(0, 'done');
    try {
      await saveEngagement(found.event.engagement);
    } catch {
      step(1, 'failed');
      return fail(t('ready.failedToLoad'));
    }
    step(1, 'done');
    // The service worker fetches the app, every language and the pictures as it installs;
    // persistent storage keeps them, and the answers, from being cleared when space runs low.
    await waitForServiceWorker();
    await requestPersistence().catch(() => false);
    step(2, 'done');
    const missing = await findMissing(found.event.engagement);
    step(3, missing.length === 0 ? 'done' : 'failed');
    if (missing.length > 0) {
      setOutcome({ ready: false, missing });
      return;
    }
    await rememberReadyEvent({ ...found.event, readyAt: new Date().toISOString() });
    const storage = await readStorageReport();
    setOutcome({ ready: true, event: found.event, atRisk: storage.atRisk });
  };

  const done = steps?.filter((s) => s === 'done').length ?? 0;
  return (
    <>
      <ErrorSummary errors={errors} attempt={attempt} />
      <PageHeading>{t('ready.title')}</PageHeading>
      <p class="govuk-body">{t('ready.intro')}</p>
      <form method="post" noValidate onSubmit={(event) => void run(event)}>
        <TextInput
          id="ready-code"
          label={t('ready.codeLabel')}
          hint={t('ready.codeHint')}
          error={errors[0]?.message}
          value={code}
          onInput={setCode}
          autoComplete="off"
          autoCapitalize="characters"
          spellcheck={false}
          class="govuk-input--width-10"
        />
        <button type="submit" class="govuk-button" disabled={running}>
          {t('ready.start')}
        </button>
      </form>
      {steps && (
        <>
          <label class="govuk-label" for="ready-progress">
            {t('ready.progressLabel')}
          </label>
          <progress id="ready-progress" class="app-progress-bar" value={done} max={STEPS.length} />
          <ol class="app-steps" aria-live="polite">
            {STEPS.map((key, index) => (
              <li class="app-steps__item" key={key}>
                <span>{t(`ready.${key}`)}</span>
                <strong class="app-tag">{t(`ready.${steps[index] ?? 'waiting'}` as TranslationKey)}</strong>
              </li>
            ))}
          </ol>
        </>
      )}
      <div role="status">{outcome && <OutcomeMessage outcome={outcome} />}</div>
    </>
  );
}

function OutcomeMessage({ outcome }: { outcome: Outcome }) {
  const t = useT();
  if (!outcome.ready) {
    return (
      <div class="govuk-error-summary" data-ready="no">
        <h2 class="govuk-error-summary__title">{t('ready.missingTitle')}</h2>
        <p class="govuk-body">{t('ready.missingIntro')}</p>
        <ul class="govuk-list govuk-list--bullet">
          {outcome.missing.map((item) => (
            <li key={item.kind === 'file' ? item.file : item.kind}>
              {item.kind === 'file' ? t('ready.missingFile', { file: item.file }) : t(MISSING[item.kind])}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const { event } = outcome;
  return (
    <div class="govuk-panel govuk-panel--confirmation" data-ready="yes">
      <h2 class="govuk-panel__title">{t('ready.readyTitle')}</h2>
      <div class="govuk-panel__body">
        <p>{t('ready.readyBody', { event: t('ready.event', { name: event.name, place: event.place, date: event.date }) })}</p>
        {outcome.atRisk && <p>{t('ready.storageWarning')}</p>}
        <p>
          <Link href={paths.tablet()} class="govuk-link app-panel-link">
            {t('ready.startAssisted')}
          </Link>
        </p>
      </div>
    </div>
  );
}

const MISSING: Record<Exclude<Missing['kind'], 'file'>, TranslationKey> = {
  engagement: 'ready.missingEngagement',
  key: 'ready.missingKey',
  cache: 'ready.missingCache',
  app: 'ready.missingApp',
};
