import type { ForecastInput, ForecastModel, ForecastResult } from './types';
import { checkForecastInput } from './internal/forecast-input-check';
import { classifyDemand, type DemandClass } from './classify-demand';
import { backtestRollingOrigin, type RollingOriginScore } from './backtest-rolling-origin';
import { forecastEts, forecastEtsEnsembleFromFits, forecastEtsFromFit, forecastEtsWithFit } from './forecast-ets';
import { forecastDynamicOptimisedThetaWithFit, forecastTheta, forecastThetaFromFit } from './forecast-theta';
import { computeSmape } from './accuracy-metrics';
import { forecastDampedTrendFromEtsFit, forecastDampedTrendFromFit, forecastDampedTrendWithFit } from './forecast-damped-trend';
import { forecastAdida, forecastCroston, forecastImapa, forecastSba, forecastTsb } from './forecast-intermittent';
import { forecastNaive, forecastSeasonalNaive } from './forecast-baselines';
import { forecastAutoArimaWithFit, type AutoArimaOptions } from './arima/auto-arima';
import { refilterArima } from './arima/fit-arima';
import { forecastArima } from './arima/forecast-arima';

export type AutoOptions = {
  /** Extra members for the combination (e.g. an ARIMA model); weighted like the others. */
  extraCombinationMembers?: readonly ForecastModel[];
  /** Rolling origins of the backtest (default 4; intermittent data: 2). */
  backtestOrigins?: number;
  /**
   * Longest history the smooth-demand candidates see (the most recent values); default
   * max(200, 10m). Long hourly histories (960 points) cost much and add little to ETS/Theta.
   */
  maxHistoryLength?: number;
  /**
   * Seasonal naive replaces the weighted combination only when its mean backtest sMAPE is lower
   * by more than this fraction (default 0.05) and it is more accurate at ≥ 3/4 of the origins.
   */
  benchmarkMargin?: number;
  /**
   * How the ETS member forms its forecast (EtsOptions.selection). Default 'akaike-weights': the
   * Akaike-weighted mean of all fitted ETS forms (Kolassa 2011), rather than the lowest-AICc form.
   */
  etsSelection?: 'aicc' | 'akaike-weights';
  /**
   * Adds auto-ARIMA (Hyndman–Khandakar) to the weighted members (default false). It is selected
   * and estimated once on the history; in the backtest the same model is re-filtered on each prefix.
   */
  arimaMember?: boolean;
};

const thetaMember: ForecastModel = { name: 'theta', forecast: forecastTheta };
const seasonalNaiveMember: ForecastModel = { name: 'snaive', forecast: forecastSeasonalNaive };

/**
 * The auto-ARIMA member of `auto`: orders selected and coefficients estimated once on `values`; a
 * forecast from a shorter prefix (a backtest origin) re-filters the same model on the prefix
 * (`refilterArima`, no re-estimation, like R's Arima(y, model = fit) and like the ETS member), so
 * the backtest costs a few filter passes instead of one auto-ARIMA search per origin. Forecasts of
 * non-negative data are floored at 0, as forecastAutoArima does.
 */
export function createFixedArimaMember(values: readonly number[], seasonLength: number, horizon: number, levels: readonly number[], options: AutoArimaOptions = {}): { member: ForecastModel; result: ForecastResult } {
  const { result, fit } = forecastAutoArimaWithFit({ values, horizon, seasonLength, levels }, options);
  const floor = values.every((v) => v >= 0);
  const member: ForecastModel = {
    name: 'arima',
    forecast: (i) => {
      if (i.values.length === values.length && i.horizon === horizon) return result;
      if (fit === undefined) return forecastAutoArimaWithFit(i, options).result;
      let prefixFit;
      try {
        prefixFit = refilterArima(fit, i.values);
      } catch {
        return forecastAutoArimaWithFit(i, options).result;
      }
      const forecast = forecastArima(prefixFit, i.horizon, []);
      return floor ? { ...forecast, mean: forecast.mean.map((v) => Math.max(0, v)) } : forecast;
    },
  };
  return { member, result };
}

/**
 * A member of `auto` estimated once, on `input.values` (lazily, at its first call): a forecast from
 * the same history and horizon returns that fit's result; a forecast from a prefix (a backtest
 * origin) re-filters the fit on the prefix with its parameters fixed (`refilter`), as the ETS and
 * ARIMA members do, so the backtest costs a few filter passes instead of one estimation per origin.
 * When there is no fit (a naive / flat fallback) or the re-filtered forecast is not finite, the
 * prefix is fitted afresh. Example: `createRefilteredMember('dotm', input, forecastDynamicOptimisedThetaWithFit, forecastThetaFromFit)`.
 */
export function createRefilteredMember<F>(
  name: string,
  input: ForecastInput,
  fitWith: (input: ForecastInput) => { result: ForecastResult; fit: F | null },
  refilter: (fit: F, values: readonly number[], horizon: number) => number[] | null,
): ForecastModel {
  let full: { result: ForecastResult; fit: F | null } | undefined;
  return {
    name,
    forecast: (i) => {
      full ??= fitWith(input);
      if (i.values.length === input.values.length && i.horizon === input.horizon) return full.result;
      const mean = full.fit !== null ? refilter(full.fit, i.values, i.horizon) : null;
      return mean ? { method: full.result.method, mean, intervals: [], parameters: { ...full.result.parameters, refiltered: true }, notes: [] } : fitWith(i).result;
    },
  };
}

/** The members of the smooth-demand combination, in this order (plus extra members). */
export const AUTO_COMBINATION_MEMBERS = ['ets', 'theta', 'dotm', 'damped'] as const;

/** One backtest origin: the actual values after it and each candidate's forecast of them. */
export type AutoBacktestOrigin = { actual: readonly number[]; forecasts: Readonly<Record<string, readonly number[]>> };

export type AutoCombinationChoice = {
  /** 'combination' (weighted members) or 'snaive' (the seasonal naive benchmark). */
  chosen: 'combination' | 'snaive';
  /** Member weights (sum 1), in `members` order. */
  weights: number[];
  /** Mean backtest sMAPE per member, of the combination and of seasonal naive (when present). */
  backtestSmape: Record<string, number>;
  /** Origins where seasonal naive beat the combination. */
  benchmarkWins: number;
  originCount: number;
};

/**
 * The `auto` rule for smooth/erratic demand, on backtest results (pure; also used by the
 * benchmarks in bench/forecast to score the rule on cached member forecasts):
 * 1. weights ∝ 1 / (mean backtest sMAPE)² — inverse squared error weighting in the manner of
 *    Bates & Granger (1969), "The combination of forecasts", with sMAPE as a scale-free error
 *    (members that failed get weight 0); no origin → equal weights;
 * 2. the seasonal naive benchmark (`snaive` in the origins' forecasts) replaces the combination
 *    only when the evidence is strong across origins: its mean sMAPE is lower by more than
 *    `benchmarkMargin` AND it is more accurate at ≥ 3/4 of the origins (a forecast-value-added
 *    test against the naive benchmark, Gilliland 2013; selection on few origins is noisy,
 *    Kourentzes, Barrow & Petropoulos 2019).
 * Example: members with backtest sMAPE 5, 10, 10, 20 → weights 0.64, 0.16, 0.16, 0.04.
 */
export function chooseAutoCombination(origins: readonly AutoBacktestOrigin[], members: readonly string[], benchmarkMargin = 0.05): AutoCombinationChoice {
  const backtestSmape: Record<string, number> = {};
  const usable = members.map((name) => origins.every((o) => o.forecasts[name] !== undefined && o.forecasts[name]!.every(Number.isFinite)));
  if (origins.length === 0 || !usable.some(Boolean)) {
    const weights = members.map(() => 1 / members.length);
    return { chosen: 'combination', weights, backtestSmape, benchmarkWins: 0, originCount: 0 };
  }
  const errorsOf = (forecast: (o: AutoBacktestOrigin) => readonly number[]): number[] => origins.map((o) => computeSmape(o.actual, forecast(o)));
  const average = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
  const raw = members.map((name, i) => {
    if (!usable[i]) return 0;
    const error = average(errorsOf((o) => o.forecasts[name]!));
    backtestSmape[name] = error;
    return 1 / Math.max(error, 1e-6) ** 2;
  });
  const total = raw.reduce((a, b) => a + b, 0);
  const weights = raw.map((w) => w / total);
  const combined = (o: AutoBacktestOrigin): number[] => o.actual.map((_, h) => members.reduce((sum, name, i) => (weights[i]! > 0 ? sum + weights[i]! * o.forecasts[name]![h]! : sum), 0));
  const combinationErrors = errorsOf(combined);
  backtestSmape.combination = average(combinationErrors);
  let chosen: AutoCombinationChoice['chosen'] = 'combination';
  let benchmarkWins = 0;
  if (origins.every((o) => o.forecasts.snaive !== undefined)) {
    const benchmarkErrors = errorsOf((o) => o.forecasts.snaive!);
    backtestSmape.snaive = average(benchmarkErrors);
    benchmarkWins = benchmarkErrors.filter((e, k) => e < combinationErrors[k]!).length;
    if (backtestSmape.snaive < backtestSmape.combination * (1 - benchmarkMargin) && benchmarkWins * 4 >= origins.length * 3) chosen = 'snaive';
  }
  return { chosen, weights, backtestSmape, benchmarkWins, originCount: origins.length };
}

/**
 * Rolling origins of the `auto` backtest for a history of `n` values and backtest horizon H:
 * the last at n − H, then earlier by one season when 1 < m ≤ H (so every window covers the same
 * seasonal phases as the real forecast period) or by ⌈H/3⌉ otherwise; at most `count`, each
 * leaving at least max(m + 2, 6) training values. Example: n 240, H 48, m 24 → 192, 168, 144, 120.
 */
export function autoBacktestOrigins(n: number, backtestHorizon: number, seasonLength: number, count = 4): number[] {
  const m = seasonLength;
  const step = m > 1 && m <= backtestHorizon ? m : Math.max(1, Math.ceil(backtestHorizon / 3));
  const minimum = Math.max(m > 1 ? m + 2 : 6, 6);
  const origins: number[] = [];
  for (let k = 0; k < count; k++) {
    const origin = n - backtestHorizon - k * step;
    if (origin < minimum) break;
    origins.push(origin);
  }
  return origins;
}

/**
 * Automatic model choice per series (method 'auto'):
 * 1. classify the history (Syntetos–Boylan, ADI 1.32 / CV² 0.49); no demand → zeros;
 * 2. intermittent or lumpy non-negative data → the best of Croston, SBA, TSB, ADIDA and IMAPA by
 *    rolling-origin MAE (ties → the earlier in that list; SBA when the history is too short);
 * 3. otherwise a weighted combination of ETS (the Akaike-weighted mean of its fitted forms,
 *    Kolassa 2011), Theta, dynamic optimised Theta and
 *    damped trend (plus extra members), on at most the last max(200, 10m) values, with weights
 *    from a rolling-origin backtest (`autoBacktestOrigins`, `chooseAutoCombination`); seasonal
 *    naive (m > 1, n ≥ 2m) replaces it only when it wins clearly and consistently. In the
 *    backtest every weighted ETS form keeps the parameters estimated on the whole history and is
 *    re-filtered on each prefix (no re-estimation), which keeps the cost near one ETS selection;
 *    DOTM and damped trend likewise (`createRefilteredMember`), Theta is re-estimated.
 * Too short for a backtest → equal weights (or SBA for intermittent data, naive below 3 points).
 * The chosen model, weights, demand class and backtest scores are returned in `parameters`.
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
  const horizon = Math.min(input.horizon, Math.max(1, Math.floor(n / 4)));
  if (intermittent) {
    const candidates: ForecastModel[] = [
      { name: 'croston', forecast: forecastCroston },
      { name: 'sba', forecast: forecastSba },
      { name: 'tsb', forecast: forecastTsb },
      { name: 'adida', forecast: forecastAdida },
      { name: 'imapa', forecast: forecastImapa },
    ];
    return choose({ ...input, backtestOrigins: input.backtestOrigins ?? 2 }, candidates, horizon, 'mae', 1, baseParameters, 1);
  }
  return forecastSmooth(input, m, horizon, baseParameters);
}

/**
 * The weighted members of `auto`'s smooth-demand combination for one (recent) history, built as
 * `auto` builds them (also used by bench/forecast/cache-member-forecasts.ts, so that its cached
 * member forecasts are `auto`'s own): ETS (the Akaike-weighted mean of its fitted forms, or the
 * lowest-AICc form), Theta, DOTM, damped trend and, with `arimaMember`, auto-ARIMA. ETS is fitted
 * here; DOTM and damped are estimated once at their first call on `input.values` and re-filtered
 * on shorter prefixes (the backtest origins); the damped member reuses the ETS selection's
 * ETS(A,Ad,N) fit when it has one. Theta is re-estimated at each origin (cheap: SES by a 1-D
 * search); re-filtered, it moved M3 monthly from 13.577 to 13.596 sMAPE (bench/forecast/README.md,
 * 2026-11-25 02:10). Returns the members in AUTO_COMBINATION_MEMBERS order (then arima) and the
 * ETS result on the full history (with intervals when `input.levels` asks for them).
 */
export function createAutoSmoothMembers(input: ForecastInput, options: Pick<AutoOptions, 'etsSelection' | 'arimaMember'> = {}): { members: ForecastModel[]; etsResult: ForecastResult } {
  const { values, seasonLength: m } = input;
  const { result: etsResult, fit, ensemble } = forecastEtsWithFit({ values, horizon: input.horizon, seasonLength: m, levels: input.levels, seed: input.seed, selection: options.etsSelection ?? 'akaike-weights' });
  const arima = options.arimaMember ? createFixedArimaMember(values, m, input.horizon, input.levels) : undefined;
  const dampedEtsFit = ensemble.find((e) => e.fit.spec.error === 'A' && e.fit.spec.trend === 'Ad' && e.fit.spec.season === 'N')?.fit;
  const fullInput: ForecastInput = { values, horizon: input.horizon, seasonLength: m, levels: input.levels, seed: input.seed };
  const etsMember: ForecastModel = {
    name: 'ets',
    forecast: (i) => {
      if (i.values.length === values.length && i.horizon === input.horizon) return etsResult;
      const mean = ensemble.length > 1 ? forecastEtsEnsembleFromFits(ensemble, i.values, m, i.horizon) : fit ? forecastEtsFromFit(fit, i.values, m, i.horizon) : null;
      return mean ? { ...etsResult, mean, intervals: [] } : forecastEts(i);
    },
  };
  const members: ForecastModel[] = [
    etsMember,
    thetaMember,
    createRefilteredMember('dotm', fullInput, forecastDynamicOptimisedThetaWithFit, forecastThetaFromFit),
    createRefilteredMember('damped', fullInput, (i) => (i === fullInput && dampedEtsFit ? forecastDampedTrendFromEtsFit(i, dampedEtsFit) : null) ?? forecastDampedTrendWithFit(i), forecastDampedTrendFromFit),
    ...(arima ? [arima.member] : []),
  ];
  return { members, etsResult };
}

function forecastSmooth(input: ForecastInput & AutoOptions, m: number, backtestHorizon: number, baseParameters: Record<string, number | string | null>): ForecastResult {
  const n = input.values.length;
  const notes: string[] = [];
  const maxHistory = Math.max(input.maxHistoryLength ?? Math.max(200, 10 * m), 2 * m + 2);
  const values = n > maxHistory ? input.values.slice(n - maxHistory) : input.values;
  if (n > maxHistory) notes.push(`models fitted on the last ${maxHistory} of ${n} values`);
  const { members: smoothMembers } = createAutoSmoothMembers({ values, horizon: input.horizon, seasonLength: m, levels: input.levels, seed: input.seed }, input);
  const members: ForecastModel[] = [...smoothMembers, ...(input.extraCombinationMembers ?? [])];
  const names = members.map((member) => member.name);
  const withBenchmark = m > 1 && n >= 2 * m;
  // Backtest: every member (and seasonal naive) at each origin; a member that fails is left out.
  const origins: AutoBacktestOrigin[] = autoBacktestOrigins(values.length, backtestHorizon, m, input.backtestOrigins ?? 4).map((origin) => {
    const prefix: ForecastInput = { values: values.slice(0, origin), horizon: backtestHorizon, seasonLength: m, levels: [], seed: input.seed };
    const forecasts: Record<string, readonly number[]> = {};
    for (const member of withBenchmark ? [...members, seasonalNaiveMember] : members) {
      try {
        forecasts[member.name] = member.forecast(prefix).mean;
      } catch {
        // left out: chooseAutoCombination gives the member weight 0
      }
    }
    return { actual: values.slice(origin, origin + backtestHorizon), forecasts };
  });
  if (origins.length === 0) notes.push('history too short for a backtest: equal weights');
  const choice = chooseAutoCombination(origins, names, input.benchmarkMargin ?? 0.05);
  const backtest: Record<string, number> = { backtestOrigins: choice.originCount };
  for (const [name, value] of Object.entries(choice.backtestSmape)) backtest[`backtest_smape_${name}`] = value;
  const finalInput: ForecastInput = { values, horizon: input.horizon, seasonLength: m, levels: input.levels, seed: input.seed };
  if (choice.chosen === 'snaive') {
    const result = forecastSeasonalNaive(finalInput);
    return { ...result, method: 'auto:snaive', parameters: { ...result.parameters, ...baseParameters, chosen: 'snaive', ...backtest }, notes: [...notes, `seasonal naive beat the combination at ${choice.benchmarkWins} of ${choice.originCount} origins`, ...result.notes] };
  }
  // Final forecasts of the weighted members on the full (recent) history.
  const results: { name: string; weight: number; result: ForecastResult }[] = [];
  members.forEach((member, i) => {
    const weight = choice.weights[i]!;
    if (!(weight > 0)) return;
    try {
      // The ETS member answers its full-history fit here (same values and horizon), DOTM and damped theirs.
      const result = member.forecast(finalInput);
      if (result.mean.every(Number.isFinite)) results.push({ name: member.name, weight, result });
      else notes.push(`${member.name} left out: non-finite forecast`);
    } catch (error) {
      notes.push(`${member.name} left out: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  if (results.length === 0) {
    const result = forecastSeasonalNaive(finalInput);
    return { ...result, method: 'auto:snaive', parameters: { ...result.parameters, ...baseParameters, chosen: 'snaive', ...backtest }, notes: [...notes, 'no member forecast: seasonal naive used', ...result.notes] };
  }
  const total = results.reduce((a, r) => a + r.weight, 0);
  const weightOf = (r: { weight: number }): number => r.weight / total;
  const mean = Array.from({ length: input.horizon }, (_, h) => results.reduce((a, r) => a + weightOf(r) * r.result.mean[h]!, 0));
  // Interval bounds: the same weighted mean of the members' bounds, kept around the point forecast.
  const intervals = input.levels.map((level) => {
    const bound = (side: 'lower' | 'upper', h: number): number => results.reduce((a, r) => a + weightOf(r) * (r.result.intervals.find((i) => i.level === level)?.[side][h] ?? r.result.mean[h]!), 0);
    return {
      level,
      lower: mean.map((v, h) => Math.min(v, bound('lower', h))),
      upper: mean.map((v, h) => Math.max(v, bound('upper', h))),
    };
  });
  const weights: Record<string, number> = {};
  for (const r of results) weights[`weight_${r.name}`] = Math.round(weightOf(r) * 1e4) / 1e4;
  return {
    method: 'auto:combination',
    mean,
    intervals,
    parameters: { ...baseParameters, chosen: 'combination', members: results.map((r) => r.result.method).join('+'), ...weights, ...backtest },
    notes: [...notes, ...results.flatMap((r) => r.result.notes.map((note) => `${r.name}: ${note}`))],
  };
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
