import { useState } from 'preact/hooks';
import { promptInstall, useInstallOption } from '../install';
import { useT } from '../use-t';

/**
 * "Use Heard like an app": the install button where the browser offers installing, the
 * steps for iPhone and iPad where it cannot, a short confirmation once installed, and
 * nothing at all where none of these applies.
 */
export function InstallPanel() {
  const t = useT();
  const option = useInstallOption();
  const [declined, setDeclined] = useState(false);
  if (option === 'installed') {
    return (
      <p class="govuk-body app-install__done" data-testid="install-panel">
        {t('install.installed')}
      </p>
    );
  }
  // The browser's offer is used up once answered; say what happened rather than vanish.
  if (declined) {
    return (
      <p class="govuk-body app-install__done" role="status" data-testid="install-panel">
        {t('install.declined')}
      </p>
    );
  }
  if (option === 'none') return null;
  return (
    <section class="app-install" aria-labelledby="install-heading" data-testid="install-panel">
      <h2 class="govuk-heading-m" id="install-heading">
        {t('install.title')}
      </h2>
      <p class="govuk-body">{t('install.body')}</p>
      {option === 'prompt' ? (
        <button
          type="button"
          class="govuk-button govuk-button--secondary"
          onClick={() => void promptInstall().then((accepted) => setDeclined(!accepted))}
        >
          {t('install.button')}
        </button>
      ) : (
        <details class="govuk-details">
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">{t('install.iosSummary')}</span>
          </summary>
          <div class="govuk-details__text">
            <ol class="govuk-list govuk-list--number">
              <li>{t('install.iosStep1')}</li>
              <li>{t('install.iosStep2')}</li>
              <li>{t('install.iosStep3')}</li>
            </ol>
          </div>
        </details>
      )}
    </section>
  );
}
