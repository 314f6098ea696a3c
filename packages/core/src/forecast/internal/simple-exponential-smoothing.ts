import { minimizeNelderMead } from './nelder-mead';

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

export function fitSes(y: readonly number[], fixedAlpha?: number): SesFit {
  const n = y.length;
  const firstMean = y.slice(0, Math.min(n, 10)).reduce((a, b) => a + b, 0) / Math.min(n, 10);
  let alpha = fixedAlpha ?? 0.5;
  let initialLevel = firstMean;
  if (fixedAlpha === undefined && n >= 2) {
    const scale = Math.max(1e-8, Math.abs(firstMean));
    const result = minimizeNelderMead(
      (x) => (x[0]! < 1e-4 || x[0]! > 0.9999 ? Number.POSITIVE_INFINITY : runSes(y, x[0]!, x[1]!).sumSquaredErrors),
      [0.5, firstMean],
      { steps: [0.2, 0.1 * scale], maxIterations: 500, tolerance: 1e-10 },
    );
    alpha = result.x[0]!;
    initialLevel = result.x[1]!;
  } else if (fixedAlpha !== undefined) {
    initialLevel = y[0]!;
  }
  const fitted: number[] = new Array<number>(n);
  const run = runSes(y, alpha, initialLevel, fitted);
  return { alpha, initialLevel, level: run.level, sumSquaredErrors: run.sumSquaredErrors, fitted };
}
