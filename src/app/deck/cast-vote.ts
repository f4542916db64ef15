import { ContributionSchema, check, deckVoteId, type EngagementBundle, type Phase, type Prompt, type Vote } from '../../shared';
import { getDeckSecret, getDeckVotes, queueDeckVote, type DeckVote, type DeckVoteOutcome } from '../../storage';
import { withDrainLock } from '../../sync/lock';
import { i18n } from '../../i18n';
import { buildContribution } from '../answers';
import { getPreferences } from '../preferences';
import { readAloudUsed } from '../easy-read/route-flags';
import { isPreview } from '../engagement-source';
import { syncAfterSubmit } from '../sync';
import { forOutbox, withProvenance } from '../assisted/session';

/**
 * One vote of the check-and-challenge deck, queued the moment it is cast: its own
 * contribution `{ phase, answers: [{ prompt: <statement>, vote }] }` whose id comes from the
 * device's deck secret and the statement (src/shared/deck-vote-id.ts), built, tagged and sealed
 * exactly as the question flow does it. So a person has one vote per statement however often
 * they change their mind, and the server stores it once however often it is replayed.
 */

/** The vote already cast on this device for `statement`, if any. */
export async function earlierVote(bundle: EngagementBundle, phase: Phase, statement: Prompt): Promise<DeckVote | undefined> {
  const id = await deckVoteId(await getDeckSecret(), bundle.slug, phase.id, statement.id);
  return (await getDeckVotes([id]))[id];
}

/**
 * Casts `vote` on `statement`: queued, or replacing this person's queued vote that was never
 * sent, or kept as it was when the earlier vote may already have reached the server. An
 * organiser's preview walks the deck but queues nothing.
 */
export async function castVote(bundle: EngagementBundle, phase: Phase, statement: Prompt, vote: Vote): Promise<DeckVoteOutcome> {
  if (isPreview()) return { outcome: 'queued', vote };
  const secret = await getDeckSecret();
  const id = await deckVoteId(secret, bundle.slug, phase.id, statement.id);
  const built = buildContribution(bundle, phase, { [statement.id]: { vote } }, i18n.language, {
    easyRead: getPreferences().easyRead,
    readAloud: readAloudUsed(),
  });
  const checked = check(ContributionSchema, withProvenance({ ...built, id }));
  if (!checked.ok) throw new Error(`The vote failed validation: ${checked.error}`);
  // On a shared tablet the vote is sealed before it is written, like every contribution there.
  const payload = await forOutbox(checked.value, bundle);
  const event = checked.value.event;
  // Under the drain lock, so no drain is sending the entry this vote may replace.
  const result = await withDrainLock(() => queueDeckVote(payload, vote, secret, { engagement: bundle.slug, phase: phase.id, ...(event ? { event } : {}) }));
  if (result.outcome === 'queued' || result.outcome === 'replaced') syncAfterSubmit();
  return result;
}
