import { describe, expect, it } from 'vitest';
import { computeKpiStatus, evaluateKpis } from './evaluate-kpis';
import { KPI_CATALOG } from './kpi-catalog';
import type { KpiActuals } from './types';

const common = { orderDate: '2026-03-01' };
const actuals: KpiActuals = {
  orderLines: [
    { ...common, id: 'L1', orderId: 'A', customerId: 'C1', requestedDate: '2026-03-05', deliveredDate: '2026-03-05', orderedQuantity: 10, deliveredQuantity: 10 },
    { ...common, id: 'L2', orderId: 'A', customerId: 'C1', requestedDate: '2026-03-05', deliveredDate: '2026-03-06', orderedQuantity: 10, deliveredQuantity: 10 },
    { ...common, id: 'L3', orderId: 'B', customerId: 'C2', requestedDate: '2026-04-02', deliveredDate: '2026-04-02', orderedQuantity: 4, deliveredQuantity: 4 },
    { ...common, id: 'L4', orderId: 'D', requestedDate: '2026-04-03', deliveredDate: '2026-04-03', orderedQuantity: 4, deliveredQuantity: 2 },
  ],
  shipments: [
    { id: 'S1', date: '2026-03-05', carrierId: 'T1', quantityUnits: 10, co2Kg: 3 },
    { id: 'S2', date: '2026-03-06', carrierId: 'T2', quantityUnits: 10, co2Kg: 5 },
  ],
};

describe('evaluateKpis', () => {
  it('groups by month and customer and explains each value with its records', () => {
    const result = evaluateKpis({ actuals, kpiIds: ['otif'], period: 'month', by: 'customer' });
    expect(result.rows.map((row) => [row.periodKey, row.dimensionKey, row.value, row.status, row.recordIds])).toEqual([
      ['2026-03', 'C1', 0.5, 'alert', ['L1', 'L2']],
      ['2026-04', '(none)', 0, 'alert', ['L4']],
      ['2026-04', 'C2', 1, 'ok', ['L3']],
    ]);
  });

  it('the sum of group numerators and denominators equals the ungrouped KPI (drill-down is consistent)', () => {
    const whole = evaluateKpis({ actuals, kpiIds: ['fill-rate-unit'] }).rows;
    const split = evaluateKpis({ actuals, kpiIds: ['fill-rate-unit'], period: 'week', by: 'customer' }).rows;
    expect(whole).toHaveLength(1);
    expect(whole[0]!.value).toBeCloseTo(26 / 28, 12);
    expect(split.reduce((sum, row) => sum + row.numerator, 0)).toBe(whole[0]!.numerator);
    expect(split.reduce((sum, row) => sum + row.denominator, 0)).toBe(whole[0]!.denominator);
    expect(split.map((row) => row.periodKey)).toEqual(['2026-W10', '2026-W14', '2026-W14']);
  });

  it('record ids of the groups partition the ungrouped record ids (every number can be traced)', () => {
    const whole = evaluateKpis({ actuals, kpiIds: ['otif', 'co2-per-unit-shipped'] }).rows;
    const split = evaluateKpis({ actuals, kpiIds: ['otif', 'co2-per-unit-shipped'], period: 'week', by: 'carrier' }).rows;
    for (const row of whole) {
      const ids = split.filter((part) => part.kpiId === row.kpiId).flatMap((part) => part.recordIds);
      expect([...ids].sort()).toEqual([...row.recordIds].sort());
    }
  });

  it('by default computes every KPI whose datasets are present, in catalogue order', () => {
    const result = evaluateKpis({ actuals });
    expect(result.rows.map((row) => row.kpiId)).toEqual(['otif', 'fill-rate-unit', 'fill-rate-line', 'fill-rate-order', 'perfect-order-rate', 'order-cycle-time', 'co2-per-unit-shipped']);
    const co2 = result.rows.find((row) => row.kpiId === 'co2-per-unit-shipped')!;
    expect(co2.value).toBeCloseTo(0.4, 12);
    expect(co2.status).toBe('no-target');
  });

  it('applies target overrides and rejects unknown KPIs and periods', () => {
    const row = evaluateKpis({ actuals, kpiIds: ['otif'], targets: { otif: { target: 0.5, alertThreshold: 0.4 } } }).rows[0]!;
    expect(row.value).toBe(0.5);
    expect(row.status).toBe('ok');
    expect(() => evaluateKpis({ actuals, kpiIds: ['nope' as 'otif'] })).toThrow(expect.objectContaining({ code: 'unknown_reference' }));
    expect(() => evaluateKpis({ actuals, period: 'year' as 'month' })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => evaluateKpis({ actuals: { shipments: {} as never } })).toThrow(expect.objectContaining({ code: 'invalid_input', path: 'actuals.shipments' }));
  });

  it('annualises inventory turns over the days of a month inside the window, not the whole month', () => {
    // Stock 100 € on each of the 10 days 2026-11-14…23, COGS 50 €: turns = 50 × 365 / 10 / 100 = 18.25 (not × 365 / 30 = 6.08).
    const days = Array.from({ length: 10 }, (_, i) => `2026-11-${String(14 + i).padStart(2, '0')}`);
    const cut: KpiActuals = {
      inventorySnapshots: days.map((date) => ({ id: `S${date}`, itemId: 'I', date, onHandQuantity: 10, unitCost: 10 })),
      movements: [{ id: 'M1', itemId: 'I', date: '2026-11-20', kind: 'shipment', quantity: 5, unitCost: 10 }],
    };
    const within = evaluateKpis({ actuals: cut, period: 'month', kpiIds: ['inventory-turns', 'days-of-supply'], options: { window: { from: '2026-11-14', to: '2026-11-23' } } });
    expect(within.rows.map((r) => [r.kpiId, r.value])).toEqual([['inventory-turns', 18.25], ['days-of-supply', 20]]);
    const whole = evaluateKpis({ actuals: cut, period: 'month', kpiIds: ['inventory-turns'] });
    expect(whole.rows[0]?.value).toBeCloseTo((50 * 365) / 30 / 100, 12);
  });

  it('is deterministic', () => {
    expect(evaluateKpis({ actuals, period: 'week', by: 'carrier' })).toEqual(evaluateKpis({ actuals, period: 'week', by: 'carrier' }));
  });
});

describe('computeKpiStatus', () => {
  it('higher, lower and closer-to-zero directions', () => {
    expect(computeKpiStatus(0.92, 'higher-is-better', 0.95, 0.9)).toBe('warning');
    expect(computeKpiStatus(0.89, 'higher-is-better', 0.95, 0.9)).toBe('alert');
    expect(computeKpiStatus(4, 'lower-is-better', 5, 10)).toBe('ok');
    expect(computeKpiStatus(11, 'lower-is-better', 5, 10)).toBe('alert');
    expect(computeKpiStatus(-0.1, 'closer-to-zero', 0.05, 0.15)).toBe('warning');
    expect(computeKpiStatus(null, 'closer-to-zero', 0.05, 0.15)).toBe('no-data');
  });
});

describe('KPI_CATALOG', () => {
  it('has unique ids, both languages, a formula and a source for every KPI', () => {
    expect(new Set(KPI_CATALOG.map((kpi) => kpi.id)).size).toBe(KPI_CATALOG.length);
    for (const kpi of KPI_CATALOG) {
      expect(kpi.name.en && kpi.name.fr && kpi.definition.en && kpi.definition.fr && kpi.formula && kpi.source).toBeTruthy();
      if (kpi.target !== null && kpi.alertThreshold !== null && kpi.direction === 'higher-is-better') expect(kpi.alertThreshold).toBeLessThanOrEqual(kpi.target);
      if (kpi.target !== null && kpi.alertThreshold !== null && kpi.direction !== 'higher-is-better') expect(kpi.alertThreshold).toBeGreaterThanOrEqual(kpi.target);
    }
  });
});
