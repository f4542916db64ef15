/** The value below which `p` per cent of `values` fall (nearest rank, no interpolation); p = 50 is the median. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
