import { sql } from 'kysely';
import { availableParallelism } from 'node:os';
import type { AggregatePlanInput, AggregateStrategyComparison } from '@flowpilot/core';
import type { DatabaseHandle } from '@flowpilot/db';
import { createWeeklyBuckets } from './weekly-buckets';
import { finishPlanningRun, hashInputs, startPlanningRun } from './planning-run-store';
import { runInWorkerPool } from '../parallel/worker-pool';
import type { SopWorkerTask } from './sop-solve-worker';

/** Defaults of the family plan where the data holds no figure; every one is stored with the run. */
export type SopAssumptions = {
  /** Regular hours per worker per month: 35 h × 52 / 12 (French legal working week). */
  regularHoursPerWorkerPerMonth: number;
  /** Overtime hours per worker per month at most (about the French yearly quota of 220 h / 12). */
  maxOvertimeHoursPerWorkerPerMonth: number;
  /** Overtime premium over the regular hourly rate (French minimum: +25 %). */
  overtimePremium: number;
  hiringCostPerWorker: number;
  layoffCostPerWorker: number;
  /** Annual holding cost rate on the standard cost. */
  annualHoldingRate: number;
  /** Backlog cost per unit per month as a share of the sale price. */
  backlogCostShareOfPrice: number;
  /** Subcontracting price as a multiple of the standard cost. */
  subcontractCostFactor: number;
  /** Ending inventory target in months of average demand. */
  endingInventoryMonths: number;
};

export const DEFAULT_SOP_ASSUMPTIONS: SopAssumptions = {
  regularHoursPerWorkerPerMonth: 151.67, maxOvertimeHoursPerWorkerPerMonth: 18, overtimePremium: 0.25,
  hiringCostPerWorker: 3000, layoffCostPerWorker: 6000, annualHoldingRate: 0.25, backlogCostShareOfPrice: 0.1,
  subcontractCostFactor: 1.3, endingInventoryMonths: 0.5,
};

export type SopStepOptions = {
  organizationId: string;
  asOfDate: string;
  /** Weekly forecast per `item@location` covering at least the planned months. */
  forecasts: Map<string, number[]>;
  forecastRunId?: string | undefined;
  months?: number;
  assumptions?: Partial<SopAssumptions>;
};

export type SopStepResult = {
  runId: string; familyCount: number; totalCost: number; durationMs: number;
  /** The proposed (optimal) plan's supply per family and month (production + subcontracting): what the MPS disaggregates. */
  familyPlan: { months: string[]; supplyUnitsByFamily: Map<string, number[]> };
};

/**
 * Sales & operations plan (PIC) per product family over the next months: monthly demand = the weekly
 * forecasts of the family's finished goods summed by calendar month of the week start; labour content =
 * the routing run hours per unit weighted by forecast volume; labour rate = the mean hourly rate of the
 * work centres involved; material = standard cost; initial workforce = the workers needed for the last
 * three months' sales at regular time. Level, chase and optimal plans (whole workers, MIP by HiGHS) are
 * compared side by side; the optimal one is the proposed plan.
 */
export async function runSopStep(handle: DatabaseHandle, options: SopStepOptions): Promise<SopStepResult> {
  const org = options.organizationId;
  const months = options.months ?? 12;
  const assumptions = { ...DEFAULT_SOP_ASSUMPTIONS, ...options.assumptions };
  const buckets = createWeeklyBuckets(options.asOfDate, 0);
  const items = (await sql<{ code: string; family_code: string; standard_cost: string; sale_price: string | null; run_hours: string | null; rate: string | null; on_hand: string; recent_sales: string }>`
    select i.code, i.family_code, i.standard_cost::text, i.sale_price::text,
      (select sum(r.run_hours_per_unit)::text from routing_operation r where r.organization_id = i.organization_id and r.item_code = i.code) as run_hours,
      (select avg(w.cost_per_hour)::text from routing_operation r join work_center w on w.organization_id = r.organization_id and w.code = r.work_center_code where r.organization_id = i.organization_id and r.item_code = i.code) as rate,
      coalesce((select sum(l.quantity) from stock_lot l where l.organization_id = i.organization_id and l.item_code = i.code and l.status = 'available'), 0)::text as on_hand,
      coalesce((select sum(h.quantity) from sales_history h where h.organization_id = i.organization_id and h.item_code = i.code and h.sale_date >= (${buckets.firstMonday}::date - 91) and h.sale_date < ${buckets.firstMonday}::date), 0)::text as recent_sales
    from item i where i.organization_id = ${org} and i.active and i.item_type = 'finished_good' and i.family_code is not null order by i.family_code, i.code`.execute(handle.db)).rows;
  const monthLabels: string[] = [];
  const monthOfWeek = (week: number): number => {
    const label = buckets.startOf(week).slice(0, 7);
    let index = monthLabels.indexOf(label);
    if (index < 0 && monthLabels.length < months) { monthLabels.push(label); index = monthLabels.length - 1; }
    return index;
  };
  const families = new Map<string, { demand: number[]; hours: number; rateSum: number; rateCount: number; cost: number; price: number; onHand: number; recent: number; volume: number }>();
  for (const item of items) {
    const family = families.get(item.family_code) ?? { demand: new Array<number>(months).fill(0), hours: 0, rateSum: 0, rateCount: 0, cost: 0, price: 0, onHand: 0, recent: 0, volume: 0 };
    let volume = 0;
    for (const [key, values] of options.forecasts) {
      if (key.split('@')[0] !== item.code) continue;
      values.forEach((value, week) => {
        const month = monthOfWeek(week);
        if (month >= 0 && month < months) family.demand[month] = (family.demand[month] ?? 0) + value;
        volume += value;
      });
    }
    const weight = Math.max(volume, 1e-9);
    family.hours += Number(item.run_hours ?? 0) * weight;
    family.cost += Number(item.standard_cost) * weight;
    family.price += Number(item.sale_price ?? item.standard_cost) * weight;
    family.volume += weight;
    if (item.rate !== null) { family.rateSum += Number(item.rate); family.rateCount++; }
    family.onHand += Number(item.on_hand);
    family.recent += Number(item.recent_sales);
    families.set(item.family_code, family);
  }
  const inputs: AggregatePlanInput[] = [...families].map(([familyId, f]) => {
    const laborHoursPerUnit = f.hours / f.volume;
    const hourlyRate = f.rateCount > 0 ? f.rateSum / f.rateCount : 40;
    const unitCost = f.cost / f.volume;
    const demandUnits = f.demand.slice(0, monthLabels.length).map((d) => Math.round(d));
    const averageDemand = demandUnits.reduce((s, d) => s + d, 0) / Math.max(1, demandUnits.length);
    return {
      familyId, periodLabels: monthLabels.slice(0, demandUnits.length), demandUnits,
      initialWorkforce: Math.max(1, Math.round(((f.recent / 3) * laborHoursPerUnit) / assumptions.regularHoursPerWorkerPerMonth)),
      initialInventoryUnits: Math.round(f.onHand),
      endingInventoryMinUnits: Math.round(averageDemand * assumptions.endingInventoryMonths),
      laborHoursPerUnit: Math.max(laborHoursPerUnit, 1e-3),
      regularHoursPerWorkerPerPeriod: assumptions.regularHoursPerWorkerPerMonth,
      maxOvertimeHoursPerWorkerPerPeriod: assumptions.maxOvertimeHoursPerWorkerPerMonth,
      costs: {
        regularCostPerHour: hourlyRate, overtimeCostPerHour: hourlyRate * (1 + assumptions.overtimePremium),
        hiringCostPerWorker: assumptions.hiringCostPerWorker, layoffCostPerWorker: assumptions.layoffCostPerWorker,
        materialCostPerUnit: unitCost, holdingCostPerUnitPerPeriod: (unitCost * assumptions.annualHoldingRate) / 12,
        backlogCostPerUnitPerPeriod: (f.price / f.volume) * assumptions.backlogCostShareOfPrice, subcontractCostPerUnit: unitCost * assumptions.subcontractCostFactor,
      },
    };
  });
  const parameters = { months, assumptions, forecastRunId: options.forecastRunId ?? null, strategies: ['level', 'chase', 'optimal'], workforceMode: 'integer' };
  const run = await startPlanningRun(handle, { organizationId: org, runType: 'sop', asOfDate: options.asOfDate, parameters });
  try {
    const plans = [];
    let totalCost = 0;
    const supplyUnitsByFamily = new Map<string, number[]>();
    // One comparison per family, on worker threads (HiGHS would hold the event loop of the server process).
    const comparisons = await runInWorkerPool<SopWorkerTask, AggregateStrategyComparison>({
      workerModuleUrl: new URL('./sop-solve-worker.ts', import.meta.url),
      tasks: inputs.map((input) => ({ kind: 'strategies', input, workforceModes: ['integer'], timeLimitSeconds: 20 })),
      threadCount: Math.min(2, availableParallelism()),
    });
    for (const [index, input] of inputs.entries()) {
      const comparison = comparisons[index]!;
      const proposed = comparison.plans.find((p) => p.strategy === 'optimal' && p.status !== 'infeasible' && p.status !== 'failed');
      if (proposed) {
        totalCost += proposed.totalCost;
        supplyUnitsByFamily.set(String(input.familyId), proposed.periods.map((p) => p.productionUnits + p.subcontractUnits));
      }
      plans.push({ familyId: input.familyId, input, comparison });
    }
    const summary = {
      familyCount: plans.length, months: monthLabels, totalCost: Math.round(totalCost),
      families: plans.map((p) => ({
        familyId: p.familyId,
        strategies: p.comparison.plans.map((plan) => ({ strategy: plan.strategy, workforceMode: plan.workforceMode, status: plan.status, totalCost: Number.isFinite(plan.totalCost) ? Math.round(plan.totalCost) : null, costs: plan.costs, periods: plan.periods })),
        input: p.input,
      })),
    };
    const exceptions = plans.flatMap((p) => p.comparison.plans.filter((plan) => plan.strategy === 'optimal').flatMap((plan) => plan.exceptions.map((e) => ({ familyId: p.familyId, ...e }))));
    const durationMs = await finishPlanningRun(handle, run, { status: 'succeeded', inputsHash: hashInputs(inputs), summary, exceptions });
    return { runId: run.id, familyCount: plans.length, totalCost: Math.round(totalCost), durationMs, familyPlan: { months: [...monthLabels], supplyUnitsByFamily } };
  } catch (error) {
    await finishPlanningRun(handle, run, { status: 'failed', summary: { error: error instanceof Error ? error.message : String(error) } });
    throw error;
  }
}
