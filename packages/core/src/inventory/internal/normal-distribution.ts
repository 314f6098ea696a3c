// Standard normal density, distribution, quantile and loss functions, written for flowpilot.
// Phi uses Marsaglia's Taylor series (J. Stat. Software 11(4), 2004) near the centre and the
// Laplace continued fraction for the Mills ratio in the tails; both are accurate to ~1e-15.

const INV_SQRT_2PI = 0.3989422804014327;

/** Standard normal density phi(z). */
export function normalPdf(z: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
}

/** Upper tail Q(x) = 1 - Phi(x) for x >= 3 by the continued fraction phi(x) / (x + 1/(x + 2/(x + ...))). */
function upperTailContinuedFraction(x: number): number {
  let tail = x;
  for (let k = 120; k >= 1; k--) tail = x + k / tail;
  return normalPdf(x) / tail;
}

/** Standard normal distribution function Phi(z). */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z > 38) return 1;
  if (z < -38) return 0;
  if (z >= 3) return 1 - upperTailContinuedFraction(z);
  if (z <= -3) return upperTailContinuedFraction(-z);
  // Phi(z) = 1/2 + phi(z) * (z + z^3/3 + z^5/(3*5) + ...)
  let term = z;
  let sum = z;
  const zz = z * z;
  for (let n = 3; n < 400; n += 2) {
    term *= zz / n;
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  return 0.5 + normalPdf(z) * sum;
}

/** Complementary distribution 1 - Phi(z), accurate in the upper tail. */
export function normalSurvival(z: number): number {
  if (z >= 3) return z > 38 ? 0 : upperTailContinuedFraction(z);
  return 1 - normalCdf(z);
}

/**
 * Standard normal quantile Phi^-1(p): Abramowitz & Stegun 26.2.23 start (error < 4.5e-4), then
 * Halley steps on the accurate Phi until the change is below 1e-15.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return Number.NEGATIVE_INFINITY;
    if (p === 1) return Number.POSITIVE_INFINITY;
    return Number.NaN;
  }
  const q = p < 0.5 ? p : 1 - p;
  const t = Math.sqrt(-2 * Math.log(q));
  let z = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  if (p < 0.5) z = -z;
  for (let i = 0; i < 50; i++) {
    const error = p < 0.5 ? normalCdf(z) - p : (1 - p) - normalSurvival(z);
    const density = normalPdf(z);
    if (density === 0) break;
    const u = error / density;
    const step = u / (1 + (z * u) / 2);
    z -= step;
    if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(z))) break;
  }
  return z;
}

/** Standard normal first-order loss L(z) = E[(Z - z)^+] = phi(z) - z (1 - Phi(z)). */
export function normalLoss(z: number): number {
  if (z < -38) return -z;
  return normalPdf(z) - z * normalSurvival(z);
}

/** Standard normal second-order loss L2(z) = 1/2 E[((Z - z)^+)^2] = 1/2 [(z^2 + 1)(1 - Phi(z)) - z phi(z)]. */
export function normalSecondOrderLoss(z: number): number {
  if (z < -38) return 0.5 * (z * z + 1);
  return 0.5 * ((z * z + 1) * normalSurvival(z) - z * normalPdf(z));
}
