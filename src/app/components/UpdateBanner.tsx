import { useState } from 'preact/hooks';
import { useT } from '../use-t';
import { flushDraftSave } from '../draft-autosave';
import { applyUpdate } from '../sw-bridge';

/**
 * Says a new version is ready and waits for the person: the page never reloads by itself,
 * and the current draft is written before the new version takes over.
 */
export function UpdateBanner() {
  const t = useT();
  const [updating, setUpdating] = useState(false);
  const update = async () => {
    setUpdating(true);
    await flushDraftSave();
    await applyUpdate();
  };
  return (
    <div class="app-update" role="region" aria-labelledby="app-update-title">
      <div class="govuk-width-container app-update__inner">
        <p class="app-update__text" id="app-update-title">
          {t('update.ready')} <span class="app-update__note">{t('update.saved')}</span>
        </p>
        <button type="button" class="govuk-button govuk-button--inverse app-update__button" disabled={updating} onClick={() => void update()}>
          {t('update.button')}
        </button>
      </div>
    </div>
  );
}
