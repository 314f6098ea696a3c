import { describe, expect, it } from 'vitest';
import { planCountSchedule } from './plan-count-schedule';
import { isWeekday } from './internal/dates';
import { computeCountVariance } from './compute-count-variance';
import { computeRecordAccuracy } from './compute-record-accuracy';
import { summarizeCountVariances } from './summarize-count-variances';
import { computeSupplierScorecard, type SupplierOrderLineRecord } from './compute-supplier-scorecard';
import { DEFAULT_COUNT_CLASS_SETTINGS, parseCountClassSettings } from './counting-settings';
import { CountingError } from './counting-error';

describe('planCountSchedule (hand-computed: Silver, Pyke & Thomas 2017 §2.3 ABC example values 50, 30, 10, 6, 4)', () => {
  const stockPoints = [
    { itemCode: 'I1', locationCode: 'W1', annualUsageValue: 50 }, { itemCode: 'I2', locationCode: 'W1', annualUsageValue: 30 },
    { itemCode: 'I3', locationCode: 'W1', annualUsageValue: 10 }, { itemCode: 'I4', locationCode: 'W1', annualUsageValue: 6 },
    { itemCode: 'I5', locationCode: 'W1', annualUsageValue: 4 },
  ];
  it('spreads A monthly, B quarterly, C yearly over Monday–Friday working days', () => {
    const plan = planCountSchedule({ stockPoints, fromDate: '2026-12-01', months: 3, settings: DEFAULT_COUNT_CLASS_SETTINGS, isWorkingDay: isWeekday });
    expect(plan.toDate).toBe('2027-02-28');
    expect(plan.classes).toEqual({
      A: { stockPoints: 2, countsPerYear: 12, cycleMonths: 1, countsPlanned: 6 },
      B: { stockPoints: 2, countsPerYear: 4, cycleMonths: 3, countsPlanned: 2 },
      C: { stockPoints: 1, countsPerYear: 1, cycleMonths: 12, countsPlanned: 1 },
    });
    const datesOf = (item: string): string[] => plan.lines.filter((l) => l.itemCode === item).map((l) => l.scheduledDate);
    // December 2026 has 23 weekdays (Tue 1st … Thu 31st): the 2nd of 2 A items goes to weekday floor(1 × 23 / 2) = 11 → 16 Dec.
    // January 2027 has 21 weekdays: floor(21 / 2) = 10 → 15 Jan. Quarter Dec–Feb: 23 + 21 + 20 = 64 → B's 2nd item on weekday 32 → 14 Jan.
    expect(datesOf('I1')).toEqual(['2026-12-01', '2027-01-01', '2027-02-01']);
    expect(datesOf('I2')).toEqual(['2026-12-16', '2027-01-15', '2027-02-15']);
    expect(datesOf('I3')).toEqual(['2026-12-01']);
    expect(datesOf('I4')).toEqual(['2027-01-14']);
    expect(datesOf('I5')).toEqual(['2026-12-01']);
    expect(plan.lines.every((l) => isWeekday(l.scheduledDate))).toBe(true);
  });
  it('three A items in December 2026 go to weekdays 0, 7, 15 → 1, 10 and 22 December (doc example)', () => {
    const three = stockPoints.slice(0, 3).map((p) => ({ ...p, annualUsageValue: 10 }));
    const plan = planCountSchedule({ stockPoints: three, fromDate: '2026-12-01', months: 1, settings: { A: { countsPerYear: 12, quantityTolerance: 0, valueToleranceEur: 0 } }, abcClasses: [{ label: 'A', cumulativeShare: 1 }], isWorkingDay: isWeekday });
    expect(plan.lines.map((l) => l.scheduledDate)).toEqual(['2026-12-01', '2026-12-10', '2026-12-22']);
  });
  it('refuses a class without settings and a bad frequency', () => {
    expect(() => planCountSchedule({ stockPoints, fromDate: '2026-12-01', settings: { A: DEFAULT_COUNT_CLASS_SETTINGS.A! }, isWorkingDay: isWeekday })).toThrow(CountingError);
    expect(() => parseCountClassSettings('A:5')).toThrow(/A.countsPerYear/);
    expect(parseCountClassSettings('A:6:0.01:20,C:1')).toEqual({ A: { countsPerYear: 6, quantityTolerance: 0.01, valueToleranceEur: 20 }, C: DEFAULT_COUNT_CLASS_SETTINGS.C });
  });
});

describe('computeCountVariance (APICS record accuracy with class tolerance; hand-computed)', () => {
  it('reconciles the snapshot with the movements during the count: 100 − 20 = 80 expected, counted 78 → −2, −5.00 EUR, outside 2 %', () => {
    expect(computeCountVariance({ snapshotQuantity: 100, movementsDuringCountQuantity: -20, countedQuantity: 78, unitCostEur: 2.5, tolerance: { quantityTolerance: 0.02, valueToleranceEur: 10 } }))
      .toEqual({ expectedQuantity: 80, varianceQuantity: -2, varianceValueEur: -5, withinTolerance: false });
    expect(computeCountVariance({ snapshotQuantity: 100, movementsDuringCountQuantity: -20, countedQuantity: 79, unitCostEur: 2.5, tolerance: { quantityTolerance: 0.02, valueToleranceEur: 10 } }).withinTolerance).toBe(true);
    // within the quantity tolerance but over the value tolerance
    expect(computeCountVariance({ snapshotQuantity: 1000, movementsDuringCountQuantity: 0, countedQuantity: 990, unitCostEur: 50, tolerance: { quantityTolerance: 0.02, valueToleranceEur: 100 } }).withinTolerance).toBe(false);
  });
});

describe('computeRecordAccuracy (IRA = accurate lines / counted lines, APICS)', () => {
  it('4 lines, 3 within tolerance, 2 exact → 0.75 and 0.5; per class and per month', () => {
    const result = computeRecordAccuracy([
      { abcClass: 'A', countDate: '2026-10-05', withinTolerance: true, varianceQuantity: 0 },
      { abcClass: 'A', countDate: '2026-11-05', withinTolerance: false, varianceQuantity: -3 },
      { abcClass: 'B', countDate: '2026-11-06', withinTolerance: true, varianceQuantity: 1 },
      { abcClass: 'C', countDate: '2026-11-07', withinTolerance: true, varianceQuantity: 0 },
    ]);
    expect(result.overall).toEqual({ linesCounted: 4, linesAccurate: 3, linesExact: 2, accuracy: 0.75, exactAccuracy: 0.5 });
    expect(result.byClass.A).toEqual({ linesCounted: 2, linesAccurate: 1, linesExact: 1, accuracy: 0.5, exactAccuracy: 0.5 });
    expect(result.byMonth.map((m) => [m.month, m.accuracy])).toEqual([['2026-10', 1], ['2026-11', 0.666667]]);
    expect(computeRecordAccuracy([]).overall.accuracy).toBeNull();
  });
});

describe('summarizeCountVariances (hand-computed)', () => {
  it('A −5.00 (damage) and +2.00 (no cause), B 0 → A net −3.00, absolute 7.00; by cause damage, unexplained, none', () => {
    const s = summarizeCountVariances([
      { abcClass: 'A', causeCode: 'damage', varianceQuantity: -2, varianceValueEur: -5, withinTolerance: false },
      { abcClass: 'A', causeCode: null, varianceQuantity: 1, varianceValueEur: 2, withinTolerance: true },
      { abcClass: 'B', causeCode: null, varianceQuantity: 0, varianceValueEur: 0, withinTolerance: true },
    ]);
    expect(s.byClass.A).toEqual({ lines: 2, linesWithVariance: 2, linesOutsideTolerance: 1, netVarianceValueEur: -3, absoluteVarianceValueEur: 7, netVarianceQuantity: -1 });
    expect(Object.keys(s.byCause)).toEqual(['damage', 'none', 'unexplained']);
    expect(s.byCause.unexplained!.netVarianceValueEur).toBe(2);
    expect(s.overall.absoluteVarianceValueEur).toBe(7);
  });
});

/** Three received lines of S1 (and an unreceived one of S2), computed by hand below. */
const HAND_COMPUTED_LINES: SupplierOrderLineRecord[] = [
  { supplierCode: 'S1', itemCode: 'P1', orderNumber: 'PO1', lineNumber: 1, orderDate: '2026-01-01', dueDate: '2026-01-11', orderedQuantity: 100, paidUnitPrice: 2, agreedUnitPrice: 2, receipts: [{ date: '2026-01-11', quantity: 100 }], rejectedQuantity: 0 },
  { supplierCode: 'S1', itemCode: 'P1', orderNumber: 'PO2', lineNumber: 1, orderDate: '2026-02-01', dueDate: '2026-02-11', orderedQuantity: 100, paidUnitPrice: 2.1, agreedUnitPrice: 2, receipts: [{ date: '2026-02-13', quantity: 90 }], rejectedQuantity: 0 },
  { supplierCode: 'S1', itemCode: 'P2', orderNumber: 'PO3', lineNumber: 1, orderDate: '2026-03-01', dueDate: '2026-03-16', orderedQuantity: 50, paidUnitPrice: 2, agreedUnitPrice: 2, receipts: [{ date: '2026-03-15', quantity: 30 }, { date: '2026-03-17', quantity: 20 }], rejectedQuantity: 5 },
  { supplierCode: 'S2', itemCode: 'P1', orderNumber: 'PO4', lineNumber: 1, orderDate: '2026-03-01', dueDate: '2026-03-10', orderedQuantity: 10, paidUnitPrice: 2, agreedUnitPrice: null, receipts: [], rejectedQuantity: 0 },
];

describe('computeSupplierScorecard (hand-computed receipts; Chopra & Meindl 2016 ch. 15)', () => {
  it('on time 1/3, in full 2/3, OTIF 1/3, lead time 10, 12, 14 → mean 12 std 2, rejects 5/240, price variance 0.10 × 90 = 9.00 EUR', () => {
    const [s1, ...others] = computeSupplierScorecard(HAND_COMPUTED_LINES);
    expect(others).toEqual([]);
    expect(s1).toEqual({
      supplierCode: 'S1', linesReceived: 3, linesOnTime: 1, linesInFull: 2, linesOnTimeInFull: 1,
      onTimeRate: 0.333333, inFullRate: 0.666667, onTimeInFullRate: 0.333333, quantityAccuracy: 0.966667,
      orderedQuantity: 250, receivedQuantity: 240, rejectedQuantity: 5, rejectRate: 0.020833,
      leadTimeMeanDays: 12, leadTimeStdDays: 2, meanDaysLate: 1, priceVarianceEur: 9, priceVarianceRate: 0.01875, linesWithoutAgreedPrice: 0,
    });
    const byItem = computeSupplierScorecard(HAND_COMPUTED_LINES, { byItem: true });
    expect(byItem.map((s) => [s.supplierCode, s.itemCode, s.linesReceived, s.leadTimeMeanDays, s.leadTimeStdDays])).toEqual([['S1', 'P1', 2, 11, 1.4142], ['S1', 'P2', 1, 14, null]]);
    // a one-day window makes PO3 (1 day late) on time
    expect(computeSupplierScorecard(HAND_COMPUTED_LINES, { onTimeWindowDays: 1 })[0]!.linesOnTime).toBe(2);
  });
});
