import { CoreError } from '../shared/core-error';

export type ShrinkageCovarianceResult = {
  /** lambda · diag(S) + (1 − lambda) · S, with S = R'R / T (residuals assumed mean zero). */
  covariance: number[][];
  /** Shrinkage intensity in [0, 1]. */
  lambda: number;
};

/**
 * Shrinkage estimate of a residual covariance matrix towards its diagonal (units of the residuals
 * squared).
 *
 * Formula: S = R'R / T; standardised residuals x_ti = r_ti / sqrt(S_ii); correlations c_ij;
 * Var(c_ij) ≈ (1 / (T (T − 1))) · (sum_t x_ti^2 x_tj^2 − (sum_t x_ti x_tj)^2 / T);
 * lambda = sum_{i≠j} Var(c_ij) / sum_{i≠j} c_ij^2, clipped to [0, 1].
 *
 * Source: Schäfer & Strimmer (2005), "A shrinkage approach to large-scale covariance matrix
 * estimation", Statistical Applications in Genetics and Molecular Biology 4(1), target D;
 * used for MinT by Wickramasuriya, Athanasopoulos & Hyndman (2019), JASA 114(526), §2.4.
 *
 * Example: two series with residuals (1, −1, 1, −1) and (1, −1, 1, −1) are perfectly correlated:
 * Var(c) = 0 so lambda = 0 and the sample covariance [[1, 1], [1, 1]] is kept.
 *
 * Throws CoreError: empty_input (no residual), length_mismatch (series of different lengths),
 * not_finite.
 */
export function estimateShrinkageCovariance(residuals: readonly (readonly number[])[]): ShrinkageCovarianceResult {
  const p = residuals.length;
  if (p === 0) throw new CoreError('empty_input', 'no residual series', { path: 'residuals' });
  const t = residuals[0]!.length;
  if (t < 2) throw new CoreError('empty_input', 'at least two residuals per series are needed', { path: 'residuals[0]' });
  residuals.forEach((r, i) => {
    if (r.length !== t) throw new CoreError('length_mismatch', `residual series ${i} has ${r.length} values, expected ${t}`, { path: `residuals[${i}]` });
    r.forEach((v, k) => {
      if (!Number.isFinite(v)) throw new CoreError('not_finite', `residuals[${i}][${k}] is not finite`, { path: `residuals[${i}][${k}]` });
    });
  });
  const cov = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < t; k++) s += residuals[i]![k]! * residuals[j]![k]!;
      cov[i]![j] = s / t;
      cov[j]![i] = s / t;
    }
  }
  const sd = cov.map((row, i) => Math.sqrt(row[i]!));
  const xs = residuals.map((r, i) => r.map((v) => (sd[i]! > 0 ? v / sd[i]! : 0)));
  let num = 0;
  let den = 0;
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) {
      let s2 = 0;
      let s1 = 0;
      for (let k = 0; k < t; k++) {
        const a = xs[i]![k]! * xs[j]![k]!;
        s2 += a * a;
        s1 += a;
      }
      const varC = (s2 - (s1 * s1) / t) / (t * (t - 1));
      const c = sd[i]! > 0 && sd[j]! > 0 ? cov[i]![j]! / (sd[i]! * sd[j]!) : 0;
      num += 2 * varC;
      den += 2 * c * c;
    }
  }
  const lambda = den > 0 ? Math.max(0, Math.min(1, num / den)) : 1;
  const covariance = cov.map((row, i) => row.map((v, j) => (i === j ? v : (1 - lambda) * v)));
  return { covariance, lambda };
}
