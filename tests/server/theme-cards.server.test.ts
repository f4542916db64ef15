// Theme cards and withdrawn statements at the sync endpoint: a vote prompt with `comment`
// takes its vote and one comment; a withdrawn statement still takes votes from devices that
// hold an older version of the engagement. Run on both databases.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Answer } from '../../src/shared/contribution';
import type { EngagementBundle } from '../../src/shared/engagement';
import { describeOnBothDatabases } from './backends';
import { answersOf, FIXTURE_FILE, contribution, startServer, sync, tempDir, type TestServer } from './helpers';

const SLUG = 'fixture-cards';

// The fixture engagement with a crowdsource phase of three vote prompts: a theme card with a
// comment box, a plain vote, and a withdrawn statement.
function cardsBundle(): EngagementBundle {
  const fixture = JSON.parse(readFileSync(FIXTURE_FILE, 'utf8')) as EngagementBundle;
  return {
    ...fixture,
    slug: SLUG,
    phases: [
      ...fixture.phases,
      {
        id: 'crowdsource',
        kind: 'crowdsource',
        title: 'What people said',
        intro: 'React to each theme.',
        audience: 'professionals',
        prompts: [
          {
            id: 'theme-closer',
            kind: 'vote',
            text: 'Support closer to home',
            required: true,
            theme: 'closer-to-home',
            quotes: [{ text: 'The clinic is two buses away.', locale: 'en' }],
            comment: true,
          },
          { id: 'plain-vote', kind: 'vote', text: 'Waiting times are too long', required: false },
          { id: 'old-statement', kind: 'vote', text: 'A statement since withdrawn', required: false, withdrawn: true },
        ],
      },
    ],
  };
}

describeOnBothDatabases('theme cards at POST /api/sync', (backend) => {
  let server: TestServer;
  const dir = tempDir('heard-cards-');
  beforeAll(async () => {
    const seedFile = join(dir.path, 'cards.json');
    writeFileSync(seedFile, JSON.stringify(cardsBundle()));
    server = await startServer({ seedFile }, backend);
  });
  afterAll(async () => {
    await server.close();
    dir.remove();
  });

  const card = (answers: Answer[]) => contribution({ engagement: SLUG, phase: 'crowdsource', answers });
  const storedAnswers = async (id: string) =>
    (await answersOf(server.db, id)).map(
      (a) => [Number(a.position), a.prompt, a.kind, a.value],
    );

  it('takes a theme card’s vote and comment in either order, and stores both', async () => {
    const voteFirst = card([
      { prompt: 'theme-closer', vote: 'agree' },
      { prompt: 'theme-closer', text: 'We see this every week in clinic.' },
      { prompt: 'plain-vote', vote: 'unsure' },
    ]);
    const commentFirst = card([
      { prompt: 'theme-closer', text: 'Only partly true.' },
      { prompt: 'theme-closer', vote: 'disagree' },
    ]);
    const { body } = await sync(server.url, [voteFirst, commentFirst]);
    expect(body.receipts.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    expect(await storedAnswers(voteFirst.id)).toEqual([
      [0, 'theme-closer', 'vote', 'agree'],
      [1, 'theme-closer', 'text', 'We see this every week in clinic.'],
      [2, 'plain-vote', 'vote', 'unsure'],
    ]);
    expect(await storedAnswers(commentFirst.id)).toEqual([
      [0, 'theme-closer', 'text', 'Only partly true.'],
      [1, 'theme-closer', 'vote', 'disagree'],
    ]);
  });

  it('takes a comment sent without a vote, as it takes any answer on its own', async () => {
    const commentOnly = card([{ prompt: 'theme-closer', text: 'Not sure how to vote, but this is close.' }]);
    const { body } = await sync(server.url, [commentOnly]);
    expect(body.receipts[0].status).toBe('accepted');
    expect(await storedAnswers(commentOnly.id)).toEqual([[0, 'theme-closer', 'text', 'Not sure how to vote, but this is close.']]);
  });

  it('refuses a second vote or a second comment on one card, and a comment on a vote prompt without a comment box', async () => {
    const twoVotes = card([
      { prompt: 'theme-closer', vote: 'agree' },
      { prompt: 'theme-closer', vote: 'disagree' },
    ]);
    const twoComments = card([
      { prompt: 'theme-closer', vote: 'agree' },
      { prompt: 'theme-closer', text: 'One' },
      { prompt: 'theme-closer', text: 'Two' },
    ]);
    const plainComment = card([
      { prompt: 'plain-vote', vote: 'agree' },
      { prompt: 'plain-vote', text: 'No box for this' },
    ]);
    const cardChoice = card([{ prompt: 'theme-closer', choices: ['agree'] }]);
    const { body } = await sync(server.url, [twoVotes, twoComments, plainComment, cardChoice]);
    expect(body.receipts.map((r) => [r.status, r.error])).toEqual([
      ['rejected', "answers.1.prompt: prompt 'theme-closer' is answered twice"],
      ['rejected', "answers.2.prompt: prompt 'theme-closer' has a comment twice"],
      ['rejected', "answers.1.prompt: prompt 'plain-vote' is answered twice"],
      ['rejected', "answers.0: prompt 'theme-closer' takes agree, disagree or unsure, and a comment as text"],
    ]);
    const stored = await server.db.kysely
      .selectFrom('contributions')
      .select('id')
      .where('id', 'in', [twoVotes.id, twoComments.id, plainComment.id, cardChoice.id])
      .execute();
    expect(stored).toEqual([]);
  });

  it('still refuses text for a vote prompt with no comment box', async () => {
    const { body } = await sync(server.url, [card([{ prompt: 'plain-vote', text: 'Words instead of a vote' }])]);
    expect(body.receipts[0]).toMatchObject({ status: 'rejected', error: "answers.0: prompt 'plain-vote' takes agree, disagree or unsure" });
  });

  it('keeps a vote for a withdrawn statement sent from an older version', async () => {
    const late = card([{ prompt: 'old-statement', vote: 'disagree' }]);
    const { body } = await sync(server.url, [late]);
    expect(body.receipts[0].status).toBe('accepted');
    expect(await storedAnswers(late.id)).toEqual([[0, 'old-statement', 'vote', 'disagree']]);
    // A replay from the same device is the same vote, not a second one.
    expect((await sync(server.url, [late])).body.receipts[0].status).toBe('duplicate');
    expect(await server.db.kysely.selectFrom('answers').select('prompt').where('prompt', '=', 'old-statement').execute()).toHaveLength(1);
  });
});
