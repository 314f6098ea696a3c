import { CoreError, assertNever } from '../shared/core-error';
import type { ForecastInput, ForecastModel, ForecastResult } from './types';
import { forecastDrift, forecastMovingAverage, forecastNaive, forecastNaive2, forecastSeasonalNaive } from './forecast-baselines';
import { etsModel, forecastEts } from './forecast-ets';
import { forecastDynamicOptimisedTheta, forecastOptimisedTheta, forecastTheta, thetaModel } from './forecast-theta';
import { forecastAdida, forecastCroston, forecastImapa, forecastSba, forecastTsb } from './forecast-intermittent';
import { forecastCombination } from './forecast-combination';
import { forecastDampedTrend } from './forecast-damped-trend';
import { forecastAuto } from './forecast-auto';
import { arimaModel } from './arima/index';

/** Every method name the CLI and services accept. */
export const FORECAST_METHODS = [
  'auto', 'ets', 'theta', 'otm', 'dotm', 'damped', 'arima', 'croston', 'sba', 'tsb', 'adida', 'imapa',
  'naive', 'snaive', 'naive2', 'drift', 'moving_average', 'combination',
] as const;
export type ForecastMethod = (typeof FORECAST_METHODS)[number];

/** Type guard for user input (e.g. `--method`). */
export function isForecastMethod(value: string): value is ForecastMethod {
  return (FORECAST_METHODS as readonly string[]).includes(value);
}

/**
 * Runs one named method on a series and guarantees finite output: any non-finite number left by
 * a model (it should not happen) makes the call fall back to seasonal naive, with a note.
 * 'combination' is the median of ETS, Theta (standard) and auto-ARIMA (Hyndman–Khandakar, part B's
 * module). Throws invalid_input for an unknown method, and whatever the model throws for bad data.
 * Example: forecastByMethod('naive', { values: [1, 2, 4], horizon: 2, seasonLength: 1, levels: [80] }).mean → [4, 4].
 */
export function forecastByMethod(method: string, input: ForecastInput): ForecastResult {
  if (!isForecastMethod(method)) {
    throw new CoreError('invalid_input', `unknown method '${method}' (expected one of ${FORECAST_METHODS.join(', ')})`, { path: 'method' });
  }
  const result = dispatch(method, input);
  const finite = result.mean.every(Number.isFinite) && result.intervals.every((i) => i.lower.every(Number.isFinite) && i.upper.every(Number.isFinite));
  if (finite) return result;
  const fallback = forecastSeasonalNaive(input);
  return { ...fallback, method: `${method}->snaive`, notes: [...result.notes, `${result.method} gave non-finite values: seasonal naive used`] };
}

function dispatch(method: ForecastMethod, input: ForecastInput): ForecastResult {
  switch (method) {
    case 'auto': return forecastAuto(input);
    case 'ets': return forecastEts(input);
    case 'theta': return forecastTheta(input);
    case 'otm': return forecastOptimisedTheta(input);
    case 'dotm': return forecastDynamicOptimisedTheta(input);
    case 'damped': return forecastDampedTrend(input);
    case 'arima': return arimaModel.forecast(input);
    case 'croston': return forecastCroston(input);
    case 'sba': return forecastSba(input);
    case 'tsb': return forecastTsb(input);
    case 'adida': return forecastAdida(input);
    case 'imapa': return forecastImapa(input);
    case 'naive': return forecastNaive(input);
    case 'snaive': return forecastSeasonalNaive(input);
    case 'naive2': return forecastNaive2(input);
    case 'drift': return forecastDrift(input);
    case 'moving_average': return forecastMovingAverage(input);
    case 'combination': return forecastCombination({ ...input, members: [etsModel, thetaModel, arimaModel], combiner: 'median' });
    default: return assertNever(method, 'forecast method');
  }
}

/** The ForecastModel for a method name (see forecastByMethod). */
export function getForecastModel(method: string): ForecastModel {
  if (!isForecastMethod(method)) {
    throw new CoreError('invalid_input', `unknown method '${method}'`, { path: 'method' });
  }
  return { name: method, forecast: (input) => forecastByMethod(method, input) };
}
