// Numerical view of a demand distribution: cdf, quantile and loss functions, continuous or discrete.
import { logGamma, regularizedGammaP, regularizedGammaQ } from './gamma-function';
import { normalCdf, normalLoss, normalQuantile, normalSecondOrderLoss } from './normal-distribution';

export type DemandModel = {
  readonly kind: 'continuous' | 'discrete';
  readonly mean: number;
  readonly variance: number;
  /** P(D <= x). */
  cdf(x: number): number;
  /** Smallest x with P(D <= x) >= p (an integer for discrete models). */
  quantile(p: number): number;
  /** First-order loss n(x) = E[(D - x)^+]. */
  loss(x: number): number;
  /** Second-order loss: 1/2 E[((D - x)^+)^2] (continuous) or 1/2 E[(D - x)^+ (D - x - 1)^+] (discrete, integer x). */
  secondOrderLoss(x: number): number;
  /** Probabilities P(D = k), k = 0..n-1 (discrete models only). */
  readonly probabilities?: Float64Array;
};

/** Expected leftover E[(x - D)^+] = x - mean + n(x). */
export function expectedLeftover(model: DemandModel, x: number): number {
  return x - model.mean + model.loss(x);
}

export function createNormalModel(mean: number, standardDeviation: number): DemandModel {
  if (standardDeviation === 0) return createPointModel(mean);
  const sd = standardDeviation;
  return {
    kind: 'continuous',
    mean,
    variance: sd * sd,
    cdf: (x) => normalCdf((x - mean) / sd),
    quantile: (p) => mean + sd * normalQuantile(p),
    loss: (x) => sd * normalLoss((x - mean) / sd),
    secondOrderLoss: (x) => sd * sd * normalSecondOrderLoss((x - mean) / sd),
  };
}

function createPointModel(value: number): DemandModel {
  return {
    kind: 'continuous',
    mean: value,
    variance: 0,
    cdf: (x) => (x >= value ? 1 : 0),
    quantile: () => value,
    loss: (x) => Math.max(value - x, 0),
    secondOrderLoss: (x) => 0.5 * Math.max(value - x, 0) ** 2,
  };
}

/** Gamma with shape k = mean^2/variance and scale theta = variance/mean. */
export function createGammaModel(mean: number, standardDeviation: number): DemandModel {
  if (standardDeviation === 0 || mean === 0) return createPointModel(mean);
  const variance = standardDeviation * standardDeviation;
  const shape = (mean * mean) / variance;
  const scale = variance / mean;
  const cdf = (x: number): number => (x <= 0 ? 0 : regularizedGammaP(shape, x / scale));
  return {
    kind: 'continuous',
    mean,
    variance,
    cdf,
    quantile: (p) => bisectQuantile(cdf, p, 0, mean + 60 * standardDeviation),
    loss: (x) => {
      if (x <= 0) return mean - x;
      const u = x / scale;
      return shape * scale * regularizedGammaQ(shape + 1, u) - x * regularizedGammaQ(shape, u);
    },
    secondOrderLoss: (x) => {
      if (x <= 0) return 0.5 * (variance + (mean - x) * (mean - x));
      const u = x / scale;
      return 0.5 * (shape * (shape + 1) * scale * scale * regularizedGammaQ(shape + 2, u)
        - 2 * x * shape * scale * regularizedGammaQ(shape + 1, u)
        + x * x * regularizedGammaQ(shape, u));
    },
  };
}

/** Lognormal with ln D ~ N(logMean, logStandardDeviation^2). */
export function createLognormalModel(logMean: number, logStandardDeviation: number): DemandModel {
  const m = logMean;
  const s = logStandardDeviation;
  if (s === 0) return createPointModel(Math.exp(m));
  // E[D^k 1{D > x}] = exp(k m + k^2 s^2 / 2) Phi((m + k s^2 - ln x) / s)
  const partialMoment = (k: number, x: number): number => {
    const scale = Math.exp(k * m + 0.5 * k * k * s * s);
    if (x <= 0) return scale;
    return scale * normalCdf((m + k * s * s - Math.log(x)) / s);
  };
  const mean = Math.exp(m + 0.5 * s * s);
  return {
    kind: 'continuous',
    mean,
    variance: (Math.exp(s * s) - 1) * Math.exp(2 * m + s * s),
    cdf: (x) => (x <= 0 ? 0 : normalCdf((Math.log(x) - m) / s)),
    quantile: (p) => Math.exp(m + s * normalQuantile(p)),
    loss: (x) => (x <= 0 ? mean - x : partialMoment(1, x) - x * partialMoment(0, x)),
    secondOrderLoss: (x) => 0.5 * (partialMoment(2, x) - 2 * x * partialMoment(1, x) + x * x * partialMoment(0, x)),
  };
}

/** Discrete demand on 0..n-1 from its probabilities (they should sum to 1). */
export function createDiscreteModel(probabilities: Float64Array): DemandModel {
  const n = probabilities.length;
  const cumulative = new Float64Array(n);
  const firstMoment = new Float64Array(n);
  const secondMoment = new Float64Array(n);
  let c = 0;
  let m1 = 0;
  let m2 = 0;
  for (let k = 0; k < n; k++) {
    const p = probabilities[k]!;
    c += p;
    m1 += k * p;
    m2 += k * k * p;
    cumulative[k] = c;
    firstMoment[k] = m1;
    secondMoment[k] = m2;
  }
  const mean = m1;
  const meanSquare = m2;
  const at = (array: Float64Array, x: number): number => (x < 0 ? 0 : array[Math.min(Math.floor(x), n - 1)]!);
  return {
    kind: 'discrete',
    mean,
    variance: Math.max(meanSquare - mean * mean, 0),
    probabilities,
    cdf: (x) => Math.min(at(cumulative, x), 1),
    quantile: (p) => {
      let lo = 0;
      let hi = n - 1;
      if (cumulative[hi]! < p - 1e-12) return n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! >= p - 1e-12) hi = mid; else lo = mid + 1;
      }
      return lo;
    },
    loss: (x) => {
      if (x < 0) return mean - x;
      return Math.max(mean - x + x * at(cumulative, x) - at(firstMoment, x), 0);
    },
    secondOrderLoss: (x) => {
      const k = Math.floor(x);
      const a = 2 * k + 1;
      const b = k * (k + 1);
      const total = meanSquare - a * mean + b;
      if (k < 0) return 0.5 * total;
      const below = at(secondMoment, k) - a * at(firstMoment, k) + b * at(cumulative, k);
      return Math.max(0.5 * (total - below), 0);
    },
  };
}

/** Poisson probabilities up to where the tail is negligible (< 1e-15). */
export function poissonProbabilities(mean: number): Float64Array {
  if (mean === 0) return Float64Array.from([1]);
  const n = Math.ceil(mean + 14 * Math.sqrt(mean) + 25);
  const out = new Float64Array(n + 1);
  const logMean = Math.log(mean);
  for (let k = 0; k <= n; k++) out[k] = Math.exp(k * logMean - mean - logGamma(k + 1));
  return out;
}

/** Negative binomial probabilities for a mean and a variance > mean (r = m^2/(v - m), p = m/v). */
export function negativeBinomialProbabilities(mean: number, variance: number): Float64Array {
  const r = (mean * mean) / (variance - mean);
  const p = mean / variance;
  const values: number[] = [];
  let cumulative = 0;
  const base = r * Math.log(p) - logGamma(r);
  const logQ = Math.log(1 - p);
  const sd = Math.sqrt(variance);
  for (let k = 0; ; k++) {
    const pk = Math.exp(base + logGamma(k + r) - logGamma(k + 1) + k * logQ);
    values.push(pk);
    cumulative += pk;
    if ((k > mean + 10 * sd && 1 - cumulative < 1e-14) || k > mean + 200 * sd + 1000) break;
  }
  return Float64Array.from(values);
}

/** n-fold convolution of a discrete distribution with itself (demand over n periods). */
export function convolvePower(probabilities: Float64Array, periods: number): Float64Array {
  let result: Float64Array = Float64Array.from([1]);
  let base: Float64Array = probabilities;
  let k = periods;
  while (k > 0) {
    if (k & 1) result = convolve(result, base);
    k >>= 1;
    if (k > 0) base = convolve(base, base);
  }
  return result;
}

export function convolve(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length - 1);
  for (let i = 0; i < a.length; i++) {
    const ai = a[i]!;
    if (ai === 0) continue;
    for (let j = 0; j < b.length; j++) out[i + j] = out[i + j]! + ai * b[j]!;
  }
  // Drop a negligible tail so repeated convolutions stay small.
  let end = out.length;
  let tail = 0;
  while (end > 1 && tail + out[end - 1]! < 1e-16) {
    tail += out[end - 1]!;
    end--;
  }
  return end === out.length ? out : out.slice(0, end);
}

function bisectQuantile(cdf: (x: number) => number, p: number, lo: number, hi: number): number {
  let a = lo;
  let b = hi;
  while (cdf(b) < p) b *= 2;
  for (let i = 0; i < 200 && b - a > 1e-12 * Math.max(1, Math.abs(b)); i++) {
    const mid = 0.5 * (a + b);
    if (cdf(mid) >= p) b = mid; else a = mid;
  }
  return 0.5 * (a + b);
}

/** Discretizes a continuous model onto integers: P(D = k) = F(k + 1/2) - F(k - 1/2), k >= 0. */
export function discretize(model: DemandModel): Float64Array {
  if (model.probabilities) return model.probabilities;
  const sd = Math.sqrt(model.variance);
  const n = Math.max(1, Math.ceil(model.mean + 12 * sd + 5));
  const out = new Float64Array(n + 1);
  let previous = 0;
  for (let k = 0; k <= n; k++) {
    const next = k === n ? 1 : model.cdf(k + 0.5);
    out[k] = Math.max(next - previous, 0);
    previous = next;
  }
  return out;
}
