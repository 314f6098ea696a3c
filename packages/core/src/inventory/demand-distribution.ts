import { CoreError, assertNever } from '../shared/core-error';
import type { RandomSource } from '../shared/random';
import { assertFinite, assertNonNegative, assertNonNegativeInteger } from './internal/assert-input';
import {
  convolvePower,
  createDiscreteModel,
  createGammaModel,
  createLognormalModel,
  createNormalModel,
  negativeBinomialProbabilities,
  poissonProbabilities,
  type DemandModel,
} from './internal/demand-model';
import type { DemandDistribution, LeadTime } from './types';

/**
 * Checks a demand distribution and throws a CoreError naming the bad field.
 * Example: { distribution: 'poisson', meanPerPeriod: -1 } throws negative_value at demand.meanPerPeriod.
 */
export function validateDemandDistribution(demand: DemandDistribution, path = 'demand'): void {
  if (demand === null || typeof demand !== 'object') throw new CoreError('invalid_input', 'expected a demand object', { path });
  switch (demand.distribution) {
    case 'normal':
    case 'gamma':
    case 'lognormal':
    case 'negative-binomial':
      assertNonNegative(demand.meanPerPeriod, `${path}.meanPerPeriod`);
      assertNonNegative(demand.standardDeviationPerPeriod, `${path}.standardDeviationPerPeriod`);
      if (demand.distribution !== 'normal' && demand.meanPerPeriod === 0 && demand.standardDeviationPerPeriod > 0) {
        throw new CoreError('out_of_range', `a ${demand.distribution} demand with mean 0 must have standard deviation 0`, { path });
      }
      return;
    case 'poisson':
      assertNonNegative(demand.meanPerPeriod, `${path}.meanPerPeriod`);
      return;
    case 'discrete': {
      if (!Array.isArray(demand.pmf) || demand.pmf.length === 0) throw new CoreError('empty_input', 'pmf needs at least one quantity', { path: `${path}.pmf` });
      let total = 0;
      demand.pmf.forEach((entry, index) => {
        assertNonNegativeInteger(entry.quantity, `${path}.pmf[${index}].quantity`);
        total += assertNonNegative(entry.probability, `${path}.pmf[${index}].probability`);
      });
      if (Math.abs(total - 1) > 1e-6) throw new CoreError('invalid_input', `probabilities sum to ${total}, not 1`, { path: `${path}.pmf` });
      return;
    }
    default:
      throw new CoreError('invalid_input', `unknown distribution ${JSON.stringify((demand as { distribution?: unknown }).distribution)} (normal, gamma, lognormal, poisson, negative-binomial, discrete)`, { path: `${path}.distribution` });
  }
}

/**
 * Mean and standard deviation of a demand distribution, in items per period (Poisson: sd = sqrt(mean);
 * discrete: from the pmf). Example: negative binomial 8 +/- 5 -> { mean: 8, standardDeviation: 5 }.
 */
export function computeDemandMoments(demand: DemandDistribution): { mean: number; standardDeviation: number } {
  validateDemandDistribution(demand);
  switch (demand.distribution) {
    case 'normal':
    case 'gamma':
    case 'lognormal':
    case 'negative-binomial':
      return { mean: demand.meanPerPeriod, standardDeviation: demand.standardDeviationPerPeriod };
    case 'poisson':
      return { mean: demand.meanPerPeriod, standardDeviation: Math.sqrt(demand.meanPerPeriod) };
    case 'discrete': {
      let mean = 0;
      let square = 0;
      for (const { quantity, probability } of demand.pmf) { mean += quantity * probability; square += quantity * quantity * probability; }
      return { mean, standardDeviation: Math.sqrt(Math.max(square - mean * mean, 0)) };
    }
    default:
      return assertNever(demand, 'distribution');
  }
}

/** Lognormal demand given the parameters of ln D ~ N(logMean, logStandardDeviation^2): mean = exp(mu + sigma^2/2), variance = (exp(sigma^2) - 1) exp(2 mu + sigma^2). */
export function lognormalFromLogParameters(logMean: number, logStandardDeviation: number): DemandDistribution {
  const mean = Math.exp(logMean + 0.5 * logStandardDeviation ** 2);
  const variance = (Math.exp(logStandardDeviation ** 2) - 1) * Math.exp(2 * logMean + logStandardDeviation ** 2);
  return { distribution: 'lognormal', meanPerPeriod: mean, standardDeviationPerPeriod: Math.sqrt(variance) };
}

/**
 * Demand over a protection interval of `periods` periods, or over a random lead time.
 * Fixed length n: mean n*mu, variance n*sigma^2 (exact for normal, gamma, Poisson, negative binomial,
 * n-fold convolution for discrete; moment-matched for lognormal).
 * Random lead time L (mean E[L], s.d. sigma_L): mean mu E[L], variance E[L] sigma^2 + mu^2 sigma_L^2
 * (Silver, Pyke & Thomas 2017, eq. 6.x); the same family is fitted by moments (Poisson becomes negative
 * binomial, a discrete pmf becomes negative binomial).
 * Example: Poisson 10/period over 3 periods -> Poisson 30.
 */
export function toProtectionIntervalDemand(demand: DemandDistribution, interval: number | LeadTime): DemandDistribution {
  validateDemandDistribution(demand);
  const meanPeriods = typeof interval === 'number' ? interval : interval.meanPeriods;
  const sdPeriods = typeof interval === 'number' ? 0 : (interval.standardDeviationPeriods ?? 0);
  assertNonNegative(meanPeriods, 'leadTime.meanPeriods');
  assertNonNegative(sdPeriods, 'leadTime.standardDeviationPeriods');
  const { mean, standardDeviation } = computeDemandMoments(demand);
  const totalMean = mean * meanPeriods;
  const totalVariance = standardDeviation ** 2 * meanPeriods + mean * mean * sdPeriods * sdPeriods;
  const totalSd = Math.sqrt(totalVariance);
  switch (demand.distribution) {
    case 'normal':
    case 'gamma':
    case 'lognormal':
      return { distribution: demand.distribution, meanPerPeriod: totalMean, standardDeviationPerPeriod: totalSd };
    case 'poisson':
      if (sdPeriods === 0) return { distribution: 'poisson', meanPerPeriod: totalMean };
      return { distribution: 'negative-binomial', meanPerPeriod: totalMean, standardDeviationPerPeriod: totalSd };
    case 'negative-binomial':
      return { distribution: 'negative-binomial', meanPerPeriod: totalMean, standardDeviationPerPeriod: totalSd };
    case 'discrete': {
      if (sdPeriods === 0 && Number.isInteger(meanPeriods)) {
        const probabilities = convolvePower(pmfToArray(demand.pmf), meanPeriods);
        const pmf = Array.from(probabilities, (probability, quantity) => ({ quantity, probability })).filter((entry) => entry.probability > 0);
        return { distribution: 'discrete', pmf };
      }
      if (totalVariance > totalMean) return { distribution: 'negative-binomial', meanPerPeriod: totalMean, standardDeviationPerPeriod: totalSd };
      return { distribution: 'poisson', meanPerPeriod: totalMean };
    }
    default:
      return assertNever(demand, 'distribution');
  }
}

/**
 * Draws one period's demand (items) from the distribution with a seeded random source: normal truncated at 0,
 * gamma by Marsaglia–Tsang (2000), lognormal by exp of a normal, discrete laws by inverse transform.
 * Example: sampleDemand({ distribution: 'poisson', meanPerPeriod: 3 }, createRandom(1)) is the same whole number every run.
 */
export function sampleDemand(demand: DemandDistribution, random: RandomSource): number {
  return createDemandSampler(demand)(random);
}

/** Builds a reusable sampler with the same laws as sampleDemand (faster in loops). */
export function createDemandSampler(demand: DemandDistribution): (random: RandomSource) => number {
  const model = toDemandModel(demand);
  const sd = Math.sqrt(model.variance);
  if (demand.distribution === 'normal') return (random) => Math.max(0, model.mean + sd * random.nextNormal());
  if (demand.distribution === 'lognormal' && model.mean > 0) {
    const sigma2 = Math.log(1 + model.variance / (model.mean * model.mean));
    const mu = Math.log(model.mean) - sigma2 / 2;
    const sigma = Math.sqrt(sigma2);
    return (random) => Math.exp(mu + sigma * random.nextNormal());
  }
  if (demand.distribution === 'gamma' && model.variance > 0) {
    const shape = (model.mean * model.mean) / model.variance;
    const scale = model.variance / model.mean;
    return (random) => scale * sampleGamma(shape, random);
  }
  if (model.probabilities) {
    const cumulative = new Float64Array(model.probabilities.length);
    let c = 0;
    model.probabilities.forEach((p, k) => { c += p; cumulative[k] = c; });
    return (random) => {
      const u = random.next() * c;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! > u) hi = mid; else lo = mid + 1;
      }
      return lo;
    };
  }
  return (random) => model.quantile(Math.min(Math.max(random.next(), 1e-16), 1 - 1e-16));
}

/** Marsaglia & Tsang (2000) gamma variate with unit scale; shape < 1 uses the U^(1/shape) boost. */
function sampleGamma(shape: number, random: RandomSource): number {
  if (shape < 1) return sampleGamma(shape + 1, random) * Math.pow(Math.max(random.next(), 1e-300), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = random.nextNormal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random.next();
    if (u < 1 - 0.0331 * x ** 4) return d * v;
    if (Math.log(Math.max(u, 1e-300)) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

const modelCache = new WeakMap<object, DemandModel>();

/** @internal Numerical model of a distribution (cdf, quantile, loss functions); memoised per object. */
export function toDemandModel(demand: DemandDistribution): DemandModel {
  if (demand === null || typeof demand !== 'object') throw new CoreError('invalid_input', 'expected a demand object', { path: 'demand' });
  // Distributions are treated as immutable values: the model is built once per object.
  const cached = modelCache.get(demand);
  if (cached) return cached;
  validateDemandDistribution(demand);
  const model = buildModel(demand);
  modelCache.set(demand, model);
  return model;
}

function buildModel(demand: DemandDistribution): DemandModel {
  switch (demand.distribution) {
    case 'normal':
      return createNormalModel(demand.meanPerPeriod, demand.standardDeviationPerPeriod);
    case 'gamma':
      return createGammaModel(demand.meanPerPeriod, demand.standardDeviationPerPeriod);
    case 'lognormal': {
      const m = demand.meanPerPeriod;
      const sd = demand.standardDeviationPerPeriod;
      if (m === 0) return createNormalModel(0, 0);
      const sigma2 = Math.log(1 + (sd * sd) / (m * m));
      return createLognormalModel(Math.log(m) - sigma2 / 2, Math.sqrt(sigma2));
    }
    case 'poisson':
      return createDiscreteModel(poissonProbabilities(demand.meanPerPeriod));
    case 'negative-binomial': {
      const variance = demand.standardDeviationPerPeriod ** 2;
      if (variance <= demand.meanPerPeriod * (1 + 1e-9)) {
        throw new CoreError('out_of_range', `negative binomial needs variance > mean (got variance ${variance}, mean ${demand.meanPerPeriod}); use poisson`, { path: 'demand.standardDeviationPerPeriod' });
      }
      return createDiscreteModel(negativeBinomialProbabilities(demand.meanPerPeriod, variance));
    }
    case 'discrete':
      return createDiscreteModel(pmfToArray(demand.pmf));
    default:
      return assertNever(demand, 'distribution');
  }
}

function pmfToArray(pmf: { quantity: number; probability: number }[]): Float64Array {
  let max = 0;
  for (const entry of pmf) max = Math.max(max, entry.quantity);
  const out = new Float64Array(max + 1);
  for (const entry of pmf) out[entry.quantity] = out[entry.quantity]! + assertFinite(entry.probability, 'pmf.probability');
  return out;
}
