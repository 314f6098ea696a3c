import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';

export type PlanningRunRow = {
  id: string; runType: string; status: string; asOfDate: string | null; inputsHash: string | null;
  parameters: Record<string, unknown>; summary: Record<string, unknown>; exceptionCount: number;
  startedAt: string | null; finishedAt: string | null; durationMs: number | null;
};

type RawRun = { id: string; run_type: string; status: string; as_of_date: string | null; inputs_hash: string | null; parameters: Record<string, unknown>; summary: Record<string, unknown>; exception_count: number; started_at: Date | null; finished_at: Date | null; duration_ms: number | null };

const toRow = (r: RawRun): PlanningRunRow => ({
  id: r.id, runType: r.run_type, status: r.status, asOfDate: r.as_of_date, inputsHash: r.inputs_hash, parameters: r.parameters, summary: r.summary,
  exceptionCount: Number(r.exception_count), startedAt: r.started_at?.toISOString() ?? null, finishedAt: r.finished_at?.toISOString() ?? null, durationMs: r.duration_ms,
});

/** Planning runs of an organization, newest first. */
export async function listPlanningRuns(handle: DatabaseHandle, options: { organizationId: string; runType?: string; limit?: number }): Promise<PlanningRunRow[]> {
  const rows = (await sql<RawRun>`select id, run_type, status, as_of_date::text as as_of_date, inputs_hash, parameters, summary, jsonb_array_length(exceptions) as exception_count, started_at, finished_at, duration_ms
    from planning_run where organization_id = ${options.organizationId} and (${options.runType ?? null}::text is null or run_type = ${options.runType ?? null})
    order by created_at desc, id limit ${options.limit ?? 50}`.execute(handle.db)).rows;
  return rows.map(toRow);
}

export type PlanningRunDetails = PlanningRunRow & {
  exceptions: unknown[];
  /** The first rows of what the run produced, by kind (planned orders, action messages, forecasts, loads). */
  results: Record<string, { count: number; sample: Record<string, unknown>[] }>;
};

/** One run with its exceptions and a sample of its stored results; undefined when not found in this organization. */
export async function getPlanningRun(handle: DatabaseHandle, options: { organizationId: string; runId: string; sampleSize?: number }): Promise<PlanningRunDetails | undefined> {
  const raw = (await sql<RawRun & { exceptions: unknown[] }>`select id, run_type, status, as_of_date::text as as_of_date, inputs_hash, parameters, summary, exceptions, jsonb_array_length(exceptions) as exception_count, started_at, finished_at, duration_ms
    from planning_run where organization_id = ${options.organizationId} and id = ${options.runId}`.execute(handle.db)).rows[0];
  if (!raw) return undefined;
  const limit = options.sampleSize ?? 10;
  const results: PlanningRunDetails['results'] = {};
  const tables: [string, string][] = [['planned_order', 'receipt_date, order_id'], ['action_message', 'sequence'], ['forecast_value', 'item_code, location_code, step'], ['forecast_model', 'item_code, location_code'], ['capacity_load', 'work_center_code, period_start'], ['mrp_record', 'item_code']];
  for (const [table, order] of tables) {
    const count = Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where run_id = ${raw.id}`.execute(handle.db)).rows[0]?.n ?? 0);
    if (count === 0) continue;
    const sample = (await sql<Record<string, unknown>>`select * from ${sql.table(table)} where run_id = ${raw.id} order by ${sql.raw(order)} limit ${limit}`.execute(handle.db)).rows
      .map(({ run_id: _runId, organization_id: _org, ...rest }) => rest);
    results[table] = { count, sample };
  }
  return { ...toRow(raw), exceptions: raw.exceptions, results };
}
