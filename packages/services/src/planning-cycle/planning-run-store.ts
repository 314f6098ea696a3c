import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';

/** Stable SHA-256 of the inputs of a run, so two runs on the same data can be recognised. */
export function hashInputs(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export type RunRecord = { id: string; startedAt: number };

/**
 * Records a run as running; its results are written under its id. Times are clock_timestamp(), not now():
 * inside one transaction (the planning_cycle job) now() is the transaction's start for every step.
 */
export async function startPlanningRun(handle: DatabaseHandle, input: { organizationId: string; runType: string; asOfDate: string; parameters: Record<string, unknown>; createdBy?: string }): Promise<RunRecord> {
  const id = `run_${input.runType}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await sql`insert into planning_run (id, organization_id, run_type, status, as_of_date, parameters, started_at, created_by)
    values (${id}, ${input.organizationId}, ${input.runType}, 'running', ${input.asOfDate}, ${JSON.stringify(input.parameters)}::jsonb, clock_timestamp(), ${input.createdBy ?? null})`.execute(handle.db);
  return { id, startedAt: performance.now() };
}

/**
 * Closes a run with its status, summary, exceptions and the hash of its inputs. Closing a failed or cancelled run
 * is best effort: the step rethrows its own error next, which must not be hidden by this write failing too (inside
 * the planning_cycle job's transaction, after an SQL error PostgreSQL refuses every further statement).
 */
export async function finishPlanningRun(handle: DatabaseHandle, run: RunRecord, outcome: { status: 'succeeded' | 'failed' | 'cancelled'; inputsHash?: string; summary: Record<string, unknown>; exceptions?: unknown[]; inputs?: unknown }): Promise<number> {
  const durationMs = Math.round(performance.now() - run.startedAt);
  const update = sql`update planning_run set status = ${outcome.status}, inputs_hash = ${outcome.inputsHash ?? null}, summary = ${JSON.stringify(outcome.summary)}::jsonb,
    exceptions = ${JSON.stringify(outcome.exceptions ?? [])}::jsonb, inputs = ${outcome.inputs === undefined ? null : JSON.stringify(outcome.inputs)}::jsonb,
    finished_at = clock_timestamp(), duration_ms = ${durationMs} where id = ${run.id}`;
  if (outcome.status === 'succeeded') await update.execute(handle.db);
  else await update.execute(handle.db).catch(() => undefined);
  return durationMs;
}

/** Inserts rows in multi-row VALUES chunks (the fast path on both PGlite and PostgreSQL). */
export async function insertRows(handle: DatabaseHandle, table: string, columns: string[], rows: unknown[][], chunkRows = 400): Promise<void> {
  for (let start = 0; start < rows.length; start += chunkRows) {
    const chunk = rows.slice(start, start + chunkRows);
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values ${sql.join(chunk.map((row) => sql`(${sql.join(row)})`))}`.execute(handle.db);
  }
}
