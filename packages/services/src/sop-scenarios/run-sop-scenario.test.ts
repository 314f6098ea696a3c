import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { AggregatePlanInput } from '@flowpilot/core';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { ensureOrganization } from '../organizations/ensure-organization';
import { deleteSopScenario, listSopScenarios, runSopScenario } from './run-sop-scenario';

// Red Tomato Tools (Chopra & Meindl, Supply Chain Management, ch. "Aggregate Planning in a Supply Chain"), as in
// examples/sop/red-tomato.json: the optimal plan with whole workers costs 422 660.
const example = JSON.parse(readFileSync(new URL('../../../../examples/sop/red-tomato.json', import.meta.url), 'utf8')) as AggregatePlanInput & { scenarios?: unknown; source?: unknown };
const { scenarios: _scenarios, source: _source, ...redTomato } = example;
const actor = { userId: 'u-1', email: 'planner@test', via: 'session' as const };

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  for (const org of ['org-a', 'org-b']) await ensureOrganization(handle.db, org, org);
  const summary = { families: [{ familyId: 'red-tomato-tools', input: redTomato, strategies: [] }] };
  await sql`insert into planning_run (id, organization_id, run_type, status, as_of_date, summary, created_at)
    values ('run_sop_a', 'org-a', 'sop', 'succeeded', '2026-11-24', ${JSON.stringify(summary)}::jsonb, now())`.execute(handle.db);
});
afterAll(async () => {
  await handle?.close();
});

describe('runSopScenario', () => {
  it('keeps a what-if beside the base plan: the Red Tomato base costs 422 660, an unchanged scenario costs the same', async () => {
    const outcome = await runSopScenario(handle, { organizationId: 'org-a', name: 'Unchanged', familyCode: 'red-tomato-tools', changes: {}, actor });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.value).toMatchObject({ name: 'Unchanged', baseRunId: 'run_sop_a', strategy: 'optimal', workforceMode: 'integer', status: 'optimal', baseTotalCostEur: 422660, totalCostEur: 422660, costChangeEur: 0, createdBy: 'planner@test' });
    expect(outcome.value.periods).toHaveLength(6);
    expect(outcome.value.totalDemandUnits).toBe(16000);
  });

  it('invariants: a cheaper subcontractor never costs more, forbidding layoffs never costs less, demand +10 % scales the demand', async () => {
    const cheaper = await runSopScenario(handle, { organizationId: 'org-a', name: 'Subcontractor at 25', familyCode: 'red-tomato-tools', changes: { costs: { subcontractCostPerUnit: 25 } }, actor });
    const noLayoffs = await runSopScenario(handle, { organizationId: 'org-a', name: 'No layoffs', familyCode: 'red-tomato-tools', changes: { limits: { maxLayoffsPerPeriod: 0 } }, actor });
    const more = await runSopScenario(handle, { organizationId: 'org-a', name: 'Demand +10 %', familyCode: 'red-tomato-tools', strategy: 'chase', changes: { demandFactor: 1.1 }, actor });
    if (!cheaper.ok || !noLayoffs.ok || !more.ok) throw new Error('a scenario failed');
    expect(cheaper.value.costChangeEur).toBeLessThanOrEqual(0);
    expect(noLayoffs.value.costChangeEur).toBeGreaterThanOrEqual(0);
    expect(noLayoffs.value.periods.every((p) => p.laidOffWorkers === 0)).toBe(true);
    expect(more.value.totalDemandUnits).toBeCloseTo(17600, 6);
    expect(more.value.costChangeEur).toBeCloseTo((more.value.totalCostEur ?? 0) - (more.value.baseTotalCostEur ?? 0), 2);
    // each stored scenario's cost lines add up to its total
    for (const s of [cheaper.value, noLayoffs.value, more.value]) {
      const { total, ...lines } = s.costs;
      expect(Object.values(lines).reduce<number>((sum, v) => sum + (v ?? 0), 0)).toBeCloseTo(total ?? Number.NaN, 1);
    }
    const listed = await listSopScenarios(handle, { organizationId: 'org-a' });
    expect(listed.map((s) => s.name)).toEqual(['Unchanged', 'Subcontractor at 25', 'No layoffs', 'Demand +10 %']);
    expect(await listSopScenarios(handle, { organizationId: 'org-b' })).toEqual([]);
  });

  it('returns problems: no S&OP run, unknown family, name taken (case-insensitive), bad changes; deletes only its own organization\'s', async () => {
    expect(await runSopScenario(handle, { organizationId: 'org-b', name: 'x', familyCode: 'red-tomato-tools', changes: {}, actor })).toMatchObject({ ok: false, problem: 'no_sop_run' });
    expect(await runSopScenario(handle, { organizationId: 'org-a', name: 'x', familyCode: 'nope', changes: {}, actor })).toMatchObject({ ok: false, problem: 'unknown_family', params: { families: 'red-tomato-tools' } });
    expect(await runSopScenario(handle, { organizationId: 'org-a', name: 'unchanged', familyCode: 'red-tomato-tools', changes: {}, actor })).toMatchObject({ ok: false, problem: 'name_taken' });
    expect(await runSopScenario(handle, { organizationId: 'org-a', name: 'Negative', familyCode: 'red-tomato-tools', changes: { demandFactor: -1 }, actor })).toMatchObject({ ok: false, problem: 'invalid_changes' });
    const [first] = await listSopScenarios(handle, { organizationId: 'org-a' });
    expect(await deleteSopScenario(handle, { organizationId: 'org-b', id: first!.id, actor })).toMatchObject({ ok: false, problem: 'not_found' });
    expect(await deleteSopScenario(handle, { organizationId: 'org-a', id: first!.id, actor })).toEqual({ ok: true, value: null });
    expect((await listSopScenarios(handle, { organizationId: 'org-a' })).map((s) => s.name)).not.toContain('Unchanged');
    const audit = (await sql<{ action: string }>`select action from audit_log where organization_id = 'org-a' and entity = 'sop_scenario' order by id`.execute(handle.db)).rows.map((r) => r.action);
    expect(audit).toEqual(['create', 'create', 'create', 'create', 'delete']);
  });
});
