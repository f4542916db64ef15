/**
 * Average-link agglomerative clustering of unit-length vectors by cosine similarity,
 * for the suggest-themes aid (suggest.ts). Two groups merge while the mean similarity of all
 * pairs across them is at least `threshold`; nothing else is tuned, there is no random start,
 * so the same vectors in the same order always give the same groups.
 *
 * It keeps every pairwise similarity in one Float32Array (n·(n−1)/2 numbers: 8 MB for 2,000
 * vectors, 50 MB for 5,000), so callers cap n (suggest.ts seeds from at most MAX_CLUSTERED
 * answers and lets k-means place the rest). Merges follow the nearest-neighbour chain, which finds the
 * same hierarchy as merging the closest pair each time, in O(n²) instead of O(n³).
 */

/** Dot product of two dense vectors of the same length (the cosine, when both have length 1). */
export function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let d = 0; d < a.length; d++) sum += a[d] * b[d];
  return sum;
}

/**
 * Groups `vectors` (dense, each of length 1 or 0) by average-link clustering stopped at
 * `threshold`. Returns one array of vector indexes per group, singletons included, each
 * ascending, groups ordered by their first index.
 */
export function averageLink(vectors: readonly Float64Array[], threshold: number): number[][] {
  const n = vectors.length;
  if (n === 0) return [];
  // Every pairwise similarity, condensed: row a holds b > a.
  const rowStart = new Float64Array(n);
  for (let i = 1; i < n; i++) rowStart[i] = rowStart[i - 1] + (n - i);
  const sim = new Float32Array((n * (n - 1)) / 2);
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) sim[rowStart[a] + b - a - 1] = dot(vectors[a], vectors[b]);
  const at = (a: number, b: number): number => (a < b ? sim[rowStart[a] + b - a - 1] : sim[rowStart[b] + a - b - 1]);

  // A group is named by its lowest member; open[0…count) lists, ascending, the groups that may still merge.
  const size = new Int32Array(n).fill(1);
  const parent = new Int32Array(n).map((_, i) => i);
  const open = Int32Array.from({ length: n }, (_, i) => i);
  let count = n;
  const close = (gone: number): void => {
    let w = 0;
    for (let r = 0; r < count; r++) if (open[r] !== gone) open[w++] = open[r];
    count = w;
  };
  const chain: number[] = [];

  while (count > 1) {
    if (chain.length === 0) chain.push(open[0]);
    const a = chain[chain.length - 1];
    const previous = chain.length > 1 ? chain[chain.length - 2] : -1;
    // Nearest neighbour of a; on a tie the previous link of the chain wins, so the chain ends,
    // and otherwise the lowest index.
    let best = previous;
    let bestSim = previous >= 0 ? at(a, previous) : -Infinity;
    const rowA = rowStart[a] - a - 1;
    for (let r = 0; r < count; r++) {
      const c = open[r];
      if (c === a) continue;
      const s = c < a ? sim[rowStart[c] + a - c - 1] : sim[rowA + c];
      if (s > bestSim) {
        bestSim = s;
        best = c;
      }
    }
    if (bestSim < threshold) {
      // Average-link similarities to a never grow, so a can never merge again.
      chain.pop();
      close(a);
      continue;
    }
    if (best !== previous) {
      chain.push(best);
      continue;
    }
    // a and previous are each other's nearest: merge them into the lower index (Lance–Williams).
    chain.length -= 2;
    const keep = Math.min(a, previous);
    const gone = Math.max(a, previous);
    const sk = size[keep] / (size[keep] + size[gone]);
    for (let r = 0; r < count; r++) {
      const c = open[r];
      if (c === keep || c === gone) continue;
      const merged = sk * at(keep, c) + (1 - sk) * at(gone, c);
      if (keep < c) sim[rowStart[keep] + c - keep - 1] = merged;
      else sim[rowStart[c] + keep - c - 1] = merged;
    }
    size[keep] += size[gone];
    parent[gone] = keep;
    close(gone);
  }

  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r];
    return r;
  };
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = root(i);
    const members = groups.get(r);
    if (members) members.push(i);
    else groups.set(r, [i]);
  }
  return [...groups.values()];
}
