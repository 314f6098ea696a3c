import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../shared/core-error';
import { createRandom } from '../shared/random';
import { computeLotSizingCost, planLotSizes } from './plan-lot-sizes';
import { LOT_SIZING_METHODS, type LotSizingMethod } from './types';

// Known answers: ../shared/data/inventory (see its README for sources and conventions).
const dataDir = new URL('../../../../../shared/data/inventory/', import.meta.url);
type Json = Record<string, any>;
const classics = JSON.parse(readFileSync(new URL('lot_sizing_classics.json', dataDir), 'utf8')) as { cases: Json[] };
const fosct = JSON.parse(readFileSync(new URL('stockpyl_fosct_cases.json', dataDir), 'utf8')) as { cases: Json[] };
const classic = (id: string): Json => classics.cases.find((c) => c.id === id)!;
const wwCases = fosct.cases.filter((c) => String(c.model).startsWith('Wagner-Whitin'));

describe('planLotSizes — Wagner–Whitin known answers', () => {
  it('Wagner & Whitin (1958) 12-month example, Management Science 5(1): optimal cost 864', () => {
    const c = classic('wagner_whitin_1958');
    const result = planLotSizes({
      demand: c.inputs.demand,
      setupCost: c.inputs.setup_cost_per_period,
      holdingCostPerUnitPerPeriod: c.inputs.holding_cost_per_unit_per_period,
      method: 'wagner-whitin',
    });
    expect(result.totalCost).toBeCloseTo(c.expected.optimal_total_cost, 6);
  });

  it('Silver, Pyke & Peterson 3rd ed. 12-month example: WW cost 501.2, orders in periods 1,4,5,7,9,10,11', () => {
    const c = classic('silver_pyke_peterson_12_month');
    const result = planLotSizes({ demand: c.inputs.demand, setupCost: c.inputs.setup_cost, holdingCostPerUnitPerPeriod: c.inputs.holding_cost_per_unit_per_period, method: 'wagner-whitin' });
    expect(result.totalCost).toBeCloseTo(c.expected.wagner_whitin_optimal_total_relevant_cost, 6);
    expect(result.orders.map((o) => o.period + 1)).toEqual(c.expected.wagner_whitin_order_periods_1based);
    expect(result.orders.map((o) => o.quantity)).toEqual(c.expected.wagner_whitin_order_quantities);
  });

  it.each(wwCases.map((c) => [c.id as string, c] as const))('Snyder & Shen FoSCT (via stockpyl tests) %s', (_id, c) => {
    const periods = c.inputs.num_periods as number;
    const result = planLotSizes({
      demand: c.inputs.demand,
      setupCost: c.inputs.fixed_cost_K,
      holdingCostPerUnitPerPeriod: c.inputs.holding_cost_h,
      unitCostPerPeriod: c.inputs.purchase_cost_per_period,
      method: 'wagner-whitin',
    });
    expect(result.orderQuantities).toHaveLength(periods);
    expect(result.orderQuantities).toEqual(c.expected.order_quantities_by_period);
    expect(Math.abs(result.totalCost - c.expected.total_cost)).toBeLessThanOrEqual(c.abs_tolerance);
  });
});

describe('planLotSizes — heuristics', () => {
  it('Silver–Meal on FoSCT WW instances (helper-computed values in lot_sizing_classics.json) is never better than WW', () => {
    const expected = classic('fosct_silver_meal_on_ww_examples').expected as Record<string, Json>;
    const byId: Record<string, string> = { fosct_ex3_9: 'fosct_ex3_9_ww', fosct_prob3_27: 'fosct_prob3_27_ww', fosct_prob3_29: 'fosct_prob3_29_ww' };
    for (const [key, want] of Object.entries(expected)) {
      const c = wwCases.find((w) => w.id === byId[key])!;
      const base = { demand: c.inputs.demand, setupCost: c.inputs.fixed_cost_K, holdingCostPerUnitPerPeriod: c.inputs.holding_cost_h };
      const sm = planLotSizes({ ...base, method: 'silver-meal' });
      expect(sm.orderQuantities, key).toEqual(want.silver_meal_orders);
      expect(sm.totalCost, key).toBeCloseTo(want.silver_meal_cost, 6);
      expect(planLotSizes({ ...base, method: 'wagner-whitin' }).totalCost).toBeCloseTo(want.ww_optimal_cost, 6);
    }
  });

  it('Silver–Meal on the Silver, Pyke & Peterson example matches the helper-computed 501.2 plan', () => {
    const c = classic('silver_pyke_peterson_12_month');
    const result = planLotSizes({ demand: c.inputs.demand, setupCost: c.inputs.setup_cost, holdingCostPerUnitPerPeriod: c.inputs.holding_cost_per_unit_per_period, method: 'silver-meal' });
    expect(result.orderQuantities).toEqual(c.expected.silver_meal_helper_computed.order_quantities_by_period);
    expect(result.totalCost).toBeCloseTo(501.2, 6);
  });

  // Hand-computed on FoSCT Example 3.9 data (d = 90,120,80,70; S = 500; h = 2):
  // LUC: 500/90=5.56, 740/210=3.52, 1060/290=3.66 → stop; then 620/150 → ... orders 210 and 150.
  // PPB: EPP = 250 part-periods; 120 ≤ 250, 120+160=280 > 250 and |280−250| < |250−120| → cover 3 periods.
  it('least unit cost and part-period balancing, hand-computed on FoSCT Example 3.9 data', () => {
    const base = { demand: [90, 120, 80, 70], setupCost: 500, holdingCostPerUnitPerPeriod: 2 };
    const luc = planLotSizes({ ...base, method: 'least-unit-cost' });
    expect(luc.orderQuantities).toEqual([210, 0, 150, 0]);
    expect(luc.totalCost).toBe(1380);
    const ppb = planLotSizes({ ...base, method: 'part-period-balancing' });
    expect(ppb.orderQuantities).toEqual([290, 0, 0, 70]);
    expect(ppb.totalCost).toBe(1560);
  });

  it('EOQ, POQ and fixed quantity (hand-computed)', () => {
    // Average demand 90; EOQ = sqrt(2·90·500/2) = 212.13; POQ periods = round(212.13/90) = 2.
    const base = { demand: [90, 120, 80, 70], setupCost: 500, holdingCostPerUnitPerPeriod: 2 };
    const eoq = planLotSizes({ ...base, method: 'economic-order-quantity' });
    expect(eoq.orderQuantities[0]).toBeCloseTo(212.132034, 5);
    expect(eoq.orderQuantities[1]).toBe(0);
    expect(eoq.orderQuantities[2]).toBeCloseTo(212.132034, 5);
    expect(planLotSizes({ ...base, method: 'period-order-quantity' }).orderQuantities).toEqual([210, 0, 150, 0]);
    expect(planLotSizes({ ...base, method: 'period-order-quantity', periodsOfSupply: 3 }).orderQuantities).toEqual([290, 0, 0, 70]);
    expect(planLotSizes({ ...base, method: 'fixed-quantity', fixedQuantity: 100 }).orderQuantities).toEqual([100, 200, 0, 100]);
    expect(planLotSizes({ ...base, method: 'lot-for-lot' }).orderQuantities).toEqual([90, 120, 80, 70]);
  });

  it('modifiers: minimum, multiple and maximum (split) carry excess forward', () => {
    const base = { demand: [90, 120, 80, 70], setupCost: 500, holdingCostPerUnitPerPeriod: 2 };
    const multiple = planLotSizes({ ...base, method: 'lot-for-lot', multipleQuantity: 50 });
    expect(multiple.orderQuantities).toEqual([100, 150, 50, 100]);
    const minimum = planLotSizes({ ...base, method: 'lot-for-lot', minimumQuantity: 150 });
    expect(minimum.orderQuantities).toEqual([150, 150, 0, 150]);
    const maximum = planLotSizes({ ...base, method: 'wagner-whitin', maximumQuantity: 100 });
    expect(maximum.orders.filter((o) => o.period === 0).map((o) => o.quantity)).toEqual([100, 100, 10]);
    expect(maximum.orders.every((o) => o.quantity <= 100)).toBe(true);
  });

  it('initial inventory is netted first', () => {
    const result = planLotSizes({ demand: [50, 50, 50], setupCost: 10, holdingCostPerUnitPerPeriod: 1, method: 'lot-for-lot', initialInventory: 70 });
    expect(result.orderQuantities).toEqual([0, 30, 50]);
    expect(result.endingInventory).toEqual([20, 0, 0]);
  });
});

describe('planLotSizes — invariants on random instances', () => {
  it('every rule covers demand; WW is never beaten by a heuristic', () => {
    const random = createRandom(7);
    for (let trial = 0; trial < 200; trial++) {
      const length = 1 + random.nextInt(0, 24);
      const demand = Array.from({ length }, () => (random.next() < 0.25 ? 0 : random.nextInt(1, 200)));
      const setupCost = random.nextInt(10, 500);
      const holdingCostPerUnitPerPeriod = 0.1 + random.next() * 3;
      const costs = new Map<LotSizingMethod, number>();
      for (const method of LOT_SIZING_METHODS) {
        const result = planLotSizes({ demand, setupCost, holdingCostPerUnitPerPeriod, method, fixedQuantity: 75 });
        let cumulative = 0;
        for (let t = 0; t < length; t++) {
          cumulative += (result.orderQuantities[t] as number) - (demand[t] as number);
          expect(cumulative).toBeGreaterThanOrEqual(-1e-6);
        }
        costs.set(method, result.totalCost);
      }
      const optimal = costs.get('wagner-whitin')!;
      for (const [method, cost] of costs) expect(cost, method).toBeGreaterThanOrEqual(optimal - 1e-6);
    }
  });

  it('edge cases: all-zero demand orders nothing, horizon of one orders the demand', () => {
    for (const method of LOT_SIZING_METHODS) {
      expect(planLotSizes({ demand: [0, 0, 0], setupCost: 5, holdingCostPerUnitPerPeriod: 1, method, fixedQuantity: 10 }).totalCost).toBe(0);
      const one = planLotSizes({ demand: [7], setupCost: 5, holdingCostPerUnitPerPeriod: 1, method, fixedQuantity: 7 });
      if (method === 'economic-order-quantity') expect(one.orderQuantities[0]).toBeCloseTo(Math.sqrt(2 * 7 * 5), 9);
      else expect(one.orderQuantities).toEqual([7]);
    }
  });
});

describe('planLotSizes — bad input', () => {
  const codeOf = (f: () => unknown): string | undefined => {
    try {
      f();
    } catch (error) {
      return error instanceof CoreError ? `${error.code}:${error.path}` : 'other';
    }
    return undefined;
  };
  it('throws typed errors with the path of the bad field', () => {
    expect(codeOf(() => planLotSizes({ demand: [], setupCost: 1, holdingCostPerUnitPerPeriod: 1, method: 'lot-for-lot' }))).toBe('empty_input:demand');
    expect(codeOf(() => planLotSizes({ demand: [1, -2], setupCost: 1, holdingCostPerUnitPerPeriod: 1, method: 'lot-for-lot' }))).toBe('negative_value:demand[1]');
    expect(codeOf(() => planLotSizes({ demand: [1, 2], setupCost: [1], holdingCostPerUnitPerPeriod: 1, method: 'wagner-whitin' }))).toBe('length_mismatch:setupCost');
    expect(codeOf(() => planLotSizes({ demand: [1], setupCost: 1, holdingCostPerUnitPerPeriod: Number.NaN, method: 'silver-meal' }))).toBe('not_finite:holdingCostPerUnitPerPeriod');
    expect(codeOf(() => planLotSizes({ demand: [1], setupCost: 1, holdingCostPerUnitPerPeriod: 1, method: 'fixed-quantity' }))).toBe('invalid_input:fixedQuantity');
    expect(codeOf(() => planLotSizes({ demand: [1], setupCost: 1, holdingCostPerUnitPerPeriod: 1, method: 'magic' as LotSizingMethod }))).toBe('invalid_input:method');
    expect(codeOf(() => computeLotSizingCost({ demand: [5], orderQuantities: [4], setupCost: 1, holdingCostPerUnitPerPeriod: 1 }))).toBe('infeasible:orderQuantities[0]');
  });
});
