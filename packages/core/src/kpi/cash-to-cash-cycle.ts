import type { KpiFinancialRecord, KpiMeasurement } from './types';
import { measurement, ratioOrNull, requireNonEmpty, requireNonNegative } from './internal/validate';
import { toDayNumber } from './internal/iso-date';

/**
 * Cash-to-cash cycle time in days: DIO + DSO − DPO.
 * Formulas: records of the same date (several sites) are summed, balances are then averaged over
 * dates and flows summed; D = Σ periodDays of the dates; DIO = avgInventory / COGS × D;
 * DSO = avgReceivables / revenue × D; DPO = avgPayables / COGS × D.
 * Source: SCOR AM.1.1 "Cash-to-Cash Cycle Time" (= AM.2.2 inventory days of supply + AM.2.1 DSO − AM.2.3 DPO).
 * Example: one 30-day month, inventory 50,000, receivables 40,000, payables 30,000, revenue 120,000,
 * COGS 90,000 → DIO 16.67 + DSO 10 − DPO 10 = 16.67 days. Throws empty_input, negative_value, not_finite.
 */
export function computeCashToCashCycleDays(records: readonly KpiFinancialRecord[]): KpiMeasurement {
  requireNonEmpty(records as KpiFinancialRecord[], 'financials');
  const byDate = new Map<string, { days: number; inventory: number; receivables: number; payables: number; revenue: number; cogs: number }>();
  records.forEach((record, index) => {
    const path = `financials[${index}]`;
    toDayNumber(record.date, `${path}.date`);
    const key = record.date.slice(0, 10);
    const entry = byDate.get(key) ?? { days: requireNonNegative(record.periodDays, `${path}.periodDays`), inventory: 0, receivables: 0, payables: 0, revenue: 0, cogs: 0 };
    entry.inventory += requireNonNegative(record.inventoryValue, `${path}.inventoryValue`);
    entry.receivables += requireNonNegative(record.receivablesAmount, `${path}.receivablesAmount`);
    entry.payables += requireNonNegative(record.payablesAmount, `${path}.payablesAmount`);
    entry.revenue += requireNonNegative(record.revenueAmount, `${path}.revenueAmount`);
    entry.cogs += requireNonNegative(record.costOfGoodsSoldAmount, `${path}.costOfGoodsSoldAmount`);
    byDate.set(key, entry);
  });
  const entries = [...byDate.values()];
  const n = entries.length;
  const sum = (pick: (entry: (typeof entries)[number]) => number) => entries.reduce((total, entry) => total + pick(entry), 0);
  const days = sum((entry) => entry.days);
  const cogs = sum((entry) => entry.cogs);
  const revenue = sum((entry) => entry.revenue);
  const dio = ratioOrNull((sum((entry) => entry.inventory) / n) * days, cogs);
  const dso = ratioOrNull((sum((entry) => entry.receivables) / n) * days, revenue);
  const dpo = ratioOrNull((sum((entry) => entry.payables) / n) * days, cogs);
  const value = dio === null || dso === null || dpo === null ? null : dio + dso - dpo;
  const result = measurement(value ?? 0, value === null ? 0 : 1, records.map((record) => record.id), {
    daysInventoryOutstanding: dio,
    daysSalesOutstanding: dso,
    daysPayablesOutstanding: dpo,
    windowDays: days,
  });
  return result;
}
