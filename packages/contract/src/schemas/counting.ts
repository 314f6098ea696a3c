import { z } from 'zod';
import { pageOf } from './common';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const code = z.string().min(1).max(64);

/** Per ABC class: counts per year (1, 2, 3, 4, 6, 12) and the tolerances that call for a recount. */
export const CountClassSettingsBody = z.object({
  countsPerYear: z.number().int(),
  quantityTolerance: z.number().min(0).max(1).describe('accepted |variance| as a fraction of the expected quantity'),
  valueToleranceEur: z.number().min(0).describe('accepted |variance × unit cost| in EUR'),
});
const ClassSettings = z.record(z.string().min(1).max(8), CountClassSettingsBody);

export const CountPlanRequest = z.object({
  fromDate: isoDate,
  months: z.number().int().min(1).max(36).default(12),
  locationCode: code.optional(),
  classes: ClassSettings.optional().describe('default A 12/yr 0 % 50 EUR, B 4/yr 2 % 200 EUR, C 1/yr 5 % 500 EUR'),
  abcClasses: z.array(z.object({ label: z.string().min(1).max(8), cumulativeShare: z.number().min(0).max(1) })).min(1).optional(),
  calendarCode: code.optional(),
  planNumber: code.optional(),
  itemCodes: z.array(code).min(1).max(5000).optional().describe('only these items (each keeps its ABC class among every stock point); unknown codes are refused, named'),
});
export type CountPlanRequest = z.infer<typeof CountPlanRequest>;

export const CountPlanResponse = z.object({
  planNumber: z.string(), fromDate: z.string(), toDate: z.string(), lineCount: z.number().int(),
  classes: z.record(z.string(), z.object({ stockPoints: z.number().int(), countsPerYear: z.number(), cycleMonths: z.number(), countsPlanned: z.number().int() })),
  usageWindow: z.object({ fromDate: z.string(), toDate: z.string() }),
  usageSources: z.record(z.string(), z.number().int()),
  itemsWithoutStockPoint: z.array(z.string()).describe('chosen items with no stock point in the plan\'s scope (not planned)'),
});

export const CountPlanLineQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const CountPlanLineRow = z.object({ itemCode: z.string(), locationCode: z.string(), scheduledDate: z.string(), abcClass: z.string(), annualUsageValue: z.number(), usageSource: z.string() });
export const CountPlanLinePage = pageOf(CountPlanLineRow);

export const CountStartRequest = z.object({
  locationCode: code,
  countDate: isoDate.optional().describe('default today'),
  planNumber: code.optional(),
  itemCodes: z.array(code).min(1).max(5000).optional(),
  classes: ClassSettings.optional(),
});
export type CountStartRequest = z.infer<typeof CountStartRequest>;

/** A blind count sheet: where to go and what to count, never the book quantity. */
export const CountSheetResponse = z.object({
  countNumber: z.string(), locationCode: z.string(), countDate: z.string(), status: z.enum(['open', 'closed', 'cancelled']), startedAt: z.string(), planNumber: z.string().nullable(),
  lines: z.array(z.object({ lineNumber: z.number().int(), binCode: z.string(), itemCode: z.string(), itemName: z.string(), uomCode: z.string(), lotNumber: z.string(), status: z.enum(['to_count', 'counted', 'recount', 'recounted']) })),
});
export const CountSheetQuery = z.object({ recount: z.enum(['true', 'false']).optional().describe('only the lines waiting for a recount') });
export const CountParams = z.object({ countNumber: code });
export const CountPlanParams = z.object({ planNumber: code });

export const CountListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  status: z.enum(['open', 'closed', 'cancelled']).optional(),
  locationCode: code.optional(),
});
export const CountHeaderRow = z.object({
  countNumber: z.string(), locationCode: z.string(), countDate: z.string(), status: z.enum(['open', 'closed', 'cancelled']), planNumber: z.string().nullable(),
  startedAt: z.string(), closedAt: z.string().nullable(), approvedBy: z.string().nullable(), lineCount: z.number().int(), linesCounted: z.number().int(), linesToRecount: z.number().int(),
});
export const CountHeaderPage = pageOf(CountHeaderRow);

/** Counted quantities: a CSV text (as the sheet's CSV, filled) or lines; rows are numbered as in a file (lines[0] is row 2). */
export const CountEntryRequest = z.object({
  csv: z.string().max(5_000_000).optional(),
  fileName: z.string().max(200).optional(),
  lines: z.array(z.object({
    itemCode: z.string().max(64), lotNumber: z.string().max(64).optional(), locationCode: z.string().max(64).optional(),
    countedQuantity: z.union([z.number(), z.string().max(40)]), causeCode: z.string().max(40).optional(), countedAt: z.string().max(40).optional(),
  })).max(20000).optional(),
  countedAt: z.string().max(40).optional().describe('when the stock was counted (default now)'),
}).refine((body) => (body.csv === undefined) !== (body.lines === undefined), { message: 'give either csv or lines' });
export type CountEntryRequest = z.infer<typeof CountEntryRequest>;

export const CountEntryResponse = z.object({
  countNumber: z.string(), linesEntered: z.number().int(), linesRemaining: z.number().int(),
  linesToRecount: z.array(z.object({ lineNumber: z.number().int(), binCode: z.string(), itemCode: z.string(), lotNumber: z.string() })),
});

export const CountCloseRequest = z.object({ dryRun: z.boolean().default(false) });

const VarianceGroup = z.object({
  lines: z.number().int(), linesWithVariance: z.number().int(), linesOutsideTolerance: z.number().int(),
  netVarianceValueEur: z.number(), absoluteVarianceValueEur: z.number(), netVarianceQuantity: z.number(),
});
const VarianceSummary = z.object({ overall: VarianceGroup, byClass: z.record(z.string(), VarianceGroup), byCause: z.record(z.string(), VarianceGroup) });
const AccuracyFigures = z.object({ linesCounted: z.number().int(), linesAccurate: z.number().int(), linesExact: z.number().int(), accuracy: z.number().nullable(), exactAccuracy: z.number().nullable() });

export const CountVarianceResponse = z.object({
  countNumber: z.string(), status: z.enum(['open', 'closed']), dryRun: z.boolean(), adjustmentsPosted: z.number().int(),
  lines: z.array(z.object({
    lineNumber: z.number().int(), itemCode: z.string(), lotNumber: z.string(), binCode: z.string(), abcClass: z.string(),
    snapshotQuantity: z.number(), movementsDuringCountQuantity: z.number(), expectedQuantity: z.number(), firstCountQuantity: z.number().nullable(), countedQuantity: z.number(),
    varianceQuantity: z.number(), unitCostEur: z.number(), varianceValueEur: z.number(), withinTolerance: z.boolean(), causeCode: z.string().nullable(), adjustmentMovementId: z.string().nullable(),
  })),
  summary: VarianceSummary,
  accuracy: AccuracyFigures,
});

export const CountPeriodQuery = z.object({ from: isoDate.optional(), to: isoDate.optional(), locationCode: code.optional() });
export const CountVarianceAnalysisResponse = VarianceSummary.extend({ from: z.string().nullable(), to: z.string().nullable() });
export const CountAccuracyResponse = z.object({
  from: z.string().nullable(), to: z.string().nullable(), overall: AccuracyFigures, byClass: z.record(z.string(), AccuracyFigures),
  byMonth: z.array(AccuracyFigures.extend({ month: z.string() })),
});

export const SupplierScorecardQuery = z.object({
  from: isoDate.optional().describe('default: 364 days before to'),
  to: isoDate.optional().describe('default: today'),
  supplierCode: code.optional(),
  onTimeWindowDays: z.coerce.number().int().min(0).max(60).default(0),
  inFullTolerance: z.coerce.number().min(0).max(1).default(0),
});
const SupplierScoreRow = z.object({
  supplierCode: z.string(), itemCode: z.string().optional(), linesReceived: z.number().int(), linesOnTime: z.number().int(), linesInFull: z.number().int(), linesOnTimeInFull: z.number().int(),
  onTimeRate: z.number().nullable(), inFullRate: z.number().nullable(), onTimeInFullRate: z.number().nullable(), quantityAccuracy: z.number().nullable(),
  orderedQuantity: z.number(), receivedQuantity: z.number(), rejectedQuantity: z.number(), rejectRate: z.number().nullable(),
  leadTimeMeanDays: z.number().nullable(), leadTimeStdDays: z.number().nullable(), meanDaysLate: z.number().nullable(),
  priceVarianceEur: z.number(), priceVarianceRate: z.number().nullable(), linesWithoutAgreedPrice: z.number().int(),
});
export const SupplierScorecardResponse = z.object({
  from: z.string(), to: z.string(), parameters: z.object({ onTimeWindowDays: z.number(), inFullTolerance: z.number() }),
  suppliers: z.array(SupplierScoreRow), items: z.array(SupplierScoreRow), openLinesWithoutReceipt: z.number().int(),
});
