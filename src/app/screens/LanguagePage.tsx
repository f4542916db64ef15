import { useState } from 'preact/hooks';
import { dir, i18n, setLanguage } from '../../i18n';
import { LANGUAGES } from '../../i18n/languages';
import { setPreferences, usePreferences } from '../preferences';
import { navigate, paths } from '../router';
import { useT } from '../use-t';
import { Link } from '../components/Link';
import { PageHeading, useDocumentTitle } from '../components/PageHeading';

/** Props of the language screen. */
export interface LanguagePageProps {
  /** The in-app path to go to once a language is chosen. */
  from: string;
  /** Shown in place of another page on a device's first visit: leave it without a new history entry. */
  firstVisit?: boolean;
}

const FIELD = 'language';

/**
 * `/language`, and the first screen of a device that has never chosen: every shipped
 * language named in its own script (with `lang` and `dir`, so screen readers pronounce each
 * name properly), and beneath it the same name in the current language. Choosing returns the
 * person to where they were; the draft is already saved, so nothing is lost.
 */
export function LanguagePage({ from, firstVisit = false }: LanguagePageProps) {
  const t = useT();
  const { language } = usePreferences();
  const [selected, setSelected] = useState(language ?? i18n.language);
  const [busy, setBusy] = useState(false);
  useDocumentTitle([t('language.title')]);
  const names = displayNames(i18n.language);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    // Strings first, so the page the person returns to is already in their language.
    await setLanguage(selected);
    setPreferences({ language: selected });
    navigate(from, { replace: firstVisit });
  };

  return (
    <>
      {!firstVisit && (
        <Link href={from} class="govuk-back-link">
          {t('question.back')}
        </Link>
      )}
      <form method="post" noValidate onSubmit={(event) => void onSubmit(event)}>
        <div class="govuk-form-group">
          <fieldset class="govuk-fieldset" aria-describedby={`${FIELD}-hint`}>
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--l">
              <PageHeading className="govuk-fieldset__heading">{t('language.title')}</PageHeading>
            </legend>
            <div id={`${FIELD}-hint`} class="govuk-hint">
              {t('language.hint')}
            </div>
            <div class="govuk-radios app-languages">
              {LANGUAGES.map(({ code, endonym }, index) => {
                const id = index === 0 ? FIELD : `${FIELD}-${code}`;
                const translated = names?.of(code);
                const showTranslated = translated && translated !== endonym && code !== i18n.language;
                return (
                  <div class="govuk-radios__item" key={code}>
                    <input
                      class="govuk-radios__input"
                      id={id}
                      name={FIELD}
                      type="radio"
                      value={code}
                      checked={selected === code}
                      onChange={() => setSelected(code)}
                      aria-describedby={showTranslated ? `${id}-hint` : undefined}
                    />
                    <label class="govuk-label govuk-radios__label" for={id}>
                      <span lang={code} dir={dir(code)}>
                        {endonym}
                      </span>
                    </label>
                    {showTranslated && (
                      <div id={`${id}-hint`} class="govuk-hint govuk-radios__hint">
                        {translated}
                      </div>
                    )}
                  </div>
                );
              })}
            </div>
          </fieldset>
        </div>
        <button type="submit" class="govuk-button" disabled={busy}>
          {t('language.continue')}
        </button>
      </form>
      <p class="govuk-body">
        <Link href={paths.settings(from)} class="govuk-link">
          {t('language.settingsLink')}
        </Link>
      </p>
    </>
  );
}

// Language names in the page's language ("Welsh" beside "Cymraeg"), where the browser has them.
function displayNames(locale: string): Intl.DisplayNames | undefined {
  try {
    return new Intl.DisplayNames([locale, 'en'], { type: 'language' });
  } catch {
    return undefined;
  }
}
