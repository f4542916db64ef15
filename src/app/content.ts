import { useMemo } from 'preact/hooks';
import type { ContentOverlay, EasyReadOverlay, EngagementBundle, EngagementSummary, Idea, Phase, Prompt } from '../shared';
import { loadEngagement } from './engagement-source';
import { useLanguage } from './use-t';
import { usePreferences } from './preferences';

/**
 * The engagement's texts in the person's language and mode. A bundle carries its source
 * text (the first of `languages`) in plain fields, and overlays of the same shape by id:
 * `translations[lng]` and `easyRead[lng]`. Each text is taken from the first overlay that
 * has it, in this order:
 *
 *   easy read in the language → the language → easy read in the source language → source
 *
 * so a missing easy-read sentence falls back to the standard text the person can read, and
 * a missing translation to the source text, never to nothing. Ids, kinds and every other
 * field are kept, so answers and contributions are the same whatever the language.
 */

/** How to resolve: the language to show and whether easy read is on. */
export interface ContentOptions {
  language: string;
  easyRead: boolean;
}

/** The overlays to consult for one language and mode, best first. */
export function overlaysFor(bundle: EngagementBundle, { language, easyRead }: ContentOptions): ContentOverlay[] {
  const source = bundle.languages[0] ?? 'en';
  const layers: Array<ContentOverlay | undefined> = [
    easyRead ? asContentOverlay(bundle.easyRead[language]) : undefined,
    language === source ? undefined : bundle.translations[language],
    easyRead && language !== source ? asContentOverlay(bundle.easyRead[source]) : undefined,
  ];
  return layers.filter((layer): layer is ContentOverlay => layer !== undefined);
}

/**
 * The easy-read overlay whose ideas (text with a picture) the page shows for `options`: only
 * the chosen language's own, so pictures never sit beside text in another language.
 */
export function easyReadOverlayFor(bundle: EngagementBundle, { language, easyRead }: ContentOptions): EasyReadOverlay | undefined {
  return easyRead ? bundle.easyRead[language] : undefined;
}

// Where only plain text fits (a page title, a summary), an easy-read list of ideas reads as one paragraph.
const joinIdeas = (ideas: Idea[] | undefined): string | undefined => (ideas ? ideas.map((idea) => idea.text).join(' ') : undefined);

function asContentOverlay(overlay: EasyReadOverlay | undefined): ContentOverlay | undefined {
  if (!overlay) return undefined;
  const phases = Object.fromEntries(
    Object.entries(overlay.phases ?? {}).map(([id, phase]) => [
      id,
      {
        title: phase.title,
        intro: joinIdeas(phase.intro),
        prompts: Object.fromEntries(
          Object.entries(phase.prompts ?? {}).map(([promptId, prompt]) => [promptId, { text: prompt.text, hint: joinIdeas(prompt.hint), choices: prompt.choices }]),
        ),
      },
    ]),
  );
  return { title: overlay.title, intro: joinIdeas(overlay.intro), phases };
}

/** The bundle with every text replaced by its best version for `options`. */
export function resolveContent(bundle: EngagementBundle, options: ContentOptions): EngagementBundle {
  const layers = overlaysFor(bundle, options);
  if (layers.length === 0) return bundle;
  const pick = (own: string, find: (layer: ContentOverlay) => string | undefined): string => {
    for (const layer of layers) {
      const text = find(layer);
      if (text) return text;
    }
    return own;
  };
  return {
    ...bundle,
    title: pick(bundle.title, (layer) => layer.title),
    intro: pick(bundle.intro, (layer) => layer.intro),
    phases: bundle.phases.map((phase) => resolvePhase(phase, pick)),
  };
}

type Pick = (own: string, find: (layer: ContentOverlay) => string | undefined) => string;

function resolvePhase(phase: Phase, pick: Pick): Phase {
  const inPhase = (layer: ContentOverlay) => layer.phases?.[phase.id];
  return {
    ...phase,
    title: pick(phase.title, (layer) => inPhase(layer)?.title),
    intro: pick(phase.intro, (layer) => inPhase(layer)?.intro),
    prompts: phase.prompts.map((prompt) => resolvePrompt(prompt, (own, find) => pick(own, (layer) => find(inPhase(layer)?.prompts?.[prompt.id])))),
  };
}

type PromptOverlay = NonNullable<NonNullable<NonNullable<ContentOverlay['phases']>[string]['prompts']>[string]>;
type PickPrompt = (own: string, find: (overlay: PromptOverlay | undefined) => string | undefined) => string;

function resolvePrompt(prompt: Prompt, pick: PickPrompt): Prompt {
  const text = pick(prompt.text, (overlay) => overlay?.text);
  const hint = prompt.hint === undefined ? undefined : pick(prompt.hint, (overlay) => overlay?.hint);
  const base = { ...prompt, text, ...(hint === undefined ? {} : { hint }) };
  if (base.kind !== 'choice') return base;
  return { ...base, choices: base.choices.map((choice) => ({ ...choice, label: pick(choice.label, (overlay) => overlay?.choices?.[choice.id]) })) };
}

/**
 * The list's summaries with each title in the language and mode: an engagement offered in
 * them is loaded (from this page session, the network or the device) for its own title.
 * In the source language and standard mode nothing is loaded.
 */
export async function summariesInLanguage(summaries: EngagementSummary[], options: ContentOptions): Promise<EngagementSummary[]> {
  return Promise.all(
    summaries.map(async (summary) => {
      const source = summary.languages[0] ?? 'en';
      if (!summary.languages.includes(options.language) || (options.language === source && !options.easyRead)) return summary;
      const loaded = await loadEngagement(summary.slug);
      return loaded.state === 'ready' ? { ...summary, title: resolveContent(loaded.value, options).title } : summary;
    }),
  );
}

/** The bundle in the current language and mode, re-rendering when either changes. */
export function useContent(bundle: EngagementBundle): EngagementBundle {
  const language = useLanguage();
  const { easyRead } = usePreferences();
  return useMemo(() => resolveContent(bundle, { language, easyRead }), [bundle, language, easyRead]);
}
