/** One customer order line competing for the same item's supply. */
export type AllocationOrderLine = {
  lineId: string;
  customerId: string;
  quantityUnits: number;
  /** Bucket (0-based) in which the customer wants the goods. */
  dueBucket: number;
  /** 1 = most important class; default 3. */
  priorityClass?: number;
};

export type AllocationRules = {
  /** Order of service: priority class then due date (default), or due date then priority class. */
  sequence?: 'priority-then-due' | 'due-then-priority';
  /** Within a tie group (same class, or same due and class): serve in line order, or share in proportion to open quantity. */
  shareWithinGroup?: 'sequential' | 'fair-share';
  /** Customer quotas: a customer may take at most share × supply arrived so far (fraction 0–1). */
  quotas?: Array<{ customerId: string; share: number }>;
  /** From this bucket on quotas no longer cap anyone (default: never). */
  releaseQuotasFromBucket?: number;
  /** Stock kept for strategic customers: others may not take the last `quantityUnits` before `untilBucket` (inclusive; default: whole horizon). */
  protectedStock?: { quantityUnits: number; customerIds: string[]; untilBucket?: number };
  /** Allocate whole units only (default true). */
  wholeUnits?: boolean;
};

export type AllocationInput = {
  itemId?: string;
  onHandUnits: number;
  /** Receipts per bucket; their length sets the horizon (at least 1 bucket). */
  receiptsUnits: number[];
  orderLines: AllocationOrderLine[];
  rules?: AllocationRules;
};

export type AllocationReasonCode =
  | 'filled_on_time'
  | 'filled_late'
  | 'outranked'
  | 'fair_share'
  | 'capped_by_quota'
  | 'blocked_by_protected_stock'
  | 'served_from_protected_stock'
  | 'backordered'
  | 'no_supply';

/** Why a line got what it got; `params` fill the translated message (planning.allocation.reason.<code>). */
export type AllocationReason = { code: AllocationReasonCode; bucket?: number; params: Record<string, string | number> };

export type AllocationLineResult = {
  lineId: string;
  customerId: string;
  priorityClass: number;
  dueBucket: number;
  requestedUnits: number;
  allocations: Array<{ bucket: number; quantityUnits: number }>;
  onTimeUnits: number;
  lateUnits: number;
  /** Still open at the end of the horizon. */
  backorderUnits: number;
  status: 'filled_on_time' | 'filled_late' | 'partial' | 'backordered';
  reasons: AllocationReason[];
};

export type AllocationResult = {
  itemId: string | undefined;
  status: 'all_served' | 'shortage';
  lines: AllocationLineResult[];
  totalSupplyUnits: number;
  totalAllocatedUnits: number;
  endingStockUnits: number;
  /** Units delivered on time ÷ units requested (0–1). */
  onTimeFillRate: number;
};
