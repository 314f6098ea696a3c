export type ConfidenceInterval = { mean: number; lower: number; upper: number; halfWidth: number; samples: number };

/**
 * Student-t confidence interval of a mean from independent samples (replication or batch means).
 * t quantile by the Cornish–Fisher expansion around the normal quantile (Abramowitz & Stegun 26.7.5),
 * accurate to ~1e-3 for 4+ degrees of freedom.
 */
export function computeConfidenceInterval(samples: number[], confidenceLevel: number): ConfidenceInterval {
  const n = samples.length;
  const mean = samples.reduce((sum, value) => sum + value, 0) / Math.max(n, 1);
  if (n < 2) return { mean, lower: mean, upper: mean, halfWidth: 0, samples: n };
  const variance = samples.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  const t = studentTQuantile(0.5 + confidenceLevel / 2, n - 1);
  const halfWidth = t * Math.sqrt(variance / n);
  return { mean, lower: mean - halfWidth, upper: mean + halfWidth, halfWidth, samples: n };
}

function studentTQuantile(p: number, dof: number): number {
  const z = standardNormalQuantile(p);
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return z + (z3 + z) / (4 * dof) + (5 * z5 + 16 * z3 + 3 * z) / (96 * dof ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * dof ** 3);
}

/** Normal quantile by bisection on erf-free Phi (Marsaglia series); precision 1e-12 is ample for intervals. */
function standardNormalQuantile(p: number): number {
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 80; i++) {
    const mid = 0.5 * (lo + hi);
    if (phi(mid) < p) lo = mid; else hi = mid;
  }
  return 0.5 * (lo + hi);
}

function phi(z: number): number {
  if (z < -8) return 0;
  if (z > 8) return 1;
  let term = z;
  let sum = z;
  for (let n = 3; n < 500; n += 2) {
    term *= (z * z) / n;
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return 0.5 + (sum * Math.exp(-0.5 * z * z)) / Math.sqrt(2 * Math.PI);
}
