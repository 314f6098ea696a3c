import { describe, expect, it } from 'vitest';
import { computeCo2PerUnitShipped, computeLogisticsCostPerOrder, computeLogisticsCostPerUnit, computeLogisticsCostShareOfSales } from './logistics-cost-kpis';
import { computeCashToCashCycleDays } from './cash-to-cash-cycle';
import type { KpiCostRecord, KpiOrderLine } from './types';

// Hand-computed: costs 1,000 + 500 = 1,500; three delivered orders, 300 units, sales 20,000.
const costs: KpiCostRecord[] = [
  { id: 'K1', date: '2026-03-31', category: 'transport', amount: 1000 },
  { id: 'K2', date: '2026-03-31', category: 'storage', amount: 500 },
];
const common = { orderDate: '2026-03-01', requestedDate: '2026-03-05', deliveredDate: '2026-03-05' };
const lines: KpiOrderLine[] = [
  { ...common, id: 'L1', orderId: 'A', orderedQuantity: 100, deliveredQuantity: 100, revenueAmount: 5000 },
  { ...common, id: 'L2', orderId: 'A', orderedQuantity: 50, deliveredQuantity: 50, revenueAmount: 5000 },
  { ...common, id: 'L3', orderId: 'B', orderedQuantity: 100, deliveredQuantity: 100, revenueAmount: 6000 },
  { ...common, id: 'L4', orderId: 'C', orderedQuantity: 50, deliveredQuantity: 50, revenueAmount: 4000 },
];

describe('logistics cost KPIs (hand-computed)', () => {
  it('per order 500, per unit 5, share of sales 0.075', () => {
    expect(computeLogisticsCostPerOrder({ costs, orderLines: lines }).value).toBe(500);
    expect(computeLogisticsCostPerUnit({ costs, orderLines: lines }).value).toBe(5);
    expect(computeLogisticsCostShareOfSales({ costs, orderLines: lines }).value).toBe(0.075);
  });
  it('CO2 per unit: (50 + 70) / (100 + 300) = 0.3 kg', () => {
    const result = computeCo2PerUnitShipped([
      { id: 'SH1', date: '2026-03-02', quantityUnits: 100, co2Kg: 50 },
      { id: 'SH2', date: '2026-03-03', quantityUnits: 300, co2Kg: 70 },
    ]);
    expect(result.value).toBeCloseTo(0.3, 12);
    expect(computeCo2PerUnitShipped([]).value).toBeNull();
  });
});

describe('computeCashToCashCycleDays (SCOR AM.1.1)', () => {
  it('30-day month: DIO 16.67 + DSO 10 − DPO 10 = 16.67 days; two sites on one date are summed', () => {
    const site = { date: '2026-03-01', periodDays: 30, inventoryValue: 25000, receivablesAmount: 20000, payablesAmount: 15000, revenueAmount: 60000, costOfGoodsSoldAmount: 45000 };
    const result = computeCashToCashCycleDays([{ id: 'F1', siteId: 'N', ...site }, { id: 'F2', siteId: 'S', ...site }]);
    expect(result.components!.daysInventoryOutstanding).toBeCloseTo(50000 / 90000 * 30, 12);
    expect(result.components!.daysSalesOutstanding).toBeCloseTo(10, 12);
    expect(result.components!.daysPayablesOutstanding).toBeCloseTo(10, 12);
    expect(result.value).toBeCloseTo(16.6667, 4);
  });
  it('averages balances and adds flows over two months', () => {
    const month = (id: string, date: string, inventoryValue: number) => ({ id, date, periodDays: 30, inventoryValue, receivablesAmount: 0, payablesAmount: 0, revenueAmount: 100, costOfGoodsSoldAmount: 600 });
    // avg inventory 300, COGS 1,200 over 60 days → DIO 15.
    expect(computeCashToCashCycleDays([month('a', '2026-01-01', 200), month('b', '2026-02-01', 400)]).value).toBe(15);
  });
});
