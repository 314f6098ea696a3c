import { z } from 'zod';
import { SopCostBreakdown, SopPlanPeriod } from './workspace';

const nonNegative = z.number().finite().min(0);

/**
 * What a planner changes in one family's aggregate plan (the base input of the latest S&OP run):
 * demand multiplied by a factor, cost lines replaced, limits added. Every field is optional.
 */
export const SopScenarioChanges = z.object({
  demandFactor: z.number().finite().min(0).max(10).optional().describe('multiplies every month\'s demand (1.1 = +10 %)'),
  initialWorkforce: nonNegative.optional(),
  maxOvertimeHoursPerWorkerPerPeriod: nonNegative.optional(),
  endingInventoryMinUnits: nonNegative.optional(),
  costs: z.object({
    regularCostPerHour: nonNegative.optional(), overtimeCostPerHour: nonNegative.optional(), hiringCostPerWorker: nonNegative.optional(), layoffCostPerWorker: nonNegative.optional(),
    materialCostPerUnit: nonNegative.optional(), holdingCostPerUnitPerPeriod: nonNegative.optional(), backlogCostPerUnitPerPeriod: nonNegative.optional(), subcontractCostPerUnit: nonNegative.optional(),
  }).strict().optional(),
  limits: z.object({
    maxWorkforce: nonNegative.optional(), maxHiresPerPeriod: nonNegative.optional(), maxLayoffsPerPeriod: nonNegative.optional(),
    maxSubcontractUnitsPerPeriod: nonNegative.optional(), maxBacklogUnits: nonNegative.optional(),
  }).strict().optional(),
}).strict();
export type SopScenarioChanges = z.infer<typeof SopScenarioChanges>;

export const SopScenarioRequest = z.object({
  name: z.string().trim().min(1).max(120),
  familyCode: z.string().min(1).max(64),
  strategy: z.enum(['level', 'chase', 'optimal']).default('optimal'),
  workforceMode: z.enum(['integer', 'continuous']).default('integer').describe('integer: whole workers (MIP); continuous: LP'),
  changes: SopScenarioChanges.default({}),
});
export type SopScenarioRequest = z.infer<typeof SopScenarioRequest>;

/** A stored what-if: its changes, its plan and cost beside the base plan's (same family, run, strategy and workforce mode). */
export const SopScenarioRecord = z.object({
  id: z.string(), name: z.string(), familyCode: z.string(), baseRunId: z.string(),
  strategy: z.enum(['level', 'chase', 'optimal']), workforceMode: z.enum(['integer', 'continuous']),
  changes: SopScenarioChanges,
  status: z.string(),
  totalCostEur: z.number().nullable(), baseTotalCostEur: z.number().nullable(), costChangeEur: z.number().nullable(),
  costs: SopCostBreakdown, baseCosts: SopCostBreakdown,
  totalDemandUnits: z.number(), totalSubcontractUnits: z.number(), peakWorkforce: z.number(),
  periods: z.array(SopPlanPeriod),
  exceptions: z.array(z.object({ code: z.string(), period: z.string().optional(), message: z.string(), quantity: z.number().optional() })),
  createdBy: z.string().nullable(), createdAt: z.string(),
});
export type SopScenarioRecord = z.infer<typeof SopScenarioRecord>;
export const SopScenarioList = z.object({ items: z.array(SopScenarioRecord) });
export const SopScenarioQuery = z.object({ familyCode: z.string().max(64).optional() });
export const SopScenarioParams = z.object({ id: z.string().max(30) });
