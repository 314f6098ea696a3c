import type { DemandDistribution } from '../inventory/index';

/** The replenishment rule simulated; levels in units of inventory position (on hand - backorders + on order). */
export type SimulatedPolicy =
  | { type: 's-Q'; reorderPoint: number; orderQuantity: number }
  | { type: 's-S'; s: number; S: number }
  | { type: 'R-S'; reviewPeriods: number; orderUpToLevel: number }
  | { type: 'R-s-S'; reviewPeriods: number; s: number; S: number }
  | { type: 'base-stock'; baseStockLevel: number };

/**
 * Demand drawn from a distribution, or taken from an item's history: replayed in order (trace-driven, one run)
 * or resampled period by period with replacement (bootstrap, independent replications).
 */
export type SimulatedDemand = { distribution: DemandDistribution } | { history: number[]; sampling?: 'replay' | 'bootstrap' };
