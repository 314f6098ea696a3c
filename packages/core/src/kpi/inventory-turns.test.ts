import { describe, expect, it } from 'vitest';
import { computeDaysOfSupply, computeInventoryTurns } from './inventory-turns';
import { computeInventoryRecordAccuracy, computeStockOutRate } from './stock-out-rate';
import type { KpiInventorySnapshot, KpiMovement } from './types';

// Hand-computed: two items on two dates; stock value 3,000 + 1,000 on 06-01 and 3,000 + 1,000 on 06-30
// → average 4,000. Issues: 300 × 20 + 600 × 10 = 12,000 over a 30-day window.
const snapshots: KpiInventorySnapshot[] = [
  { id: 'S1', itemId: 'A', date: '2026-06-01', onHandQuantity: 150, unitCost: 20 },
  { id: 'S2', itemId: 'B', date: '2026-06-01', onHandQuantity: 100, unitCost: 10 },
  { id: 'S3', itemId: 'A', date: '2026-06-30', onHandQuantity: 150, unitCost: 20 },
  { id: 'S4', itemId: 'B', date: '2026-06-30', onHandQuantity: 100, unitCost: 10 },
];
const movements: KpiMovement[] = [
  { id: 'M1', itemId: 'A', date: '2026-06-10', kind: 'shipment', quantity: 300, unitCost: 20 },
  { id: 'M2', itemId: 'B', date: '2026-06-12', kind: 'issue', quantity: 600, unitCost: 10 },
  { id: 'M3', itemId: 'B', date: '2026-06-13', kind: 'receipt', quantity: 600, unitCost: 10 },
];

describe('inventory turns and days of supply (APICS; SCOR AM.2.2)', () => {
  it('turns = 12,000 / 4,000 = 3 over the window, 36.5 a year', () => {
    const result = computeInventoryTurns({ snapshots, movements });
    expect(result.value).toBe(3);
    expect(result.components).toMatchObject({ costOfGoodsSold: 12000, averageInventoryValue: 4000, windowDays: 30, annualisedTurns: 36.5 });
    expect(result.recordIds).toEqual(['S1', 'S2', 'S3', 'S4', 'M1', 'M2']);
    expect(computeInventoryTurns({ snapshots, movements, annualise: true }).value).toBeCloseTo(36.5, 12);
  });
  it('days of supply = 4,000 / (12,000 / 30) = 10 days', () => {
    expect(computeDaysOfSupply({ snapshots, movements }).value).toBe(10);
    expect(computeDaysOfSupply({ snapshots, movements, windowDays: 60 }).value).toBe(20);
  });
  it('no issues → no days of supply', () => {
    expect(computeDaysOfSupply({ snapshots, movements: [] }).value).toBeNull();
  });
});

describe('computeStockOutRate', () => {
  it('on hand 5, 0, 3, 0 → 0.5', () => {
    const list = [5, 0, 3, 0].map((onHandQuantity, index) => ({ id: `S${index}`, itemId: 'A', date: '2026-06-01', onHandQuantity, unitCost: 1 }));
    expect(computeStockOutRate(list).value).toBe(0.5);
  });
});

describe('computeInventoryRecordAccuracy', () => {
  const counts = [
    { id: 'C1', itemId: 'A', date: '2026-06-01', systemQuantity: 100, countedQuantity: 98 },
    { id: 'C2', itemId: 'B', date: '2026-06-01', systemQuantity: 50, countedQuantity: 50 },
    { id: 'C3', itemId: 'C', date: '2026-06-01', systemQuantity: 20, countedQuantity: 25 },
  ];
  it('exact match: 1/3; with 2 % tolerance: 2/3; with 5 units: 3/3', () => {
    expect(computeInventoryRecordAccuracy(counts).value).toBeCloseTo(1 / 3, 12);
    expect(computeInventoryRecordAccuracy(counts, { toleranceFraction: 0.02 }).value).toBeCloseTo(2 / 3, 12);
    expect(computeInventoryRecordAccuracy(counts, { toleranceUnits: 5 }).value).toBe(1);
    expect(computeInventoryRecordAccuracy(counts).components).toEqual({ absoluteErrorUnits: 7 });
  });
});
