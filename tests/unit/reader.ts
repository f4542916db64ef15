import type { AboutYouCounts, Dashboard, ReportCount } from '../../src/shared/workspace-api';

/**
 * A patient reader with a pencil, for checking protected tables: given the figures as sent and
 * the sums a reader can use, which "<10" or withheld figure can take only one value? Written
 * apart from `CountTable` on purpose: for each value of each hidden figure it searches for
 * whole numbers that complete the table ("<10" is 1–9; withheld, and figures never shown, are
 * 0 up to `cap`), narrowing ranges only to search faster.
 */

/** A figure as the reader has it: as sent, or null for one never shown (e.g. those who skipped a question). */
export type Seen = ReportCount | null;

interface Sum {
  total: number;
  parts: number[];
}

/** The figures a reader sees, with a label each, and the sums among them. */
export class Puzzle {
  readonly figures: Seen[] = [];
  readonly labels: string[] = [];
  readonly sums: Sum[] = [];

  /** Adds a figure; returns its index. */
  add(seen: Seen, label: string): number {
    this.figures.push(seen);
    this.labels.push(label);
    return this.figures.length - 1;
  }

  /** Says that `total` is the sum of `parts`. */
  sum(total: number, parts: number[]): void {
    this.sums.push({ total, parts });
  }

  /** Labels of the "<10" and withheld figures that have exactly one possible value (none for a safe table). */
  workedOut(cap = 200): string[] {
    const lo = this.figures.map((f) => (typeof f === 'number' ? f : f === '<10' ? 1 : 0));
    const hi = this.figures.map((f) => (typeof f === 'number' ? f : f === '<10' ? 9 : cap));
    const out: string[] = [];
    this.figures.forEach((f, cell) => {
      if (f !== '<10' && f !== 'withheld') return;
      const sums = this.component(cell);
      let possible = 0;
      for (let v = lo[cell]; v <= hi[cell] && possible < 2; v++) {
        const [l, h] = [[...lo], [...hi]];
        l[cell] = h[cell] = v;
        if (solvable(sums, l, h)) possible++;
      }
      if (possible < 2) out.push(this.labels[cell]);
    });
    return out;
  }

  // The sums linked to `cell` through figures not shown: the only ones that can constrain it.
  private component(cell: number): Sum[] {
    const cells = new Set([cell]);
    const sums = new Set<Sum>();
    for (let grew = true; grew; ) {
      grew = false;
      for (const s of this.sums) {
        if (sums.has(s) || ![s.total, ...s.parts].some((c) => cells.has(c))) continue;
        sums.add(s);
        grew = true;
        for (const c of [s.total, ...s.parts]) if (typeof this.figures[c] !== 'number') cells.add(c);
      }
    }
    return [...sums];
  }
}

/**
 * Whether some whole numbers within `lo`–`hi` (per figure) make every sum hold: narrow the
 * ranges through the sums, then try each value of the least certain figure, depth first.
 */
function solvable(sums: Sum[], lo: number[], hi: number[]): boolean {
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of sums) {
      const least = s.parts.reduce((a, p) => a + lo[p], 0);
      const most = s.parts.reduce((a, p) => a + hi[p], 0);
      const set = (c: number, l: number, h: number) => {
        if (l > lo[c]) [lo[c], changed] = [l, true];
        if (h < hi[c]) [hi[c], changed] = [h, true];
      };
      set(s.total, least, most);
      for (const p of s.parts) set(p, lo[s.total] - (most - hi[p]), hi[s.total] - (least - lo[p]));
      if ([s.total, ...s.parts].some((c) => lo[c] > hi[c])) return false;
    }
  }
  const open = [...new Set(sums.flatMap((s) => [s.total, ...s.parts]))].filter((c) => lo[c] < hi[c]).sort((a, b) => hi[a] - lo[a] - (hi[b] - lo[b]));
  if (open.length === 0) return true;
  const [cell] = open;
  for (let v = lo[cell]; v <= hi[cell]; v++) {
    const [l, h] = [[...lo], [...hi]];
    l[cell] = h[cell] = v;
    if (solvable(sums, l, h)) return true;
  }
  return false;
}

/**
 * The reach dashboard as a reader can use it: every split adds up to the total; each route is at
 * most the total; online contributions are those not at an event, and those at an event add up
 * over the event codes (true of data where every event contribution carries a code); the answers
 * to an "about you" question add up to those who answered it (known when a share gives it away),
 * at most the responses.
 */
export function dashboardPuzzle(board: Dashboard): Puzzle {
  const p = new Puzzle();
  const total = p.add(board.total, 'total');
  const split = (name: string, rows: Array<{ key: string; count: ReportCount }>) => {
    const cells = rows.map((r) => p.add(r.count, `${name} ${r.key}`));
    p.sum(total, cells);
    return cells;
  };
  split('day', board.perDay.map((d) => ({ key: d.day, count: d.count })));
  split('phase', board.byPhase);
  split('language', board.byLanguage);
  const channels = split('channel', board.byChannel);
  const events = split('event', board.byEvent);
  split('version', board.byVersion);
  for (const r of board.byRoute) p.sum(total, [p.add(r.count, `route ${r.key}`), p.add(null, `not route ${r.key}`)]);
  const online = channels[board.byChannel.findIndex((c) => c.key === 'online')];
  const atEvent = channels[board.byChannel.findIndex((c) => c.key === 'event')];
  const noEvent = events[board.byEvent.findIndex((e) => e.key === '')];
  if (online !== undefined && noEvent !== undefined) p.sum(online, [noEvent]);
  if (atEvent !== undefined) p.sum(atEvent, events.filter((e) => e !== noEvent));
  p.add(board.moderation.new, 'to moderate');
  p.add(board.moderation.hidden, 'hidden');
  aboutYouPuzzle(p, board.aboutYou);
  return p;
}

/** The "about you" figures (of the dashboard or the export) as a reader can use them, added to `p`. */
export function aboutYouPuzzle(p: Puzzle, about: Pick<AboutYouCounts, 'responses'> & { questions: Array<{ question: string; answers: Array<{ key: string; count: ReportCount; share?: number | null }> }> }): Puzzle {
  const responses = p.add(about.responses, 'responses');
  for (const q of about.questions) {
    const cells = q.answers.map((a) => p.add(a.count, `${q.question} ${a.key}`));
    const answered = p.add(answeredFromShares(q.answers), `${q.question} answered`);
    p.sum(answered, cells);
    p.sum(responses, [answered, p.add(null, `${q.question} skipped`)]);
  }
  return p;
}

// Those who answered, when the shares fix it: the only number every shown share is a share of.
function answeredFromShares(answers: Array<{ count: ReportCount; share?: number | null }>): number | null {
  const known = answers.filter((a): a is { count: number; share: number } => typeof a.count === 'number' && a.count > 0 && typeof a.share === 'number');
  if (known.length === 0) return null;
  const fits = (n: number) => known.every((a) => Math.round((a.count / n) * 1000) / 1000 === a.share);
  const candidates = [];
  for (let n = known[0].count; n <= known[0].count * 1000 && candidates.length < 2; n++) if (fits(n)) candidates.push(n);
  return candidates.length === 1 ? candidates[0] : null;
}
