import { z } from 'zod';
import { pageOf } from './common';

// KPIs from actuals, returns, improvement actions (PDCA) and meetings, cost control.

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const code = z.string().min(1).max(64);
const bilingual = z.object({ en: z.string(), fr: z.string() });

export const KPI_PERIODS = ['all', 'month', 'week'] as const;
export const KPI_GROUPINGS = ['item', 'family', 'customer', 'supplier', 'site', 'carrier', 'resource'] as const;

/** Window and grouping of a KPI query: the 26 weeks before `to` (default today) unless `from` is given. */
export const KpiQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  period: z.enum(KPI_PERIODS).default('month'),
  by: z.enum(KPI_GROUPINGS).optional(),
  kpi: z.string().max(1000).optional().describe('comma-separated KPI ids (default: every KPI with data)'),
});
export type KpiQuery = z.infer<typeof KpiQuery>;

/** One KPI value with its definition, formula, source, target, status and how many records are behind it. */
export const KpiValue = z.object({
  kpiId: z.string(),
  periodKey: z.string().describe('all, YYYY-MM or YYYY-Www'),
  dimensionKey: z.string().describe('all, or the group (customer code…); (none) for records without it'),
  value: z.number().nullable(),
  unit: z.string(),
  direction: z.enum(['higher-is-better', 'lower-is-better', 'closer-to-zero']),
  target: z.number().nullable(),
  alertThreshold: z.number().nullable(),
  status: z.enum(['ok', 'warning', 'alert', 'no-data', 'no-target']),
  numerator: z.number(),
  denominator: z.number(),
  components: z.record(z.string(), z.number().nullable()).optional(),
  name: bilingual,
  definition: bilingual,
  formula: z.string(),
  source: z.string(),
  datasets: z.array(z.string()),
  recordCount: z.number().int(),
});
export type KpiValue = z.infer<typeof KpiValue>;

/** The dashboard: every value (trend per period), and the values of the last period that are out of bounds. */
export const KpiDashboard = z.object({
  from: z.string(), to: z.string(), period: z.enum(KPI_PERIODS), by: z.string(),
  values: z.array(KpiValue),
  alerts: z.array(KpiValue),
});
export type KpiDashboard = z.infer<typeof KpiDashboard>;

export const KpiDrillQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  period: z.enum(KPI_PERIODS).default('all'),
  by: z.enum(KPI_GROUPINGS).optional(),
  periodKey: z.string().max(16).optional(),
  group: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

/**
 * The records behind one KPI value; order lines say whether they were on time and in full; the
 * invoices behind a cash-to-cash value say how many days of the period they were open.
 */
export const KpiDrillResponse = z.object({
  value: KpiValue,
  records: z.array(z.object({ dataset: z.string(), id: z.string(), record: z.record(z.string(), z.unknown()), onTime: z.boolean().optional(), inFull: z.boolean().optional(), openDays: z.number().int().optional() })),
  totalRecords: z.number().int(),
});

export const RETURN_REASONS = ['damaged', 'defective', 'wrong_item', 'not_needed', 'expired', 'other'] as const;
export const RETURN_DISPOSITIONS = ['restock', 'refurbish', 'return_to_supplier', 'recycle', 'scrap'] as const;
export const RETURN_STATUSES = ['authorized', 'received', 'inspected', 'closed', 'cancelled'] as const;
export const INSPECTION_RESULTS = ['as_new', 'repairable', 'unusable'] as const;

export const ReturnOrder = z.object({
  rmaNumber: z.string(), customerCode: z.string(), itemCode: z.string(), lotNumber: z.string(), quantity: z.number(),
  reason: z.enum(RETURN_REASONS), status: z.enum(RETURN_STATUSES), disposition: z.enum(RETURN_DISPOSITIONS).nullable(),
  authorizedDate: z.string(), receivedDate: z.string().nullable(), locationCode: z.string().nullable(), inspectedDate: z.string().nullable(),
  inspectionResult: z.enum(INSPECTION_RESULTS).nullable(), inspectionNote: z.string().nullable(), disposedDate: z.string().nullable(),
  returnCostEur: z.number(), creditAmountEur: z.number().nullable(),
});
export type ReturnOrder = z.infer<typeof ReturnOrder>;
export const ReturnPage = pageOf(ReturnOrder);
export const ReturnListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  status: z.enum(RETURN_STATUSES).optional(),
});

export const AuthorizeReturnBody = z.object({
  rmaNumber: code.optional(), customerCode: code, itemCode: code, lotNumber: z.string().max(64).optional(), quantity: z.number().positive(),
  reason: z.enum(RETURN_REASONS), authorizedDate: isoDate.optional().describe('default today'), locationCode: code.optional(),
});
export const ReceiveReturnBody = z.object({ receivedDate: isoDate.optional(), locationCode: code.optional() });
export const InspectReturnBody = z.object({ inspectedDate: isoDate.optional(), result: z.enum(INSPECTION_RESULTS), note: z.string().max(2000).optional() });
export const DisposeReturnBody = z.object({
  disposition: z.enum(RETURN_DISPOSITIONS), disposedDate: isoDate.optional(),
  returnCostEur: z.number().min(0).optional().describe('handling, repair, transport back; posted as a returns cost'),
  creditAmountEur: z.number().min(0).optional(),
});

export const ReturnReportQuery = z.object({ from: isoDate.optional(), to: isoDate.optional(), by: z.enum(['item', 'customer', 'reason']).default('item') });
export const ReturnReportResponse = z.object({
  from: z.string(), to: z.string(), by: z.enum(['item', 'customer', 'reason']),
  rows: z.array(z.object({ key: z.string(), returnCount: z.number().int(), returnedQuantity: z.number(), shippedQuantity: z.number().nullable(), returnRate: z.number().nullable(), returnCostEur: z.number() })),
});

export const ACTION_STATUSES = ['plan', 'do', 'check', 'act', 'closed'] as const;
export const ImprovementActionSchema = z.object({
  actionNumber: z.string(), title: z.string(), description: z.string().nullable(), kpiId: z.string().nullable(), auditFinding: z.string().nullable(),
  owner: z.string(), dueDate: z.string(), status: z.enum(ACTION_STATUSES), baselineFrom: z.string().nullable(), baselineTo: z.string().nullable(),
  baselineValue: z.number().nullable(), effectFrom: z.string().nullable(), effectTo: z.string().nullable(), measuredValue: z.number().nullable(),
  effect: z.number().nullable().describe('measured − baseline'), improved: z.boolean().nullable(), closedAt: z.string().nullable(),
});
export type ImprovementActionSchema = z.infer<typeof ImprovementActionSchema>;
export const ImprovementActionPage = pageOf(ImprovementActionSchema);
export const ActionListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  status: z.enum(ACTION_STATUSES).optional(),
});
export const AddActionBody = z.object({
  actionNumber: code.optional(), title: z.string().min(1).max(500), description: z.string().max(5000).optional(), kpiId: z.string().max(64).optional(),
  auditFinding: z.string().max(2000).optional(), owner: z.string().min(1).max(200), dueDate: isoDate, baselineFrom: isoDate.optional(), baselineTo: isoDate.optional(),
});
export const UpdateActionBody = z.object({
  status: z.enum(ACTION_STATUSES).optional(), owner: z.string().min(1).max(200).optional(), dueDate: isoDate.optional(), title: z.string().min(1).max(500).optional(),
  description: z.string().max(5000).optional(),
});

export const MeetingSchema = z.object({
  meetingNumber: z.string(), meetingDate: z.string(), workGroup: z.string(), title: z.string(), participants: z.string().nullable(),
  decisions: z.array(z.object({ decisionNumber: z.number().int(), text: z.string(), actionNumber: z.string().nullable() })),
});
export const MeetingPage = pageOf(MeetingSchema);
export const AddMeetingBody = z.object({
  meetingNumber: code.optional(), meetingDate: isoDate, workGroup: z.string().min(1).max(200), title: z.string().min(1).max(500), participants: z.string().max(2000).optional(),
  decisions: z.array(z.object({ text: z.string().min(1).max(2000), actionNumber: code.optional() })).max(100).default([]),
});

export const COST_CATEGORIES = ['procurement', 'storage', 'handling', 'transport', 'financial', 'returns', 'other'] as const;
export const CostWindowQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() });
export const BudgetVsActualResponse = z.object({
  from: z.string(), to: z.string(),
  rows: z.array(z.object({ month: z.string(), category: z.enum(COST_CATEGORIES), budgetEur: z.number(), actualEur: z.number(), varianceEur: z.number(), varianceFraction: z.number().nullable(), recordIds: z.array(z.string()) })),
});
export const CostBreakdownResponse = z.object({
  from: z.string(), to: z.string(),
  rows: z.array(z.object({ category: z.enum(COST_CATEGORIES), amountEur: z.number(), share: z.number().nullable() })),
});
export const CostToServeResponse = z.object({
  from: z.string(), to: z.string(),
  rows: z.array(z.object({
    customerCode: z.string(), orderCount: z.number().int(), orderLineCount: z.number().int(), unitsShipped: z.number(), revenueEur: z.number(), directCostEur: z.number(),
    allocatedCostEur: z.number(), costToServeEur: z.number(), costShareOfRevenue: z.number().nullable(), costPerOrderEur: z.number().nullable(),
  })),
});

// Lean records: SMED studies and 5S audits (formulas in @flowpilot/core lean).
export const SmedElementSchema = z.object({
  id: z.string().min(1).max(64), name: z.string().min(1).max(200), type: z.enum(['internal', 'external']), durationSeconds: z.number().min(0),
  action: z.enum(['keep', 'convert-to-external', 'streamline', 'eliminate']).optional(), afterDurationSeconds: z.number().min(0).optional(),
});
export const SmedStudyBody = z.object({
  studyNumber: code.optional(), workCenterCode: code.optional(), studyDate: isoDate, title: z.string().min(1).max(500),
  changeoversPerWeek: z.number().min(0).optional(), elements: z.array(SmedElementSchema).min(1).max(500),
});
export const SmedStudySchema = z.object({
  studyNumber: z.string(), workCenterCode: z.string().nullable(), studyDate: z.string(), title: z.string(), changeoversPerWeek: z.number().nullable(),
  elements: z.array(SmedElementSchema),
  analysis: z.object({
    elements: z.array(z.object({ id: z.string(), name: z.string(), action: z.string(), beforeType: z.string(), afterType: z.string(), beforeSeconds: z.number(), afterSeconds: z.number(), internalSecondsSaved: z.number() })),
    changeoverBeforeSeconds: z.number(), changeoverAfterSeconds: z.number(), changeoverSavedSeconds: z.number(), reductionFraction: z.number(),
    externalBeforeSeconds: z.number(), externalAfterSeconds: z.number(), machineSecondsFreedPerPeriod: z.number().nullable(),
  }),
});
export const SmedStudyList = z.object({ items: z.array(SmedStudySchema) });

const FIVE_S_PILLARS = ['sort', 'set-in-order', 'shine', 'standardise', 'sustain'] as const;
export const FiveSAuditBody = z.object({
  auditNumber: code.optional(), area: z.string().min(1).max(200), auditDate: isoDate, auditor: z.string().max(200).optional(), maxScorePerQuestion: z.union([z.literal(4), z.literal(5)]),
  answers: z.array(z.object({ questionId: z.string().min(1).max(64), pillar: z.enum(FIVE_S_PILLARS), score: z.number().min(0), comment: z.string().max(2000).optional() })).min(1).max(500),
});
const FiveSFinding = z.object({ questionId: z.string(), pillar: z.enum(FIVE_S_PILLARS), score: z.number(), comment: z.string().nullable() });
export const FiveSAuditResultSchema = z.object({
  auditId: z.string(), date: z.string(), area: z.string(),
  pillars: z.array(z.object({ pillar: z.enum(FIVE_S_PILLARS), points: z.number(), maxPoints: z.number(), scoreFraction: z.number().nullable(), questions: z.number().int() })),
  totalPoints: z.number(), maxPoints: z.number(), scoreFraction: z.number(), findings: z.array(FiveSFinding),
});
export const FiveSTrendResponse = z.object({
  areas: z.array(z.object({
    area: z.string(),
    trend: z.array(z.object({ auditId: z.string(), date: z.string(), scoreFraction: z.number(), changeFraction: z.number().nullable(), pillarScores: z.record(z.string(), z.number().nullable()) })),
    latest: FiveSAuditResultSchema,
  })),
});
