import { z } from 'zod';
import { pageOf } from './common';

/** Query of a run's result lists: page, size, and an optional item filter. */
export const RunResultQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  itemCode: z.string().max(64).optional(),
});
export type RunResultQuery = z.infer<typeof RunResultQuery>;

/** Query of a run's planned orders: the result-list query and an optional kind (make, buy, or transfer for DRP's planned transfer orders). */
export const PlannedOrderQuery = RunResultQuery.extend({
  kind: z.enum(['make', 'buy', 'transfer']).optional(),
});
export type PlannedOrderQuery = z.infer<typeof PlannedOrderQuery>;

/** A planned order: make (MRP), buy (MRP) or transfer (DRP, TR-…, from `fromLocationCode` to `locationCode`). */
export const PlannedOrderRow = z.object({
  orderId: z.string(), itemCode: z.string(), sourcing: z.enum(['make', 'buy', 'transfer']), locationCode: z.string().nullable(), supplierCode: z.string().nullable(),
  fromLocationCode: z.string().nullable(),
  releaseDate: z.string(), receiptDate: z.string(), quantity: z.string(), releaseQuantity: z.string(),
  pegging: z.array(z.object({ demandKind: z.string(), demandId: z.string().nullable(), quantity: z.number() })),
});
export const PlannedOrderPage = pageOf(PlannedOrderRow);

export const ActionMessageRow = z.object({
  sequence: z.number().int(), kind: z.enum(['release', 'expedite', 'defer', 'cancel', 'increase', 'decrease']), itemCode: z.string(),
  ownerCode: z.string().nullable(), ownerRole: z.enum(['planner', 'buyer']), orderKind: z.string(), orderId: z.string(),
  periodDate: z.string(), suggestedDate: z.string().nullable(), quantity: z.string(), suggestedQuantity: z.string().nullable(),
  reason: z.string(), status: z.enum(['open', 'approved', 'dismissed']),
});
export const ActionMessagePage = pageOf(ActionMessageRow);

export const ForecastSeries = z.object({
  itemCode: z.string(), locationCode: z.string(), method: z.string(), demandClass: z.string().nullable(), historyPeriods: z.number().int(),
  parameters: z.record(z.string(), z.unknown()), notes: z.array(z.unknown()),
  values: z.array(z.object({
    step: z.number().int(), periodStart: z.string(), forecast: z.string(), lower80: z.string().nullable(), upper80: z.string().nullable(), lower95: z.string().nullable(), upper95: z.string().nullable(),
    statisticalForecast: z.string().nullable().optional().describe('the model\'s figure when a planner override replaced it'),
    overrideId: z.string().nullable().optional().describe('the override used for this week (GET /api/v1/forecast-overrides)'),
  })),
});

export const ForecastOverrideRecord = z.object({
  id: z.string(), itemCode: z.string(), locationCode: z.string(), weekStart: z.string(), quantity: z.string(), reason: z.string(),
  authorEmail: z.string().nullable(), createdAt: z.string(), withdrawnAt: z.string().nullable(), withdrawnBy: z.string().nullable(), withdrawalReason: z.string().nullable(),
});
export const ForecastOverrideList = z.object({ items: z.array(ForecastOverrideRecord) });
export const ForecastOverrideQuery = z.object({ itemCode: z.string().max(64).optional(), includeWithdrawn: z.enum(['true', 'false']).optional() });
export const CreateForecastOverrideBody = z.object({
  itemCode: z.string().min(1).max(64), locationCode: z.string().min(1).max(64),
  weekStart: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('the Monday of the week'),
  quantity: z.number().min(0), reason: z.string().min(1).max(500),
});
export const WithdrawForecastOverrideBody = z.object({ reason: z.string().max(500).optional() }).optional();
export const ForecastSeriesPage = pageOf(ForecastSeries);

export const CapacityLoadRow = z.object({ workCenterCode: z.string(), periodStart: z.string(), loadHours: z.string(), availableHours: z.string(), orderIds: z.array(z.string()) });
export const CapacityLoadList = z.object({ items: z.array(CapacityLoadRow) });

export const MrpRecordResponse = z.object({ itemCode: z.string(), lowLevelCode: z.number().int(), record: z.record(z.string(), z.unknown()) });

/** The numbers behind a proposal line of an inventory policy (reorder point (s, Q) or periodic review (R, S)); quantities in stock units. */
export const ProposalPolicyBasis = z.object({
  method: z.enum(['reorder_point', 'periodic_review']),
  /** On hand + on order − backorders. */
  inventoryPosition: z.number(), onHandQuantity: z.number(), onOrderQuantity: z.number(), backorderQuantity: z.number(),
  reorderPoint: z.number().optional(), orderQuantity: z.number().optional(), orderCount: z.number().int().optional(),
  orderUpToLevel: z.number().optional(), reviewPeriodDays: z.number().optional(), reviewDate: z.string().optional(),
  /** What the policy asked for, before MOQ, multiple and price break (listed in adjustments). */
  requiredQuantity: z.number(), adjustments: z.array(z.string()), leadTimeDays: z.number(), formula: z.string(),
  /** Who set s, Q or S: the inventory-policy run (computed; runId) or a person (manual). */
  parameterSource: z.object({
    runId: z.string().nullable(), reorderPoint: z.enum(['computed', 'manual']).optional(), orderQuantity: z.enum(['computed', 'manual']).optional(), orderUpToLevel: z.enum(['computed', 'manual']).optional(),
  }).optional(),
});

export const ProposalLineRow = z.object({
  supplierCode: z.string(), plannedOrderId: z.string(), itemCode: z.string(), locationCode: z.string().nullable(), quantity: z.string(), unitPrice: z.string(),
  priceBasis: z.string(), currency: z.string(), releaseDate: z.string(), dueDate: z.string(), status: z.enum(['proposed', 'approved', 'rejected']), purchaseOrderNumber: z.string().nullable(),
  /** mrp: a planned buy order of the MRP run; policy: a replenishment of an item managed by an inventory policy. */
  origin: z.enum(['mrp', 'policy']),
  /** Only for policy lines. */
  policyBasis: ProposalPolicyBasis.nullable(),
});
export const ProposalLinePage = pageOf(ProposalLineRow);
