import type { ForecastInput, ForecastModel, ForecastResult } from './types';
import { checkForecastInput } from './internal/forecast-input-check';
import { classifyDemand, type DemandClass } from './classify-demand';
import { backtestRollingOrigin, type RollingOriginScore } from './backtest-rolling-origin';
import { forecastEts } from './forecast-ets';
import { forecastDynamicOptimisedTheta, forecastTheta } from './forecast-theta';
import { forecastCombination } from './forecast-combination';
import { forecastDampedTrend } from './forecast-damped-trend';
import { forecastAdida, forecastCroston, forecastImapa, forecastSba, forecastTsb } from './forecast-intermittent';
import { forecastNaive, forecastSeasonalNaive } from './forecast-baselines';

export type AutoOptions = {
  /** Extra members for the combination (e.g. an ARIMA model). */
  extraCombinationMembers?: readonly ForecastModel[];
  /** Rolling origins for the choice. Default 2. */
  backtestOrigins?: number;
  /**
   * Longest history the smooth-demand candidates see (the most recent values); default
   * max(200, 10m). Long hourly histories (960 points) cost much and add little to ETS/Theta.
   */
  maxHistoryLength?: number;
  /**
   * For smooth/erratic data the combination is kept unless another candidate's backtest sMAPE is
   * lower by more than this fraction (default 0.2): selection on a short backtest is noisy, and
   * combinations are robust (Makridakis & Hibon 2000; Petropoulos et al. 2014).
   */
  selectionMargin?: number;
};

function etsMember(spec: string | undefined): ForecastModel {
  return { name: 'ets', forecast: (input) => forecastEts({ ...input, model: spec ?? 'auto' }) };
}
const thetaMember: ForecastModel = { name: 'theta', forecast: forecastTheta };
const dotmMember: ForecastModel = { name: 'dotm', forecast: forecastDynamicOptimisedTheta };
const dampedMember: ForecastModel = { name: 'damped', forecast: forecastDampedTrend };

function specOf(method: string): string | undefined {
  const match = /^ets\(([AM]),(N|A|Ad),([NAM])\)$/.exec(method);
  return match ? `${match[1]}${match[2]}${match[3]}` : undefined;
}

/**
 * Automatic model choice per series (method 'auto'):
 * 1. classify the history (Syntetos–Boylan, ADI 1.32 / CV² 0.49); no demand → zeros;
 * 2. intermittent or lumpy non-negative data → the best of Croston, SBA, TSB, ADIDA and IMAPA by
 *    rolling-origin MAE (ties → the earlier in that list; SBA when the history is too short);
 * 3. otherwise the best by rolling-origin sMAPE of: the mean of ETS (AICc-selected), Theta and
 *    dynamic optimised Theta (plus extra members), each of them, damped trend on adjusted data, and
 *    seasonal naive when m > 1 and n ≥ 2m; these see at most the last max(200, 10m) values. The
 *    combination is kept unless a candidate's backtest sMAPE is more than 20 % lower
 *    (selectionMargin).
 *    In the backtest, ETS refits the model form chosen on the full history (not the whole family),
 *    which keeps the cost near one ETS selection.
 * Too short for a backtest → the combination (or SBA for intermittent data, naive below 3 points).
 * The chosen model, demand class and backtest scores are returned in `parameters`.
 * Example: 24 months of smooth seasonal sales → usually the combination.
 */
export function forecastAuto(input: ForecastInput & AutoOptions): ForecastResult {
  const m = checkForecastInput(input);
  const y = input.values;
  const n = y.length;
  const classification = classifyDemand(y);
  const demandClass: DemandClass = classification.demandClass;
  const baseParameters = {
    demandClass,
    averageDemandInterval: Number.isFinite(classification.averageDemandInterval) ? classification.averageDemandInterval : null,
    squaredCoefficientOfVariation: classification.squaredCoefficientOfVariation,
  };
  if (n < 3) {
    const result = forecastNaive(input);
    return { ...result, method: `auto:${result.method}`, parameters: { ...result.parameters, ...baseParameters }, notes: [...result.notes, 'fewer than 3 observations: naive used'] };
  }
  const hasNegative = y.some((v) => v < 0);
  if (demandClass === 'no_demand' && !hasNegative) {
    const result = forecastCroston(input);
    return { ...result, method: 'auto:zero', parameters: { ...baseParameters } };
  }
  const intermittent = (demandClass === 'intermittent' || demandClass === 'lumpy') && !hasNegative;
  const notes: string[] = [];
  const horizon = Math.min(input.horizon, Math.max(1, Math.floor(n / 4)));
  if (intermittent) {
    const candidates: ForecastModel[] = [
      { name: 'croston', forecast: forecastCroston },
      { name: 'sba', forecast: forecastSba },
      { name: 'tsb', forecast: forecastTsb },
      { name: 'adida', forecast: forecastAdida },
      { name: 'imapa', forecast: forecastImapa },
    ];
    return choose(input, candidates, horizon, 'mae', 1, baseParameters, 1);
  }
  const maxHistory = Math.max(input.maxHistoryLength ?? Math.max(200, 10 * m), 2 * m + 2);
  const recent: ForecastInput & AutoOptions = n > maxHistory ? { ...input, values: y.slice(n - maxHistory) } : input;
  if (n > maxHistory) notes.push(`models fitted on the last ${maxHistory} of ${n} values`);
  const full = forecastEts(recent);
  const spec = specOf(full.method);
  const members = [etsMember(spec), thetaMember, dotmMember, ...(input.extraCombinationMembers ?? [])];
  const combination: ForecastModel = { name: 'combination', forecast: (i) => forecastCombination({ ...i, members, combiner: 'mean' }) };
  const candidates = [combination, ...members, dampedMember];
  // Seasonal naive competes when at least two full seasons exist (strong on hourly data, M4).
  if (m > 1 && n >= 2 * m) candidates.push({ name: 'snaive', forecast: forecastSeasonalNaive });
  const finalModels: Record<string, ForecastModel> = {
    combination: { name: 'combination', forecast: (i) => forecastCombination({ ...i, members: [{ name: 'ets', forecast: () => full }, thetaMember, dotmMember, ...(input.extraCombinationMembers ?? [])], combiner: 'mean' }) },
    ets: { name: 'ets', forecast: () => full },
  };
  const result = choose(recent, candidates, horizon, 'smape', m, baseParameters, 0, finalModels, input.selectionMargin ?? 0.2);
  return { ...result, notes: [...notes, ...result.notes] };
}

function choose(
  input: ForecastInput & AutoOptions,
  candidates: ForecastModel[],
  horizon: number,
  criterion: 'smape' | 'mae',
  m: number,
  baseParameters: Record<string, number | string | null>,
  fallbackIndex: number,
  finalModels: Record<string, ForecastModel> = {},
  defaultMargin = 0,
): ForecastResult {
  let scores: RollingOriginScore[] | null = null;
  const notes: string[] = [];
  try {
    scores = backtestRollingOrigin({ values: input.values, horizon, seasonLength: m, origins: input.backtestOrigins ?? 2, seed: input.seed, minimumTrainingLength: Math.max(m > 1 ? m + 2 : 6, 6) }, candidates);
  } catch {
    notes.push('history too short for a backtest: default candidate used');
  }
  let chosenIndex = fallbackIndex;
  if (scores) {
    const valueOf = (score: RollingOriginScore): number => (criterion === 'smape' ? score.smape : score.mae);
    // The default candidate wins unless another beats it by more than the margin.
    let bestValue = Number.POSITIVE_INFINITY;
    scores.forEach((score, index) => {
      const value = index === fallbackIndex ? valueOf(score) * (1 - defaultMargin) : valueOf(score);
      if (value < bestValue - 1e-12) {
        bestValue = value;
        chosenIndex = index;
      }
    });
  }
  const chosen = candidates[chosenIndex]!;
  const model = finalModels[chosen.name] ?? chosen;
  let result: ForecastResult;
  try {
    result = model.forecast({ values: input.values, horizon: input.horizon, seasonLength: input.seasonLength, levels: input.levels, seed: input.seed });
  } catch (error) {
    notes.push(`${chosen.name} failed (${error instanceof Error ? error.message : String(error)}): seasonal naive used`);
    result = forecastSeasonalNaive(input);
  }
  const backtest: Record<string, number> = {};
  for (const score of scores ?? []) backtest[`backtest_${criterion}_${score.model}`] = criterion === 'smape' ? score.smape : score.mae;
  return {
    ...result,
    method: `auto:${result.method}`,
    parameters: { ...result.parameters, ...baseParameters, chosen: chosen.name, ...backtest },
    notes: [...notes, ...result.notes],
  };
}

export const autoModel: ForecastModel = { name: 'auto', forecast: (input) => forecastAuto(input) };
