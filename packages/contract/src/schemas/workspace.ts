import { z } from 'zod';
import { pageOf } from './common';

/*
 * Request and response schemas of the workspace API: the endpoints behind the web app's pages
 * (data, planning, procurement, S&OP, MPS, inventory, transport, warehouse, lean).
 * The endpoint list, permissions and limits: docs/api-workspace.md. Names are stable: add, never rename.
 */

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const Code = z.string().min(1).max(64);

// ---------------------------------------------------------------------------------------------
// 1. Data: imports and exports
// ---------------------------------------------------------------------------------------------

/** Request body limit of POST /api/v1/imports (the app's body limit): 10 MB of JSON, i.e. about 7.5 MB of files. */
export const WORKSPACE_IMPORT_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

/** One file of an import: its name selects the entity (items.csv, articles.xlsx…; an XLSX sheet named after an entity imports it). */
export const ImportFile = z.object({
  fileName: z.string().min(1).max(255).regex(/\.(csv|xlsx)$/i, 'the file name must end in .csv or .xlsx'),
  contentBase64: z.string().min(1).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'contentBase64 must be base64 text'),
});
export type ImportFile = z.infer<typeof ImportFile>;

export const ImportRequest = z.object({
  files: z.array(ImportFile).min(1).max(50),
  /** Validate everything and report, write nothing. */
  dryRun: z.boolean().optional(),
});
export type ImportRequest = z.infer<typeof ImportRequest>;

/** One problem found in the imported files, located to the cell; `message` is in the caller's language (Accept-Language). */
export const ImportIssueRow = z.object({
  severity: z.enum(['error', 'warning']),
  /** File name (and `#sheet` for XLSX). */
  file: z.string(),
  /** Spreadsheet row (header = 1), null for file-level issues. */
  row: z.number().int().nullable(),
  /** Column header as written in the file. */
  column: z.string().nullable(),
  /** Canonical field (database column) the column maps to, when known. */
  field: z.string().nullable(),
  value: z.string().nullable(),
  /** Stable code (program use), e.g. unknown_reference, not_a_number. */
  code: z.string(),
  /** What is wrong and what to do, in the caller's language. */
  message: z.string(),
});
export type ImportIssueRow = z.infer<typeof ImportIssueRow>;

export const ImportResponse = z.object({
  dryRun: z.boolean(),
  /** True only when every row of every file was written (all-or-nothing, one transaction). */
  applied: z.boolean(),
  entities: z.array(z.object({ entity: z.string(), rows: z.number().int(), sources: z.array(z.string()) })),
  issues: z.array(ImportIssueRow),
  errorCount: z.number().int(),
  warningCount: z.number().int(),
});
export type ImportResponse = z.infer<typeof ImportResponse>;

export const ExportFormat = z.enum(['csv', 'xlsx']);
export const ExportQuery = z.object({
  format: ExportFormat.default('csv'),
  /** Header row language: en (database names) or fr (French headers); both re-import. */
  headerLanguage: z.enum(['en', 'fr']).default('en'),
});
export type ExportQuery = z.infer<typeof ExportQuery>;

/** Importable/exportable entities with the organization's row count (GET /api/v1/exports). */
export const ExportEntityList = z.object({
  items: z.array(z.object({ entity: z.string(), fileName: z.string(), fileNameFr: z.string().nullable(), rows: z.number().int() })),
});
export type ExportEntityList = z.infer<typeof ExportEntityList>;

// ---------------------------------------------------------------------------------------------
// 2. Planning cycle
// ---------------------------------------------------------------------------------------------

export const PlanningCycleStepName = z.enum(['data_quality', 'forecast', 'inventory_policy', 'sop', 'mps', 'mrp', 'capacity', 'proposals']);

export const PlanningCycleRequest = z.object({
  /** Weekly buckets of the MPS and MRP (default 26). The as-of date is the server's today. */
  horizonWeeks: z.number().int().min(1).max(104).optional(),
  seed: z.number().int().min(0).optional(),
});
export type PlanningCycleRequest = z.infer<typeof PlanningCycleRequest>;

export const PlanningCycleResponse = z.object({
  asOfDate: z.string(),
  steps: z.array(z.object({ step: PlanningCycleStepName, runId: z.string(), durationMs: z.number(), summary: z.record(z.string(), z.unknown()) })),
});
export type PlanningCycleResponse = z.infer<typeof PlanningCycleResponse>;

// ---------------------------------------------------------------------------------------------
// 3. Procurement and action messages
// ---------------------------------------------------------------------------------------------

export const ApproveProposalsRequest = z.object({
  /** Only this supplier's open proposal lines; all suppliers when absent. */
  supplierCode: Code.optional(),
  /** Partial approval: only these lines (their plannedOrderId); the others stay proposed. Each must be an open line of the run (404 / 409 otherwise). */
  plannedOrderIds: z.array(z.string().min(1).max(200)).min(1).max(1000).optional(),
});
export type ApproveProposalsRequest = z.infer<typeof ApproveProposalsRequest>;

export const ApproveProposalsResponse = z.object({
  runId: z.string(),
  /** One approved purchase order per supplier, numbered from the organization's sequence (PO-<year>-<6 digits>); empty when no open line was left. */
  purchaseOrders: z.array(z.object({ orderNumber: z.string(), supplierCode: z.string(), lineCount: z.number().int(), plannedOrderIds: z.array(z.string()) })),
});
export type ApproveProposalsResponse = z.infer<typeof ApproveProposalsResponse>;

export const ActionMessageDecision = z.enum(['approved', 'dismissed']);

export const ActionMessageStatusRequest = z.object({
  status: ActionMessageDecision,
  /** Why (kept in the audit log); max 500 characters. */
  reason: z.string().max(500).optional(),
});
export type ActionMessageStatusRequest = z.infer<typeof ActionMessageStatusRequest>;

export const ActionMessageBulkStatusRequest = ActionMessageStatusRequest.extend({
  sequences: z.array(z.number().int().min(1)).min(1).max(1000),
});
export type ActionMessageBulkStatusRequest = z.infer<typeof ActionMessageBulkStatusRequest>;

export const ActionMessageStatusRow = z.object({
  runId: z.string(),
  sequence: z.number().int(),
  itemCode: z.string(),
  kind: z.string(),
  ownerRole: z.enum(['planner', 'buyer']),
  ownerCode: z.string().nullable(),
  orderId: z.string(),
  previousStatus: z.enum(['open', 'approved', 'dismissed']),
  status: ActionMessageDecision,
});
export type ActionMessageStatusRow = z.infer<typeof ActionMessageStatusRow>;

export const ActionMessageStatusResponse = z.object({ items: z.array(ActionMessageStatusRow), updatedCount: z.number().int() });
export type ActionMessageStatusResponse = z.infer<typeof ActionMessageStatusResponse>;

// ---------------------------------------------------------------------------------------------
// 4. S&OP (PIC) and MPS (PDP)
// ---------------------------------------------------------------------------------------------

/** Cost lines of a plan (EUR); null where the plan is infeasible. */
export const SopCostBreakdown = z.object({
  regularLabor: z.number().nullable(), overtimeLabor: z.number().nullable(), hiring: z.number().nullable(), layoff: z.number().nullable(), material: z.number().nullable(),
  holding: z.number().nullable(), backlog: z.number().nullable(), subcontract: z.number().nullable(), total: z.number().nullable(),
});

export const SopPlanPeriod = z.object({
  period: z.string(), demandUnits: z.number(), workforce: z.number(), hiredWorkers: z.number(), laidOffWorkers: z.number(),
  overtimeHours: z.number(), productionUnits: z.number(), subcontractUnits: z.number(), endingInventoryUnits: z.number(),
  endingBacklogUnits: z.number(), idleRegularCapacityUnits: z.number(),
});

export const SopStrategyPlan = z.object({
  strategy: z.enum(['level', 'chase', 'optimal']),
  workforceMode: z.string(),
  status: z.string(),
  /** Rounded total cost (EUR); null when the plan is infeasible. */
  totalCostEur: z.number().nullable(),
  costs: SopCostBreakdown,
  periods: z.array(SopPlanPeriod),
});

export const SopFamily = z.object({
  familyCode: z.string(),
  /** The proposed plan: the optimal one when feasible, else the cheapest feasible one, else null. */
  proposedStrategy: z.enum(['level', 'chase', 'optimal']).nullable(),
  strategies: z.array(SopStrategyPlan),
  /** The figures the plans were computed from (demand per month, workforce, costs…): every number explained. */
  input: z.record(z.string(), z.unknown()),
});

const AbcClassSchema = z.enum(['A', 'B', 'C']);
const VolumeRevenueEntry = z.object({
  id: z.string(), quantityUnits: z.number(), revenue: z.number(), volumeShare: z.number(), revenueShare: z.number(),
  volumeClass: AbcClassSchema, revenueClass: AbcClassSchema,
});
const VolumeRevenueCell = z.object({ rowClass: AbcClassSchema, columnClass: AbcClassSchema, count: z.number(), quantityUnits: z.number(), revenue: z.number() });

export const VolumeRevenueQuery = z.object({ months: z.coerce.number().int().min(1).max(36).default(12) });

/** The volume × revenue matrix that frames the S&OP: products and customers classed ABC on both axes, from order lines. */
export const VolumeRevenueMatrixResponse = z.object({
  fromDate: z.string(), toDate: z.string(), lineCount: z.number(),
  source: z.string(),
  totalQuantityUnits: z.number(), totalRevenue: z.number(),
  products: z.array(VolumeRevenueEntry), customers: z.array(VolumeRevenueEntry),
  productVolumeByRevenue: z.array(VolumeRevenueCell), customerVolumeByRevenue: z.array(VolumeRevenueCell), productByCustomer: z.array(VolumeRevenueCell),
});
export type VolumeRevenueMatrixResponse = z.infer<typeof VolumeRevenueMatrixResponse>;

export const SopResponse = z.object({
  runId: z.string(),
  asOfDate: z.string().nullable(),
  months: z.array(z.string()),
  totalCostEur: z.number(),
  parameters: z.record(z.string(), z.unknown()),
  families: z.array(SopFamily),
});
export type SopResponse = z.infer<typeof SopResponse>;

export const MpsPeriodRow = z.object({
  period: z.string(),
  zone: z.enum(['frozen', 'slushy', 'liquid']),
  forecastUnits: z.number(),
  customerOrdersUnits: z.number(),
  demandUnits: z.number(),
  firmReceiptsUnits: z.number(),
  plannedReceiptsUnits: z.number(),
  masterScheduleUnits: z.number(),
  projectedAvailableUnits: z.number(),
  availableToPromiseUnits: z.number(),
  cumulativeAvailableToPromiseUnits: z.number(),
});

export const MpsException = z.object({ code: z.string(), period: z.string(), quantityUnits: z.number(), message: z.string() });

export const MpsItemSummary = z.object({
  itemCode: z.string(),
  status: z.enum(['ok', 'exceptions']),
  exceptionCount: z.number().int(),
  totalForecastUnits: z.number(),
  totalCustomerOrdersUnits: z.number(),
  totalMasterScheduleUnits: z.number(),
  /** Lowest projected available balance over the horizon. */
  minProjectedAvailableUnits: z.number(),
  firstPeriod: z.string().nullable(),
});

export const MpsQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  /** Item code contains (case-insensitive). */
  search: z.string().max(100).optional(),
  status: z.enum(['ok', 'exceptions']).optional(),
});
export type MpsQuery = z.infer<typeof MpsQuery>;

export const MpsItemPage = pageOf(MpsItemSummary).extend({ runId: z.string(), asOfDate: z.string().nullable(), parameters: z.record(z.string(), z.unknown()) });
export type MpsItemPage = z.infer<typeof MpsItemPage>;

export const MpsItemDetail = z.object({
  runId: z.string(),
  asOfDate: z.string().nullable(),
  itemCode: z.string(),
  status: z.enum(['ok', 'exceptions']),
  timeFences: z.object({ demandTimeFencePeriods: z.number().int(), planningTimeFencePeriods: z.number().int() }),
  periods: z.array(MpsPeriodRow),
  exceptions: z.array(MpsException),
});
export type MpsItemDetail = z.infer<typeof MpsItemDetail>;

// ---------------------------------------------------------------------------------------------
// 5. Inventory
// ---------------------------------------------------------------------------------------------

export const SegmentationQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  search: z.string().max(100).optional(),
  /** Months of sales history before today analysed (default 12). */
  months: z.coerce.number().int().min(2).max(36).default(12),
  /** ABC criterion: usage value (units × standard cost, default) or volume (units). */
  criterion: z.enum(['usage-value', 'volume']).default('usage-value'),
  /** Only the items of this cell, e.g. AX (or A for items without history). */
  segment: z.string().regex(/^[A-Z]{1,2}$/).optional(),
});
export type SegmentationQuery = z.infer<typeof SegmentationQuery>;

export const SegmentationCell = z.object({
  abcClass: z.string(),
  /** null: items with fewer than 2 months of history (no XYZ class). */
  xyzClass: z.string().nullable(),
  segment: z.string(),
  itemCount: z.number().int(),
  /** Σ criterion value of the cell's items (EUR for usage-value, units for volume). */
  value: z.number(),
  /** value ÷ Σ value of all items. */
  valueShare: z.number(),
});

export const SegmentedItemRow = z.object({
  itemCode: z.string(),
  itemName: z.string(),
  abcClass: z.string(),
  xyzClass: z.string().nullable(),
  segment: z.string(),
  demandUnits: z.number(),
  unitCostEur: z.number(),
  /** The criterion value: demandUnits × unitCostEur (usage-value) or demandUnits (volume). */
  value: z.number(),
  cumulativeShare: z.number(),
  /** σ ÷ μ of the monthly sales; null without 2 months of history. */
  coefficientOfVariation: z.number().nullable(),
  policy: z.object({ cycleServiceLevel: z.number(), reviewType: z.string(), forecastModel: z.string(), reviewPeriods: z.number().optional() }),
});

export const SegmentationResponse = pageOf(SegmentedItemRow).extend({
  asOfDate: z.string(),
  parameters: z.object({ months: z.number().int(), criterion: z.string(), fromDate: z.string(), toDate: z.string(), abcClasses: z.array(z.object({ label: z.string(), cumulativeShare: z.number() })) }),
  cells: z.array(SegmentationCell),
});
export type SegmentationResponse = z.infer<typeof SegmentationResponse>;

export const PolicyQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  search: z.string().max(100).optional(),
  itemCode: Code.optional(),
  locationCode: Code.optional(),
});
export type PolicyQuery = z.infer<typeof PolicyQuery>;

const PolicyParameterField = z.enum(['reorderPoint', 'orderQuantity', 'orderUpToLevel']);
/** One of s, Q, S as the stock point holds it: the value the proposals step orders with, the run's (computed) or a person's (manual), and the run's figure. */
export const PolicyParameterValue = z.object({ units: z.number().nullable(), source: z.enum(['computed', 'manual']).nullable(), computedUnits: z.number().nullable() });
/** What the inventory-policy run stored on the stock point (stock_point.parameter_basis): inputs, formula and results, or why nothing was computed. */
export const PolicyParameterBasis = z.object({
  status: z.enum(['computed', 'no-demand', 'no-demand-here']),
  demand: z.object({ distribution: z.string(), meanPerWeek: z.number(), standardDeviationPerWeek: z.number(), source: z.string() }).optional(),
  leadTimeWeeks: z.number().optional(), leadTimeStdWeeks: z.number().optional(), leadTimeSource: z.string().optional(), cycleWeeks: z.number().optional(), reviewWeeks: z.number().optional(),
  serviceTarget: z.object({ type: z.enum(['cycle-service-level', 'fill-rate']), value: z.number(), source: z.string() }).optional(),
  orderQuantityBasis: z.object({ units: z.number(), basis: z.string(), adjustments: z.array(z.string()) }).optional(),
  sizedForOrderQuantity: z.number().optional(),
  computed: z.object({ reorderPoint: z.number().optional(), orderQuantity: z.number().optional(), orderUpToLevel: z.number().optional() }).optional(),
  written: z.array(PolicyParameterField), manual: z.array(PolicyParameterField), cleared: z.array(PolicyParameterField).optional(),
  /** no-demand-here: where the component's dependent demand is planned. */
  plannedAtLocationCode: z.string().nullable().optional(),
  protectionWeeks: z.number().optional(), protectionMeanUnits: z.number().optional(), safetyStockUnits: z.number().optional(),
  expectedCycleServiceLevel: z.number().optional(), expectedFillRate: z.number().optional(), formula: z.string().optional(), note: z.string().optional(),
});
/** s, Q and S of a stock point of an item replenished by a policy (item.replenishment_method reorder_point / periodic_review). */
export const PolicyReplenishment = z.object({
  method: z.enum(['reorder_point', 'periodic_review']),
  reorderPoint: PolicyParameterValue, orderQuantity: PolicyParameterValue, orderUpToLevel: PolicyParameterValue,
  /** The inventory-policy run that last looked at the stock point; `current`: it is the latest run (else the figures are an earlier run's). */
  runId: z.string().nullable(), current: z.boolean(),
  basis: PolicyParameterBasis.nullable(),
});

export const PolicyRow = z.object({
  itemCode: z.string(),
  locationCode: z.string(),
  /** (R, S) periodic review, or (s, Q) continuous review with the reorder level s and lot Q. */
  policy: z.enum(['R-S', 's-Q']),
  /** ABC × XYZ segment that chose the defaults (e.g. "AX"); null for runs stored before segmentation. */
  segment: z.string().nullable(),
  /** Service target: cycle service level (α) or fill rate (β), its value and where it came from (stock point, segment, default). */
  serviceTarget: z.object({ type: z.enum(['cycle-service-level', 'fill-rate']), value: z.number(), source: z.string() }).nullable(),
  /** Reorder level s of the (s, Q) policy (or the level before the lot for (R, S)); null for older runs. */
  reorderLevelUnits: z.number().nullable(),
  /** Lot Q of the (s, Q) policy and where it comes from (fixed lot, EOQ); null for (R, S). */
  orderQuantityUnits: z.number().nullable(),
  meanPerWeek: z.number(),
  errorStandardDeviationPerWeek: z.number(),
  errorSource: z.string(),
  leadTimeWeeks: z.number(),
  reviewWeeks: z.number(),
  cycleServiceLevel: z.number(),
  safetyStockUnits: z.number(),
  /** Order-up-to level S of the (R, S) policy (reorder level over the protection interval). */
  orderUpToLevelUnits: z.number(),
  protectionWeeks: z.number().nullable(),
  safetyFactor: z.number().nullable(),
  expectedFillRate: z.number().nullable(),
  /** safetyStockUnits ÷ (meanPerWeek ÷ 7); null without demand. */
  safetyStockCoverageDays: z.number().nullable(),
  onHandUnits: z.number(),
  /** onHandUnits ÷ (meanPerWeek ÷ 7); null without demand. */
  onHandCoverageDays: z.number().nullable(),
  note: z.string().nullable(),
  /** Policy items only (else null): the s, Q, S the proposals step orders with, computed or manual, and their basis. */
  replenishment: PolicyReplenishment.nullable(),
});

export const PolicyPage = pageOf(PolicyRow).extend({ runId: z.string(), asOfDate: z.string().nullable(), formula: z.string().nullable(), parameters: z.record(z.string(), z.unknown()) });
export type PolicyPage = z.infer<typeof PolicyPage>;

export const SimulatedPolicyBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('s-Q'), reorderPoint: z.number(), orderQuantity: z.number().positive() }),
  z.object({ type: z.literal('s-S'), s: z.number(), S: z.number() }),
  z.object({ type: z.literal('R-S'), reviewPeriods: z.number().int().min(1), orderUpToLevel: z.number() }),
  z.object({ type: z.literal('R-s-S'), reviewPeriods: z.number().int().min(1), s: z.number(), S: z.number() }),
  z.object({ type: z.literal('base-stock'), baseStockLevel: z.number() }),
]);

export const InventorySimulateRequest = z.object({
  itemCode: Code,
  /** Stock point location; default: the item's first stock point of the latest policy run. */
  locationCode: Code.optional(),
  /** Policy simulated; default: the (R, S) policy of the latest inventory-policy run. */
  policy: SimulatedPolicyBody.optional(),
  /** Lead time in weekly periods; default: the policy run's lead time. */
  leadTimePeriods: z.number().int().min(0).max(104).optional(),
  /** Weekly demand: bootstrap of the item × location's weekly sales history (default) or gamma with the policy run's mean and error. */
  demand: z.enum(['history', 'forecast']).default('history'),
  /** Weeks of history resampled (default 52). */
  historyWeeks: z.number().int().min(4).max(260).default(52),
  holdingCostPerUnitPerPeriod: z.number().min(0).optional(),
  stockoutCostPerUnitPerPeriod: z.number().min(0).optional(),
  orderCost: z.number().min(0).optional(),
  periods: z.number().int().min(10).max(5000).default(520),
  replications: z.number().int().min(1).max(50).default(20),
  seed: z.number().int().min(0).default(1),
});
export type InventorySimulateRequest = z.infer<typeof InventorySimulateRequest>;

/** Mean and its confidence interval (Student t over replications or batch means). */
const Interval = z.object({ mean: z.number(), lower: z.number(), upper: z.number(), halfWidth: z.number(), samples: z.number().int() });

export const InventorySimulateResponse = z.object({
  itemCode: z.string(),
  locationCode: z.string(),
  /** What was simulated: policy, demand, lead time, costs (every figure of the result explained). */
  input: z.object({
    policy: z.record(z.string(), z.unknown()),
    policySource: z.enum(['request', 'policy_run']),
    policyRunId: z.string().nullable(),
    demand: z.record(z.string(), z.unknown()),
    leadTimePeriods: z.number().int(),
    periods: z.number().int(),
    replications: z.number().int(),
    seed: z.number().int(),
  }),
  result: z.object({
    cycleServiceLevel: Interval, readyRate: Interval, fillRate: Interval, averageOnHandUnits: Interval, averageBackorderUnits: Interval,
    ordersPerPeriod: Interval, costPerPeriod: Interval,
    totals: z.object({ periods: z.number(), demandUnits: z.number(), orders: z.number(), replications: z.number(), seed: z.number() }),
  }),
});
export type InventorySimulateResponse = z.infer<typeof InventorySimulateResponse>;

// ---------------------------------------------------------------------------------------------
// 6. Transport
// ---------------------------------------------------------------------------------------------

export const TransportCustomerRow = z.object({
  code: z.string(),
  name: z.string(),
  city: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  /** Open sales order lines (quantity not yet shipped). */
  openOrderLineCount: z.number().int(),
  openDemandUnits: z.number(),
  /** Σ open quantity × item weight (kg); items without a weight count 0. */
  openDemandKg: z.number(),
});

export const TransportCustomerQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  search: z.string().max(100).optional(),
  /** Only customers with open orders shipped from this location. */
  warehouseCode: Code.optional(),
});
export type TransportCustomerQuery = z.infer<typeof TransportCustomerQuery>;

export const TransportCustomerPage = pageOf(TransportCustomerRow);
export type TransportCustomerPage = z.infer<typeof TransportCustomerPage>;

export const TransportDepotList = z.object({
  items: z.array(z.object({ code: z.string(), name: z.string(), locationType: z.string(), latitude: z.number().nullable(), longitude: z.number().nullable(), vehicleCount: z.number().int() })),
});
export type TransportDepotList = z.infer<typeof TransportDepotList>;

/** The organization's vehicles (vehicles.csv), by code: capacities, inner body (null when not recorded) and costs. */
export const TransportVehicleList = z.object({
  items: z.array(z.object({
    code: z.string(),
    vehicleType: z.string(),
    depotCode: z.string(),
    /** Null for the own fleet. */
    carrierCode: z.string().nullable(),
    payloadKg: z.number(),
    volumeM3: z.number().nullable(),
    pallets: z.number().int().nullable(),
    /** Inner body in cm; null when unknown (the 3D load then assumes one from volumeM3). */
    body: z.object({ lengthCm: z.number(), widthCm: z.number(), heightCm: z.number() }).nullable(),
    costPerKm: z.number(),
    co2KgPerKm: z.number(),
  })),
});
export type TransportVehicleList = z.infer<typeof TransportVehicleList>;

export const RouteSolveRequest = z.object({
  warehouseCode: Code,
  /** Delivery date: open order lines promised (else requested) on or before it; default today. */
  date: IsoDate.optional(),
  /** Search time (seconds); default 2, at most 30. */
  maxSeconds: z.number().min(0.2).max(30).default(2),
  objective: z.enum(['distance', 'vehicles-then-distance']).default('distance'),
  seed: z.number().int().min(0).default(1),
  /** Only this vehicle type; default: the warehouse's whole fleet (each route gets the cheapest type that carries it). */
  vehicleType: z.string().min(1).max(64).optional(),
  /** true: as many vehicles of the type as needed (how many would it take?); false (default): the warehouse's count. */
  unlimitedFleet: z.boolean().default(false),
});
export type RouteSolveRequest = z.infer<typeof RouteSolveRequest>;

/** An emission factor named with every CO2 figure: where it comes from and which version. */
export const EmissionFactorRef = z.object({ id: z.string(), source: z.string(), version: z.string(), verified: z.boolean() });

export const RouteStop = z.object({
  sequence: z.number().int(),
  customerCode: z.string(),
  customerName: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  demandKg: z.number(),
  orderNumbers: z.array(z.string()),
});

export const PlannedRouteRow = z.object({
  vehicleType: z.string(),
  stops: z.array(RouteStop),
  distanceKm: z.number(),
  durationMinutes: z.number(),
  loadKg: z.number(),
  /** Fixed cost per day + cost per km × km. */
  costEur: z.number(),
  /** ISO 14083 activity-based: Σ segment load (t) × km × intensity, or the vehicle's kg/km × km when it has one. */
  co2Kg: z.number(),
  /** Source and version of the factor behind co2Kg. */
  co2Factor: EmissionFactorRef,
});

export const RouteSolveResponse = z.object({
  warehouseCode: z.string(),
  date: z.string(),
  depot: z.object({ code: z.string(), name: z.string(), latitude: z.number(), longitude: z.number() }),
  status: z.enum(['feasible', 'infeasible']),
  objective: z.string(),
  vehicles: z.number().int(),
  distanceKm: z.number(),
  costEur: z.number(),
  co2Kg: z.number(),
  /** Source and version of the factor behind co2Kg (the vehicles' kg/km, or the ISO 14083 default of the mode). */
  co2Factor: EmissionFactorRef,
  routes: z.array(PlannedRouteRow),
  /** Customers with open demand that could not be routed, and why (no coordinates, no weight…). */
  skipped: z.array(z.object({ customerCode: z.string(), reason: z.string() })),
  exceptions: z.array(z.object({ kind: z.string(), stopId: z.string().nullable(), message: z.string() })),
  /** Fleet, distance convention and CO2 method used. */
  parameters: z.record(z.string(), z.unknown()),
  elapsedSeconds: z.number(),
});
export type RouteSolveResponse = z.infer<typeof RouteSolveResponse>;

export const TransportShipmentBody = z.object({
  weightKg: z.number().positive(),
  volumeM3: z.number().min(0).optional(),
  pallets: z.number().int().min(0).optional(),
  /** Tariff zone (e.g. a French département group); required by weight-break tariffs without a zone map. */
  zone: z.string().max(32).optional(),
  destinationPostalCode: z.string().max(16).optional(),
  distanceKm: z.number().min(0).optional(),
  origin: z.string().max(64).optional(),
  destination: z.string().max(64).optional(),
  options: z.array(z.string().max(32)).optional(),
});

export const TransportCompareRequest = z.object({
  shipment: TransportShipmentBody,
  /** Tariffs to compare (the core Tariff JSON, see docs/formats/transport.md); default: the organization's stored carrier tariffs. */
  tariffs: z.array(z.record(z.string(), z.unknown())).max(50).optional(),
  /** Only these stored carriers (when tariffs are not given). */
  carrierCodes: z.array(Code).max(50).optional(),
});
export type TransportCompareRequest = z.infer<typeof TransportCompareRequest>;

export const CarrierQuote = z.object({
  carrierId: z.string(),
  mode: z.string(),
  currency: z.string(),
  chargeableWeightKg: z.number(),
  zone: z.string().nullable(),
  billedQuantity: z.number(),
  unitRate: z.number(),
  deficitWeightApplied: z.boolean(),
  minimumApplied: z.boolean(),
  baseCharge: z.number(),
  fuelSurcharge: z.number(),
  optionCharges: z.array(z.object({ code: z.string(), amount: z.number() })),
  totalCharge: z.number(),
  transitDays: z.number().nullable(),
  trips: z.number().nullable(),
  /** ISO 14083 CO2e (kg) of the shipment over shipment.distanceKm; null without a distance. */
  co2eKg: z.number().nullable(),
  /** The emission factor behind co2eKg: id, source and version (verified false = an unchecked default). */
  emissionFactor: EmissionFactorRef.nullable(),
  /** 1 = cheapest (ties: fewer transit days, less CO2e, carrier id). */
  rank: z.number().int(),
});

export const TransportCompareResponse = z.object({
  source: z.enum(['request', 'stored_tariffs']),
  quotes: z.array(CarrierQuote),
  /** Carriers that cannot carry this shipment (no zone, weight outside their bands…) and why. */
  unavailable: z.array(z.object({ carrierId: z.string(), code: z.string(), message: z.string() })),
  cheapestCarrierId: z.string().nullable(),
  fastestCarrierId: z.string().nullable(),
  lowestCo2CarrierId: z.string().nullable(),
  /** How co2eKg was computed; null when the shipment has no distanceKm. */
  co2Method: z.string().nullable(),
});
export type TransportCompareResponse = z.infer<typeof TransportCompareResponse>;

export const PackBoxType = z.object({
  id: z.string().min(1).max(64),
  lengthCm: z.number().positive(),
  widthCm: z.number().positive(),
  heightCm: z.number().positive(),
  quantity: z.number().int().min(1).max(10000),
  weightKg: z.number().min(0).optional(),
  verticalAllowed: z.object({ length: z.boolean(), width: z.boolean(), height: z.boolean() }).optional(),
  stopSequence: z.number().int().min(1).optional(),
  stackable: z.boolean().optional(),
});

export const PackRequest = z.object({
  container: z.object({ id: z.string().max(64).optional(), lengthCm: z.number().positive(), widthCm: z.number().positive(), heightCm: z.number().positive(), maxPayloadKg: z.number().positive().optional() }),
  boxTypes: z.array(PackBoxType).min(1).max(200),
  options: z.object({
    support: z.enum(['none', 'full']).optional(),
    seed: z.number().int().min(0).optional(),
    /** Search time (seconds); default 2, at most 10. */
    timeLimitSeconds: z.number().min(0.1).max(10).optional(),
  }).optional(),
});
export type PackRequest = z.infer<typeof PackRequest>;

export const PackedBoxRow = z.object({ boxTypeId: z.string(), stopSequence: z.number(), xCm: z.number(), yCm: z.number(), zCm: z.number(), sizeXCm: z.number(), sizeYCm: z.number(), sizeZCm: z.number() });

export const PackResponse = z.object({
  status: z.enum(['all_packed', 'partial']),
  placements: z.array(PackedBoxRow),
  packedCount: z.number().int(),
  packedVolumeCm3: z.number(),
  containerVolumeCm3: z.number(),
  /** packed volume ÷ container volume. */
  volumeUtilisation: z.number(),
  packedWeightKg: z.number(),
  unpacked: z.array(z.object({ boxTypeId: z.string(), quantity: z.number() })),
  exceptions: z.array(z.object({ kind: z.string(), boxTypeId: z.string(), quantity: z.number(), reason: z.string(), message: z.string() })),
  search: z.record(z.string(), z.unknown()),
  /** The load picture (side and top views), SVG text. */
  svg: z.string(),
});
export type PackResponse = z.infer<typeof PackResponse>;

// ---------------------------------------------------------------------------------------------
// 7. Warehouse and lean
// ---------------------------------------------------------------------------------------------

export const PickRouteMethodName = z.enum(['s-shape', 'largest-gap', 'optimal']);

export const PickRouteRequest = z.object({
  aisleCount: z.number().int().min(1).max(200),
  aisleLengthM: z.number().positive(),
  aisleSpacingM: z.number().positive(),
  depotAisleIndex: z.number().int().min(0).optional(),
  picks: z.array(z.object({ id: z.string().min(1).max(64), aisleIndex: z.number().int().min(0), positionM: z.number().min(0) })).min(1).max(2000),
  /** Methods computed (default: all three, for comparison). */
  methods: z.array(PickRouteMethodName).min(1).max(3).optional(),
});
export type PickRouteRequest = z.infer<typeof PickRouteRequest>;

export const PickRouteRow = z.object({
  method: PickRouteMethodName,
  distanceM: z.number(),
  sequence: z.array(z.string()),
  waypoints: z.array(z.object({ xM: z.number(), yM: z.number() })),
  aislesEntered: z.number().int(),
});

export const PickRouteResponse = z.object({ routes: z.array(PickRouteRow), shortestMethod: PickRouteMethodName });
export type PickRouteResponse = z.infer<typeof PickRouteResponse>;

export const SlottingQuery = z.object({
  /** Warehouse whose sales lines give the pick frequency (default: every location). */
  locationCode: Code.optional(),
  /** Days of sales order lines (else sales history) before today counted (default 90). */
  days: z.coerce.number().int().min(7).max(730).default(90),
  method: z.enum(['abc', 'cube-per-order']).default('cube-per-order'),
  aisleCount: z.coerce.number().int().min(1).max(100).default(10),
  baysPerAisle: z.coerce.number().int().min(1).max(200).default(20),
  levelsPerBay: z.coerce.number().int().min(1).max(10).default(3),
  bayWidthM: z.coerce.number().positive().max(10).default(2.7),
  aisleSpacingM: z.coerce.number().positive().max(20).default(3.5),
  /** Capacity of one pick location (one bay, one level), m³. */
  locationCapacityM3: z.coerce.number().positive().max(100).default(1.5),
});
export type SlottingQuery = z.infer<typeof SlottingQuery>;

export const SlottingCell = z.object({
  locationId: z.string(),
  aisleIndex: z.number().int(),
  bay: z.number().int(),
  level: z.number().int(),
  depotDistanceM: z.number(),
  itemCode: z.string().nullable(),
  /** Pick lines per week of the item slotted here (0 when empty): the heat. */
  picksPerWeek: z.number(),
  abcClass: z.enum(['A', 'B', 'C']).nullable(),
});

export const SlottingResponse = z.object({
  asOfDate: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  /** Where the pick frequencies come from: sales order lines, or sales history days when there are no order lines. */
  frequencySource: z.enum(['sales_order_lines', 'sales_history']),
  status: z.enum(['complete', 'partial']),
  /** Σ picks × 2 × depot distance per week. */
  roundTripDistanceMPerWeek: z.number(),
  cells: z.array(SlottingCell),
  items: z.array(z.object({
    itemCode: z.string(), picksPerWeek: z.number(), storageM3: z.number(), locationId: z.string().nullable(), abcClass: z.enum(['A', 'B', 'C']).nullable(), cubePerOrderIndex: z.number().nullable(),
    /** The item's bin today (storage_bin, first warehouse by code when no locationCode is given), for a before/after view. */
    currentBinCode: z.string().nullable(),
  })),
  exceptions: z.array(z.object({ itemCode: z.string(), reason: z.string(), storageM3: z.number() })),
});
export type SlottingResponse = z.infer<typeof SlottingResponse>;

export const VsmRequest = z.object({
  name: z.string().min(1).max(200),
  dailyDemandUnits: z.number().positive(),
  availableSecondsPerShift: z.number().positive(),
  shiftsPerDay: z.number().positive(),
  steps: z.array(z.object({
    id: z.string().min(1).max(64), name: z.string().min(1).max(200), cycleTimeSeconds: z.number().min(0),
    changeoverSeconds: z.number().min(0).optional(), uptime: z.number().min(0).max(1).optional(),
    operators: z.number().min(0).optional(), shifts: z.number().min(0).optional(), valueAdded: z.boolean().optional(),
  })).min(1).max(100),
  inventories: z.array(z.object({
    id: z.string().min(1).max(64), beforeStepId: z.string().max(64).nullable(), quantityUnits: z.number().min(0).optional(),
    days: z.number().min(0).optional(), label: z.string().max(200).optional(),
  })).max(101),
  leadTimeDayBasis: z.enum(['working-time', 'calendar']).optional(),
});
export type VsmRequest = z.infer<typeof VsmRequest>;

export const VsmResponse = z.object({
  name: z.string(),
  dailyDemandUnits: z.number(),
  availableSecondsPerDay: z.number(),
  taktTimeSeconds: z.number(),
  steps: z.array(z.record(z.string(), z.unknown())),
  inventories: z.array(z.object({ id: z.string(), beforeStepId: z.string().nullable(), quantityUnits: z.number().nullable(), days: z.number(), label: z.string().nullable() })),
  timeline: z.array(z.record(z.string(), z.unknown())),
  leadTimeDays: z.number(),
  valueAddedTimeSeconds: z.number(),
  processingTimeSeconds: z.number(),
  secondsPerLeadTimeDay: z.number(),
  processCycleEfficiency: z.number(),
  totalOperators: z.number(),
  bottleneckStepId: z.string(),
  status: z.enum(['ok', 'over-takt']),
  exceptions: z.array(z.object({ code: z.string(), stepId: z.string(), cycleTimeSeconds: z.number(), taktTimeSeconds: z.number() })),
  /** The map drawn (process boxes, inventory triangles, timeline), SVG text in the caller's language. */
  svg: z.string(),
});
export type VsmResponse = z.infer<typeof VsmResponse>;
