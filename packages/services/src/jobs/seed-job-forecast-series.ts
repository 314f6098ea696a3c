import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { ensureOrganization } from '../organizations/ensure-organization';
import { createWeeklyBuckets } from '../planning-cycle/weekly-buckets';

export type SeedJobForecastSeriesInput = {
  organizationId: string;
  /** Number of item × location series (items SER-000001…, one location WH-SEED). */
  seriesCount: number;
  /** Weeks of weekly sales before the as-of date's week. */
  historyWeeks: number;
  asOfDate: string;
};

/**
 * Generated weekly sales for forecast tests and the scaling benchmark, written by the database itself
 * (generate_series) so 50,000 series take seconds: series s, week w sells
 * max(0, round(20 + (s mod 30) + 8·sin(2π·w/52 + s) + u)), u a deterministic noise in [−5, 5) from md5(s:w).
 * Same inputs, same rows, on PGlite and PostgreSQL.
 */
export async function seedJobForecastSeries(handle: DatabaseHandle, input: SeedJobForecastSeriesInput): Promise<{ seriesCount: number; rowCount: number }> {
  const firstWeek = createWeeklyBuckets(input.asOfDate, 0).startOf(-input.historyWeeks);
  const org = input.organizationId;
  await handle.db.transaction().execute(async (trx) => {
    await ensureOrganization(trx, org);
    await sql`insert into unit_of_measure (organization_id, code, name, dimension) values (${org}, 'EA', 'each', 'count') on conflict do nothing`.execute(trx);
    await sql`insert into location (organization_id, code, name, location_type) values (${org}, 'WH-SEED', 'Generated warehouse', 'warehouse') on conflict do nothing`.execute(trx);
    await sql`insert into item (organization_id, code, name, item_type, uom_code, make_or_buy)
      select ${org}, 'SER-' || lpad(s::text, 6, '0'), 'Generated item ' || s, 'finished_good', 'EA', 'buy' from generate_series(1, ${input.seriesCount}::int) s
      on conflict do nothing`.execute(trx);
    await sql`insert into sales_history (organization_id, item_code, location_code, sale_date, quantity)
      select ${org}, 'SER-' || lpad(s::text, 6, '0'), 'WH-SEED', ${firstWeek}::date + 7 * w,
        greatest(0, round(20 + (s % 30) + 8 * sin(2 * pi() * w / 52.0 + s) + ((('x' || substr(md5(s || ':' || w), 1, 7))::bit(28)::int % 1000) / 100.0 - 5)))
      from generate_series(1, ${input.seriesCount}::int) s cross join generate_series(0, ${input.historyWeeks - 1}::int) w
      on conflict do nothing`.execute(trx);
  });
  return { seriesCount: input.seriesCount, rowCount: input.seriesCount * input.historyWeeks };
}
