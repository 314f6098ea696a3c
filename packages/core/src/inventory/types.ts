/**
 * Demand in one period (or, after `toProtectionIntervalDemand`, over a protection interval).
 * Units are items per period; `discrete` lists P(D = quantity) for whole quantities.
 */
export type DemandDistribution =
  | { distribution: 'normal'; meanPerPeriod: number; standardDeviationPerPeriod: number }
  | { distribution: 'gamma'; meanPerPeriod: number; standardDeviationPerPeriod: number }
  | { distribution: 'lognormal'; meanPerPeriod: number; standardDeviationPerPeriod: number }
  | { distribution: 'poisson'; meanPerPeriod: number }
  | { distribution: 'negative-binomial'; meanPerPeriod: number; standardDeviationPerPeriod: number }
  | { distribution: 'discrete'; pmf: DiscreteProbability[] };

export type DemandDistributionName = DemandDistribution['distribution'];

export type DiscreteProbability = { quantity: number; probability: number };

/** Replenishment lead time in periods; a standard deviation > 0 makes it random (independent of demand). */
export type LeadTime = { meanPeriods: number; standardDeviationPeriods?: number };

/** A service target: cycle service level alpha = P(no stockout in a cycle) or fill rate beta = share of demand served from stock. */
export type ServiceTarget = { cycleServiceLevel: number } | { fillRate: number };

