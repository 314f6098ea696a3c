/**
 * Simple exponential smoothing ℓ_t = ℓ_{t−1} + α(y_t − ℓ_{t−1}) (ETS(A,N,N)), fitted by least
 * squares of one-step errors over α ∈ [1e-4, 0.9999] and ℓ_0 (like R forecast's ses()).
 */
export type SesFit = { alpha: number; initialLevel: number; level: number; sumSquaredErrors: number; fitted: number[] };

export function runSes(y: readonly number[], alpha: number, initialLevel: number, fitted?: number[]): { level: number; sumSquaredErrors: number } {
  let level = initialLevel;
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    if (fitted) fitted[t] = level;
    const e = y[t]! - level;
    sse += e * e;
    level += alpha * e;
  }
  return { level, sumSquaredErrors: sse };
}

/**
 * Least-squares α and ℓ_0 of SES. For a fixed α the one-step errors are linear in ℓ_0
 * (e_t = r_t − ℓ_0(1−α)^t, r_t the errors of SES started from 0), so ℓ_0 is solved exactly and
 * only α is searched (minimizeScalarOnGrid on [1e-4, 0.9999]): about 50 passes over the data,
 * where a Nelder–Mead search over (α, ℓ_0) took a few hundred. `fixedAlpha`: ℓ_0 = y_0.
 */
export function fitSes(y: readonly number[], fixedAlpha?: number): SesFit {
  const n = y.length;
  let alpha = fixedAlpha ?? 0.5;
  let initialLevel = y.slice(0, Math.min(n, 10)).reduce((a, b) => a + b, 0) / Math.min(n, 10);
  if (fixedAlpha === undefined && n >= 2) {
    alpha = minimizeScalarOnGrid((a) => profileSes(y, a).sumSquaredErrors, SES_ALPHA_GRID);
    initialLevel = profileSes(y, alpha).initialLevel;
  } else if (fixedAlpha !== undefined) {
    initialLevel = y[0]!;
  }
  const fitted: number[] = new Array<number>(n);
  const run = runSes(y, alpha, initialLevel, fitted);
  return { alpha, initialLevel, level: run.level, sumSquaredErrors: run.sumSquaredErrors, fitted };
}

const SES_ALPHA_GRID = [1e-4, 0.01, 0.03, 0.06, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.9999];

/** The least-squares ℓ_0 of SES for a fixed α and the resulting sum of squared errors. */
function profileSes(y: readonly number[], alpha: number): { initialLevel: number; sumSquaredErrors: number } {
  let decay = 1;
  let level = 0;
  let sdd = 0;
  let srd = 0;
  let srr = 0;
  for (let t = 0; t < y.length; t++) {
    const r = y[t]! - level;
    sdd += decay * decay;
    srd += r * decay;
    srr += r * r;
    level += alpha * r;
    decay *= 1 - alpha;
  }
  const initialLevel = srd / sdd;
  return { initialLevel, sumSquaredErrors: Math.max(0, srr - initialLevel * srd) };
}

/**
 * Minimises a function of one variable: the best point of `grid` (ascending), then golden-section
 * search between its neighbours down to `tolerance`. Deterministic; ties keep the smaller x.
 * Non-finite values count as +∞. Used for the smoothing parameter of SES and OTM/DOTM, where the
 * other parameters are solved exactly for each value.
 */
export function minimizeScalarOnGrid(f: (x: number) => number, grid: readonly number[], tolerance = 1e-6): number {
  const value = (x: number): number => {
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  const values = grid.map(value);
  let k = 0;
  for (let i = 1; i < grid.length; i++) if (values[i]! < values[k]!) k = i;
  let lo = grid[Math.max(0, k - 1)]!;
  let hi = grid[Math.min(grid.length - 1, k + 1)]!;
  const ratio = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - ratio * (hi - lo);
  let x2 = lo + ratio * (hi - lo);
  let f1 = value(x1);
  let f2 = value(x2);
  while (hi - lo > tolerance) {
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - ratio * (hi - lo);
      f1 = value(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + ratio * (hi - lo);
      f2 = value(x2);
    }
  }
  const inner = f1 <= f2 ? x1 : x2;
  return values[k]! < Math.min(f1, f2) ? grid[k]! : inner;
}
