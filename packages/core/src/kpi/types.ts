/**
 * Plain records the KPI functions read. They mirror what the ledger, orders, shipments, counts and
 * production events hold, so the database-backed layer only maps rows to these shapes.
 * Dates are ISO strings (`YYYY-MM-DD`, a time part is ignored). Every record has an `id` so each
 * number can be traced back to the records that made it.
 */

/** Dimensions a KPI can be grouped by; each maps to a field of the records (see KPI_DIMENSION_FIELDS). */
export type KpiDimension = 'item' | 'family' | 'customer' | 'supplier' | 'site' | 'carrier' | 'resource';

/** Optional dimension fields every record may carry. */
export type KpiDimensionFields = {
  itemId?: string;
  family?: string;
  customerId?: string;
  supplierId?: string;
  siteId?: string;
  carrierId?: string;
  resourceId?: string;
};

/** One customer order line as it was requested, promised and delivered. */
export type KpiOrderLine = KpiDimensionFields & {
  id: string;
  orderId: string;
  orderDate: string;
  requestedDate: string;
  promisedDate?: string;
  /** Date the last delivered quantity reached the customer; absent while nothing was delivered. */
  deliveredDate?: string;
  orderedQuantity: number;
  deliveredQuantity: number;
  /** False when goods arrived damaged (perfect order); true by default. */
  damageFree?: boolean;
  /** False when the invoice/shipping documents were wrong (perfect order); true by default. */
  documentationCorrect?: boolean;
  /** Net sales value of the line (logistics cost share of sales). */
  revenueAmount?: number;
};

/** One forecast against the actual demand of the same item and period. */
export type KpiForecastRecord = KpiDimensionFields & {
  id: string;
  itemId: string;
  /** Start date of the forecast period. */
  periodDate: string;
  forecastQuantity: number;
  actualQuantity: number;
};

/** One stock position of an item at a site on a date (end of day), valued at unit cost. */
export type KpiInventorySnapshot = KpiDimensionFields & {
  id: string;
  itemId: string;
  date: string;
  onHandQuantity: number;
  unitCost: number;
};

/** One movement of the ledger; outflows (issue, shipment) valued at unit cost make the cost of goods sold. */
export type KpiMovement = KpiDimensionFields & {
  id: string;
  itemId: string;
  date: string;
  kind: 'receipt' | 'issue' | 'shipment' | 'adjustment' | 'return';
  /** Quantity moved, always ≥ 0; `kind` gives the direction. */
  quantity: number;
  unitCost: number;
};

/** One cycle count: what the system said against what was counted. */
export type KpiCountRecord = KpiDimensionFields & {
  id: string;
  itemId: string;
  date: string;
  systemQuantity: number;
  countedQuantity: number;
};

/** One purchase order line receipt. */
export type KpiSupplierReceipt = KpiDimensionFields & {
  id: string;
  supplierId: string;
  orderDate: string;
  dueDate: string;
  receivedDate: string;
  orderedQuantity: number;
  receivedQuantity: number;
};

/** One production run (shift × resource) in the OEE loss model. */
export type KpiProductionEvent = KpiDimensionFields & {
  id: string;
  resourceId: string;
  date: string;
  /** Planned production time (shift time minus planned stops), minutes. */
  plannedProductionMinutes: number;
  /** Unplanned stops and changeovers during planned time, minutes. */
  downtimeMinutes: number;
  /** Ideal (design) cycle time per unit, minutes. */
  idealCycleTimeMinutes: number;
  totalUnits: number;
  goodUnits: number;
  /** Calendar capacity of the resource for capacity utilisation, minutes; defaults to planned time. */
  availableMinutes?: number;
};

/** One shipment leaving a site. */
export type KpiShipment = KpiDimensionFields & {
  id: string;
  date: string;
  quantityUnits: number;
  co2Kg: number;
};

/** One logistics cost posting. */
export type KpiCostRecord = KpiDimensionFields & {
  id: string;
  date: string;
  category: 'procurement' | 'storage' | 'handling' | 'transport' | 'financial' | 'returns' | 'other';
  amount: number;
};

/** Financial figures of one period (e.g. a month) for the cash-to-cash cycle. */
export type KpiFinancialRecord = KpiDimensionFields & {
  id: string;
  /** First day of the period the figures cover. */
  date: string;
  periodDays: number;
  /** Average inventory value over the period. */
  inventoryValue: number;
  /** Average accounts receivable over the period. */
  receivablesAmount: number;
  /** Average accounts payable over the period. */
  payablesAmount: number;
  revenueAmount: number;
  costOfGoodsSoldAmount: number;
};

/** Everything a KPI evaluation may read; each list is optional. */
export type KpiActuals = {
  orderLines?: KpiOrderLine[];
  forecasts?: KpiForecastRecord[];
  inventorySnapshots?: KpiInventorySnapshot[];
  movements?: KpiMovement[];
  counts?: KpiCountRecord[];
  supplierReceipts?: KpiSupplierReceipt[];
  productionEvents?: KpiProductionEvent[];
  shipments?: KpiShipment[];
  costs?: KpiCostRecord[];
  financials?: KpiFinancialRecord[];
};

/**
 * One computed KPI: `value = numerator / denominator` (or the formula of the KPI), with the records
 * that contributed. `value` is null when the denominator is zero (nothing to measure).
 */
export type KpiMeasurement = {
  value: number | null;
  numerator: number;
  denominator: number;
  recordIds: string[];
  /** Intermediate figures (e.g. OEE availability, performance, quality). */
  components?: Record<string, number | null>;
};
