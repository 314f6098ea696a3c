import { CoreError } from '../shared/core-error';
import { createRandom } from '../shared/random';
import type { ForecastInput, ForecastModel, ForecastResult, PredictionInterval } from './types';
import { checkForecastInput } from './internal/forecast-input-check';
import { fitSes } from './internal/simple-exponential-smoothing';

/**
 * Intermittent-demand methods. Point forecasts are per-period demand rates (flat over the
 * horizon). Intervals are seeded bootstrap quantiles of one period's demand: occurrence with the
 * method's demand probability, size resampled from the observed non-zero sizes, rescaled so the
 * simulated mean equals the point forecast. They are the same at every step (a stationary rate
 * does not drift), never negative, and cover the zero-demand outcome.
 */

export type IntermittentOptions = {
  /** Smoothing constant for sizes (and intervals in Croston/SBA). Default 0.1 (Croston 1972; Syntetos & Boylan 2005). */
  alpha?: number;
  /** TSB smoothing constant for the demand probability. Default 0.1 (Teunter, Syntetos & Babai 2011). */
  probabilityAlpha?: number;
  /** Bootstrap draws for the quantiles. Default 2000. */
  bootstrapDraws?: number;
};

type Prepared = { y: readonly number[]; sizes: number[]; positions: number[] };

function prepare(input: ForecastInput): Prepared {
  checkForecastInput(input);
  const y = input.values;
  const sizes: number[] = [];
  const positions: number[] = [];
  y.forEach((v, i) => {
    if (v < 0) throw new CoreError('negative_value', `intermittent methods need non-negative demand; values[${i}] = ${v}`, { path: `values[${i}]` });
    if (v > 0) {
      sizes.push(v);
      positions.push(i);
    }
  });
  return { y, sizes, positions };
}

function bootstrapIntervals(input: ForecastInput & IntermittentOptions, rate: number, probability: number, sizes: number[]): PredictionInterval[] {
  const draws = input.bootstrapDraws ?? 2000;
  const random = createRandom(input.seed ?? 1);
  const meanSize = sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length);
  const p = Math.min(1, Math.max(0, probability));
  const scale = p > 0 && meanSize > 0 ? rate / (p * meanSize) : 0;
  const sample = new Float64Array(draws);
  for (let i = 0; i < draws; i++) {
    sample[i] = random.next() < p ? sizes[random.nextInt(0, sizes.length)]! * scale : 0;
  }
  sample.sort();
  const quantile = (q: number): number => {
    const position = q * (draws - 1);
    const low = Math.floor(position);
    const high = Math.min(draws - 1, low + 1);
    return sample[low]! + (position - low) * (sample[high]! - sample[low]!);
  };
  return input.levels.map((level) => {
    const lower = Math.max(0, Math.min(rate, quantile(0.5 - level / 200)));
    const upper = Math.max(rate, quantile(0.5 + level / 200));
    return { level, lower: new Array<number>(input.horizon).fill(lower), upper: new Array<number>(input.horizon).fill(upper) };
  });
}

function noDemand(input: ForecastInput, method: string): ForecastResult {
  return {
    method,
    mean: new Array<number>(input.horizon).fill(0),
    intervals: input.levels.map((level) => ({ level, lower: new Array<number>(input.horizon).fill(0), upper: new Array<number>(input.horizon).fill(0) })),
    parameters: {},
    notes: ['no positive demand in the history: zero forecast'],
  };
}

function crostonCore(input: ForecastInput & IntermittentOptions, variant: 'croston' | 'sba'): ForecastResult {
  const { sizes, positions } = prepare(input);
  if (sizes.length === 0) return noDemand(input, variant);
  const alpha = input.alpha ?? 0.1;
  if (!(alpha > 0 && alpha <= 1)) throw new CoreError('out_of_range', `alpha must be in (0, 1], got ${alpha}`, { path: 'alpha' });
  // Intervals between demands, the first counted from the start of the history.
  let size = sizes[0]!;
  let interval = positions[0]! + 1;
  for (let i = 1; i < sizes.length; i++) {
    size += alpha * (sizes[i]! - size);
    interval += alpha * (positions[i]! - positions[i - 1]! - interval);
  }
  const correction = variant === 'sba' ? 1 - alpha / 2 : 1;
  const rate = (correction * size) / interval;
  return {
    method: variant,
    mean: new Array<number>(input.horizon).fill(rate),
    intervals: bootstrapIntervals(input, rate, 1 / interval, sizes),
    parameters: { alpha, smoothedSize: size, smoothedInterval: interval, correction },
    notes: [],
  };
}

/**
 * Croston (1972): SES (α) on non-zero sizes z and on inter-demand intervals p, updated only in
 * periods with demand; forecast rate = z/p. Example: [0,0,3,0,0,3] → z = 3, p = 3 → 1 per period.
 * Throws negative_value, out_of_range.
 */
export function forecastCroston(input: ForecastInput & IntermittentOptions): ForecastResult {
  return crostonCore(input, 'croston');
}

/**
 * Syntetos–Boylan approximation (2005): Croston's rate times (1 − α/2), removing its bias.
 * Example: [0,0,3,0,0,3], α = 0.1 → 0.95.
 */
export function forecastSba(input: ForecastInput & IntermittentOptions): ForecastResult {
  return crostonCore(input, 'sba');
}

/**
 * TSB (Teunter, Syntetos & Babai 2011): demand probability π updated every period
 * (π ← π + β(1[y>0] − π)), size z updated when y > 0 (z ← z + α(y − z)); forecast π·z.
 * Example: all periods with demand 4 → π = 1, z = 4 → 4.
 */
export function forecastTsb(input: ForecastInput & IntermittentOptions): ForecastResult {
  const { y, sizes } = prepare(input);
  if (sizes.length === 0) return noDemand(input, 'tsb');
  const alpha = input.alpha ?? 0.1;
  const beta = input.probabilityAlpha ?? 0.1;
  if (!(alpha > 0 && alpha <= 1)) throw new CoreError('out_of_range', `alpha must be in (0, 1], got ${alpha}`, { path: 'alpha' });
  if (!(beta > 0 && beta <= 1)) throw new CoreError('out_of_range', `probabilityAlpha must be in (0, 1], got ${beta}`, { path: 'probabilityAlpha' });
  let probability = sizes.length / y.length;
  let size = sizes[0]!;
  for (let t = 0; t < y.length; t++) {
    const occurred = y[t]! > 0 ? 1 : 0;
    probability += beta * (occurred - probability);
    if (occurred) size += alpha * (y[t]! - size);
  }
  const rate = probability * size;
  return {
    method: 'tsb',
    mean: new Array<number>(input.horizon).fill(rate),
    intervals: bootstrapIntervals(input, rate, probability, sizes),
    parameters: { alpha, probabilityAlpha: beta, probability, smoothedSize: size },
    notes: [],
  };
}

/** Non-overlapping sums of k periods, aligned on the end of the history (the oldest remainder is dropped). */
function aggregate(y: readonly number[], k: number): number[] {
  const buckets: number[] = [];
  for (let end = y.length; end - k >= 0; end -= k) {
    let sum = 0;
    for (let i = end - k; i < end; i++) sum += y[i]!;
    buckets.unshift(sum);
  }
  return buckets;
}

function sesRateAtLevel(y: readonly number[], k: number): number {
  const buckets = aggregate(y, k);
  if (buckets.length === 0) return y.reduce((a, b) => a + b, 0) / y.length;
  const fit = fitSes(buckets);
  return Math.max(0, fit.level) / k;
}

/**
 * ADIDA (Nikolopoulos, Syntetos, Boylan, Petropoulos & Assimakopoulos 2011): aggregate into
 * non-overlapping buckets of k = round(ADI) periods, forecast the buckets with SES (α by least
 * squares), spread the bucket forecast evenly: rate = SES_k / k. Example: [0,2,0,2,0,2] → k = 2 → 1.
 */
export function forecastAdida(input: ForecastInput & IntermittentOptions): ForecastResult {
  const { y, sizes } = prepare(input);
  if (sizes.length === 0) return noDemand(input, 'adida');
  const k = Math.max(1, Math.min(y.length, Math.round(y.length / sizes.length)));
  const rate = sesRateAtLevel(y, k);
  return {
    method: 'adida',
    mean: new Array<number>(input.horizon).fill(rate),
    intervals: bootstrapIntervals(input, rate, sizes.length / y.length, sizes),
    parameters: { aggregationPeriods: k },
    notes: [],
  };
}

/**
 * IMAPA (Petropoulos & Kourentzes 2015): the mean over aggregation levels k = 1..round(ADI) of
 * the ADIDA rate SES_k / k. Example: a series with ADI 1 is plain SES.
 */
export function forecastImapa(input: ForecastInput & IntermittentOptions): ForecastResult {
  const { y, sizes } = prepare(input);
  if (sizes.length === 0) return noDemand(input, 'imapa');
  const maxK = Math.max(1, Math.min(y.length, Math.round(y.length / sizes.length)));
  let sum = 0;
  for (let k = 1; k <= maxK; k++) sum += sesRateAtLevel(y, k);
  const rate = sum / maxK;
  return {
    method: 'imapa',
    mean: new Array<number>(input.horizon).fill(rate),
    intervals: bootstrapIntervals(input, rate, sizes.length / y.length, sizes),
    parameters: { aggregationLevels: maxK },
    notes: [],
  };
}

export const crostonModel: ForecastModel = { name: 'croston', forecast: forecastCroston };
export const sbaModel: ForecastModel = { name: 'sba', forecast: forecastSba };
export const tsbModel: ForecastModel = { name: 'tsb', forecast: forecastTsb };
export const adidaModel: ForecastModel = { name: 'adida', forecast: forecastAdida };
export const imapaModel: ForecastModel = { name: 'imapa', forecast: forecastImapa };
