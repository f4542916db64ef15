import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { checkPin } from '../../storage';
import { useT } from '../use-t';
import { ErrorSummary, type PageError } from '../components/ErrorSummary';
import { PageHeading, useDocumentTitle } from '../components/PageHeading';
import { TextInput } from './TextInput';

const FIELD = 'pin';

/**
 * Asks for the worker's PIN before showing `children`. The page stays unlocked only while
 * it is shown; leaving it locks it again. Wrong PINs slow further tries (see checkPin).
 */
export function PinLock({ title, children }: { title: string; children: ComponentChildren }) {
  const t = useT();
  const [unlocked, setUnlocked] = useState(false);
  const [pin, setPin] = useState('');
  const [errors, setErrors] = useState<PageError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [checking, setChecking] = useState(false);
  useDocumentTitle([unlocked ? title : t('assisted.pinTitle')], errors.length > 0);
  if (unlocked) return <>{children}</>;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (checking) return;
    setChecking(true);
    const result = await checkPin(pin).catch(() => ({ ok: false as const, reason: 'wrong' as const, waitMs: 0 }));
    setChecking(false);
    setPin('');
    if (result.ok) {
      setUnlocked(true);
      return;
    }
    const seconds = Math.ceil(result.waitMs / 1000);
    const message = seconds > 0 ? t('assisted.pinWait', { count: seconds }) : t('assisted.pinWrong');
    setErrors([{ field: FIELD, message }]);
    setAttempt((n) => n + 1);
  };

  return (
    <>
      <ErrorSummary errors={errors} attempt={attempt} />
      <span class="govuk-caption-l">{title}</span>
      <PageHeading>{t('assisted.pinTitle')}</PageHeading>
      <form method="post" noValidate onSubmit={(event) => void submit(event)}>
        <TextInput
          id={FIELD}
          label={t('assisted.pinEnterLabel')}
          error={errors[0]?.message}
          value={pin}
          onInput={setPin}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          class="govuk-input--width-10"
        />
        <button type="submit" class="govuk-button" disabled={checking}>
          {t('assisted.pinContinue')}
        </button>
      </form>
    </>
  );
}
