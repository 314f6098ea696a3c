/**
 * Weekly planning buckets: bucket 0 starts on the Monday of the as-of week; bucket p starts 7·p days
 * later. Dates are ISO 'YYYY-MM-DD' strings (UTC), so no time zone can shift a bucket.
 */
export type WeeklyBuckets = {
  /** Monday of the as-of week. */
  firstMonday: string;
  count: number;
  /** ISO date of the Monday that starts bucket p. */
  startOf(period: number): string;
  /** Bucket of a date: negative when before the horizon (past due), ≥ count beyond it. */
  periodOf(isoDate: string): number;
};

const DAY_MS = 86_400_000;
const toDays = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const fromDays = (days: number): string => new Date(days * DAY_MS).toISOString().slice(0, 10);

/** Monday of the ISO week containing the date. */
export function mondayOf(isoDate: string): string {
  const days = toDays(isoDate);
  const weekday = (new Date(days * DAY_MS).getUTCDay() + 6) % 7;
  return fromDays(days - weekday);
}

export function createWeeklyBuckets(asOfDate: string, count: number): WeeklyBuckets {
  const firstMonday = mondayOf(asOfDate);
  const origin = toDays(firstMonday);
  return {
    firstMonday,
    count,
    startOf: (period) => fromDays(origin + 7 * period),
    periodOf: (isoDate) => Math.floor((toDays(isoDate) - origin) / 7),
  };
}

/** Whole weeks needed to cover a lead time in calendar days (a partial week counts as one). */
export function leadTimeWeeks(leadTimeDays: number): number {
  return Math.max(0, Math.ceil(leadTimeDays / 7));
}

/** Weekly forecasts per `item@location` summed per item over the first `weeks` weeks (all locations together). */
export function sumForecastsByItem(forecasts: ReadonlyMap<string, readonly number[]>, weeks: number): Map<string, number[]> {
  const byItem = new Map<string, number[]>();
  for (const [key, values] of forecasts) {
    const item = key.split('@')[0] as string;
    const total = byItem.get(item) ?? new Array<number>(weeks).fill(0);
    values.slice(0, weeks).forEach((v, p) => { total[p] = (total[p] ?? 0) + v; });
    byItem.set(item, total);
  }
  return byItem;
}
