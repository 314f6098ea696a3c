import { CoreError } from '../shared/core-error';
import { assertNonNegative, assertPositive } from './internal/assert-input';
import { computeDemandMoments } from './demand-distribution';
import { computeEconomicOrderQuantity } from './economic-order-quantity';
import { computeSafetyStock } from './safety-stock';
import type { DemandDistribution, LeadTime, ServiceTarget } from './types';

export type ItemPolicyInput = {
  itemId?: string;
  /** Demand per period. */
  demand: DemandDistribution;
  leadTime: LeadTime;
  /** continuous: (s, Q); periodic: (R, S) reviewed every reviewPeriods. */
  reviewType: 'continuous' | 'periodic';
  reviewPeriods?: number;
  target: ServiceTarget;
  /** Lot size for continuous review; when absent it is the EOQ from orderCost and holdingCostPerUnitPerPeriod. */
  orderQuantity?: number;
  orderCost?: number;
  holdingCostPerUnitPerPeriod?: number;
  /** Current on-hand stock, to report coverage. */
  onHandUnits?: number;
};

export type ItemPolicyResult = {
  itemId: string | undefined;
  policyType: 's-Q' | 'R-S';
  /** s (continuous) or S (periodic). */
  reorderLevel: number;
  /** Q for (s, Q); undefined for (R, S). */
  orderQuantity: number | undefined;
  reviewPeriods: number | undefined;
  safetyStock: number;
  cycleServiceLevel: number;
  fillRate: number;
  /** Expected average on-hand stock: safety stock + Q/2 (or mean demand per review / 2). */
  averageOnHandUnits: number;
  /** Holding cost of the average stock per period (when h is given). */
  holdingCostPerPeriod: number | undefined;
  /** Average stock / mean demand per period. */
  averageCoveragePeriods: number | undefined;
  /** on hand / mean demand per period, when onHandUnits is given. */
  coveragePeriods: number | undefined;
  /** Inventory turns per period of demand: mean demand / average stock (multiply by periods per year for yearly turns). */
  turnsPerPeriod: number | undefined;
  /** How the numbers were made, for display. */
  explanation: string[];
};

/**
 * The common path for one item: a (s, Q) or (R, S) policy for a service target, with its expected stock and service.
 * Formula: Q = sqrt(2 K mu / h) unless given; s or S from computeSafetyStock (protection L or L + R, alpha or beta);
 * average stock = SS + Q/2 (continuous) or SS + mu R / 2 (periodic); turns = mu / average stock.
 * Source: Silver, Pyke & Thomas (2017), ch. 6; Axsäter (2015), ch. 5.
 * Example: normal 100 +/- 20 per period, L = 4, alpha = 0.95, K = 50, h = 0.5 -> Q = 141.42, s = 465.79,
 * average stock 136.50.
 * Throws: invalid_input (continuous review without Q or costs), plus the errors of computeSafetyStock.
 */
export function planItemPolicy(input: ItemPolicyInput): ItemPolicyResult {
  const { mean } = computeDemandMoments(input.demand);
  const explanation: string[] = [];
  const h = input.holdingCostPerUnitPerPeriod === undefined ? undefined : assertNonNegative(input.holdingCostPerUnitPerPeriod, 'holdingCostPerUnitPerPeriod');
  let policyType: ItemPolicyResult['policyType'];
  let orderQuantity: number | undefined;
  let reviewPeriods: number | undefined;
  let cycleStock: number;
  if (input.reviewType === 'continuous') {
    policyType = 's-Q';
    if (input.orderQuantity !== undefined) {
      orderQuantity = assertPositive(input.orderQuantity, 'orderQuantity');
      explanation.push(`Q = ${orderQuantity} (given)`);
    } else if (input.orderCost !== undefined && h !== undefined && h > 0 && mean > 0) {
      orderQuantity = computeEconomicOrderQuantity({ orderCost: input.orderCost, holdingCostPerUnitPerYear: h, demandPerYear: mean }).orderQuantity;
      explanation.push(`Q = sqrt(2 K mu / h) = sqrt(2 * ${input.orderCost} * ${mean} / ${h}) = ${orderQuantity}`);
    } else {
      throw new CoreError('invalid_input', 'continuous review needs orderQuantity, or orderCost and holdingCostPerUnitPerPeriod with demand > 0', { path: 'orderQuantity' });
    }
    cycleStock = orderQuantity / 2;
  } else if (input.reviewType === 'periodic') {
    policyType = 'R-S';
    reviewPeriods = assertPositive(input.reviewPeriods ?? 1, 'reviewPeriods');
    cycleStock = (mean * reviewPeriods) / 2;
  } else {
    throw new CoreError('invalid_input', `unknown review type ${JSON.stringify(input.reviewType)} (continuous, periodic)`, { path: 'reviewType' });
  }
  const stock = computeSafetyStock({
    demand: input.demand,
    leadTime: input.leadTime,
    reviewPeriods: reviewPeriods ?? 0,
    target: input.target,
    ...(orderQuantity === undefined ? {} : { orderQuantity }),
  });
  explanation.push(`protection ${stock.protectionIntervalPeriods} periods: mean ${stock.protectionMean}, s.d. ${stock.protectionStandardDeviation}`);
  explanation.push(`${policyType === 's-Q' ? 's' : 'S'} = ${stock.reorderLevel}, safety stock ${stock.safetyStock} (factor ${stock.safetyFactor})`);
  const averageOnHand = Math.max(stock.safetyStock, 0) + cycleStock;
  const onHand = input.onHandUnits === undefined ? undefined : assertNonNegative(input.onHandUnits, 'onHandUnits');
  return {
    itemId: input.itemId,
    policyType,
    reorderLevel: stock.reorderLevel,
    orderQuantity,
    reviewPeriods,
    safetyStock: stock.safetyStock,
    cycleServiceLevel: stock.cycleServiceLevel,
    fillRate: stock.fillRate,
    averageOnHandUnits: averageOnHand,
    holdingCostPerPeriod: h === undefined ? undefined : h * averageOnHand,
    averageCoveragePeriods: mean > 0 ? averageOnHand / mean : undefined,
    coveragePeriods: onHand === undefined || mean <= 0 ? undefined : onHand / mean,
    turnsPerPeriod: averageOnHand > 0 ? mean / averageOnHand : undefined,
    explanation,
  };
}
