import { useT } from '../use-t';
import { lazyChunk, useLazyChunk } from '../lazy-chunk';
import { Loading } from './Loading';

/**
 * The organisers' workspace lives in chunks of its own (code, strings and styles), fetched
 * only when a page needs them, so participants never download it. These are its two doors.
 */
const workspace = lazyChunk(() => import('../../workspace/workspace'));
const previewNotice = lazyChunk(() => import('../../workspace/PreviewNotice'));

/** Every page below /organiser. */
export function WorkspaceLoader() {
  const t = useT();
  const module = useLazyChunk(workspace);
  if (module === 'failed') {
    return (
      <main class="govuk-width-container govuk-main-wrapper" id="main-content" tabIndex={-1}>
        <h1 class="govuk-heading-l">{t('errors.summaryTitle')}</h1>
        <p class="govuk-body">{t('status.offline')}</p>
      </main>
    );
  }
  return module ? <module.Workspace /> : <Loading />;
}

/** "Preview: answers are not sent", on a tab the workspace opened to preview a draft, in the workspace's words. */
export function PreviewBanner() {
  const module = useLazyChunk(previewNotice);
  return module && module !== 'failed' ? <module.PreviewNotice /> : null;
}
