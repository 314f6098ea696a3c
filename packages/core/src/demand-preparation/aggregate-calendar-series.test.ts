import { describe, expect, it } from 'vitest';
import { aggregateCalendarSeries } from './aggregate-calendar-series';
import { daysFromCivil, isoWeekOf, parseIsoDate } from './internal/iso-date';

describe('ISO week arithmetic (ISO 8601 examples)', () => {
  it('knows the standard edge cases', () => {
    const week = (s: string) => {
      const w = isoWeekOf(daysFromCivil(parseIsoDate(s)!));
      return `${w.isoYear}-W${String(w.week).padStart(2, '0')}`;
    };
    expect(week('2005-01-01')).toBe('2004-W53'); // Saturday
    expect(week('2007-12-31')).toBe('2008-W01'); // Monday
    expect(week('2008-12-29')).toBe('2009-W01');
    expect(week('2010-01-03')).toBe('2009-W53');
    expect(week('2026-12-28')).toBe('2026-W53');
    expect(week('2027-01-03')).toBe('2026-W53');
    expect(week('2027-01-04')).toBe('2027-W01');
    expect(daysFromCivil({ year: 1970, month: 1, day: 1 })).toBe(0);
    expect(parseIsoDate('2025-02-29')).toBeUndefined();
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
  });
});

describe('aggregateCalendarSeries', () => {
  it('worked example: 2026-12-28..2027-01-03 at 1 a day is week 2026-W53 = 7', () => {
    const observations = ['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03'].map((date) => ({ date, value: 1 }));
    const r = aggregateCalendarSeries({ observations, to: 'week' });
    expect(r.periods).toEqual([{ period: '2026-W53', startDate: '2026-12-28', endDate: '2027-01-03', value: 7, coveredDays: 7, calendarDays: 7, complete: true }]);
    const months = aggregateCalendarSeries({ observations, to: 'month' });
    expect(months.periods.map((p) => [p.period, p.value, p.complete])).toEqual([
      ['2026-12', 4, false],
      ['2027-01', 3, false],
    ]);
  });

  it('splits a weekly bucket across months by days: 70 from Monday 2026-03-30 → 20 March, 50 April', () => {
    const r = aggregateCalendarSeries({ observations: [{ date: '2026-03-30', value: 70 }], from: 'week', to: 'month' });
    expect(r.periods.map((p) => p.period)).toEqual(['2026-03', '2026-04']);
    expect(r.periods[0]!.value).toBeCloseTo(20, 12);
    expect(r.periods[1]!.value).toBeCloseTo(50, 12);
  });

  it('sums duplicate dates, fills empty periods with zero and preserves the total', () => {
    const observations = [
      { date: '2026-01-05', value: 2 },
      { date: '2026-01-05', value: 3 },
      { date: '2026-02-20', value: 4 },
    ];
    const r = aggregateCalendarSeries({ observations, to: 'week' });
    expect(r.periods[0]).toMatchObject({ period: '2026-W02', value: 5 });
    expect(r.periods.length).toBe(7); // W02..W08
    expect(r.periods.reduce((s, p) => s + p.value, 0)).toBe(9);
    expect(r.periods.filter((p) => p.value === 0)).toHaveLength(5);
    const sparse = aggregateCalendarSeries({ observations, to: 'week', fillMissing: false });
    expect(sparse.periods.map((p) => p.period)).toEqual(['2026-W02', '2026-W08']);
  });

  it('reports a bad row with its path', () => {
    expect(() => aggregateCalendarSeries({ observations: [{ date: '2026-13-01', value: 1 }], to: 'month' })).toThrow(expect.objectContaining({ code: 'invalid_input', path: 'observations[0].date' }));
    expect(() => aggregateCalendarSeries({ observations: [{ date: '2026-01-01', value: Number.NaN }], to: 'month' })).toThrow(expect.objectContaining({ code: 'not_finite', path: 'observations[0].value' }));
    expect(() => aggregateCalendarSeries({ observations: [], to: 'month' })).toThrow(expect.objectContaining({ code: 'empty_input' }));
  });
});
