import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import type { MrpInput } from '@flowpilot/core';

/** The latest succeeded run of a type, or undefined. */
export async function findLatestRun(handle: DatabaseHandle, organizationId: string, runType: string): Promise<{ id: string; asOfDate: string | null } | undefined> {
  const row = (await sql<{ id: string; as_of_date: string | null }>`select id, as_of_date::text from planning_run where organization_id = ${organizationId} and run_type = ${runType} and status = 'succeeded' order by created_at desc, id desc limit 1`.execute(handle.db)).rows[0];
  return row ? { id: row.id, asOfDate: row.as_of_date } : undefined;
}

/** The weekly point forecasts of a forecast run, per `item@location`, in step order. */
export async function loadForecasts(handle: DatabaseHandle, runId: string): Promise<Map<string, number[]>> {
  const rows = (await sql<{ item_code: string; location_code: string; forecast: string }>`select item_code, location_code, forecast::text from forecast_value where run_id = ${runId} order by item_code, location_code, step`.execute(handle.db)).rows;
  const map = new Map<string, number[]>();
  for (const row of rows) {
    const key = `${row.item_code}@${row.location_code}`;
    map.set(key, [...(map.get(key) ?? []), Number(row.forecast)]);
  }
  return map;
}

/** The MPS quantities (firm + planned) per end item and week stored with an MPS run. */
export async function loadMasterSchedule(handle: DatabaseHandle, runId: string): Promise<Map<string, number[]>> {
  const row = (await sql<{ summary: { schedules?: { itemId: string; periods: { masterScheduleUnits: number }[] }[] } }>`select summary from planning_run where id = ${runId}`.execute(handle.db)).rows[0];
  return new Map((row?.summary.schedules ?? []).map((s) => [s.itemId, s.periods.map((p) => p.masterScheduleUnits)]));
}

/** The MRP input stored with an MRP run (for replay and net change). */
export async function loadMrpInput(handle: DatabaseHandle, runId: string): Promise<MrpInput | undefined> {
  const row = (await sql<{ inputs: MrpInput | null }>`select inputs from planning_run where id = ${runId} and run_type = 'mrp'`.execute(handle.db)).rows[0];
  return row?.inputs ?? undefined;
}
