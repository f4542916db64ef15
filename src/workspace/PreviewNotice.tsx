import { loadWorkspaceStrings, w } from './i18n';

loadWorkspaceStrings();

/** The banner on an organiser's preview: in English, as the organiser reads it, whatever language is previewed. */
export function PreviewNotice() {
  return (
    <div class="app-update" lang="en" dir="ltr" role="note" aria-label={w('preview.label')}>
      <div class="govuk-width-container app-update__inner">
        <p class="app-update__text">
          <strong>{w('preview.banner')}</strong>
        </p>
      </div>
    </div>
  );
}
