// Public surface of the services' jobs module: one export line per file.
export { JOB_KINDS, type JobKind, type JobStatus, type JobPartitionStatus, type JobBackend, type JobRecord, type JobPartitionRecord, type JobLogEntry, type JobDetail, type JobEnqueueInput, type JobListQuery, type JobPage, type JobWorkerEvent, type JobWorkerOptions, type JobWorker, type JobQueue, type JobQueueOptions, type JobHandler } from './job-types';
export { JobError, JobFailure, type JobErrorCode } from './job-error';
export { JOB_HANDLERS, jobHandlerOf } from './job-handlers';
export { InProcessJobQueue } from './in-process-job-queue';
export { PgBossJobQueue, pgBossQueueName, pgBossSchemaFor } from './pg-boss-job-queue';
export { createJobQueue } from './create-job-queue';
export { readForecastJobParams, type ForecastJobParams } from './handlers/forecast-job';
export { readPlanningCycleJobParams, type PlanningCycleJobParams } from './handlers/planning-cycle-job';
export { seedJobForecastSeries, type SeedJobForecastSeriesInput } from './seed-job-forecast-series';
export { countOpenJobPartitions } from './count-open-job-partitions';
