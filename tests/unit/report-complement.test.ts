import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CountTable, determined } from '../../src/server/workspace/complement';
import type { ReportCount } from '../../src/shared/workspace-api';

/** A row of parts with its total: handles of the parts, then the total. */
function row(table: CountTable, parts: number[]): { parts: number[]; total: number } {
  const handles = parts.map((n) => table.cell(n));
  const total = table.cell(parts.reduce((a, b) => a + b, 0));
  table.sum(total, handles);
  return { parts: handles, total };
}

/**
 * What a reader can do with a pencil: take any sum with exactly one unknown figure and
 * subtract, again and again. Returns the handles of hidden figures worked out that way.
 */
function peel(sums: Array<{ total: number; parts: number[] }>, shown: ReportCount[], raw: number[]): Set<number> {
  const known = new Map<number, number>();
  shown.forEach((s, i) => {
    if (typeof s === 'number') known.set(i, s);
  });
  const found = new Set<number>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of sums) {
      const cells = [s.total, ...s.parts];
      const unknown = cells.filter((c) => !known.has(c));
      if (unknown.length !== 1) continue;
      const [u] = unknown;
      const partsKnown = s.parts.filter((p) => p !== u).reduce((a, p) => a + known.get(p)!, 0);
      const value = u === s.total ? partsKnown : known.get(s.total)! - partsKnown;
      expect(value).toBe(raw[u]);
      known.set(u, value);
      found.add(u);
      changed = true;
    }
  }
  return found;
}

/** A grid of parts with row totals, column totals and a grand total, all declared as sums. */
function grid(cells: number[][]) {
  const table = new CountTable();
  const sums: Array<{ total: number; parts: number[] }> = [];
  const rows = cells.map((r) => row(table, r));
  for (const r of rows) sums.push({ total: r.total, parts: r.parts });
  const width = cells[0].length;
  const margin: number[] = [];
  for (let j = 0; j <= width; j++) {
    const column = rows.map((r) => (j < width ? r.parts[j] : r.total));
    const total = table.cell(column.reduce((a, h) => a + table.raw(h), 0));
    table.sum(total, column);
    sums.push({ total, parts: column });
    margin.push(total);
  }
  table.sum(margin[width], margin.slice(0, width));
  sums.push({ total: margin[width], parts: margin.slice(0, width) });
  const raw = Array.from({ length: margin[width] + 1 }, (_, i) => table.raw(i));
  return { table, sums, raw };
}

describe('complementary suppression of report tables', () => {
  it('withholds a second figure when a total and the other parts would give a "<10" away', () => {
    const table = new CountTable();
    const { parts, total } = row(table, [12, 3, 0]);
    const out = table.protect();
    expect(out[parts[1]]).toBe('<10');
    expect(out[parts[0]]).toBe('withheld');
    expect(out[parts[2]]).toBe(0);
    expect(out[total]).toBe(15);
  });

  it('leaves a row alone when two small parts already hide each other', () => {
    const table = new CountTable();
    row(table, [12, 3, 4]);
    expect(table.protect()).toEqual([12, '<10', '<10', 19]);
  });

  it('treats "<10" as 1 to 9: two hidden parts adding up to 18 are both 9, so a third figure goes', () => {
    const table = new CountTable();
    const { parts } = row(table, [9, 9, 20]);
    const out = table.protect();
    expect(out[parts[0]]).toBe('<10');
    expect(out[parts[1]]).toBe('<10');
    expect(out[parts[2]]).toBe('withheld');
    const ones = new CountTable();
    const r = row(ones, [1, 1, 30]);
    expect(ones.protect()[r.parts[2]]).toBe('withheld');
  });

  it('passes counts of 0 and of 10 or more through when nothing small is near them', () => {
    const table = new CountTable();
    row(table, [10, 0, 25]);
    expect(table.protect()).toEqual([10, 0, 25, 35]);
  });

  it('finds figures fixed only by combining sums (Gauss–Jordan), not just by one subtraction', () => {
    // x + y = 5 and x - y = 1 fix both, each through both sums; x + y = 5 alone fixes neither.
    expect([...determined([[1, 1], [1, -1]], 2)]).toEqual([[0, [0, 1]], [1, [0, 1]]]);
    expect(determined([[1, 1]], 2).size).toBe(0);
    expect(determined([[1, 1, 0], [0, 1, 1], [1, 0, -1]], 3).size).toBe(0);
    // z alone in the third sum: fixed through that sum only.
    expect([...determined([[1, 1, 0], [0, 0, 1]], 3)]).toEqual([[2, [1]]]);
  });

  it('in any table with margins, leaves no hidden figure that subtraction can recover and never shows 1–9', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 10, max: 60 })), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        (cells) => {
          const { table, sums, raw } = grid(cells);
          const out = table.protect();
          out.forEach((value, i) => {
            if (typeof value === 'number') expect(value).toBe(raw[i]);
            if (raw[i] >= 1 && raw[i] <= 9) expect(value).toBe('<10');
          });
          const recovered = peel(sums, out, raw);
          expect([...recovered].filter((h) => out[h] !== raw[h])).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
