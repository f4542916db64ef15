import { useRef, useState } from 'preact/hooks';
import { useEffect } from 'preact/hooks';
import { setPreferences, usePreferences, type Preferences } from '../preferences';
import { useT } from '../use-t';
import type { TranslationKey } from '../../i18n';
import { Link } from '../components/Link';
import { PageHeading, useDocumentTitle } from '../components/PageHeading';

/** A group of radios on the settings page: which preference, and its choices with their labels. */
interface Setting<K extends keyof Preferences> {
  key: K;
  legend: TranslationKey;
  choices: ReadonlyArray<{ value: Preferences[K]; label: TranslationKey }>;
}

const SETTINGS = [
  {
    key: 'textSize',
    legend: 'settings.textSize',
    choices: [
      { value: 100, label: 'settings.textSize100' },
      { value: 150, label: 'settings.textSize150' },
      { value: 200, label: 'settings.textSize200' },
    ],
  } satisfies Setting<'textSize'>,
  {
    key: 'contrast',
    legend: 'settings.contrast',
    choices: [
      { value: 'standard', label: 'settings.contrastStandard' },
      { value: 'high', label: 'settings.contrastHigh' },
    ],
  } satisfies Setting<'contrast'>,
  {
    key: 'font',
    legend: 'settings.font',
    choices: [
      { value: 'standard', label: 'settings.fontStandard' },
      { value: 'readable', label: 'settings.fontReadable' },
    ],
  } satisfies Setting<'font'>,
  {
    key: 'easyRead',
    legend: 'settings.mode',
    choices: [
      { value: false, label: 'settings.modeStandard' },
      { value: true, label: 'settings.modeEasyRead' },
    ],
  } satisfies Setting<'easyRead'>,
  {
    key: 'reduceMotion',
    legend: 'settings.motion',
    choices: [
      { value: false, label: 'settings.motionStandard' },
      { value: true, label: 'settings.motionReduce' },
    ],
  } satisfies Setting<'reduceMotion'>,
] as const;

type Choices = Pick<Preferences, (typeof SETTINGS)[number]['key']>;

/**
 * `/settings`: text size, colours, font, easy read and movement, as GOV.UK's settings pages
 * do it: radios, one Save button, then a success banner with the way back. Usable before
 * anything else (reachable from the language screen), and remembered on this device only.
 */
export function SettingsPage({ from }: { from: string }) {
  const t = useT();
  const preferences = usePreferences();
  const [choices, setChoices] = useState<Choices>(() => pickChoices(preferences));
  const [saved, setSaved] = useState(false);
  const banner = useRef<HTMLDivElement>(null);
  useDocumentTitle([t('settings.title')]);
  useEffect(() => {
    if (saved) banner.current?.focus();
  }, [saved]);

  const onSubmit = (event: Event) => {
    event.preventDefault();
    setPreferences(choices);
    setSaved(true);
  };

  return (
    <>
      <Link href={from} class="govuk-back-link">
        {t('settings.back')}
      </Link>
      {saved && (
        <div ref={banner} class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="settings-saved-title" tabIndex={-1}>
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title" id="settings-saved-title">
              {t('settings.savedTitle')}
            </h2>
          </div>
          <div class="govuk-notification-banner__content">
            <p class="govuk-notification-banner__heading">{t('settings.saved')}</p>
            <p class="govuk-body">
              <Link href={from} class="govuk-notification-banner__link">
                {t('settings.goBack')}
              </Link>
            </p>
          </div>
        </div>
      )}
      <PageHeading>{t('settings.title')}</PageHeading>
      <p class="govuk-body">{t('settings.intro')}</p>
      <form method="post" noValidate onSubmit={onSubmit}>
        {SETTINGS.map((setting) => (
          <div class="govuk-form-group" key={setting.key}>
            <fieldset class="govuk-fieldset">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
                <h2 class="govuk-fieldset__heading">{t(setting.legend)}</h2>
              </legend>
              <div class="govuk-radios">
                {setting.choices.map((choice, index) => {
                  const id = `${setting.key}-${index + 1}`;
                  return (
                    <div class="govuk-radios__item" key={id}>
                      <input
                        class="govuk-radios__input"
                        id={id}
                        name={setting.key}
                        type="radio"
                        value={String(choice.value)}
                        checked={choices[setting.key] === choice.value}
                        onChange={() => {
                          setChoices({ ...choices, [setting.key]: choice.value });
                          setSaved(false);
                        }}
                      />
                      <label class="govuk-label govuk-radios__label" for={id}>
                        {t(choice.label)}
                      </label>
                    </div>
                  );
                })}
              </div>
            </fieldset>
          </div>
        ))}
        <button type="submit" class="govuk-button">
          {t('settings.save')}
        </button>
      </form>
    </>
  );
}

function pickChoices(preferences: Preferences): Choices {
  const { textSize, contrast, font, easyRead, reduceMotion } = preferences;
  return { textSize, contrast, font, easyRead, reduceMotion };
}
