import type { JobHandler, JobKind } from './job-types';
import { forecastJobHandler } from './handlers/forecast-job';
import { planningCycleJobHandler } from './handlers/planning-cycle-job';
import { routingJobHandler } from './handlers/routing-job';
import { simulationJobHandler } from './handlers/simulation-job';
import { importJobHandler } from './handlers/import-job';

/** The table of job handlers, one per kind. */
export const JOB_HANDLERS: Readonly<Record<JobKind, JobHandler>> = {
  forecast: forecastJobHandler,
  planning_cycle: planningCycleJobHandler,
  routing: routingJobHandler,
  simulation: simulationJobHandler,
  import: importJobHandler,
};

export function jobHandlerOf(kind: JobKind): JobHandler {
  return JOB_HANDLERS[kind];
}
