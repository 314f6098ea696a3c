import { sql } from 'kysely';
import { CoreError, type AggregateScenarioComparison, type AggregatePlanInput, type AggregatePlanResult, type AggregateScenario, type AggregateStrategy, type WorkforceMode } from '@flowpilot/core';
import { runInWorkerPool, WorkerTaskError } from '../parallel/worker-pool';
import type { SopWorkerTask } from '../planning-cycle/sop-solve-worker';
import type { DatabaseHandle } from '@flowpilot/db';
import { recordAuditEntry, type AuditActor } from '../auth/audit';

/** What a planner changes in a family's base plan input; the same shape as the contract's SopScenarioChanges. */
export type SopScenarioChanges = {
  demandFactor?: number;
  initialWorkforce?: number;
  maxOvertimeHoursPerWorkerPerPeriod?: number;
  endingInventoryMinUnits?: number;
  costs?: Partial<AggregatePlanInput['costs']>;
  limits?: { maxWorkforce?: number; maxHiresPerPeriod?: number; maxLayoffsPerPeriod?: number; maxSubcontractUnitsPerPeriod?: number; maxBacklogUnits?: number };
};

type CostLines = { regularLabor: number | null; overtimeLabor: number | null; hiring: number | null; layoff: number | null; material: number | null; holding: number | null; backlog: number | null; subcontract: number | null; total: number | null };

/** A stored what-if with its plan and the base plan's cost (same family, run, strategy and workforce mode). Money in EUR, rounded to the cent. */
export type SopScenario = {
  id: string; name: string; familyCode: string; baseRunId: string; strategy: AggregateStrategy; workforceMode: WorkforceMode; changes: SopScenarioChanges;
  status: string; totalCostEur: number | null; baseTotalCostEur: number | null; costChangeEur: number | null; costs: CostLines; baseCosts: CostLines;
  totalDemandUnits: number; totalSubcontractUnits: number; peakWorkforce: number;
  periods: AggregatePlanResult['periods']; exceptions: AggregatePlanResult['exceptions']; createdBy: string | null; createdAt: string;
};

export type SopScenarioProblem = 'no_sop_run' | 'unknown_family' | 'name_taken' | 'not_found' | 'invalid_changes';
export type SopScenarioOutcome<T> = { ok: true; value: T } | { ok: false; problem: SopScenarioProblem; params: Record<string, string> };

export type RunSopScenarioInput = {
  organizationId: string; name: string; familyCode: string; changes: SopScenarioChanges;
  strategy?: AggregateStrategy; workforceMode?: WorkforceMode; actor: AuditActor;
  /** HiGHS time limit per plan (default 20 s, as the S&OP step). */
  timeLimitSeconds?: number;
};

type StoredFamily = { familyId: string; input: AggregatePlanInput };
type ScenarioRow = {
  id: string; name: string; family_code: string; base_run_id: string; strategy: AggregateStrategy; workforce_mode: WorkforceMode; changes: SopScenarioChanges;
  status: string; total_cost: string | null; base_total_cost: string | null; result: StoredResult; created_by: string | null; created_at: string;
};
type StoredResult = { costs: CostLines; baseCosts: CostLines; totalDemandUnits: number; totalSubcontractUnits: number; peakWorkforce: number; periods: AggregatePlanResult['periods']; exceptions: AggregatePlanResult['exceptions'] };

const cents = (value: number): number | null => (Number.isFinite(value) ? Math.round(value * 100) / 100 : null);
const costLinesOf = (plan: AggregatePlanResult): CostLines => ({
  regularLabor: cents(plan.costs.regularLabor), overtimeLabor: cents(plan.costs.overtimeLabor), hiring: cents(plan.costs.hiring), layoff: cents(plan.costs.layoff),
  material: cents(plan.costs.material), holding: cents(plan.costs.holding), backlog: cents(plan.costs.backlog), subcontract: cents(plan.costs.subcontract), total: cents(plan.totalCost),
});
const feasible = (plan: AggregatePlanResult): boolean => plan.status === 'optimal' || plan.status === 'feasible';

function toScenario(row: ScenarioRow): SopScenario {
  const total = row.total_cost === null ? null : Number(row.total_cost);
  const base = row.base_total_cost === null ? null : Number(row.base_total_cost);
  return {
    id: row.id, name: row.name, familyCode: row.family_code, baseRunId: row.base_run_id, strategy: row.strategy, workforceMode: row.workforce_mode, changes: row.changes,
    status: row.status, totalCostEur: total, baseTotalCostEur: base, costChangeEur: total !== null && base !== null ? Math.round((total - base) * 100) / 100 : null,
    costs: row.result.costs, baseCosts: row.result.baseCosts, totalDemandUnits: row.result.totalDemandUnits, totalSubcontractUnits: row.result.totalSubcontractUnits,
    peakWorkforce: row.result.peakWorkforce, periods: row.result.periods, exceptions: row.result.exceptions, createdBy: row.created_by, createdAt: row.created_at,
  };
}

const SELECT = sql`id::text, name, family_code, base_run_id, strategy, workforce_mode, changes, status, total_cost::text, base_total_cost::text, result, created_by,
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at`;

/** The core scenario of the changes: demand factor apart, costs and limits merged field by field over the base input. */
export function toAggregateScenario(name: string, changes: SopScenarioChanges): AggregateScenario {
  const { demandFactor, costs, limits, ...fields } = changes;
  return {
    scenarioId: 'scenario', label: name,
    ...(demandFactor === undefined ? {} : { demandFactor }),
    changes: { ...fields, ...(costs ? { costs } : {}), ...(limits ? { limits } : {}) },
  };
}

/**
 * Runs and keeps an S&OP what-if: takes the family's plan input from the organization's latest succeeded S&OP run,
 * applies the changes (core applyAggregateScenario), solves the base and the scenario with the same strategy and
 * workforce mode (compareAggregateScenarios: level, chase, or optimal by HiGHS) and stores both costs, the changes,
 * the input solved and the scenario's monthly plan. Cost change = scenario total − base total (EUR).
 * Example (Red Tomato, Chopra & Meindl): base optimal with whole workers 422 660; the test checks the stored figures.
 * Problems (returned, not thrown): no_sop_run, unknown_family, name_taken, invalid_changes. Audited.
 */
export async function runSopScenario(handle: DatabaseHandle, input: RunSopScenarioInput): Promise<SopScenarioOutcome<SopScenario>> {
  const org = input.organizationId;
  const name = input.name.trim();
  const strategy = input.strategy ?? 'optimal';
  const workforceMode = input.workforceMode ?? 'integer';
  const run = (await sql<{ id: string; summary: { families?: StoredFamily[] } | null }>`select id, summary from planning_run
    where organization_id = ${org} and run_type = 'sop' and status = 'succeeded' order by created_at desc, id desc limit 1`.execute(handle.db)).rows[0];
  if (!run) return { ok: false, problem: 'no_sop_run', params: {} };
  const families = run.summary?.families ?? [];
  const family = families.find((f) => String(f.familyId) === input.familyCode);
  if (!family) return { ok: false, problem: 'unknown_family', params: { family: input.familyCode, run: run.id, families: families.map((f) => String(f.familyId)).join(', ') || '—' } };
  const taken = (await sql`select 1 from sop_scenario where organization_id = ${org} and lower(name) = lower(${name})`.execute(handle.db)).rows[0];
  if (taken) return { ok: false, problem: 'name_taken', params: { name } };

  let comparison: AggregateScenarioComparison;
  try {
    // On a worker thread: HiGHS solves synchronously and would hold the server's event loop.
    [comparison] = await runInWorkerPool<SopWorkerTask, AggregateScenarioComparison>({
      workerModuleUrl: new URL('../planning-cycle/sop-solve-worker.ts', import.meta.url),
      tasks: [{ kind: 'scenario', base: family.input, scenario: toAggregateScenario(name, input.changes), strategy, workforceMode, timeLimitSeconds: input.timeLimitSeconds ?? 20 }],
      threadCount: 1,
    }) as [AggregateScenarioComparison];
  } catch (error) {
    // A change the model refuses (CoreError in the worker, passed back by name with its message).
    if (error instanceof CoreError || (error instanceof WorkerTaskError && error.name === 'CoreError')) return { ok: false, problem: 'invalid_changes', params: { detail: error.message } };
    throw error;
  }
  const base = comparison.plans.find((p) => p.scenarioId === 'base');
  const scenario = comparison.plans.find((p) => p.scenarioId === 'scenario');
  const row = comparison.rows.find((r) => r.scenarioId === 'scenario');
  if (!base || !scenario || !row) throw new Error('compareAggregateScenarios returned no base or scenario plan');
  const result: StoredResult = {
    costs: costLinesOf(scenario.plan), baseCosts: costLinesOf(base.plan), totalDemandUnits: row.totalDemandUnits, totalSubcontractUnits: row.totalSubcontractUnits,
    peakWorkforce: row.peakWorkforce, periods: scenario.plan.periods, exceptions: scenario.plan.exceptions,
  };
  const totalCost = feasible(scenario.plan) ? cents(scenario.plan.totalCost) : null;
  const baseTotalCost = feasible(base.plan) ? cents(base.plan.totalCost) : null;
  const id = await handle.db.transaction().execute(async (trx) => {
    const inserted = (await sql<{ id: string }>`insert into sop_scenario (organization_id, name, family_code, base_run_id, strategy, workforce_mode, changes, input, status, total_cost, base_total_cost, result, created_by)
      values (${org}, ${name}, ${input.familyCode}, ${run.id}, ${strategy}, ${workforceMode}, ${JSON.stringify(input.changes)}::jsonb, ${JSON.stringify(scenario.input)}::jsonb,
        ${scenario.plan.status}, ${totalCost}, ${baseTotalCost}, ${JSON.stringify(result)}::jsonb, ${input.actor.email}) returning id::text`.execute(trx)).rows[0];
    await recordAuditEntry(trx, {
      organizationId: org, actor: input.actor, action: 'create', entity: 'sop_scenario', entityKey: name,
      after: { familyCode: input.familyCode, baseRunId: run.id, strategy, workforceMode, changes: input.changes, totalCost, baseTotalCost },
    });
    return inserted?.id ?? '';
  });
  const stored = (await sql<ScenarioRow>`select ${SELECT} from sop_scenario where id = ${id}::bigint`.execute(handle.db)).rows[0];
  if (!stored) throw new Error(`scenario ${id} was not stored`);
  return { ok: true, value: toScenario(stored) };
}

/** The organization's scenarios, oldest first (stable by id), optionally of one family. */
export async function listSopScenarios(handle: DatabaseHandle, query: { organizationId: string; familyCode?: string }): Promise<SopScenario[]> {
  const rows = (await sql<ScenarioRow>`select ${SELECT} from sop_scenario where organization_id = ${query.organizationId}
    and (${query.familyCode ?? null}::text is null or family_code = ${query.familyCode ?? null}) order by id`.execute(handle.db)).rows;
  return rows.map(toScenario);
}

/** Deletes a scenario of the organization (audited with what it held); another organization's id is not_found. */
export async function deleteSopScenario(handle: DatabaseHandle, input: { organizationId: string; id: string; actor: AuditActor }): Promise<SopScenarioOutcome<null>> {
  if (!/^\d{1,18}$/.test(input.id)) return { ok: false, problem: 'not_found', params: { id: input.id } };
  const deleted = await handle.db.transaction().execute(async (trx) => {
    const row = (await sql<{ name: string; family_code: string; changes: unknown; total_cost: string | null }>`delete from sop_scenario where organization_id = ${input.organizationId} and id = ${input.id}::bigint
      returning name, family_code, changes, total_cost::text`.execute(trx)).rows[0];
    if (!row) return false;
    await recordAuditEntry(trx, { organizationId: input.organizationId, actor: input.actor, action: 'delete', entity: 'sop_scenario', entityKey: row.name, before: { familyCode: row.family_code, changes: row.changes, totalCost: row.total_cost } });
    return true;
  });
  return deleted ? { ok: true, value: null } : { ok: false, problem: 'not_found', params: { id: input.id } };
}
