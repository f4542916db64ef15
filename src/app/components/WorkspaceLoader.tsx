import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../use-t';
import { Loading } from './Loading';

/**
 * The organisers' workspace lives in chunks of its own (code, strings and styles), fetched
 * only when a page needs them, so participants never download it. These are its two doors.
 */
function useLazy(load: () => Promise<ComponentType>): ComponentType | 'failed' | undefined {
  const [view, setView] = useState<ComponentType | 'failed' | undefined>();
  useEffect(() => {
    load().then(
      (component) => setView(() => component),
      () => setView('failed'),
    );
  }, []);
  return view;
}

/** Every page below /organiser. */
export function WorkspaceLoader() {
  const t = useT();
  const View = useLazy(() => import('../../workspace/workspace').then((m) => m.Workspace));
  if (View === 'failed') {
    return (
      <main class="govuk-width-container govuk-main-wrapper" id="main-content" tabIndex={-1}>
        <h1 class="govuk-heading-l">{t('errors.summaryTitle')}</h1>
        <p class="govuk-body">{t('status.offline')}</p>
      </main>
    );
  }
  return View ? <View /> : <Loading />;
}

/** "Preview: answers are not sent", on a tab the workspace opened to preview a draft, in the workspace's words. */
export function PreviewBanner() {
  const View = useLazy(() => import('../../workspace/PreviewNotice').then((m) => m.PreviewNotice));
  return View && View !== 'failed' ? <View /> : null;
}
