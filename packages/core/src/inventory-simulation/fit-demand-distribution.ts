import { CoreError } from '../shared/core-error';
import type { DemandDistribution } from '../inventory/index';

export type DemandFamily = 'auto' | 'normal' | 'gamma' | 'poisson' | 'negative-binomial' | 'lognormal';

/**
 * Fits a demand distribution to a history of per-period demand by the method of moments.
 * Formula: mean = sum x / n, variance = sum (x - mean)^2 / (n - 1). 'auto' picks Poisson for whole numbers with
 * variance <= 1.1 mean, negative binomial for whole numbers with more spread, gamma when CV > 0.5, else normal.
 * Source: Axsäter (2015), section 2.7 (choice of demand model from mean and variance).
 * Example: [8, 12, 10, 9, 11] -> mean 10, variance 2.5 -> Poisson(10).
 * Throws: empty_input (fewer than 2 values), negative_value.
 */
export function fitDemandDistribution(history: number[], family: DemandFamily = 'auto'): DemandDistribution {
  if (!Array.isArray(history) || history.length < 2) throw new CoreError('empty_input', 'at least two periods of history are needed', { path: 'history' });
  history.forEach((value, index) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new CoreError('not_finite', `expected a number, got ${JSON.stringify(value)}`, { path: `history[${index}]` });
    if (value < 0) throw new CoreError('negative_value', `demand must be >= 0, got ${value}`, { path: `history[${index}]` });
  });
  const n = history.length;
  const mean = history.reduce((sum, value) => sum + value, 0) / n;
  const variance = history.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  const sd = Math.sqrt(variance);
  let chosen = family;
  if (family === 'auto') {
    const whole = history.every((value) => Number.isInteger(value));
    if (whole && mean > 0 && variance <= 1.1 * mean) chosen = 'poisson';
    else if (whole && mean > 0) chosen = 'negative-binomial';
    else if (mean > 0 && sd / mean > 0.5) chosen = 'gamma';
    else chosen = 'normal';
  }
  switch (chosen) {
    case 'poisson':
      return { distribution: 'poisson', meanPerPeriod: mean };
    case 'negative-binomial':
      if (variance <= mean) return { distribution: 'poisson', meanPerPeriod: mean };
      return { distribution: 'negative-binomial', meanPerPeriod: mean, standardDeviationPerPeriod: sd };
    case 'gamma':
    case 'lognormal':
      if (mean === 0) return { distribution: 'normal', meanPerPeriod: 0, standardDeviationPerPeriod: 0 };
      return { distribution: chosen, meanPerPeriod: mean, standardDeviationPerPeriod: sd };
    case 'normal':
    case 'auto':
      return { distribution: 'normal', meanPerPeriod: mean, standardDeviationPerPeriod: sd };
    default:
      throw new CoreError('invalid_input', `unknown family ${JSON.stringify(family)}`, { path: 'family' });
  }
}
