import { describe, expect, it } from 'vitest';
import { computeValueStreamMap, type ValueStreamMapInput } from './value-stream-map';
import acme from '../../../../examples/lean/acme-stamping-vsm.json';

const input = acme as unknown as ValueStreamMapInput;

describe('computeValueStreamMap — Rother & Shook, Learning to See (1999), ACME Stamping current state', () => {
  const result = computeValueStreamMap(input);

  it('takt time = 27,600 s × 2 shifts / 920 pieces a day (18,400 a month over 20 days) = 60 s', () => {
    expect(result.availableSecondsPerDay).toBe(55200);
    expect(result.taktTimeSeconds).toBe(60);
  });

  it('inventory days on the ladder: 5, 7.6, 1.8, 2.7, 2.0, 4.5 → lead time 23.6 days', () => {
    // 7,000 / 920 = 7.61; 1,700 / 920 = 1.85; 2,450 / 920 = 2.66; 1,840 / 920 = 2.0; 4,140 / 920 = 4.5 (book rounds to 0.1, 1.85 shown as 1.8).
    expect(result.inventories.map((inventory) => Math.floor(inventory.days * 10 + 0.5 - 1e-9) / 10)).toEqual([5, 7.6, 1.8, 2.7, 2, 4.5]);
    expect(result.leadTimeDays).toBeCloseTo(23.6, 1);
  });

  it('processing time = 1 + 39 + 46 + 62 + 40 = 188 s and PCE = 188 / (23.62 d × 55,200 s + 188 s)', () => {
    expect(result.valueAddedTimeSeconds).toBe(188);
    expect(result.processCycleEfficiency).toBeCloseTo(188 / (result.leadTimeDays * 55200 + 188), 15);
    expect(result.processCycleEfficiency).toBeCloseTo(0.000144, 6);
    const calendar = computeValueStreamMap({ ...input, leadTimeDayBasis: 'calendar' });
    expect(calendar.processCycleEfficiency).toBeCloseTo(188 / (calendar.leadTimeDays * 86400 + 188), 15);
  });

  it('Assembly #1 (62 s) is over takt; S. Weld #2 (46 s at 80 % uptime = 57.5 s) is the next constraint', () => {
    expect(result.status).toBe('over-takt');
    expect(result.exceptions).toEqual([{ code: 'cycle-time-exceeds-takt', stepId: 'assembly-1', cycleTimeSeconds: 62, taktTimeSeconds: 60 }]);
    expect(result.bottleneckStepId).toBe('assembly-1');
    expect(result.steps.find((step) => step.id === 'spot-weld-2')!.effectiveCycleTimeSeconds).toBe(57.5);
    expect(result.totalOperators).toBe(5);
  });

  it('lays the timeline in flow order with finished goods last', () => {
    expect(result.timeline.map((segment) => segment.id)).toEqual(['coils', 'stamping', 'stamped', 'spot-weld-1', 'welded-1', 'spot-weld-2', 'welded-2', 'assembly-1', 'assembled-1', 'assembly-2', 'finished-goods']);
  });

  it('rejects bad maps', () => {
    expect(() => computeValueStreamMap({ ...input, steps: [] })).toThrow(expect.objectContaining({ code: 'empty_input' }));
    expect(() => computeValueStreamMap({ ...input, inventories: [{ id: 'x', beforeStepId: 'nowhere', days: 1 }] })).toThrow(expect.objectContaining({ code: 'unknown_reference' }));
    expect(() => computeValueStreamMap({ ...input, dailyDemandUnits: 0 })).toThrow(expect.objectContaining({ code: 'out_of_range' }));
    expect(() => computeValueStreamMap({ ...input, inventories: [{ id: 'x', beforeStepId: null }] })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('a single step with no inventory has PCE 1', () => {
    const single = computeValueStreamMap({ name: 'cell', dailyDemandUnits: 100, availableSecondsPerShift: 6000, shiftsPerDay: 1, steps: [{ id: 'a', name: 'A', cycleTimeSeconds: 30 }], inventories: [] });
    expect(single.processCycleEfficiency).toBe(1);
    expect(single.leadTimeDays).toBe(0);
    expect(single.status).toBe('ok');
  });
});
