import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { EngagementBundleSchema, MAX_CARD_QUOTES, QuoteSchema, type EngagementBundle, type Idea, type Prompt } from '../../shared/engagement';
import type { Theme } from '../../shared/workspace-api';
import { check } from '../../shared/validate';
import { readDraft, saveDraft } from '../engagements/versions';
import { publishableQuotes } from './coding';
import { listThemes } from './themes';

/**
 * Sends the themes to a crowdsource phase: one `vote` card per theme, written into the
 * engagement's draft (never straight to devices: the organiser previews and publishes as
 * usual). Earlier theme cards (prompts with `theme` set) are replaced; the phase's other
 * prompts, such as "add your own ideas", stay after the cards in their order.
 */

/** Example quotes per card. */
export const QUOTES_PER_CARD = Math.min(3, MAX_CARD_QUOTES);

/** The snapshot could not be made: the phase is missing or not a crowdsource phase, or nothing to send. */
export class SnapshotError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

/** The card id of a theme. */
export const cardId = (theme: Pick<Theme, 'slug'>): string => `theme-${theme.slug}`;

const QUOTE_MAX = 1000;

function quoteText(text: string): string {
  return text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX - 1)}…` : text;
}

/** Writes the theme cards into the draft's phase `phaseId`; returns the new draft bundle. */
export async function snapshotToCrowdsource(kysely: Kysely<Database>, slug: string, phaseId: string, now = new Date().toISOString()): Promise<EngagementBundle> {
  const draft = await readDraft(kysely, slug);
  if (!draft) throw new SnapshotError(404, `no engagement '${slug}'`);
  const bundle = structuredClone(draft.bundle);
  const phase = bundle.phases.find((p) => p.id === phaseId);
  if (!phase) throw new SnapshotError(404, `phase: the draft has no phase '${phaseId}'`);
  if (phase.kind !== 'crowdsource') throw new SnapshotError(400, `phase: '${phaseId}' is a ${phase.kind} phase; theme cards go in a crowdsource phase`);
  const themes = await listThemes(kysely, slug);
  if (themes.length === 0) throw new SnapshotError(409, 'there are no themes to send yet; add a theme first');

  const oldCards = new Set(phase.prompts.filter((p) => p.kind === 'vote' && p.theme !== undefined).map((p) => p.id));
  const others = phase.prompts.filter((p) => !oldCards.has(p.id));
  const cards: Prompt[] = [];
  for (const theme of themes) {
    const quotes = (await publishableQuotes(kysely, slug, theme.id, QUOTES_PER_CARD * 2))
      .map((q) => ({ text: quoteText(q.text), locale: q.locale }))
      .filter((q) => check(QuoteSchema, q).ok)
      .slice(0, QUOTES_PER_CARD);
    cards.push({
      id: cardId(theme),
      kind: 'vote',
      text: theme.name,
      ...(theme.summary ? { hint: theme.summary } : {}),
      required: false,
      ...(theme.picture ? { picture: theme.picture } : {}),
      theme: theme.slug,
      comment: true,
      ...(quotes.length > 0 ? { quotes } : {}),
    });
  }
  const cardIds = new Set(cards.map((c) => c.id));
  // A theme card may have replaced a hand-made prompt of the same id; keep the card only.
  phase.prompts = [...cards, ...others.filter((p) => !cardIds.has(p.id))];

  const stale = new Set([...oldCards, ...cardIds]);
  const source = bundle.languages[0];
  for (const lng of bundle.languages) {
    if (lng !== source) {
      const overlay = (bundle.translations[lng] ??= {});
      const phases = (overlay.phases ??= {});
      const phaseOverlay = (phases[phaseId] ??= {});
      const prompts = Object.fromEntries(Object.entries(phaseOverlay.prompts ?? {}).filter(([id]) => !stale.has(id)));
      for (const theme of themes) {
        const named = theme.names[lng];
        if (named) prompts[cardId(theme)] = { text: named.name, ...(named.summary ? { hint: named.summary } : {}) };
      }
      phaseOverlay.prompts = prompts;
    }
    const easy = easyOverlays(themes, lng);
    if (easy.size === 0 && !bundle.easyRead[lng]?.phases?.[phaseId]) continue;
    const overlay = (bundle.easyRead[lng] ??= {});
    const phases = (overlay.phases ??= {});
    const phaseOverlay = (phases[phaseId] ??= {});
    const prompts = Object.fromEntries(Object.entries(phaseOverlay.prompts ?? {}).filter(([id]) => !stale.has(id)));
    for (const [id, value] of easy) prompts[id] = value;
    phaseOverlay.prompts = prompts;
  }

  const checked = check(EngagementBundleSchema, bundle);
  if (!checked.ok) throw new SnapshotError(409, `the draft would not be valid with these cards: ${checked.error}`);
  await saveDraft(kysely, bundle, now);
  return bundle;
}

// Easy-read overlays of each theme in one language: the name, and the summary as one idea with
// its picture (easy-read hints are ideas, each with a picture, so a summary needs one).
function easyOverlays(themes: readonly Theme[], lng: string): Map<string, { text: string; hint?: Idea[] }> {
  const out = new Map<string, { text: string; hint?: Idea[] }>();
  for (const theme of themes) {
    const easy = theme.easyRead[lng];
    if (!easy) continue;
    const picture = easy.picture || theme.picture;
    out.set(cardId(theme), { text: easy.name, ...(easy.summary && picture ? { hint: [{ text: easy.summary, picture }] } : {}) });
  }
  return out;
}
