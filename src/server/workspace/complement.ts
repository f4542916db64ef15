import type { ReportCount } from '../../shared/workspace-api';
import { SMALL_COUNT_LIMIT } from './suppress';

/**
 * Complementary suppression for report tables. `suppress` turns every count from 1 to 9 into
 * "<10"; on its own that is not enough when a total is shown beside its parts (a total of 15
 * with 12 agreeing and "<10" disagreeing gives the 3 away). A `CountTable` knows which shown
 * figures add up to which, and withholds as few extra figures as it can (`"withheld"`) until
 * no "<10" or withheld figure can be worked out exactly:
 *
 * - by adding and subtracting any of the figures shown together (linear algebra over the sums:
 *   a hidden figure is exact when its unit vector lies in the row space of the sums), and
 * - from the ranges the sums allow, given what "<10" means (1–9) and that no count is below 0:
 *   two hidden parts of a shown 18 must both be 9; a part of 10 and a "<10" can add up to at
 *   most 11 only if the "<10" is 1. Ranges are carried from sum to sum, so a total that is not
 *   shown still bounds its parts.
 *
 * Some figures a reader never sees still bound others: the people who answered a question
 * are at most the people who responded. Declare them with `unseen`: they take part in the
 * sums and are 0 or more, but are not protected themselves.
 *
 * The extra figure is taken from a sum the exposed figure is part of: the smallest figure of
 * 10 or more first (a wide range to hide in), a 0 only when nothing else is left. A withheld
 * figure may hide any number, 0 included. Figures on other pages are not considered.
 */

type Status = 'shown' | 'small' | 'withheld' | 'unseen';

interface Sum {
  total: number;
  parts: number[];
}

interface Exposure {
  cell: number;
  through: Sum[];
}

const EPSILON = 1e-9;
// Ranges narrow a little on each pass; stopping early only misses exposures, never invents one.
const MAX_PASSES = 50;

/** A set of raw counts and the sums among them a reader could use. */
export class CountTable {
  private readonly values: number[] = [];
  private readonly hidden = new Set<number>();
  private readonly sums: Sum[] = [];

  /** Adds a raw count and returns its handle. */
  cell(value: number): number {
    this.values.push(value);
    return this.values.length - 1;
  }

  /** Adds a count the reader never sees but knows is 0 or more (it bounds the sums it is in); `protect` gives it as "withheld". */
  unseen(value: number): number {
    this.hidden.add(this.values.length);
    return this.cell(value);
  }

  /** Declares that `total` is the sum of `parts` (as the reader can see or guess). */
  sum(total: number, parts: number[]): void {
    if (parts.length > 0) this.sums.push({ total, parts });
  }

  /** The raw count of a handle (for shares; never send it as is). */
  raw(handle: number): number {
    return this.values[handle];
  }

  /** Every count as it may leave the server, by handle. */
  protect(): ReportCount[] {
    const status: Status[] = this.values.map((n, i) => (this.hidden.has(i) ? 'unseen' : n >= 1 && n <= SMALL_COUNT_LIMIT ? 'small' : 'shown'));
    // One figure more per round, then look again: each round withholds one more, so this ends.
    for (let round = 0; round <= this.values.length; round++) {
      const exposed = this.exposed(status);
      if (exposed.length === 0) break;
      // Break the sums that give the first exposed figure away; failing that, any sum it is in, or any sum at all.
      const [{ cell, through }] = exposed;
      const pick =
        this.cheapest(status, through) ??
        this.cheapest(status, this.sums.filter((s) => s.total === cell || s.parts.includes(cell))) ??
        this.cheapest(status, this.sums);
      if (pick === null) break;
      status[pick] = 'withheld';
    }
    return this.values.map((n, i) => (status[i] === 'shown' ? n : status[i] === 'small' ? '<10' : 'withheld'));
  }

  // The shown figure of `sums` whose withholding costs least: smallest of 10 or more, then a 0.
  private cheapest(status: Status[], sums: Sum[]): number | null {
    let best: number | null = null;
    const cost = (cell: number) => (this.values[cell] === 0 ? Number.MAX_SAFE_INTEGER : this.values[cell]);
    for (const s of sums) {
      for (const cell of [s.total, ...s.parts]) {
        if (status[cell] !== 'shown') continue;
        if (best === null || cost(cell) < cost(best) || (cost(cell) === cost(best) && cell < best)) best = cell;
      }
    }
    return best;
  }

  // Hidden figures a reader could work out exactly, each with the sums that give it away; lowest handle first.
  private exposed(status: Status[]): Exposure[] {
    const exact = this.byAlgebra(status);
    const found = [...exact, ...this.byRange(status, new Set(exact.map((e) => e.cell)))];
    return found.filter((e) => status[e.cell] === 'small' || status[e.cell] === 'withheld').sort((a, b) => a.cell - b.cell);
  }

  private byAlgebra(status: Status[]): Exposure[] {
    const hidden = status.flatMap((s, i) => (s === 'shown' ? [] : [i]));
    if (hidden.length === 0) return [];
    const column = new Map(hidden.map((cell, j) => [cell, j]));
    const rows: number[][] = [];
    const used: Sum[] = [];
    for (const s of this.sums) {
      const row = new Array<number>(hidden.length).fill(0);
      let any = false;
      const add = (cell: number, by: number) => {
        const j = column.get(cell);
        if (j === undefined) return;
        row[j] += by;
        any = true;
      };
      add(s.total, 1);
      for (const p of s.parts) add(p, -1);
      if (any) {
        rows.push(row);
        used.push(s);
      }
    }
    return [...determined(rows, hidden.length)].map(([j, through]) => ({ cell: hidden[j], through: through.map((r) => used[r]) }));
  }

  /**
   * The range each hidden figure can be in, narrowed sum by sum until nothing changes: a total
   * lies between the least and the most its parts can add up to, and a part between its total
   * less the most and less the least the other parts can be. "<10" starts as 1–9, a withheld or
   * unseen figure as 0 or more, one already worked out (`exact`) as its value. Returns the hidden
   * figures not in `exact` whose range has closed to one number.
   */
  private byRange(status: Status[], exact: Set<number>): Exposure[] {
    const pinned = (i: number) => status[i] === 'shown' || exact.has(i);
    const lo = this.values.map((n, i) => (pinned(i) ? n : status[i] === 'small' ? 1 : 0));
    const hi = this.values.map((n, i) => (pinned(i) ? n : status[i] === 'small' ? SMALL_COUNT_LIMIT : Infinity));
    const why = new Map<number, Set<Sum>>();
    const narrow = (cell: number, least: number, most: number, s: Sum) => {
      if (least <= lo[cell] && most >= hi[cell]) return false;
      lo[cell] = Math.max(lo[cell], least);
      hi[cell] = Math.min(hi[cell], most);
      (why.get(cell) ?? why.set(cell, new Set()).get(cell)!).add(s);
      return true;
    };
    for (let pass = 0, changed = true; changed && pass < MAX_PASSES; pass++) {
      changed = false;
      for (const s of this.sums) {
        const least = s.parts.reduce((a, p) => a + lo[p], 0);
        const open = s.parts.filter((p) => hi[p] === Infinity).length;
        const most = s.parts.reduce((a, p) => (hi[p] === Infinity ? a : a + hi[p]), 0);
        if (narrow(s.total, least, open > 0 ? Infinity : most, s)) changed = true;
        for (const p of s.parts) {
          // What the other parts can add up to: at least `othersLeast`, at most `othersMost`.
          const othersLeast = least - lo[p];
          const othersMost = open - (hi[p] === Infinity ? 1 : 0) > 0 ? Infinity : most - (hi[p] === Infinity ? 0 : hi[p]);
          if (narrow(p, lo[s.total] - othersMost, hi[s.total] - othersLeast, s)) changed = true;
        }
      }
    }
    return this.values.flatMap((_, i) => (!pinned(i) && lo[i] === hi[i] ? [{ cell: i, through: [...(why.get(i) ?? [])] }] : []));
  }
}

/** A share (0–1, three places) of `base`, only when both figures are shown: it then gives nothing away they do not. */
export function shownShare(count: ReportCount, base: ReportCount): number | null {
  if (typeof count !== 'number' || typeof base !== 'number' || base === 0) return null;
  return Math.round((count / base) * 1000) / 1000;
}

/**
 * Gauss–Jordan elimination of `rows` (each `width` long, one per sum). Returns the columns
 * whose value the rows fix on their own (pivot columns whose reduced row has no other
 * non-zero entry), each with the indices of the rows that combine to fix it.
 */
export function determined(rows: number[][], width: number): Map<number, number[]> {
  // Each row carries the identity beside it, so the combination that made it is known at the end.
  const m = rows.map((r, i) => [...r, ...rows.map((_, k) => (k === i ? 1 : 0))]);
  const full = width + rows.length;
  const pivots: Array<[number, number]> = [];
  let lead = 0;
  for (let col = 0; col < width && lead < m.length; col++) {
    let best = lead;
    for (let r = lead + 1; r < m.length; r++) if (Math.abs(m[r][col]) > Math.abs(m[best][col])) best = r;
    if (Math.abs(m[best][col]) < EPSILON) continue;
    [m[lead], m[best]] = [m[best], m[lead]];
    const p = m[lead][col];
    for (let c = 0; c < full; c++) m[lead][c] /= p;
    for (let r = 0; r < m.length; r++) {
      if (r === lead) continue;
      const f = m[r][col];
      if (Math.abs(f) < EPSILON) continue;
      for (let c = 0; c < full; c++) m[r][c] -= f * m[lead][c];
    }
    pivots.push([lead, col]);
    lead++;
  }
  const out = new Map<number, number[]>();
  for (const [r, col] of pivots) {
    if (!m[r].slice(0, width).every((x, c) => c === col || Math.abs(x) < EPSILON)) continue;
    out.set(col, rows.flatMap((_, i) => (Math.abs(m[r][width + i]) > EPSILON ? [i] : [])));
  }
  return out;
}
