import { loessSmooth } from './loess-estimate';

function runningMedian(values: readonly number[], window: number): number[] {
  const n = values.length;
  const half = Math.floor(window / 2);
  return values.map((_, i) => {
    const lo = Math.max(0, i - half);
    const hi = Math.min(n - 1, i + half);
    const w = values.slice(lo, hi + 1).sort((a, b) => a - b);
    const k = w.length;
    return k % 2 === 1 ? w[(k - 1) / 2]! : (w[k / 2 - 1]! + w[k / 2]!) / 2;
  });
}

function bisquareWeights(values: readonly number[], trend: ArrayLike<number>): Float64Array | undefined {
  const abs = values.map((v, i) => Math.abs(v - trend[i]!)).sort((a, b) => a - b);
  const k = abs.length;
  const median = k % 2 === 1 ? abs[(k - 1) / 2]! : (abs[k / 2 - 1]! + abs[k / 2]!) / 2;
  const h = 6 * median;
  if (!(h > 0)) return undefined;
  return Float64Array.from(values, (v, i) => {
    const u = Math.abs(v - trend[i]!) / h;
    return u < 1 ? (1 - u * u) * (1 - u * u) : 0;
  });
}

/**
 * Robust trend of a non-seasonal series: a running median of 5 (Tukey 1977) gives resistant
 * starting weights, then 3 passes of loess (degree 1, window nextOdd(max(7, n / 4)) points) with
 * bisquare robustness weights (Cleveland 1979). Where every weight in a window vanishes, the
 * running median is kept.
 */
export function smoothNonSeasonal(values: readonly number[]): { trend: number[]; window: number } {
  const n = values.length;
  let window = Math.max(7, Math.round(n / 4));
  if (window % 2 === 0) window++;
  const y = Float64Array.from(values);
  const median = runningMedian(values, 5);
  const trend = Float64Array.from(median);
  const scratch = new Float64Array(n);
  let weights = bisquareWeights(values, trend);
  for (let pass = 0; pass < 3; pass++) {
    loessSmooth(y, n, window, 1, weights, trend, scratch, median);
    weights = bisquareWeights(values, trend);
    if (weights === undefined) break;
  }
  return { trend: Array.from(trend), window };
}
