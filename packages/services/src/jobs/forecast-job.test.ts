import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { setForecastOverride } from '../planning-cycle/forecast-overrides';
import { runForecastStep } from '../planning-cycle/run-forecast-step';
import { createJobQueue } from './create-job-queue';
import { seedJobForecastSeries } from './seed-job-forecast-series';

// The forecast job and the planning cycle's forecast step run the same per-series function (forecastSeries):
// on the same data, overrides included, they must store the same numbers.
const ORG = 'org-forecast-paths';
const AS_OF = '2026-11-23';
const PLANNER = { userId: null, email: 'planner@test', via: 'cli' as const };
let handle: DatabaseHandle;

type ValueRow = { item_code: string; location_code: string; step: number; period_start: string; forecast: string; lower_80: string; upper_80: string; lower_95: string; upper_95: string; statistical_forecast: string | null; override_id: string | null };
type ModelRow = { item_code: string; location_code: string; method: string; demand_class: string | null; history_periods: number; parameters: unknown; accuracy: unknown; notes: unknown };

async function valuesOf(runId: string): Promise<ValueRow[]> {
  return (await sql<ValueRow>`select item_code, location_code, step, period_start::text, forecast::text, lower_80::text, upper_80::text, lower_95::text, upper_95::text,
    statistical_forecast::text, override_id::text from forecast_value where run_id = ${runId} order by item_code, location_code, step`.execute(handle.db)).rows;
}
async function modelsOf(runId: string): Promise<ModelRow[]> {
  return (await sql<ModelRow>`select item_code, location_code, method, demand_class, history_periods, parameters, accuracy, notes from forecast_model where run_id = ${runId} order by item_code, location_code`.execute(handle.db)).rows;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedJobForecastSeries(handle, { organizationId: ORG, seriesCount: 5, historyWeeks: 60, asOfDate: AS_OF });
  // An item without any sale: its overrides are its forecast.
  await sql`insert into item (organization_id, code, name, item_type, uom_code, make_or_buy) values (${ORG}, 'NEW-1', 'Launch item', 'finished_good', 'EA', 'buy')`.execute(handle.db);
  for (const [itemCode, weekStart, quantity] of [['SER-000002', '2026-12-07', 500], ['SER-000004', '2026-11-23', 0], ['NEW-1', '2026-11-30', 40]] as const) {
    const set = await setForecastOverride(handle, { organizationId: ORG, itemCode, locationCode: 'WH-SEED', weekStart, quantity, reason: 'test', actor: PLANNER });
    expect(set.ok).toBe(true);
  }
});
afterAll(async () => { await handle?.close(); });

describe('forecast job and forecast step', () => {
  it('store the same forecast, intervals, statistical figures, overrides and models on the same data', async () => {
    const step = await runForecastStep(handle, { organizationId: ORG, asOfDate: AS_OF, horizonWeeks: 6 });
    const queue = createJobQueue(handle, { backend: 'in_process', autoStart: false, heartbeatSeconds: 0.2, pollSeconds: 0.1 });
    try {
      const job = await queue.enqueue({ organizationId: ORG, kind: 'forecast', params: { asOfDate: AS_OF, horizonWeeks: 6, seriesPerPartition: 2 }, today: AS_OF });
      const worker = await queue.startWorker();
      const done = await queue.waitFor(ORG, job.id, { timeoutMs: 120_000, pollMs: 100 });
      await worker.stop();
      expect(done).toMatchObject({ status: 'succeeded', partitions: { total: 3, done: 3 }, result: { seriesCount: 6, overrideCount: 3 } });
      const jobRunId = String(done.result?.runId);

      const stepValues = await valuesOf(step.runId);
      expect(stepValues).toHaveLength(6 * 6);
      expect(await valuesOf(jobRunId)).toEqual(stepValues);
      expect(await modelsOf(jobRunId)).toEqual(await modelsOf(step.runId));

      // The overrides are in both: week 3 of SER-000002 at 500 (the statistical figure kept), the launch item by its override alone.
      const overridden = stepValues.filter((v) => v.override_id !== null).map((v) => [v.item_code, v.period_start, Number(v.forecast)]);
      expect(overridden).toEqual([['NEW-1', '2026-11-30', 40], ['SER-000002', '2026-12-07', 500], ['SER-000004', '2026-11-23', 0]]);
      const week3 = stepValues.find((v) => v.item_code === 'SER-000002' && v.step === 3);
      expect(Number(week3?.statistical_forecast)).toBeLessThan(100);
      expect(step.forecasts.get('NEW-1@WH-SEED')).toEqual([0, 40, 0, 0, 0, 0]);
    } finally {
      await queue.close();
    }
  }, 180_000);
});
