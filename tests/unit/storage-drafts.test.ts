import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteDraft, draftKey, listDrafts, loadDraft, saveDraft, type Draft } from '../../src/storage';
import { useFreshDatabase } from './fixtures';

useFreshDatabase();

afterEach(() => {
  vi.useRealTimers();
});

function draft(phase: string, text: string): Omit<Draft, 'key' | 'updatedAt'> {
  return {
    engagement: 'ahp-strategy',
    phase,
    version: 3,
    answers: { support: { text }, feeling: { scale: 4 }, services: { choices: ['gp', 'pharmacy'] }, fair: { vote: 'unsure' } },
    step: 'feeling',
  };
}

describe('drafts', () => {
  it('round-trips every kind of answer with its key and time', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-03-01T18:30:00.000Z'));
    await saveDraft(draft('conversation', 'Cyfieithydd ar y pryd — ਪੰਜਾਬੀ'));

    const loaded = await loadDraft('ahp-strategy', 'conversation');
    expect(loaded).toEqual({
      ...draft('conversation', 'Cyfieithydd ar y pryd — ਪੰਜਾਬੀ'),
      key: 'ahp-strategy/conversation',
      updatedAt: '2025-03-01T18:30:00.000Z',
    });
    expect(draftKey('ahp-strategy', 'conversation')).toBe('ahp-strategy/conversation');
  });

  it('replaces the draft of the same phase rather than adding another', async () => {
    await saveDraft(draft('conversation', 'first'));
    await saveDraft({ ...draft('conversation', 'second'), step: 'check' });

    const all = await listDrafts();
    expect(all).toHaveLength(1);
    expect(all[0]!.answers.support).toEqual({ text: 'second' });
    expect(all[0]!.step).toBe('check');
  });

  it('lists the most recently changed draft first', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-03-01T10:00:00.000Z'));
    await saveDraft(draft('conversation', 'a'));
    vi.setSystemTime(new Date('2025-03-01T11:00:00.000Z'));
    await saveDraft(draft('check', 'b'));
    vi.setSystemTime(new Date('2025-03-01T12:00:00.000Z'));
    await saveDraft(draft('conversation', 'c'));

    expect((await listDrafts()).map((d) => d.key)).toEqual(['ahp-strategy/conversation', 'ahp-strategy/check']);
  });

  it('deletes one phase and leaves the others', async () => {
    await saveDraft(draft('conversation', 'a'));
    await saveDraft(draft('check', 'b'));
    await deleteDraft('ahp-strategy', 'conversation');

    expect(await loadDraft('ahp-strategy', 'conversation')).toBeUndefined();
    expect(await loadDraft('ahp-strategy', 'check')).toBeDefined();
  });
});
