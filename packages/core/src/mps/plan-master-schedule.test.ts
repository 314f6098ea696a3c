import { describe, expect, it } from 'vitest';
import { createRandom } from '../shared/random';
import { planMasterSchedule } from './plan-master-schedule';
import type { MasterScheduleInput } from './types';

// Stevenson, *Operations Management*, MPS chapter worked example: 8 weeks, on hand 64, forecast 30
// (weeks 1-4) and 40 (weeks 5-8), customer orders 33, 20, 10, 4, 2, production lot 70, greater-of rule.
const stevenson: MasterScheduleInput = {
  itemId: 'stevenson-end-item',
  forecastUnits: [30, 30, 30, 30, 40, 40, 40, 40],
  customerOrdersUnits: [33, 20, 10, 4, 2, 0, 0, 0],
  onHandUnits: 64,
  lotSizing: { rule: 'fixed-quantity', lotSizeUnits: 70 },
};

describe('planMasterSchedule — Stevenson MPS example, record checked line by line', () => {
  const result = planMasterSchedule(stevenson);
  const column = (key: keyof (typeof result.periods)[number]): unknown[] => result.periods.map((row) => row[key]);

  it('demand is the greater of forecast and orders', () => {
    expect(column('demandUnits')).toEqual([33, 30, 30, 30, 40, 40, 40, 40]);
  });
  it('MPS: 70 in weeks 3, 5, 7 and 8', () => {
    expect(column('masterScheduleUnits')).toEqual([0, 0, 70, 0, 70, 0, 70, 70]);
  });
  it('projected on hand: 31, 1, 41, 11, 41, 1, 31, 61', () => {
    expect(column('projectedAvailableUnits')).toEqual([31, 1, 41, 11, 41, 1, 31, 61]);
  });
  it('discrete ATP: 11 (week 1), 56 (week 3), 68 (week 5), 70, 70', () => {
    expect(column('availableToPromiseUnits')).toEqual([11, 0, 56, 0, 68, 0, 70, 70]);
  });
  it('cumulative ATP: 11, 11, 67, 67, 135, 135, 205, 275', () => {
    expect(column('cumulativeAvailableToPromiseUnits')).toEqual([11, 11, 67, 67, 135, 135, 205, 275]);
  });
  it('no exceptions, all liquid without fences', () => {
    expect(result.status).toBe('ok');
    expect(new Set(column('zone'))).toEqual(new Set(['liquid']));
  });
});

describe('planMasterSchedule — time fences, safety stock, forecast consumption', () => {
  it('frozen zone plans orders only and reports shortages instead of creating MPS quantities', () => {
    const result = planMasterSchedule({
      ...stevenson,
      onHandUnits: 20,
      timeFences: { demandTimeFencePeriods: 2, planningTimeFencePeriods: 4 },
    });
    expect(result.periods.map((p) => p.zone)).toEqual(['frozen', 'frozen', 'slushy', 'slushy', 'liquid', 'liquid', 'liquid', 'liquid']);
    expect(result.periods[0]?.demandUnits).toBe(33); // orders only
    expect(result.periods[1]?.demandUnits).toBe(20); // orders only, forecast 30 ignored in the frozen zone
    expect(result.periods[0]?.plannedReceiptsUnits).toBe(0);
    expect(result.periods[0]?.projectedAvailableUnits).toBe(-13);
    const codes = result.exceptions.map((e) => `${e.code}@${e.period}`);
    expect(codes).toContain('shortage_in_frozen_zone@W1');
    expect(codes).toContain('needs_planner_approval@W3');
    expect(result.status).toBe('exceptions');
  });

  it('never leaves projected available below safety stock outside the frozen zone (invariant)', () => {
    for (const lot of [1, 25, 70, 200]) {
      const result = planMasterSchedule({ ...stevenson, safetyStockUnits: 15, lotSizing: { rule: 'fixed-quantity', lotSizeUnits: lot }, firmReceiptsUnits: [0, 0, 0, 50, 0, 0, 0, 0] });
      for (const row of result.periods) expect(row.projectedAvailableUnits).toBeGreaterThanOrEqual(15);
      expect(result.periods[3]?.firmReceiptsUnits).toBe(50);
    }
  });

  it('lot-for-lot with a lot multiple rounds each need up', () => {
    const result = planMasterSchedule({ ...stevenson, lotSizing: { rule: 'lot-for-lot', lotMultipleUnits: 25 } });
    expect(result.periods.map((p) => p.masterScheduleUnits)).toEqual([0, 0, 50, 25, 25, 50, 50, 25]);
  });

  it('forecast consumption policy: orders + unconsumed forecast, unforecast orders reported', () => {
    const result = planMasterSchedule({
      itemId: 'x',
      forecastUnits: [100, 100, 100],
      customerOrdersUnits: [0, 130, 120],
      onHandUnits: 0,
      demandPolicy: 'consume-forecast',
      consumption: { backwardPeriods: 1 },
    });
    expect(result.periods.map((p) => p.demandUnits)).toEqual([70, 130, 120]);
    expect(result.exceptions).toEqual([expect.objectContaining({ code: 'unforecast_orders', period: 'W3', quantityUnits: 20 })]);
  });

  it('reports over-promised orders', () => {
    const result = planMasterSchedule({ itemId: 'x', forecastUnits: [0, 0], customerOrdersUnits: [5, 10], onHandUnits: 8, timeFences: { demandTimeFencePeriods: 2 } });
    expect(result.exceptions.find((e) => e.code === 'overcommitted')?.quantityUnits).toBe(7);
  });

  it('rejects bad input', () => {
    expect(() => planMasterSchedule({ ...stevenson, customerOrdersUnits: [1] })).toThrow(expect.objectContaining({ code: 'length_mismatch' }));
    expect(() => planMasterSchedule({ ...stevenson, lotSizing: { rule: 'fixed-quantity', lotSizeUnits: 0 } })).toThrow(expect.objectContaining({ code: 'out_of_range' }));
    expect(() => planMasterSchedule({ ...stevenson, timeFences: { demandTimeFencePeriods: 3, planningTimeFencePeriods: 1 } })).toThrow(expect.objectContaining({ path: 'timeFences.planningTimeFencePeriods' }));
    expect(() => planMasterSchedule({ ...stevenson, forecastUnits: [] })).toThrow(expect.objectContaining({ code: 'empty_input' }));
  });

  it('random invariants: PAB ≥ safety stock outside the frozen zone, balance closes, ATP never negative', () => {
    const random = createRandom(21);
    for (let run = 0; run < 60; run += 1) {
      const n = random.nextInt(1, 14);
      const demandFence = random.nextInt(0, 3);
      const input: MasterScheduleInput = {
        itemId: `I${run}`,
        forecastUnits: Array.from({ length: n }, () => random.nextInt(0, 80)),
        customerOrdersUnits: Array.from({ length: n }, () => random.nextInt(0, 90)),
        onHandUnits: random.nextInt(0, 100),
        safetyStockUnits: random.nextInt(0, 30),
        firmReceiptsUnits: Array.from({ length: n }, () => (random.next() < 0.2 ? random.nextInt(0, 60) : 0)),
        lotSizing: random.next() < 0.5 ? { rule: 'lot-for-lot' } : { rule: 'fixed-quantity', lotSizeUnits: random.nextInt(1, 120) },
        timeFences: { demandTimeFencePeriods: demandFence, planningTimeFencePeriods: demandFence + random.nextInt(0, 3) },
        demandPolicy: random.next() < 0.5 ? 'greater-of' : 'consume-forecast',
      };
      const result = planMasterSchedule(input);
      let balance = input.onHandUnits;
      for (const row of result.periods) {
        balance += row.masterScheduleUnits - row.demandUnits;
        expect(row.projectedAvailableUnits).toBeCloseTo(balance, 9);
        if (row.zone !== 'frozen') expect(row.projectedAvailableUnits).toBeGreaterThanOrEqual((input.safetyStockUnits ?? 0) - 1e-9);
        else expect(row.plannedReceiptsUnits).toBe(0);
        expect(row.availableToPromiseUnits).toBeGreaterThanOrEqual(0);
      }
      // Every frozen-zone breach is reported.
      const breaches = result.periods.filter((row) => row.zone === 'frozen' && row.projectedAvailableUnits < (input.safetyStockUnits ?? 0) - 1e-9).length;
      expect(result.exceptions.filter((e) => e.code === 'shortage_in_frozen_zone')).toHaveLength(breaches);
    }
  });
});

describe('MPS following the family production plan (PIC disaggregated)', () => {
  // Vollmann et al., ch. "Sales and Operations Planning": the MPS is the production plan broken down
  // by item; it departs from it only to protect safety stock (hand-computed cases).
  it('schedules the plan in the liquid zone: a level plan builds stock ahead of demand', () => {
    const result = planMasterSchedule({
      itemId: 'A', forecastUnits: [10, 10, 10, 10, 30, 30], customerOrdersUnits: [0, 0, 0, 0, 0, 0], onHandUnits: 0,
      productionPlanUnits: [20, 20, 20, 20, 20, 0],
    });
    expect(result.periods.map((p) => p.masterScheduleUnits)).toEqual([20, 20, 20, 20, 20, 0]);
    expect(result.periods.map((p) => p.projectedAvailableUnits)).toEqual([10, 20, 30, 40, 30, 0]);
    expect(result.periods.map((p) => p.productionPlanUnits)).toEqual([20, 20, 20, 20, 20, 0]);
    expect(result.exceptions).toEqual([]);
  });

  it('adds to the plan only where projected available would fall below safety stock, then catches up', () => {
    const result = planMasterSchedule({
      itemId: 'B', forecastUnits: [10, 10, 10, 10], customerOrdersUnits: [0, 0, 0, 0], onHandUnits: 5, safetyStockUnits: 5,
      productionPlanUnits: [5, 15, 10, 10],
    });
    // Week 1: plan 5 leaves 0 < SS 5, so 5 more; week 2: cumulative plan 20 − scheduled 10 = 10 due.
    expect(result.periods.map((p) => p.masterScheduleUnits)).toEqual([10, 10, 10, 10]);
    expect(result.periods.map((p) => p.projectedAvailableUnits)).toEqual([5, 5, 5, 5]);
    expect(result.exceptions.map((e) => `${e.code}@${e.period}:${e.quantityUnits}`)).toEqual(['above_production_plan@W1:5']);
    expect(result.periods.reduce((sum, p) => sum + p.masterScheduleUnits, 0)).toBe(40);
  });

  it('keeps fixed lots: a lot is released when the cumulative plan calls for it; fences still net', () => {
    const result = planMasterSchedule({
      itemId: 'C', forecastUnits: [5, 5, 5, 5, 5, 5], customerOrdersUnits: [5, 0, 0, 0, 0, 0], onHandUnits: 30,
      productionPlanUnits: [0, 0, 12, 12, 12, 12], lotSizing: { rule: 'fixed-quantity', lotSizeUnits: 25 },
      timeFences: { demandTimeFencePeriods: 1, planningTimeFencePeriods: 2 },
    });
    // Liquid from week 3: cumulative plan 12 → one lot of 25; week 4: 24 ≤ 25 scheduled; week 5: 36 → another 25.
    expect(result.periods.map((p) => p.masterScheduleUnits)).toEqual([0, 0, 25, 0, 25, 0]);
  });
});
