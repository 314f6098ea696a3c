/**
 * One local regression (loess) estimate at abscissa `at` from points y[nleft..nright] (1-based
 * positions, as in Cleveland et al. 1990's STL Fortran `est`): tricube neighbourhood weights times
 * robustness weights, degree 0 (weighted mean) or 1 (weighted line). Returns undefined when all
 * weights vanish, so the caller can fall back.
 */
export function loessEstimate(
  y: ArrayLike<number>,
  n: number,
  window: number,
  degree: 0 | 1,
  at: number,
  nleft: number,
  nright: number,
  robustnessWeights: ArrayLike<number> | undefined,
  scratch: Float64Array,
): number | undefined {
  const range = n - 1;
  let h = Math.max(at - nleft, nright - at);
  if (window > n) h += Math.floor((window - n) / 2);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  let a = 0;
  for (let j = nleft; j <= nright; j++) {
    scratch[j - 1] = 0;
    const r = Math.abs(j - at);
    if (r <= h9) {
      let w = 1;
      if (r > h1) {
        const u = r / h;
        const t = 1 - u * u * u;
        w = t * t * t;
      }
      if (robustnessWeights !== undefined) w *= robustnessWeights[j - 1]!;
      scratch[j - 1] = w;
      a += w;
    }
  }
  if (a <= 0) return undefined;
  for (let j = nleft; j <= nright; j++) scratch[j - 1] = scratch[j - 1]! / a;
  if (h > 0 && degree === 1) {
    let center = 0;
    for (let j = nleft; j <= nright; j++) center += scratch[j - 1]! * j;
    let spread = 0;
    for (let j = nleft; j <= nright; j++) spread += scratch[j - 1]! * (j - center) * (j - center);
    if (Math.sqrt(spread) > 0.001 * range) {
      const b = (at - center) / spread;
      for (let j = nleft; j <= nright; j++) scratch[j - 1] = scratch[j - 1]! * (b * (j - center) + 1);
    }
  }
  let value = 0;
  for (let j = nleft; j <= nright; j++) value += scratch[j - 1]! * y[j - 1]!;
  return value;
}

/** Loess smooth of y (length n) evaluated at every position 1..n, window `window` points; where every weight vanishes, `fallback` (default y) is used. */
export function loessSmooth(
  y: ArrayLike<number>,
  n: number,
  window: number,
  degree: 0 | 1,
  robustnessWeights: ArrayLike<number> | undefined,
  out: Float64Array,
  scratch: Float64Array,
  fallback?: ArrayLike<number>,
): void {
  if (n < 2) {
    if (n === 1) out[0] = y[0]!;
    return;
  }
  const q = Math.min(window, n);
  const half = Math.floor((q - 1) / 2);
  for (let i = 1; i <= n; i++) {
    let nleft = Math.max(1, i - half);
    let nright = nleft + q - 1;
    if (nright > n) {
      nright = n;
      nleft = n - q + 1;
    }
    const v = loessEstimate(y, n, window, degree, i, nleft, nright, robustnessWeights, scratch);
    out[i - 1] = v === undefined ? (fallback ?? y)[i - 1]! : v;
  }
}
