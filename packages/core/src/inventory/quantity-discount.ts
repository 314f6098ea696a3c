import { CoreError } from '../shared/core-error';
import { assertNonNegative, assertPositive } from './internal/assert-input';

export type QuantityDiscountKind = 'all-units' | 'incremental';

export type QuantityDiscountInput = {
  kind: QuantityDiscountKind;
  /** K: fixed cost per order. */
  orderCost: number;
  /** i: holding cost rate per year (fraction of unit cost), so h_j = i c_j. */
  holdingCostRatePerYear: number;
  demandPerYear: number;
  /** Start quantity of each price region, ascending, first = 0: region j covers [b_j, b_j+1). */
  breakpoints: number[];
  /** Unit purchase cost in each region. */
  unitCosts: number[];
};

export type QuantityDiscountResult = {
  orderQuantity: number;
  /** 0-based index of the price region of the chosen quantity. */
  regionIndex: number;
  /** Purchase + ordering + holding cost per year. */
  costPerYear: number;
  /** Every region's candidate, for explanation. */
  candidates: { regionIndex: number; orderQuantity: number; costPerYear: number; feasible: boolean }[];
};

/**
 * Order quantity under all-units or incremental quantity discounts, costs per year including purchase.
 * All-units: g_j(Q) = c_j lambda + K lambda/Q + i c_j Q/2, Q_j = sqrt(2K lambda/(i c_j)) clipped up to b_j.
 * Incremental: purchase of Q in region j costs cbar_j + c_j Q with cbar_j = sum_{k<j} c_k(b_k+1 - b_k) - c_j b_j;
 * g_j(Q) = c_j lambda + i c_j Q/2 + (K + cbar_j) lambda/Q + i cbar_j/2, Q_j = sqrt(2(K + cbar_j) lambda/(i c_j)).
 * Source: Snyder & Shen (2019), section 3.6. Example: K = 8, i = 0.3, lambda = 1300, b = [0,400,800],
 * c = [0.75,0.72,0.68]: all-units Q = 800, cost 978.60; incremental Q = 304.05, cost 1043.41 (FoSCT Ex. 3.6, 3.7).
 * Throws: length_mismatch, invalid_input (breakpoints not ascending from 0), out_of_range, not_finite.
 */
export function computeQuantityDiscountOrderQuantity(input: QuantityDiscountInput): QuantityDiscountResult {
  const k = assertPositive(input.orderCost, 'orderCost');
  const rate = assertPositive(input.holdingCostRatePerYear, 'holdingCostRatePerYear');
  const lambda = assertPositive(input.demandPerYear, 'demandPerYear');
  const { breakpoints, unitCosts } = input;
  if (!Array.isArray(breakpoints) || breakpoints.length === 0) throw new CoreError('empty_input', 'at least one price region is needed', { path: 'breakpoints' });
  if (!Array.isArray(unitCosts) || unitCosts.length !== breakpoints.length) throw new CoreError('length_mismatch', 'unitCosts must have one cost per breakpoint', { path: 'unitCosts' });
  breakpoints.forEach((b, j) => {
    assertNonNegative(b, `breakpoints[${j}]`);
    if (j === 0 && b !== 0) throw new CoreError('invalid_input', 'the first breakpoint must be 0', { path: 'breakpoints[0]' });
    if (j > 0 && b <= breakpoints[j - 1]!) throw new CoreError('invalid_input', 'breakpoints must be strictly ascending', { path: `breakpoints[${j}]` });
  });
  unitCosts.forEach((c, j) => assertPositive(c, `unitCosts[${j}]`));
  const candidates: QuantityDiscountResult['candidates'] = [];
  for (let j = 0; j < breakpoints.length; j++) {
    const c = unitCosts[j]!;
    const lower = breakpoints[j]!;
    const upper = breakpoints[j + 1] ?? Number.POSITIVE_INFINITY;
    if (input.kind === 'all-units') {
      const stationary = Math.sqrt((2 * k * lambda) / (rate * c));
      const q = Math.max(stationary, lower);
      const feasible = q < upper;
      const cost = c * lambda + (k * lambda) / q + (rate * c * q) / 2;
      candidates.push({ regionIndex: j, orderQuantity: q, costPerYear: cost, feasible });
    } else if (input.kind === 'incremental') {
      const cbar = cumulativePurchaseCost(breakpoints, unitCosts, j) - c * lower;
      const stationary = Math.sqrt((2 * (k + cbar) * lambda) / (rate * c));
      const q = Math.min(Math.max(stationary, lower), upper);
      const feasible = stationary >= lower && stationary < upper;
      const cost = c * lambda + (rate * c * q) / 2 + ((k + cbar) * lambda) / q + (rate * cbar) / 2;
      candidates.push({ regionIndex: j, orderQuantity: q, costPerYear: cost, feasible });
    } else {
      throw new CoreError('invalid_input', `unknown discount kind ${JSON.stringify(input.kind)} (all-units, incremental)`, { path: 'kind' });
    }
  }
  // The cost curve is continuous for incremental discounts, so clipped candidates are valid quantities too.
  const eligible = candidates.filter((candidate) => candidate.feasible || input.kind === 'incremental');
  let best = eligible[0]!;
  for (const candidate of eligible) if (candidate.costPerYear < best.costPerYear - 1e-12) best = candidate;
  return { orderQuantity: best.orderQuantity, regionIndex: best.regionIndex, costPerYear: best.costPerYear, candidates };
}

/** Purchase cost of buying exactly b_j units under incremental pricing: sum_{k<j} c_k (b_k+1 - b_k). */
function cumulativePurchaseCost(breakpoints: number[], unitCosts: number[], j: number): number {
  let total = 0;
  for (let m = 0; m < j; m++) total += unitCosts[m]! * (breakpoints[m + 1]! - breakpoints[m]!);
  return total;
}
