import { describe, expect, it } from 'vitest';
import { computeCapacityUtilisation, computeOverallEquipmentEffectiveness } from './overall-equipment-effectiveness';
import { computeSupplierOnTimeRate } from './supplier-on-time-rate';
import type { KpiProductionEvent } from './types';

// Worked OEE example published by Vorne on oee.com ("OEE calculation"): shift 480 min with two 15-min
// breaks and a 30-min meal → planned 420 min; 47 min down; ideal cycle 1.0 s; 19,271 made, 423 rejected.
const shift: KpiProductionEvent = {
  id: 'E1', resourceId: 'press', date: '2026-03-02', plannedProductionMinutes: 420, downtimeMinutes: 47,
  idealCycleTimeMinutes: 1 / 60, totalUnits: 19271, goodUnits: 18848, availableMinutes: 480,
};

describe('computeOverallEquipmentEffectiveness (Nakajima 1988; oee.com worked example)', () => {
  it('A 0.8881 × P 0.8611 × Q 0.9780 = OEE 0.7479', () => {
    const result = computeOverallEquipmentEffectiveness([shift]);
    expect(result.components!.availability).toBeCloseTo(0.8881, 4);
    expect(result.components!.performance).toBeCloseTo(0.8611, 4);
    expect(result.components!.quality).toBeCloseTo(0.978, 4);
    expect(result.value).toBeCloseTo(0.7479, 4);
    const { availability, performance, quality } = result.components!;
    expect(result.value).toBeCloseTo(availability! * performance! * quality!, 12);
  });
  it('pools events so the product identity still holds', () => {
    const second = { ...shift, id: 'E2', downtimeMinutes: 0, idealCycleTimeMinutes: 2 / 60, totalUnits: 10000, goodUnits: 9000 };
    const result = computeOverallEquipmentEffectiveness([shift, second]);
    const { availability, performance, quality } = result.components!;
    expect(result.value).toBeCloseTo(availability! * performance! * quality!, 12);
    expect(result.denominator).toBe(840);
  });
  it('rejects impossible events', () => {
    expect(() => computeOverallEquipmentEffectiveness([{ ...shift, goodUnits: 20000 }])).toThrow(expect.objectContaining({ code: 'out_of_range' }));
    expect(() => computeOverallEquipmentEffectiveness([{ ...shift, downtimeMinutes: 500 }])).toThrow(expect.objectContaining({ code: 'out_of_range' }));
  });
});

describe('computeCapacityUtilisation', () => {
  it('373 run minutes over 480 available = 0.7771', () => {
    expect(computeCapacityUtilisation([shift]).value).toBeCloseTo(373 / 480, 12);
  });
});

describe('computeSupplierOnTimeRate', () => {
  it('due 03-10, received 03-09, 03-10, 03-12 → 2/3 (3/3 with 2 days tolerance)', () => {
    const receipts = ['2026-03-09', '2026-03-10', '2026-03-12'].map((receivedDate, index) => ({
      id: `R${index}`, supplierId: 'S1', orderDate: '2026-03-01', dueDate: '2026-03-10', receivedDate, orderedQuantity: 10, receivedQuantity: index === 0 ? 8 : 10,
    }));
    const result = computeSupplierOnTimeRate(receipts);
    expect(result.value).toBeCloseTo(2 / 3, 12);
    expect(result.components!.onTimeInFullRate).toBeCloseTo(1 / 3, 12);
    expect(computeSupplierOnTimeRate(receipts, { lateToleranceDays: 2 }).value).toBe(1);
  });
});
