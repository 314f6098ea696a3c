import { describe, expect, it } from 'vitest';
import { planMasterSchedule, type MasterScheduleInput } from '@flowpilot/core';
import { planWithItemLotSizing } from './run-mps-step';

const input: MasterScheduleInput = {
  itemId: 'FG',
  forecastUnits: [10, 10, 10, 10, 10, 10, 10, 10, 10, 10],
  customerOrdersUnits: [12, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  onHandUnits: 15,
  lotSizing: { rule: 'lot-for-lot', lotMultipleUnits: 1 },
  timeFences: { demandTimeFencePeriods: 2, planningTimeFencePeriods: 4 },
  demandPolicy: 'consume-forecast',
};

describe('MPS with the item lot-sizing rule', () => {
  it('groups weekly needs into fewer lots when setups are dear (Wagner–Whitin), keeps the frozen zone, and never runs short', () => {
    const lfl = planMasterSchedule(input);
    const ww = planWithItemLotSizing(input, { lot_size_rule: 'wagner_whitin', lot_size_qty: null, standard_cost: '52', setup_cost: '200' }, 2);
    const count = (r: typeof lfl): number => r.periods.filter((p) => p.plannedReceiptsUnits > 0).length;
    expect(count(ww)).toBeLessThan(count(lfl));
    // Same total supply over the horizon, nothing changed in the frozen zone.
    const total = (r: typeof lfl): number => r.periods.reduce((s, p) => s + p.masterScheduleUnits, 0);
    expect(total(ww)).toBeCloseTo(total(lfl), 6);
    expect(ww.periods.slice(0, 2).map((p) => p.masterScheduleUnits)).toEqual(lfl.periods.slice(0, 2).map((p) => p.masterScheduleUnits));
    for (const p of ww.periods.slice(2)) expect(p.projectedAvailableUnits).toBeGreaterThanOrEqual(-1e-9);
    for (const p of ww.periods) expect(p.masterScheduleUnits).toBeCloseTo(p.firmReceiptsUnits + p.plannedReceiptsUnits, 9);
  });

  it('leaves lot-for-lot and fixed-quantity items to the single pass', () => {
    expect(planWithItemLotSizing(input, { lot_size_rule: 'lot_for_lot', lot_size_qty: null, standard_cost: '52', setup_cost: '200' }, 2)).toEqual(planMasterSchedule(input));
  });
});
