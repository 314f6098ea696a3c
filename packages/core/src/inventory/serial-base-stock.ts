import { CoreError } from '../shared/core-error';
import { assertNonNegative, assertNonNegativeInteger, assertPositive } from './internal/assert-input';
import { toDemandModel, toProtectionIntervalDemand } from './demand-distribution';
import type { DemandDistribution } from './types';

export type SerialStage = {
  id: string;
  /** h_j: echelon holding cost per unit per period (local holding cost of stage j minus that of its supplier). */
  echelonHoldingCostPerUnitPerPeriod: number;
  /** L_j: shipment lead time into stage j, in whole periods. */
  leadTimePeriods: number;
};

export type SerialBaseStockInput = {
  /** Stages from the one that meets demand (first) to the most upstream (last). */
  stages: SerialStage[];
  /** Demand per period at the downstream stage. */
  demand: DemandDistribution;
  /** p: backorder cost per unit per period at the downstream stage. */
  stockoutCostPerUnitPerPeriod: number;
  /** Grid points of the numerical recursion (default 4,000): more is more precise and slower. */
  gridPoints?: number;
};

export type SerialBaseStockResult = {
  stages: { id: string; echelonBaseStockLevel: number; localBaseStockLevel: number }[];
  /** Expected holding + backorder cost per period at the optimal levels. */
  costPerPeriod: number;
};

/**
 * Optimal echelon base-stock levels of a serial system with backorders (Clark–Scarf), by the Chen–Zheng recursion
 * evaluated numerically on a grid.
 * Formula: C_0(x) = (p + h'_1) x^-, with h'_1 = sum of echelon holding costs; for j = 1..N:
 * Chat_j(x) = h_j x + C_{j-1}(x), Cbar_j(y) = E[Chat_j(y - D_j)] with D_j demand over L_j periods,
 * S_j = argmin Cbar_j, C_j(x) = Cbar_j(min(S_j, x)); local levels are S_j - S_{j-1}; cost = Cbar_N(S_N).
 * Source: Clark & Scarf, Management Science 6(4), 1960; Chen & Zheng, Management Science 40(11), 1994;
 * Snyder & Shen (2019), Theorem 6.1.
 * Example: 3 stages, echelon h = 3, 2, 2, L = 1, 1, 2, p = 37.12, N(5, 1) -> echelon S = 6.49, 12.02, 22.71 (FoSCT Ex. 6.1).
 * Throws: empty_input (no stage), not_finite, negative_value, invalid_input (lead time not whole).
 */
export function planSerialBaseStock(input: SerialBaseStockInput): SerialBaseStockResult {
  if (!Array.isArray(input.stages) || input.stages.length === 0) throw new CoreError('empty_input', 'at least one stage is needed', { path: 'stages' });
  const p = assertPositive(input.stockoutCostPerUnitPerPeriod, 'stockoutCostPerUnitPerPeriod');
  const stages = input.stages.map((stage, index) => ({
    id: stage.id,
    h: assertNonNegative(stage.echelonHoldingCostPerUnitPerPeriod, `stages[${index}].echelonHoldingCostPerUnitPerPeriod`),
    lead: assertNonNegativeInteger(stage.leadTimePeriods, `stages[${index}].leadTimePeriods`),
  }));
  const perPeriod = toDemandModel(input.demand);
  const sd = Math.sqrt(perPeriod.variance);
  const totalLead = stages.reduce((sum, stage) => sum + stage.lead, 0);
  const span = perPeriod.mean * totalLead + 10 * sd * Math.sqrt(Math.max(totalLead, 1)) + 10;
  const lo = -span;
  const hi = span;
  const n = Math.max(1000, Math.floor(input.gridPoints ?? 4000));
  const step = (hi - lo) / (n - 1);
  const x = (i: number): number => lo + i * step;
  const localDownstreamHolding = stages.reduce((sum, stage) => sum + stage.h, 0);
  let previous = new Float64Array(n);
  for (let i = 0; i < n; i++) previous[i] = (p + localDownstreamHolding) * Math.max(-x(i), 0);
  const results: { id: string; echelonBaseStockLevel: number; localBaseStockLevel: number }[] = [];
  let cost = 0;
  let downstreamLevel = 0;
  for (const stage of stages) {
    const hat = new Float64Array(n);
    for (let i = 0; i < n; i++) hat[i] = stage.h * x(i) + previous[i]!;
    const hatAt = (index: number): number => (index >= 0 ? hat[index]! : hat[0]! + index * (hat[1]! - hat[0]!));
    // Demand over L_j periods on the grid's lattice: weight of offset k*step.
    const weights: { offset: number; weight: number }[] = [];
    if (stage.lead === 0) weights.push({ offset: 0, weight: 1 });
    else {
      const leadModel = toDemandModel(toProtectionIntervalDemand(input.demand, stage.lead));
      const leadSd = Math.sqrt(leadModel.variance);
      const kMin = Math.floor((leadModel.mean - 9 * leadSd) / step) - 1;
      const kMax = Math.ceil((leadModel.mean + 9 * leadSd) / step) + 1;
      let total = 0;
      for (let k = kMin; k <= kMax; k++) {
        const w = leadModel.cdf((k + 0.5) * step) - leadModel.cdf((k - 0.5) * step);
        if (w > 0) { weights.push({ offset: k, weight: w }); total += w; }
      }
      for (const entry of weights) entry.weight /= total;
    }
    const expected = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (const { offset, weight } of weights) {
        const index = i - offset;
        sum += weight * (index < n ? hatAt(index) : hat[n - 1]! + (index - n + 1) * (hat[n - 1]! - hat[n - 2]!));
      }
      expected[i] = sum;
    }
    let best = 0;
    for (let i = 1; i < n; i++) if (expected[i]! < expected[best]!) best = i;
    let level = x(best);
    let minimum = expected[best]!;
    if (best > 0 && best < n - 1) {
      const a = expected[best - 1]!;
      const b = expected[best]!;
      const c = expected[best + 1]!;
      const curvature = a - 2 * b + c;
      if (curvature > 0) {
        const shift = (0.5 * (a - c)) / curvature;
        level = x(best) + shift * step;
        minimum = b - 0.25 * (a - c) * shift;
      }
    }
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) next[i] = x(i) < level ? expected[i]! : minimum;
    previous = next;
    cost = minimum;
    results.push({ id: stage.id, echelonBaseStockLevel: level, localBaseStockLevel: level - downstreamLevel });
    downstreamLevel = level;
  }
  return { stages: results, costPerPeriod: cost };
}
