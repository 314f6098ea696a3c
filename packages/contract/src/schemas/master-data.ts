import { z } from 'zod';
import { pageOf } from './common';

/** An item as the API returns it; decimals are strings so no digit is lost. */
export const ItemSummary = z.object({
  code: z.string(),
  name: z.string(),
  itemType: z.enum(['finished_good', 'semi_finished', 'component', 'raw_material']),
  uomCode: z.string(),
  familyCode: z.string().nullable(),
  makeOrBuy: z.enum(['make', 'buy']),
  standardCost: z.string(),
  leadTimeDays: z.number().int(),
});
export type ItemSummary = z.infer<typeof ItemSummary>;
export const ItemPage = pageOf(ItemSummary);

export const ItemListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  search: z.string().max(100).optional(),
  itemType: z.enum(['finished_good', 'semi_finished', 'component', 'raw_material']).optional(),
  familyCode: z.string().max(64).optional(),
});
export type ItemListQuery = z.infer<typeof ItemListQuery>;

export const PlanningRunSummary = z.object({
  id: z.string(),
  runType: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  asOfDate: z.string().nullable(),
  inputsHash: z.string().nullable(),
  parameters: z.record(z.string(), z.unknown()),
  summary: z.record(z.string(), z.unknown()),
  exceptionCount: z.number().int(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
});
export type PlanningRunSummary = z.infer<typeof PlanningRunSummary>;
export const PlanningRunPage = pageOf(PlanningRunSummary);
export const PlanningRunDetail = PlanningRunSummary.extend({ exceptions: z.array(z.unknown()) });

export const DataQualityResponse = z.object({
  organizationId: z.string(),
  today: z.string(),
  errorCount: z.number().int(),
  warningCount: z.number().int(),
  checks: z.array(z.object({ check: z.string(), title: z.string(), severity: z.enum(['error', 'warning']), findingCount: z.number().int() })),
  findings: z.array(z.object({ check: z.string(), severity: z.enum(['error', 'warning']), entity: z.string(), key: z.string(), message: z.string() })),
});
export type DataQualityResponse = z.infer<typeof DataQualityResponse>;

export const HealthResponse = z.object({ status: z.literal('ok'), version: z.string() });
export const ReadinessResponse = z.object({ status: z.enum(['ready', 'not_ready']), database: z.string() });
