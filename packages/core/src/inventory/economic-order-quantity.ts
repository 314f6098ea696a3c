import { CoreError } from '../shared/core-error';
import { assertNonNegative, assertPositive } from './internal/assert-input';

export type EconomicOrderQuantityInput = {
  /** K: fixed cost per order (currency). */
  orderCost: number;
  /** h: holding cost per unit per year (currency). */
  holdingCostPerUnitPerYear: number;
  /** lambda: demand in units per year. */
  demandPerYear: number;
  /** p: backorder cost per unit per year; omit for no planned backorders (EOQB when given). */
  backorderCostPerUnitPerYear?: number;
  /** mu: production rate in units per year (> demand); omit for instantaneous replenishment (EPQ when given). */
  productionRatePerYear?: number;
};

export type EconomicOrderQuantityResult = {
  orderQuantity: number;
  /** Fraction x of each cycle spent in backorder (0 without backorders). */
  stockoutFraction: number;
  /** Fixed ordering + holding (+ backorder) cost per year, purchase cost excluded. */
  costPerYear: number;
  ordersPerYear: number;
  cycleTimeYears: number;
  /** Peak on-hand inventory Q (1 - rho)(1 - x). */
  maximumInventory: number;
  averageInventory: number;
};

/**
 * Economic order quantity, optionally with planned backorders (EOQB) and a finite production rate (EPQ), costs per year.
 * Formula: rho = lambda/mu (0 if no production rate), x = h/(h+p) (0 without backorders),
 * Q* = sqrt(2 K lambda (h+p) / (h p (1-rho))), cost = K lambda/Q + h(1-rho)Q(1-x)^2/2 + p(1-rho)Q x^2/2.
 * Source: Harris (1913); Snyder & Shen, Fundamentals of Supply Chain Theory, 2nd ed. (2019), sections 3.2, 3.4, 3.5.
 * Example: K = 8, h = 0.225, lambda = 1300 -> Q* = 304.0468, cost 68.4105 per year (FoSCT Example 3.1).
 * Throws: not_finite, out_of_range (K, h, lambda <= 0; mu <= lambda), negative_value.
 */
export function computeEconomicOrderQuantity(input: EconomicOrderQuantityInput): EconomicOrderQuantityResult {
  const parameters = readParameters(input);
  const { orderCost: k, holdingCost: h, demand: lambda, backorderCost: p, rho } = parameters;
  const x = p === undefined ? 0 : h / (h + p);
  const ratio = p === undefined ? 1 : (h + p) / p;
  const orderQuantity = Math.sqrt((2 * k * lambda * ratio) / (h * (1 - rho)));
  return buildResult(parameters, orderQuantity, x);
}

/**
 * Annual cost of a given order quantity Q (and backorder fraction x) in the EOQ/EOQB/EPQ model.
 * Formula: K lambda/Q + h(1-rho)Q(1-x)^2/2 + p(1-rho)Q x^2/2.
 * Source: Snyder & Shen (2019), eqs. 3.3 and 3.17. Example: FoSCT Ex. 3.1 at Q = 250 -> 69.725.
 */
export function computeEconomicOrderQuantityCost(input: EconomicOrderQuantityInput & { orderQuantity: number; stockoutFraction?: number }): EconomicOrderQuantityResult {
  const parameters = readParameters(input);
  const q = assertPositive(input.orderQuantity, 'orderQuantity');
  const x = assertNonNegative(input.stockoutFraction ?? 0, 'stockoutFraction');
  if (x > 1) throw new CoreError('out_of_range', 'stockoutFraction must be <= 1', { path: 'stockoutFraction' });
  if (x > 0 && parameters.backorderCost === undefined) throw new CoreError('invalid_input', 'a stockout fraction needs backorderCostPerUnitPerYear', { path: 'stockoutFraction' });
  return buildResult(parameters, q, x);
}

type Parameters = { orderCost: number; holdingCost: number; demand: number; backorderCost: number | undefined; rho: number };

function readParameters(input: EconomicOrderQuantityInput): Parameters {
  const orderCost = assertPositive(input.orderCost, 'orderCost');
  const holdingCost = assertPositive(input.holdingCostPerUnitPerYear, 'holdingCostPerUnitPerYear');
  const demand = assertPositive(input.demandPerYear, 'demandPerYear');
  const backorderCost = input.backorderCostPerUnitPerYear === undefined ? undefined : assertPositive(input.backorderCostPerUnitPerYear, 'backorderCostPerUnitPerYear');
  let rho = 0;
  if (input.productionRatePerYear !== undefined) {
    const mu = assertPositive(input.productionRatePerYear, 'productionRatePerYear');
    if (mu <= demand) throw new CoreError('out_of_range', `production rate ${mu} must exceed demand ${demand}`, { path: 'productionRatePerYear' });
    rho = demand / mu;
  }
  return { orderCost, holdingCost, demand, backorderCost, rho };
}

function buildResult(parameters: Parameters, q: number, x: number): EconomicOrderQuantityResult {
  const { orderCost: k, holdingCost: h, demand: lambda, backorderCost: p, rho } = parameters;
  const costPerYear = (k * lambda) / q + (h * (1 - rho) * q * (1 - x) ** 2) / 2 + ((p ?? 0) * (1 - rho) * q * x * x) / 2;
  const maximumInventory = q * (1 - rho) * (1 - x);
  return {
    orderQuantity: q,
    stockoutFraction: x,
    costPerYear,
    ordersPerYear: lambda / q,
    cycleTimeYears: q / lambda,
    maximumInventory,
    averageInventory: (q * (1 - rho) * (1 - x) ** 2) / 2,
  };
}
