import { describe, expect, it } from 'vitest';
import { deckVoteId, type Vote } from '../../src/shared';
import {
  confirmDelivered,
  getDeckSecret,
  getDeckVotes,
  listNeedsAttention,
  listQueued,
  loadDraft,
  markNeedsAttention,
  queueDeckVote,
  recordAttempt,
  renewDeckSecret,
  saveDraft,
} from '../../src/storage';
import { makeContribution, useFreshDatabase } from './fixtures';

useFreshDatabase();

const FROM = { engagement: 'ahp-strategy', phase: 'check' };

async function vote(statement: string, choice: Vote) {
  const secret = await getDeckSecret();
  const id = await deckVoteId(secret, 'ahp-strategy', 'check', statement);
  const payload = makeContribution({ id, phase: 'check', answers: [{ prompt: statement, vote: choice }] });
  return { id, payload, result: await queueDeckVote(payload, choice, secret, FROM) };
}

describe('the deck secret', () => {
  it('is 32 random bytes, kept until renewed', async () => {
    const first = await getDeckSecret();
    expect(first).toBeInstanceOf(Uint8Array);
    expect(first).toHaveLength(32);
    expect(await getDeckSecret()).toEqual(first);
    await renewDeckSecret();
    const renewed = await getDeckSecret();
    expect(renewed).toHaveLength(32);
    expect(renewed).not.toEqual(first);
  });
});

describe('queueDeckVote', () => {
  it('queues each vote as its own entry and leaves the phase draft alone', async () => {
    await saveDraft({ engagement: 'ahp-strategy', phase: 'check', version: 1, answers: { 'whats-missing': { text: 'Buses' } }, step: 'whats-missing' });
    const a = await vote('theme-a', 'agree');
    const b = await vote('theme-b', 'unsure');
    expect(a.result).toEqual({ outcome: 'queued', vote: 'agree' });
    expect(b.result).toEqual({ outcome: 'queued', vote: 'unsure' });
    expect((await listQueued()).map((entry) => entry.id).sort()).toEqual([a.id, b.id].sort());
    expect(await loadDraft('ahp-strategy', 'check')).toBeDefined();
    expect(await getDeckVotes([a.id, b.id, 'never'])).toEqual({ [a.id]: { vote: 'agree', sent: false }, [b.id]: { vote: 'unsure', sent: false } });
  });

  it('replaces a queued entry that was never sent, so one entry holds the latest vote', async () => {
    const first = await vote('theme-a', 'agree');
    const again = await vote('theme-a', 'agree');
    expect(again.result).toEqual({ outcome: 'unchanged', vote: 'agree' });
    const changed = await vote('theme-a', 'disagree');
    expect(changed.id).toBe(first.id);
    expect(changed.result).toEqual({ outcome: 'replaced', vote: 'disagree' });
    const queued = await listQueued();
    expect(queued).toHaveLength(1);
    expect(queued[0]?.payload).toEqual(changed.payload);
    expect(await getDeckVotes([first.id])).toEqual({ [first.id]: { vote: 'disagree', sent: false } });
  });

  it('keeps a vote that was tried, refused or confirmed, and says what it was', async () => {
    const tried = await vote('theme-a', 'agree');
    await recordAttempt([tried.id], 'offline');
    expect((await vote('theme-a', 'disagree')).result).toEqual({ outcome: 'kept', vote: 'agree' });

    const refused = await vote('theme-b', 'agree');
    await markNeedsAttention(refused.id, 'rejected');
    expect((await vote('theme-b', 'unsure')).result).toEqual({ outcome: 'kept', vote: 'agree' });

    const confirmed = await vote('theme-c', 'unsure');
    await confirmDelivered([{ id: confirmed.id, status: 'accepted' }]);
    expect((await vote('theme-c', 'agree')).result).toEqual({ outcome: 'kept', vote: 'unsure' });

    expect((await listQueued()).map((e) => e.payload)).toEqual([tried.payload]);
    expect((await listNeedsAttention()).map((e) => e.payload)).toEqual([refused.payload]);
    expect(await getDeckVotes([tried.id, refused.id, confirmed.id])).toEqual({
      [tried.id]: { vote: 'agree', sent: true },
      [refused.id]: { vote: 'agree', sent: true },
      [confirmed.id]: { vote: 'unsure', sent: true },
    });
  });

  it('starts afresh for the next person: new ids, no earlier votes shown, queued votes still sent', async () => {
    const before = await vote('theme-a', 'agree');
    await renewDeckSecret();
    expect(await getDeckVotes([before.id])).toEqual({});
    const after = await vote('theme-a', 'disagree');
    expect(after.id).not.toBe(before.id);
    expect(after.result.outcome).toBe('queued');
    expect(await listQueued()).toHaveLength(2);
  });

  it('refuses a vote whose id was made under a secret renewed since', async () => {
    const secret = await getDeckSecret();
    const id = await deckVoteId(secret, 'ahp-strategy', 'check', 'theme-a');
    await renewDeckSecret();
    const payload = makeContribution({ id, phase: 'check', answers: [{ prompt: 'theme-a', vote: 'agree' }] });
    await expect(queueDeckVote(payload, 'agree', secret, FROM)).rejects.toThrow(/renewed/);
    expect(await listQueued()).toHaveLength(0);
  });
});
