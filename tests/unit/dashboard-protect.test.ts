import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CountTable } from '../../src/server/workspace/complement';
import { protectAboutYou, protectReach, type AboutYouFigures, type RawGroups, type ReachFigures } from '../../src/server/workspace/dashboard';
import type { AboutYouQuestion } from '../../src/shared/engagement';
import type { Dashboard, ReportCount } from '../../src/shared/workspace-api';
import { aboutYouPuzzle, dashboardPuzzle, Puzzle } from './reader';

const ROUTES = ['easyRead', 'readAloud', 'assisted', 'audio', 'interpreter'] as const;

interface Made {
  day: string;
  phase: string;
  locale: string;
  event: string;
  version: string;
  routes: boolean[];
}

// Counts by key, as SQL's GROUP BY gives them: only keys with a contribution, in key order.
function group<T>(items: T[], key: (item: T) => string): RawGroups {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => ({ key: k, n }));
}

function reach(made: Made[], moderation: { new: number; hidden: number }): ReachFigures {
  return {
    total: made.length,
    perDay: group(made, (m) => m.day),
    byPhase: group(made, (m) => m.phase),
    byLanguage: group(made, (m) => m.locale),
    byRoute: ROUTES.map((key, i) => ({ key, n: made.filter((m) => m.routes[i]).length })),
    byChannel: group(made, (m) => (m.event ? 'event' : 'online')),
    byEvent: group(made, (m) => m.event),
    byVersion: group(made, (m) => m.version),
    moderation,
  };
}

const noAboutYou: Dashboard['aboutYou'] = { responses: 0, questions: [] };

// Every figure sent is its raw count when a number, and a count of 1–9 is never a number.
function expectHonest(sent: ReportCount[], raw: number[]) {
  sent.forEach((s, i) => {
    if (typeof s === 'number') expect(s).toBe(raw[i]);
    if (raw[i] >= 1 && raw[i] <= 9) expect(s).toBe('<10');
  });
}

describe('the reader the dashboard is protected against', () => {
  it('works out a "<10" from a total and the other part, and from "at most the responses"', () => {
    const p = new Puzzle();
    const total = p.add(16, 'total');
    p.sum(total, [p.add(13, 'en'), p.add('<10', 'cy')]);
    expect(p.workedOut()).toEqual(['cy']);
    const about = aboutYouPuzzle(new Puzzle(), { responses: 11, questions: [{ question: 'ageBand', answers: [{ key: '25-34', count: 10 }, { key: '65-74', count: '<10' }] }] });
    expect(about.workedOut()).toEqual(['ageBand 65-74']);
    const shares = aboutYouPuzzle(new Puzzle(), { responses: 'withheld', questions: [{ question: 'ageBand', answers: [{ key: '25-34', count: 10, share: 0.909 }, { key: '65-74', count: '<10', share: null }] }] });
    expect(shares.workedOut()).toEqual(['ageBand 65-74']);
  });
});

describe('ranges in CountTable', () => {
  it('carries ranges through a total never shown: 10 and a "<10" answered, at most 11 responses, give the "<10" away', () => {
    const table = new CountTable();
    const responses = table.cell(11);
    const parts = [table.cell(10), table.cell(1)];
    const answered = table.unseen(11);
    table.sum(answered, parts);
    table.sum(responses, [answered, table.unseen(0)]);
    const out = table.protect();
    expect(out[parts[1]]).toBe('<10');
    expect(out[parts[0]] === 'withheld' || out[responses] === 'withheld').toBe(true);
  });

  it('pins a "<10" beside a figure that may be 0 at its least: 11 = 10 + "<10" + (0 or more) makes it 1', () => {
    const low = new CountTable();
    const t = low.cell(11);
    const p = [low.cell(10), low.cell(1), low.unseen(0)];
    low.sum(t, p);
    expect(low.protect()[p[0]]).toBe('withheld');
  });
});

describe('protecting the reach dashboard', () => {
  it('withholds the larger part of 16 = 13 + "<10", and leaves the rest of a safe table alone', () => {
    const made: Made[] = Array.from({ length: 16 }, (_, i) => ({ day: '2026-01-01', phase: 'talk', locale: i < 13 ? 'en' : 'cy', event: '', version: '1', routes: [i < 12, false, false, false, false] }));
    const board = protectReach(reach(made, { new: 4, hidden: 0 }));
    expect(board.total).toBe(16);
    expect(board.byLanguage).toEqual([{ key: 'cy', count: '<10' }, { key: 'en', count: 'withheld' }]);
    expect(board.perDay).toEqual([{ day: '2026-01-01', count: 16 }]);
    expect(board.byRoute[0]).toEqual({ key: 'easyRead', count: 12 });
    expect(board.moderation).toEqual({ new: '<10', hidden: 0 });
    expect(dashboardPuzzle({ ...board, aboutYou: noAboutYou }).workedOut()).toEqual([]);
  });

  it('in any dashboard, sends no 1–9 as a number and leaves no "<10" or withheld figure a reader can work out', () => {
    const contribution = fc.record({
      // Skewed, so that big groups sit beside small ones.
      day: fc.constantFrom('2026-01-01', '2026-01-02', '2026-01-02', '2026-01-03', '2026-01-03', '2026-01-03'),
      phase: fc.constantFrom('talk', 'talk', 'talk', 'check'),
      locale: fc.constantFrom('en', 'en', 'en', 'en', 'cy', 'pl'),
      event: fc.constantFrom('', '', '', 'LIB-1', 'LIB-1', 'HUB-2'),
      version: fc.constantFrom('1', '2', '2', '2'),
      routes: fc.array(fc.constantFrom(false, false, false, true), { minLength: 5, maxLength: 5 }),
    });
    fc.assert(
      fc.property(fc.array(contribution, { maxLength: 60, size: 'max' }), fc.nat(30), fc.nat(12), (made, toModerate, hidden) => {
        const raw = reach(made, { new: toModerate, hidden });
        const board = protectReach(raw);
        const sent = [board.total, ...[board.perDay, board.byPhase, board.byLanguage, board.byRoute, board.byChannel, board.byEvent, board.byVersion].flatMap((rows) => rows.map((r) => r.count))];
        const counts = [raw.total, ...[raw.perDay, raw.byPhase, raw.byLanguage, raw.byRoute, raw.byChannel, raw.byEvent, raw.byVersion].flatMap((rows) => rows.map((r) => r.n))];
        expectHonest([...sent, board.moderation.new, board.moderation.hidden], [...counts, toModerate, hidden]);
        expect(dashboardPuzzle({ ...board, aboutYou: noAboutYou }).workedOut()).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('protecting "about you"', () => {
  it('in any set of responses, with skipped questions, leaves no "<10" or withheld figure a reader can work out, shares included', () => {
    const answer = (keys: string[]) => fc.option(fc.constantFrom(...keys), { nil: null, freq: 8 });
    const response = fc.record({
      ageBand: answer(['16-24', '25-34', '25-34', '25-34', '65-74']),
      disability: answer(['yes', 'no', 'no', 'no', 'prefer-not-to-say']),
      gender: answer(['woman', 'woman', 'man']),
    });
    fc.assert(
      fc.property(fc.array(response, { maxLength: 50, size: 'max' }), (responses) => {
        const questions = (['ageBand', 'disability', 'gender'] as const).map((question) => ({
          question: question as AboutYouQuestion,
          answers: group(responses.filter((r) => r[question] !== null), (r) => r[question]!),
        }));
        const raw: AboutYouFigures = { total: responses.length, questions };
        const out = protectAboutYou(raw);
        expectHonest([out.responses, ...out.questions.flatMap((q) => q.answers.map((a) => a.count))], [raw.total, ...questions.flatMap((q) => q.answers.map((a) => a.n))]);
        for (const q of out.questions) for (const a of q.answers) if (a.share !== null) expect(typeof a.count).toBe('number');
        expect(aboutYouPuzzle(new Puzzle(), out).workedOut()).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
