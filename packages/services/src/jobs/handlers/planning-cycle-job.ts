import { runPlanningCycle, type PlanningCycleStep } from '../../planning-cycle/run-planning-cycle';
import type { JobHandler } from '../job-types';
import { dateParam, integerParam } from '../internal/job-params';

const STEPS: readonly PlanningCycleStep[] = ['data_quality', 'forecast', 'inventory_policy', 'sop', 'mps', 'mrp', 'capacity', 'proposals'];

/**
 * `planning_cycle`: the whole planning cycle (runPlanningCycle) as one partition, run inside the transaction
 * that marks it done: a worker killed mid-cycle leaves no planning run behind, and the re-run starts clean.
 * Params: asOfDate (default the enqueue date), horizonWeeks (default 26), seed (default 1).
 */
export const planningCycleJobHandler: JobHandler = {
  kind: 'planning_cycle',
  async plan({ params, today }) {
    dateParam(params, 'asOfDate', today);
    integerParam(params, 'horizonWeeks', 26, 1, 156);
    integerParam(params, 'seed', 1, 0, 2 ** 31 - 1);
    return { partitions: [{ input: {}, progressTotal: STEPS.length }] };
  },
  async runPartition({ organizationId, params, state, signal, progress }) {
    const asOfDate = dateParam(params, 'asOfDate', String(state.today));
    const horizonWeeks = integerParam(params, 'horizonWeeks', 26, 1, 156);
    const seed = integerParam(params, 'seed', 1, 0, 2 ** 31 - 1);
    return {
      async commit(handle) {
        const result = await runPlanningCycle(handle, {
          organizationId, asOfDate, horizonWeeks, seed, signal,
          onStep: (event) => { if (event.state === 'done') progress(STEPS.indexOf(event.step) + 1, STEPS.length); },
        });
        return { asOfDate: result.asOfDate, steps: result.steps };
      },
    };
  },
  async finalize({ partitionResults }) {
    return partitionResults[0] ?? {};
  },
};
