// Known answers from ../shared/data/inventory (see its README for sources and conventions):
// Snyder & Shen, Fundamentals of Supply Chain Theory, 2nd ed. (FoSCT), values as asserted in the stockpyl
// test suite (LarrySnyder/stockpyl, MIT); Zheng & Federgruen (1991) (s,S) table; FoSCT Example 6.1.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeEconomicOrderQuantity, computeEconomicOrderQuantityCost } from './economic-order-quantity';
import { computeQuantityDiscountOrderQuantity } from './quantity-discount';
import { computeNewsvendor, computeNewsvendorProfit } from './newsvendor';
import { computeSsPolicyCost, planSsPolicy } from './s-s-policy';
import { computeOptimalReorderPoint, computeReorderPointQuantityCost, planReorderPointQuantity } from './reorder-point-quantity';
import { planSerialBaseStock } from './serial-base-stock';
import { lognormalFromLogParameters } from './demand-distribution';
import type { DemandDistribution } from './types';

const dataDirectory = new URL('../../../../../shared/data/inventory/', import.meta.url);
type Case = { id: string; model: string; source: { item: string }; inputs: Record<string, any>; expected: Record<string, any>; abs_tolerance: number };
const cases: Case[] = JSON.parse(readFileSync(new URL('stockpyl_fosct_cases.json', dataDirectory), 'utf8')).cases;

// Wagner–Whitin dynamic lot sizing belongs to the lot-sizing module (MRP), not to inventory policies.
const LOT_SIZING_MODEL = 'Wagner-Whitin (uncapacitated dynamic lot sizing)';

function close(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected), `actual ${actual}, expected ${expected}`).toBeLessThanOrEqual(tolerance);
}

function demandOf(inputs: Record<string, any>): DemandDistribution {
  if (inputs.demand_pmf) {
    return { distribution: 'discrete', pmf: Object.entries(inputs.demand_pmf as Record<string, number>).map(([quantity, probability]) => ({ quantity: Number(quantity), probability })) };
  }
  if (inputs.lognormal_mu !== undefined) return lognormalFromLogParameters(inputs.lognormal_mu, inputs.lognormal_sigma);
  if (inputs.demand_distribution === 'poisson') return { distribution: 'poisson', meanPerPeriod: inputs.demand_mean ?? inputs.demand_mean_per_unit_time };
  if (inputs.demand_mean_per_year !== undefined) return { distribution: 'normal', meanPerPeriod: inputs.demand_mean_per_year, standardDeviationPerPeriod: inputs.demand_sd_per_year };
  if (inputs.demand_mean_per_period !== undefined) return { distribution: 'normal', meanPerPeriod: inputs.demand_mean_per_period, standardDeviationPerPeriod: inputs.demand_sd_per_period };
  return { distribution: 'normal', meanPerPeriod: inputs.demand_mean, standardDeviationPerPeriod: inputs.demand_sd };
}

function rqBase(inputs: Record<string, any>) {
  return {
    demand: demandOf(inputs),
    leadTime: inputs.lead_time_years ?? inputs.lead_time_periods ?? inputs.lead_time,
    holdingCostPerUnitPerPeriod: inputs.holding_cost_h,
    stockoutCostPerUnitPerPeriod: inputs.stockout_cost_p,
    orderCost: inputs.fixed_cost_K,
  };
}

/** Checks one case; returns false when the case's model is not handled here. */
function check(c: Case): boolean {
  const { inputs: x, expected: e, abs_tolerance: tol } = c;
  const eoqBase = { orderCost: x.fixed_cost_K, holdingCostPerUnitPerYear: x.holding_cost_h, demandPerYear: x.demand_rate_lambda };
  switch (c.model) {
    case 'EOQ': {
      const r = computeEconomicOrderQuantity(eoqBase);
      close(r.orderQuantity, e.order_quantity, tol);
      close(r.costPerYear, e.cost_per_year, tol);
      return true;
    }
    case 'EOQ cost of a given Q':
      close(computeEconomicOrderQuantityCost({ ...eoqBase, orderQuantity: x.order_quantity }).costPerYear, e.cost_per_year, tol);
      return true;
    case 'EOQ with all-units quantity discounts':
    case 'EOQ with incremental quantity discounts': {
      const r = computeQuantityDiscountOrderQuantity({
        kind: c.model.includes('all-units') ? 'all-units' : 'incremental',
        orderCost: x.fixed_cost_K, holdingCostRatePerYear: x.holding_cost_rate_i, demandPerYear: x.demand_rate_lambda,
        breakpoints: x.breakpoints, unitCosts: x.unit_costs,
      });
      close(r.orderQuantity, e.order_quantity, tol);
      expect(r.regionIndex).toBe(e.region_index_0based);
      // Expected values are printed to 8 decimals in some cases, hence a relative guard as well.
      close(r.costPerYear, e.cost_per_year, Math.max(tol, 1e-9 * e.cost_per_year));
      return true;
    }
    case 'EOQ with planned backorders (EOQB)': {
      const r = computeEconomicOrderQuantity({ ...eoqBase, backorderCostPerUnitPerYear: x.stockout_cost_p });
      close(r.orderQuantity, e.order_quantity, tol);
      close(r.stockoutFraction, e.stockout_fraction_x, tol);
      close(r.costPerYear, e.cost_per_year, tol);
      return true;
    }
    case 'EOQB cost of given (Q,x)':
      close(computeEconomicOrderQuantityCost({ ...eoqBase, backorderCostPerUnitPerYear: x.stockout_cost_p, orderQuantity: x.order_quantity, stockoutFraction: x.stockout_fraction_x }).costPerYear, e.cost_per_year, tol);
      return true;
    case 'Economic production quantity (EPQ)': {
      const r = computeEconomicOrderQuantity({ ...eoqBase, productionRatePerYear: x.production_rate_mu });
      close(r.orderQuantity, e.order_quantity, tol);
      close(r.costPerYear, e.cost_per_year, tol);
      return true;
    }
    case 'EPQ cost of a given Q':
      close(computeEconomicOrderQuantityCost({ ...eoqBase, productionRatePerYear: x.production_rate_mu, orderQuantity: x.order_quantity }).costPerYear, e.cost_per_year, tol);
      return true;
    default:
      break;
  }
  if (c.model.startsWith('Newsvendor explicit') || c.model === 'Newsvendor, explicit profit form') {
    const r = computeNewsvendorProfit({
      demand: demandOf(x), sellingPricePerUnit: x.revenue_r, purchaseCostPerUnit: x.purchase_cost_c, salvageValuePerUnit: x.salvage_value_v,
      holdingCostPerUnit: x.holding_cost_h ?? 0, stockoutCostPerUnit: x.stockout_cost_p ?? 0,
      ...(x.base_stock_level === undefined ? {} : { baseStockLevel: x.base_stock_level }),
    });
    if (e.base_stock_level !== undefined) close(r.baseStockLevel, e.base_stock_level, tol);
    close(r.expectedProfit, e.expected_profit, tol);
    return true;
  }
  if (c.model.startsWith('Newsvendor') || c.model.startsWith('Base-stock')) {
    const r = computeNewsvendor({
      demand: demandOf(x), holdingCostPerUnitPerPeriod: x.holding_cost_h, stockoutCostPerUnitPerPeriod: x.stockout_cost_p,
      leadTimePeriods: x.lead_time_periods ?? 0,
      ...(x.base_stock_level === undefined ? {} : { baseStockLevel: x.base_stock_level }),
    });
    if (e.base_stock_level !== undefined) close(r.baseStockLevel, e.base_stock_level, tol);
    close(r.expectedCost, e.expected_cost, tol);
    return true;
  }
  if (c.model.startsWith('(s,S)')) {
    const base = { demand: demandOf(x), holdingCostPerUnitPerPeriod: x.holding_cost_h, stockoutCostPerUnitPerPeriod: x.stockout_cost_p, orderCost: x.fixed_cost_K };
    const r = x.reorder_point_s === undefined ? planSsPolicy(base) : computeSsPolicyCost({ ...base, s: x.reorder_point_s, S: x.order_up_to_S });
    if (e.reorder_point_s !== undefined) { expect(r.s).toBe(e.reorder_point_s); expect(r.S).toBe(e.order_up_to_S); }
    close(r.costPerPeriod, e.expected_cost_per_period, tol);
    return true;
  }
  if (c.model.startsWith('(r,Q)')) {
    const base = rqBase(x);
    if (e.optimal_r_given_Q) {
      for (const [q, r] of Object.entries(e.optimal_r_given_Q as Record<string, number>)) close(computeOptimalReorderPoint({ ...base, orderQuantity: Number(q) }).reorderPoint, r, tol);
    }
    if (x.reorder_point_r !== undefined) close(computeReorderPointQuantityCost({ ...base, reorderPoint: x.reorder_point_r, orderQuantity: x.order_quantity_Q }).costPerPeriod, e.expected_cost_per_year, tol);
    const approximations: [string, 'eil' | 'eoqb' | 'eoq-ss' | 'loss-function'][] = [['eil_approx', 'eil'], ['eoqb_approx', 'eoqb'], ['eoqss_approx', 'eoq-ss'], ['loss_function_approx', 'loss-function']];
    for (const [key, method] of approximations) {
      const expectedPolicy = e[key] ?? (c.model.includes(method === 'eil' ? 'EIL' : method === 'eoqb' ? 'EOQB' : method === 'eoq-ss' ? 'EOQ + safety' : 'loss-function') ? { r: e.reorder_point_r, Q: e.order_quantity_Q, cost: e.approx_cost_per_year } : undefined);
      if (!expectedPolicy) continue;
      const r = planReorderPointQuantity({ ...base, method });
      close(r.reorderPoint, expectedPolicy.r, tol);
      close(r.orderQuantity, expectedPolicy.Q, tol);
      if (expectedPolicy.cost !== undefined) close(r.approximateCostPerPeriod ?? Number.NaN, expectedPolicy.cost, tol);
    }
    for (const [key, value] of Object.entries(e)) {
      const match = /^cost_at_r_?(-?[\d.]+)_Q_?([\d.]+)$/.exec(key);
      if (!match) continue;
      const cost = computeReorderPointQuantityCost({ ...base, reorderPoint: Number(match[1]), orderQuantity: Number(match[2]) }).costPerPeriod;
      // Keys that round r and Q (e.g. r_-1.9859) only pin the cost to the precision of those digits.
      close(cost, value as number, key.includes('.') ? 1e-2 : tol);
    }
    if (c.model.includes('exact optimum')) {
      const r = planReorderPointQuantity(base);
      expect(r.reorderPoint).toBe(e.reorder_point_r);
      expect(r.orderQuantity).toBe(e.order_quantity_Q);
      close(r.costPerPeriod, e.expected_cost, tol);
    }
    return true;
  }
  return false;
}

describe('stockpyl / FoSCT known answers (stockpyl_fosct_cases.json)', () => {
  for (const c of cases.filter((item) => item.model !== LOT_SIZING_MODEL)) {
    it(`${c.id} (${c.source.item}, ${c.model})`, () => {
      expect(check(c), `model not handled: ${c.model}`).toBe(true);
    });
  }
  it('leaves only the Wagner–Whitin cases to the lot-sizing module', () => {
    expect(cases.filter((item) => item.model === LOT_SIZING_MODEL).map((item) => item.id)).toHaveLength(5);
  });
});

describe('Zheng & Federgruen (1991) optimal (s,S) table, Poisson demand, h = 1, p = 9, K = 64', () => {
  const rows = readFileSync(new URL('zheng_federgruen_1991_sS.csv', dataDirectory), 'utf8').trim().split(/\r?\n/).slice(1).map((line) => line.split(',').map(Number));
  for (const [instance, h, p, k, mean, s, S, cost] of rows as number[][]) {
    it(`instance ${instance}: mean ${mean} -> s = ${s}, S = ${S}, cost ${cost}`, () => {
      const r = planSsPolicy({ demand: { distribution: 'poisson', meanPerPeriod: mean! }, holdingCostPerUnitPerPeriod: h!, stockoutCostPerUnitPerPeriod: p!, orderCost: k! });
      expect(r.s).toBe(s);
      expect(r.S).toBe(S);
      close(r.costPerPeriod, cost!, 5e-4); // the table prints 3 decimals
    });
  }
});

describe('serial system, FoSCT Example 6.1 (serial_multi_echelon_fosct_ex6_1.json)', () => {
  const data = JSON.parse(readFileSync(new URL('serial_multi_echelon_fosct_ex6_1.json', dataDirectory), 'utf8'));
  const stages = data.inputs.stages_downstream_to_upstream as { stage: number; echelon_holding_cost: number; shipment_lead_time: number; stockout_cost_p?: number; demand?: { mean_per_period: number; sd_per_period: number } }[];
  const result = planSerialBaseStock({
    stages: stages.map((stage) => ({ id: String(stage.stage), echelonHoldingCostPerUnitPerPeriod: stage.echelon_holding_cost, leadTimePeriods: stage.shipment_lead_time })),
    demand: { distribution: 'normal', meanPerPeriod: stages[0]!.demand!.mean_per_period, standardDeviationPerPeriod: stages[0]!.demand!.sd_per_period },
    stockoutCostPerUnitPerPeriod: stages[0]!.stockout_cost_p!,
  });
  it('echelon base-stock levels match the textbook 6.49 / 12.02 / 22.71 to 0.01', () => {
    for (const stage of result.stages) close(stage.echelonBaseStockLevel, data.expected.textbook_optimal_echelon_base_stock[stage.id], 0.01);
  });
  it('local levels match 6.49 / 5.53 / 10.69 to 0.01', () => {
    for (const stage of result.stages) close(stage.localBaseStockLevel, data.expected.textbook_local_base_stock_levels_stored_in_instance[stage.id], 0.01);
  });
  it('cost agrees with the stockpyl discretised DP (47.7747) to 0.5 %', () => {
    close(result.costPerPeriod, data.expected.stockpyl_numerical_expected_cost_per_period, 0.005 * data.expected.stockpyl_numerical_expected_cost_per_period);
  });
});
