export type {
  AggregateCostBreakdown,
  AggregatePlanCosts,
  AggregatePlanException,
  AggregatePlanInput,
  AggregatePlanLimits,
  AggregatePlanOptions,
  AggregatePlanPeriod,
  AggregatePlanResult,
  AggregateStrategy,
  WorkforceMode,
} from './types';
export { planAggregateProduction } from './plan-aggregate-production';
export { compareAggregateStrategies } from './compare-aggregate-strategies';
export type { AggregateStrategyComparison, AggregateStrategyComparisonRow } from './compare-aggregate-strategies';
export { applyAggregateScenario, compareAggregateScenarios } from './compare-aggregate-scenarios';
export type { AggregateScenario, AggregateScenarioComparison } from './compare-aggregate-scenarios';
export { computeVolumeRevenueMatrix } from './compute-volume-revenue-matrix';
export type {
  AbcClass as VolumeRevenueAbcClass,
  AbcEntry as VolumeRevenueAbcEntry,
  MatrixCell as VolumeRevenueMatrixCell,
  SalesLine as VolumeRevenueSalesLine,
  VolumeRevenueMatrixInput,
  VolumeRevenueMatrixResult,
} from './compute-volume-revenue-matrix';
