// The suggest-themes aid's clustering (src/server/themes/average-link.ts) against the plain
// definition: merge the two groups with the highest mean pairwise similarity while it is at
// least the threshold. The nearest-neighbour chain must give exactly the same groups.
import { describe, expect, it } from 'vitest';
import { averageLink, dot } from '../../src/server/themes/average-link';

/** The textbook O(n³) version. */
function naive(vectors: Float64Array[], threshold: number): number[][] {
  const groups = vectors.map((_, i) => [i]);
  for (;;) {
    let best = -Infinity;
    let pair: [number, number] | undefined;
    for (let a = 0; a < groups.length; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        let sum = 0;
        for (const x of groups[a]) for (const y of groups[b]) sum += dot(vectors[x], vectors[y]);
        const mean = sum / (groups[a].length * groups[b].length);
        if (mean > best) [best, pair] = [mean, [a, b]];
      }
    }
    if (!pair || best < threshold) break;
    const [a, b] = pair;
    groups[a] = [...groups[a], ...groups[b]].sort((x, y) => x - y);
    groups.splice(b, 1);
  }
  return groups.sort((x, y) => x[0] - y[0]);
}

describe('average-link clustering', () => {
  it('gives the same groups as merging the closest pair each time, on random data', () => {
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    for (let trial = 0; trial < 100; trial++) {
      const n = 5 + Math.floor(random() * 30);
      const dims = 2 + Math.floor(random() * 5);
      const vectors = Array.from({ length: n }, () => {
        const v = Float64Array.from({ length: dims }, () => random() - 0.3);
        const length = Math.hypot(...v);
        return v.map((x) => x / length);
      });
      const threshold = random() * 0.8;
      expect(averageLink(vectors, threshold)).toEqual(naive(vectors, threshold));
    }
  });

  it('keeps everything apart above every similarity, and handles none or one vector', () => {
    const unit = (x: number, y: number) => Float64Array.of(x, y).map((v) => v / Math.hypot(x, y));
    expect(averageLink([], 0.5)).toEqual([]);
    expect(averageLink([unit(1, 0)], 0.5)).toEqual([[0]]);
    expect(averageLink([unit(1, 0), unit(1, 0.1), unit(0, 1)], 1.01)).toEqual([[0], [1], [2]]);
    expect(averageLink([unit(1, 0), unit(0, 1), unit(1, 0.1)], 0.9)).toEqual([[0, 2], [1]]);
  });
});
