import type { ForecastInput, ForecastModel, ForecastResult } from './types';
import { checkForecastInput } from './internal/forecast-input-check';
import { multiplicativeSeasonalAdjustment, seasonalIndexAt } from './internal/seasonality';
import { forecastEtsFromFit, forecastEtsWithFit, type EtsFit } from './forecast-ets';
import { refilterSeasonalIndices } from './internal/refilter-seasonal-indices';

/**
 * Damped-trend exponential smoothing (Gardner & McKenzie 1985) as the M3 "DAMPEN" benchmark:
 * ETS(A,Ad,N) by maximum likelihood on data seasonally adjusted by classical multiplicative
 * decomposition when the 90 % ACF test finds seasonality (n ≥ 3m), then reseasonalised.
 * ŷ_{n+h} = (ℓ_n + (φ + … + φ^h)·b_n)·s_{n+h}. Example: on M3 "other" it scores sMAPE ≈ 4.3
 * (bench/forecast/README.md). Falls back as forecastEts does (constant or very short series).
 */
export function forecastDampedTrend(input: ForecastInput): ForecastResult {
  return forecastDampedTrendWithFit(input).result;
}

/** A fitted damped-trend member: the ETS(A,Ad,N) fit and the seasonal indices (null: not adjusted). */
export type DampedTrendFit = { ets: EtsFit; indices: readonly number[] | null };

/** forecastDampedTrend, also returning the fit (null when ETS fell back to naive / flat). */
export function forecastDampedTrendWithFit(input: ForecastInput): { result: ForecastResult; fit: DampedTrendFit | null } {
  const m = checkForecastInput(input);
  const adjustment = multiplicativeSeasonalAdjustment(input.values, m);
  const { result: base, fit: ets } = forecastEtsWithFit({ ...input, values: adjustment ? adjustment.adjusted : input.values, seasonLength: 1, model: 'AAdN' });
  const fit = ets ? { ets, indices: adjustment ? adjustment.indices : null } : null;
  if (!adjustment) return { result: { ...base, method: base.method === 'ets(A,Ad,N)' ? 'damped' : base.method, parameters: { ...base.parameters, seasonallyAdjusted: false } }, fit };
  const n = input.values.length;
  const factor = (h: number): number => seasonalIndexAt(adjustment.indices, n, h);
  const result: ForecastResult = {
    method: 'damped',
    mean: base.mean.map((v, i) => v * factor(i + 1)),
    intervals: base.intervals.map((interval) => ({
      level: interval.level,
      lower: interval.lower.map((v, i) => v * factor(i + 1)),
      upper: interval.upper.map((v, i) => v * factor(i + 1)),
    })),
    parameters: { ...base.parameters, seasonallyAdjusted: true },
    notes: base.notes,
  };
  return { result, fit };
}

/**
 * The damped-trend member from an ETS(A,Ad,N) fit already made on the same values (the ETS
 * selection of `auto` fits that form too, with the same start and optimiser): when the series is
 * not seasonally adjusted and no interval is asked for, the member's forecast is that fit's, so it
 * is not estimated twice. Null otherwise (another form, seasonal adjustment, intervals asked for, or
 * a non-finite forecast): then forecastDampedTrendWithFit estimates it.
 */
export function forecastDampedTrendFromEtsFit(input: ForecastInput, ets: EtsFit): { result: ForecastResult; fit: DampedTrendFit } | null {
  if (ets.spec.error !== 'A' || ets.spec.trend !== 'Ad' || ets.spec.season !== 'N' || input.levels.length > 0) return null;
  const m = checkForecastInput(input);
  if (multiplicativeSeasonalAdjustment(input.values, m)) return null;
  const mean = forecastEtsFromFit(ets, input.values, 1, input.horizon);
  if (!mean) return null;
  const { alpha, beta, phi } = ets.parameters;
  const parameters = { alpha, beta, gamma: null, phi, aic: ets.aic, aicc: ets.aicc, bic: ets.bic, sigma2: ets.sigma2, seasonallyAdjusted: false };
  return { result: { method: 'damped', mean, intervals: [], parameters, notes: [] }, fit: { ets, indices: null } };
}

/**
 * Point forecasts of a fitted damped-trend member from `values` without re-estimation: divided by
 * seasonal indices (the fit's decision, re-estimated on `values`: refilterSeasonalIndices), ETS(A,Ad,N) re-filtered from the fit's
 * initial state with its α, β, φ (forecastEtsFromFit), then reseasonalised. Used by the `auto`
 * backtest on prefixes of the fitted history; on that history itself it gives the fit's forecasts.
 * Returns null when the forecast is not finite.
 */
export function forecastDampedTrendFromFit(fit: DampedTrendFit, values: readonly number[], horizon: number): number[] | null {
  const indices = refilterSeasonalIndices(values, fit.indices);
  const adjusted = indices ? values.map((v, t) => v / indices[t % indices.length]!) : values;
  const mean = forecastEtsFromFit(fit.ets, adjusted, 1, horizon);
  if (!mean || !indices) return mean;
  const out = mean.map((v, i) => v * seasonalIndexAt(indices, values.length, i + 1));
  return out.every(Number.isFinite) ? out : null;
}

export const dampedTrendModel: ForecastModel = { name: 'damped', forecast: forecastDampedTrend };
