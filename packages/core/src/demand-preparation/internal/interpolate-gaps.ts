/**
 * Linear interpolation over the positions where `missing[i]` is true, from the nearest kept
 * neighbours; before the first or after the last kept point the nearest kept value is carried.
 * Returns undefined when nothing is kept.
 */
export function interpolateGaps(values: readonly number[], missing: readonly boolean[]): number[] | undefined {
  const n = values.length;
  const out = values.slice();
  let prev = -1;
  for (let i = 0; i < n; i++) {
    if (missing[i]) continue;
    if (prev === -1 && i > 0) for (let k = 0; k < i; k++) out[k] = values[i]!;
    if (prev !== -1 && i - prev > 1) {
      const a = values[prev]!;
      const b = values[i]!;
      for (let k = prev + 1; k < i; k++) out[k] = a + ((b - a) * (k - prev)) / (i - prev);
    }
    prev = i;
  }
  if (prev === -1) return undefined;
  for (let k = prev + 1; k < n; k++) out[k] = values[prev]!;
  return out;
}

/** Sample quantile, type 7 (R's default): linear interpolation between order statistics. */
export function quantileType7(sorted: readonly number[], probability: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * probability;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
