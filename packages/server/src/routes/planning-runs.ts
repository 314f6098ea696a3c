import { sql } from 'kysely';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody, PageQuery, PlanningRunDetail, PlanningRunPage, translate } from '@flowpilot/contract';
import type { AppContext } from '../app';
import { HttpError, languageOf } from '../error-handler';
import { organizationOf } from '../auth/request-auth';
import { readThroughCache } from '../result-cache';

type RunRow = { exception_count?: number; id: string; run_type: string; status: string; as_of_date: string | null; inputs_hash: string | null; parameters: Record<string, unknown>; summary: Record<string, unknown>; exceptions: unknown[]; started_at: Date | null; finished_at: Date | null; duration_ms: number | null };

function toSummary(row: RunRow) {
  return {
    id: row.id, runType: row.run_type, status: row.status as never, asOfDate: row.as_of_date, inputsHash: row.inputs_hash,
    parameters: row.parameters, summary: row.summary, exceptionCount: Array.isArray(row.exceptions) ? row.exceptions.length : 0,
    startedAt: row.started_at?.toISOString() ?? null, finishedAt: row.finished_at?.toISOString() ?? null, durationMs: row.duration_ms,
  };
}

/** Planning runs: what ran, on which inputs, with which parameters, and what it found. */
export function registerPlanningRunRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/api/v1/planning-runs', { config: { permission: 'planning:read' }, schema: { tags: ['planning'], querystring: PageQuery.extend({ runType: z.string().max(64).optional() }), response: { 200: PlanningRunPage } } }, async (request) => readThroughCache(context.readCache, organizationOf(request), request, async () => {
    const { page, pageSize, runType } = request.query;
    const where = sql`organization_id = ${organizationOf(request)} and (${runType ?? null}::text is null or run_type = ${runType ?? null})`;
    const total = Number((await sql<{ n: string }>`select count(*) as n from planning_run where ${where}`.execute(context.handle.db)).rows[0]?.n ?? 0);
    // The list keeps the summary's scalar figures only (a run's detail has all of it, and its inputs stay in the database).
    const rows = (await sql<RunRow>`select id, run_type, status, as_of_date, inputs_hash, parameters,
        coalesce((select jsonb_object_agg(key, value) from jsonb_each(summary) where jsonb_typeof(value) in ('number', 'string', 'boolean')), '{}'::jsonb) as summary,
        jsonb_build_array() as exceptions, jsonb_array_length(exceptions) as exception_count, started_at, finished_at, duration_ms
      from planning_run where ${where} order by created_at desc, id limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(context.handle.db)).rows;
    return { items: rows.map((row) => ({ ...toSummary(row), exceptionCount: Number(row.exception_count ?? 0) })), page, pageSize, total };
  }));
  typed.get('/api/v1/planning-runs/:id', { config: { permission: 'planning:read' }, schema: { tags: ['planning'], params: z.object({ id: z.string().max(100) }), response: { 200: PlanningRunDetail, 404: ErrorBody } } }, async (request) => {
    const row = (await sql<RunRow>`select * from planning_run where organization_id = ${organizationOf(request)} and id = ${request.params.id}`.execute(context.handle.db)).rows[0];
    if (!row) throw new HttpError(404, 'not_found', translate(languageOf(request.headers['accept-language']), 'error.not_found', { detail: `${request.params.id}` }));
    return { ...toSummary(row), exceptions: row.exceptions };
  });
}
