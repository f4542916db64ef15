import type { EasyReadOverlay, EngagementBundle, Idea } from '../../shared';
import { easyReadOverlayFor } from '../content';
import { usePreferences } from '../preferences';
import { useLanguage } from '../use-t';

/** True while easy read is on, re-rendering when it changes. */
export function useEasyRead(): boolean {
  return usePreferences().easyRead;
}

/** The easy-read overlay (ideas with pictures) for the current language, when easy read is on. */
export function useEasyReadOverlay(bundle: EngagementBundle): EasyReadOverlay | undefined {
  const language = useLanguage();
  const { easyRead } = usePreferences();
  return easyReadOverlayFor(bundle, { language, easyRead });
}

/** The ideas of one prompt's hint, if the overlay has them. */
export function hintIdeas(overlay: EasyReadOverlay | undefined, phase: string, prompt: string): Idea[] | undefined {
  return overlay?.phases?.[phase]?.prompts?.[prompt]?.hint;
}
