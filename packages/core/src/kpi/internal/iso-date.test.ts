import { describe, expect, it } from 'vitest';
import { daysBetween, periodKeyDays, periodKeyDaysWithin, toIsoWeekKey, toMonthKey } from './iso-date';

describe('iso-date', () => {
  it('ISO 8601 week keys at year boundaries', () => {
    // 2021-01-03 is a Sunday of 2020-W53; 2024-12-30 is a Monday of 2025-W01; 2026-01-01 is a Thursday → 2026-W01.
    expect(toIsoWeekKey('2021-01-03', 'd')).toBe('2020-W53');
    expect(toIsoWeekKey('2021-01-04', 'd')).toBe('2021-W01');
    expect(toIsoWeekKey('2024-12-30', 'd')).toBe('2025-W01');
    expect(toIsoWeekKey('2026-01-01', 'd')).toBe('2026-W01');
    expect(toIsoWeekKey('2026-11-24T16:00:00Z', 'd')).toBe('2026-W48');
  });
  it('month keys, day counts and period lengths', () => {
    expect(toMonthKey('2024-02-29', 'd')).toBe('2024-02');
    expect(daysBetween('2024-02-28', '2024-03-01', 'd')).toBe(2);
    expect(daysBetween('2025-12-31', '2026-01-01', 'd')).toBe(1);
    expect(periodKeyDays('2024-02')).toBe(29);
    expect(periodKeyDays('2026-W10')).toBe(7);
    expect(periodKeyDays('all')).toBeUndefined();
  });
  it('days of a period inside a window (the first and last periods of a KPI window are cut)', () => {
    const window = { from: '2026-05-26', to: '2026-11-23' };
    expect(periodKeyDaysWithin('2026-05', window)).toBe(6);
    expect(periodKeyDaysWithin('2026-11', window)).toBe(23);
    expect(periodKeyDaysWithin('2026-08', window)).toBe(31);
    expect(periodKeyDaysWithin('2026-W48', window)).toBe(1); // week 48 of 2026 starts on Monday 2026-11-23
    expect(periodKeyDaysWithin('2021-W01')).toBe(7);
    expect(periodKeyDaysWithin('2026-12', window)).toBe(0);
    expect(periodKeyDaysWithin('all', window)).toBeUndefined();
  });
  it('rejects non-dates', () => {
    expect(() => toMonthKey('2026-13-01', 'x')).toThrow(expect.objectContaining({ code: 'invalid_input', path: 'x' }));
    expect(() => toMonthKey('yesterday', 'x')).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});
