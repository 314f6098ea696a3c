import { CoreError, assertNever } from '../shared/core-error';
import { civilFromDays, daysFromCivil, daysInMonth, formatIsoDate, isoWeekOf, parseIsoDate } from './internal/iso-date';

export type CalendarGranularity = 'day' | 'week' | 'month';

export type CalendarObservation = {
  /** ISO date 'YYYY-MM-DD'. For weekly input, any day of the ISO week (usually its Monday). */
  date: string;
  /** Quantity in demand units (summed when dates repeat). */
  value: number;
};

export type AggregateCalendarInput = {
  observations: readonly CalendarObservation[];
  /** Granularity of the input. Default 'day'. */
  from?: 'day' | 'week';
  to: 'week' | 'month';
  /** Emit zero-valued periods for gaps between the first and last period. Default true. */
  fillMissing?: boolean;
};

export type CalendarPeriod = {
  /** 'YYYY-Www' (ISO week) or 'YYYY-MM'. */
  period: string;
  startDate: string;
  endDate: string;
  value: number;
  /** Days of the period covered by the input's date range (first/last periods may be partial). */
  coveredDays: number;
  calendarDays: number;
  /** false when the input range starts or ends inside the period: its total is not comparable. */
  complete: boolean;
};

export type AggregateCalendarResult = { granularity: 'week' | 'month'; periods: CalendarPeriod[]; notes: string[] };

/**
 * Aggregates dated demand into ISO weeks or calendar months (sums, demand units).
 *
 * Formula: daily input: value of period P = sum of the values dated in P. Weekly input
 * (to = 'month'): each week's value is spread evenly over its 7 days (value / 7 per day) and the
 * days are summed by month, so a week straddling two months is split by its day count.
 * Weeks follow ISO 8601 (Monday start; week 1 holds the year's first Thursday).
 *
 * Source: ISO 8601-1:2019 §5.2.4 (week dates); Hinnant, "chrono-compatible low-level date
 * algorithms" for day numbers.
 *
 * Example: 2026-12-28 .. 2027-01-03 (Mon..Sun, 1 unit a day) is week '2026-W53' with value 7;
 * a week of 70 starting Monday 2026-03-30 gives 20 to '2026-03' and 50 to '2026-04'.
 *
 * Throws CoreError: empty_input, invalid_input (malformed date, with its path), not_finite.
 */
export function aggregateCalendarSeries(input: AggregateCalendarInput): AggregateCalendarResult {
  const from = input.from ?? 'day';
  const to = input.to;
  const fillMissing = input.fillMissing ?? true;
  if (input.observations.length === 0) throw new CoreError('empty_input', 'no observations to aggregate', { path: 'observations' });
  if (from === 'week' && to === 'week') throw new CoreError('invalid_input', "weekly input is already weekly: use to = 'month'", { path: 'to' });
  const daily = new Map<number, number>();
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  input.observations.forEach((obs, i) => {
    const civil = typeof obs.date === 'string' ? parseIsoDate(obs.date) : undefined;
    if (!civil) throw new CoreError('invalid_input', `observations[${i}].date '${String(obs.date)}' is not an ISO date YYYY-MM-DD`, { path: `observations[${i}].date` });
    if (typeof obs.value !== 'number' || !Number.isFinite(obs.value)) throw new CoreError('not_finite', `observations[${i}].value is not a finite number`, { path: `observations[${i}].value` });
    const dayNumber = daysFromCivil(civil);
    if (from === 'day') {
      daily.set(dayNumber, (daily.get(dayNumber) ?? 0) + obs.value);
      firstDay = Math.min(firstDay, dayNumber);
      lastDay = Math.max(lastDay, dayNumber);
    } else {
      const monday = isoWeekOf(dayNumber).mondayDayNumber;
      for (let d = 0; d < 7; d++) daily.set(monday + d, (daily.get(monday + d) ?? 0) + obs.value / 7);
      firstDay = Math.min(firstDay, monday);
      lastDay = Math.max(lastDay, monday + 6);
    }
  });
  const periodOf = (dayNumber: number): { key: string; start: number; end: number } => {
    switch (to) {
      case 'week': {
        const w = isoWeekOf(dayNumber);
        return { key: `${w.isoYear}-W${String(w.week).padStart(2, '0')}`, start: w.mondayDayNumber, end: w.mondayDayNumber + 6 };
      }
      case 'month': {
        const c = civilFromDays(dayNumber);
        const start = daysFromCivil({ year: c.year, month: c.month, day: 1 });
        return { key: `${String(c.year).padStart(4, '0')}-${String(c.month).padStart(2, '0')}`, start, end: start + daysInMonth(c.year, c.month) - 1 };
      }
      default:
        return assertNever(to, 'granularity');
    }
  };
  const periods: CalendarPeriod[] = [];
  const notes: string[] = [];
  let day = periodOf(firstDay).start;
  while (day <= lastDay) {
    const p = periodOf(day);
    let value = 0;
    let hasData = false;
    for (let d = p.start; d <= p.end; d++) {
      const v = daily.get(d);
      if (v !== undefined) {
        value += v;
        hasData = true;
      }
    }
    const coveredDays = Math.min(p.end, lastDay) - Math.max(p.start, firstDay) + 1;
    const calendarDays = p.end - p.start + 1;
    if (hasData || fillMissing) {
      periods.push({ period: p.key, startDate: formatIsoDate(civilFromDays(p.start)), endDate: formatIsoDate(civilFromDays(p.end)), value, coveredDays, calendarDays, complete: coveredDays === calendarDays });
    }
    day = p.end + 1;
  }
  const partial = periods.filter((p) => !p.complete).map((p) => p.period);
  if (partial.length > 0) notes.push(`partial periods (input range starts or ends inside them): ${partial.join(', ')}`);
  if (from === 'day') {
    const missingDays = lastDay - firstDay + 1 - daily.size;
    if (missingDays > 0) notes.push(`${missingDays} day(s) without an observation inside the range were counted as zero demand`);
  }
  return { granularity: to, periods, notes };
}
