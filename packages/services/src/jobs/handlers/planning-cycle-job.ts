import { PLANNING_CYCLE_STEPS, runPlanningCycle } from '../../planning-cycle/run-planning-cycle';
import type { JobHandler } from '../job-types';
import { dateParam, integerParam } from '../internal/job-params';

/** Parameters of a planning_cycle job (defaults as `flowpilot plan`). */
export type PlanningCycleJobParams = { asOfDate: string; horizonWeeks: number; seed: number };

export function readPlanningCycleJobParams(params: Record<string, unknown>, today: string): PlanningCycleJobParams {
  return {
    asOfDate: dateParam(params, 'asOfDate', today),
    horizonWeeks: integerParam(params, 'horizonWeeks', 26, 1, 156),
    seed: integerParam(params, 'seed', 1, 0, 2 ** 31 - 1),
  };
}

/**
 * `planning_cycle`: the whole planning cycle (runPlanningCycle, the same use case as `flowpilot plan`) as one
 * partition, run inside the transaction that marks the partition done: every step's planning run, forecast,
 * plan and proposals are written together or not at all, so a cancelled, failed or killed cycle leaves no
 * planning run behind and the re-run starts clean. Progress counts the steps done (8: data quality, forecast,
 * inventory policy, S&OP, MPS, MRP, capacity, proposals); a cancel stops the cycle before its next step.
 * Params: asOfDate (default the enqueue date), horizonWeeks (default 26), seed (default 1).
 * Result: `{ asOfDate, steps: [{ step, runId, durationMs, summary }] }` (the contract's PlanningCycleResponse).
 */
export const planningCycleJobHandler: JobHandler = {
  kind: 'planning_cycle',
  // A second cycle would plan on the same data and race the first to be the organization's latest runs.
  onePerOrganization: { refusalKey: 'jobs.error.cycle_already_active' },
  async plan({ params, today }) {
    readPlanningCycleJobParams(params, today);
    return { partitions: [{ input: {}, progressTotal: PLANNING_CYCLE_STEPS.length }] };
  },
  async runPartition({ organizationId, params, state, signal, progress }) {
    const p = readPlanningCycleJobParams(params, String(state.today));
    return {
      async commit(handle) {
        const result = await runPlanningCycle(handle, {
          organizationId, asOfDate: p.asOfDate, horizonWeeks: p.horizonWeeks, seed: p.seed, signal,
          onStep: (event) => { if (event.state === 'done') progress(PLANNING_CYCLE_STEPS.indexOf(event.step) + 1, PLANNING_CYCLE_STEPS.length); },
        });
        return { asOfDate: result.asOfDate, steps: result.steps };
      },
    };
  },
  async finalize({ partitionResults }) {
    return partitionResults[0] ?? {};
  },
};
