import { classifyAbc, type AbcClassBound } from '@flowpilot/core';
import { CountingError } from './counting-error';
import type { CountClassSettingsByClass } from './counting-settings';
import { addDays, addMonths } from './internal/dates';

/** A stock point (item at a location) and what it is used for in a year. */
export type CountScheduleStockPoint = { itemCode: string; locationCode: string; annualUsageValue: number };

export type CountScheduleInput = {
  stockPoints: CountScheduleStockPoint[];
  /** First day of the plan (YYYY-MM-DD); cycles start here. */
  fromDate: string;
  /** Horizon in whole months (default 12). */
  months?: number;
  /** Class bounds on the cumulative share of usage value (default A 80 %, B 95 %, C 100 %). */
  abcClasses?: AbcClassBound[];
  settings: CountClassSettingsByClass;
  /** True for a day counters work (YYYY-MM-DD). */
  isWorkingDay: (date: string) => boolean;
  /** Schedule only these items' stock points; the ABC ranking still runs over every stock point, so an item keeps its class. */
  onlyItemCodes?: readonly string[];
};

export type CountScheduleLine = { itemCode: string; locationCode: string; abcClass: string; annualUsageValue: number; scheduledDate: string; cycle: number };

export type CountScheduleResult = {
  fromDate: string;
  toDate: string;
  lines: CountScheduleLine[];
  /** Per class: stock points, counts per year, cycles in the horizon, counts planned. */
  classes: Record<string, { stockPoints: number; countsPerYear: number; cycleMonths: number; countsPlanned: number }>;
};

/**
 * Cycle-count schedule by ABC class: stock points are ranked by annual usage value into classes (core classifyAbc,
 * Pareto), each class is counted `countsPerYear` times, i.e. once per cycle of 12 / countsPerYear months; inside a
 * cycle the class's n stock points (value descending, then item and location) are spread evenly over its W working
 * days: stock point i (0-based) is counted on working day floor(i × W / n). A last cycle cut by the horizon spreads
 * over the working days left. With onlyItemCodes the classes come from every stock point but only the chosen items are
 * scheduled (spread over the cycle among themselves).
 * Source: APICS Dictionary (cycle counting, ABC); Wild, Best Practice in Inventory Management (2002), ch. 13.
 * Example: 3 A stock points, monthly, December 2026 (23 working days Mon–Fri from Tue 1st) → days 0, 7, 15 → 1, 10, 22 Dec.
 * Throws CountingError invalid_input when a class has no settings.
 */
export function planCountSchedule(input: CountScheduleInput): CountScheduleResult {
  const months = input.months ?? 12;
  if (!Number.isInteger(months) || months < 1 || months > 36) throw new CountingError('invalid_input', 'counting.error.settings', { field: 'months', detail: `${months} is not a whole number of months from 1 to 36` });
  const horizonEnd = addMonths(input.fromDate, months);
  const toDate = addDays(horizonEnd, -1);
  const result: CountScheduleResult = { fromDate: input.fromDate, toDate, lines: [], classes: {} };
  if (input.stockPoints.length === 0) return result;
  const keyOf = (p: CountScheduleStockPoint): string => `${p.itemCode}@${p.locationCode}`;
  const abc = classifyAbc({ items: input.stockPoints.map((p) => ({ itemId: keyOf(p), annualDemandUnits: Math.max(p.annualUsageValue, 0), unitCost: 1 })), criterion: 'usage-value', ...(input.abcClasses ? { classes: input.abcClasses } : {}) });
  const byKey = new Map(input.stockPoints.map((p) => [keyOf(p), p]));
  const only = input.onlyItemCodes ? new Set(input.onlyItemCodes) : null;
  const members = new Map<string, CountScheduleStockPoint[]>();
  for (const item of abc.items) { // already value descending, id ascending
    const point = byKey.get(item.itemId)!;
    if (only && !only.has(point.itemCode)) continue;
    const list = members.get(item.abcClass) ?? [];
    list.push(point);
    members.set(item.abcClass, list);
  }
  for (const [label, points] of [...members].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const settings = input.settings[label];
    if (!settings) throw new CountingError('invalid_input', 'counting.error.settings', { field: `classes.${label}`, detail: `class ${label} has no count frequency` });
    const cycleMonths = 12 / settings.countsPerYear;
    let planned = 0;
    let cycle = 0;
    for (let start = input.fromDate; start < horizonEnd; start = addMonths(input.fromDate, ++cycle * cycleMonths)) {
      const end = minDate(addMonths(input.fromDate, (cycle + 1) * cycleMonths), horizonEnd);
      const days: string[] = [];
      for (let d = start; d < end; d = addDays(d, 1)) if (input.isWorkingDay(d)) days.push(d);
      if (days.length === 0) continue;
      points.forEach((p, i) => {
        result.lines.push({ itemCode: p.itemCode, locationCode: p.locationCode, abcClass: label, annualUsageValue: p.annualUsageValue, scheduledDate: days[Math.floor((i * days.length) / points.length)]!, cycle: cycle + 1 });
        planned++;
      });
    }
    result.classes[label] = { stockPoints: points.length, countsPerYear: settings.countsPerYear, cycleMonths, countsPlanned: planned };
  }
  result.lines.sort((a, b) => compare(a.scheduledDate, b.scheduledDate) || compare(a.locationCode, b.locationCode) || compare(a.itemCode, b.itemCode));
  return result;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
