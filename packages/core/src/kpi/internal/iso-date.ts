import { CoreError } from '../../shared/core-error';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil); pure integer arithmetic. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of a day number (inverse of daysFromCivil). */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Parses the date part (YYYY-MM-DD) of an ISO string into a day number; throws invalid_input. */
export function toDayNumber(value: string, path: string): number {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!match) throw new CoreError('invalid_input', `Expected an ISO date YYYY-MM-DD, got ${JSON.stringify(value)}`, { path });
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new CoreError('invalid_input', `Not a calendar date: ${value}`, { path });
  }
  return daysFromCivil(year, month, day);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string, path: string): number {
  return toDayNumber(to, path) - toDayNumber(from, path);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Month key `YYYY-MM`. */
export function toMonthKey(value: string, path: string): string {
  const { year, month } = civilFromDays(toDayNumber(value, path));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** ISO 8601 week key `YYYY-Www` (weeks start Monday; week 1 holds the year's first Thursday). */
export function toIsoWeekKey(value: string, path: string): string {
  const dayNumber = toDayNumber(value, path);
  // 1970-01-01 was a Thursday: weekday 1 = Monday … 7 = Sunday.
  const weekday = ((((dayNumber + 3) % 7) + 7) % 7) + 1;
  const thursday = dayNumber + (4 - weekday);
  const thursdayYear = civilFromDays(thursday).year;
  const week = Math.floor((thursday - daysFromCivil(thursdayYear, 1, 1)) / 7) + 1;
  return `${String(thursdayYear).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/** Number of calendar days a period key covers (`YYYY-MM` → days in month, `YYYY-Www` → 7). */
export function periodKeyDays(key: string): number | undefined {
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) return daysInMonth(Number(month[1]), Number(month[2]));
  if (/^\d{4}-W\d{2}$/.test(key)) return 7;
  return undefined;
}

/**
 * Days of a period key (`YYYY-MM` or `YYYY-Www`) that fall inside a window [from, to] (ISO dates,
 * both included); the whole period when no window is given; undefined for another key ('all').
 * Example: '2026-11' within 2026-05-26 … 2026-11-23 → 23.
 */
export function periodKeyDaysWithin(key: string, window?: { from: string; to: string }): number | undefined {
  let first: number;
  let last: number;
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  const week = /^(\d{4})-W(\d{2})$/.exec(key);
  if (month) {
    const year = Number(month[1]);
    const m = Number(month[2]);
    first = daysFromCivil(year, m, 1);
    last = first + daysInMonth(year, m) - 1;
  } else if (week) {
    const jan4 = daysFromCivil(Number(week[1]), 1, 4);
    const weekday = ((((jan4 + 3) % 7) + 7) % 7) + 1;
    first = jan4 - (weekday - 1) + (Number(week[2]) - 1) * 7;
    last = first + 6;
  } else return undefined;
  if (!window) return last - first + 1;
  const from = Math.max(first, toDayNumber(window.from, 'window.from'));
  const to = Math.min(last, toDayNumber(window.to, 'window.to'));
  return Math.max(0, to - from + 1);
}
