// Public surface of the forecasting module: named re-exports only.
export type { ForecastInput, ForecastResult, ForecastModel, PredictionInterval } from './types';
export {
  computeSmape,
  computeMape,
  computeMae,
  computeRmse,
  computeWape,
  computeBias,
  computeMaseScale,
  computeMase,
  computeIntervalCoverage,
  computeOwa,
  computeForecastValueAdded,
  computeAccuracyReport,
  type AccuracyReport,
} from './accuracy-metrics';
export {
  forecastNaive,
  forecastSeasonalNaive,
  forecastDrift,
  forecastMovingAverage,
  forecastNaive2,
  naiveModel,
  seasonalNaiveModel,
  driftModel,
  movingAverageModel,
  naive2Model,
} from './forecast-baselines';
export { forecastEts, forecastEtsWithFit, forecastEtsFromFit, forecastEtsEnsembleFromFits, fitEtsModel, listEtsCandidates, etsModel, type EtsOptions, type EtsSeedEstimation, type EtsOptimizer, type EtsEnsembleMember, type EtsFit, type EtsSpec, type EtsErrorType, type EtsTrendType, type EtsSeasonType } from './forecast-ets';
export {
  forecastTheta,
  forecastOptimisedTheta,
  forecastDynamicOptimisedTheta,
  thetaModel,
  optimisedThetaModel,
  dynamicOptimisedThetaModel,
} from './forecast-theta';
export { classifyDemand, type DemandClass, type DemandClassification } from './classify-demand';
export {
  forecastCroston,
  forecastSba,
  forecastTsb,
  forecastAdida,
  forecastImapa,
  crostonModel,
  sbaModel,
  tsbModel,
  adidaModel,
  imapaModel,
  type IntermittentOptions,
} from './forecast-intermittent';
export { forecastCombination, createCombinationModel, type CombinationOptions } from './forecast-combination';
export { backtestRollingOrigin, type RollingOriginInput, type RollingOriginScore } from './backtest-rolling-origin';
export { forecastAuto, autoModel, chooseAutoCombination, createAutoSmoothMembers, createFixedArimaMember, autoBacktestOrigins, AUTO_COMBINATION_MEMBERS, type AutoOptions, type AutoBacktestOrigin, type AutoCombinationChoice } from './forecast-auto';
export { FORECAST_METHODS, isForecastMethod, forecastByMethod, getForecastModel, type ForecastMethod } from './forecast-by-method';
export { forecastDampedTrend, dampedTrendModel } from './forecast-damped-trend';
