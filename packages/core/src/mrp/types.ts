import type { LotSizeModifiers, LotSizingMethod } from '../lot-sizing/index';

/** The lot-sizing rule of one item; lot-for-lot when absent. Cost fields feed the cost-based rules. */
export type MrpLotSizingRule = LotSizeModifiers & {
  method: LotSizingMethod;
  fixedQuantity?: number;
  periodsOfSupply?: number;
  orderingCostPerOrder?: number;
  holdingCostPerUnitPerPeriod?: number;
};

export type MrpSourcing = 'make' | 'buy';

export type MrpItemInput = {
  id: string;
  /** Whole periods between the release and the receipt of an order. */
  leadTimePeriods: number;
  onHandQuantity?: number;
  safetyStockQuantity?: number;
  /** Good output per unit started, in (0, 1]; the release quantity is receipt / yield. Default 1. */
  yieldFraction?: number;
  lotSizing?: MrpLotSizingRule;
  /** Planner code (make items) or buyer code (buy items) who receives the item's messages. */
  ownerCode?: string;
  /** Default: make when the item has components, buy otherwise. */
  sourcing?: MrpSourcing;
};

/** One bill-of-materials line: `quantityPer` units of the component per unit of the parent started. */
export type MrpBomLineInput = {
  parentId: string;
  componentId: string;
  quantityPer: number;
  /** Fraction of the component lost in the parent's operation, in [0, 1): need = q·qtyPer / (1 − scrap). */
  scrapFraction?: number;
  /** The line applies to parent orders released in periods [from, to] (inclusive); open when absent. */
  effectiveFromPeriod?: number;
  effectiveToPeriod?: number;
};

/** Independent demand (MPS line, customer or service order, forecast) for one item in one period. */
export type MrpDemandInput = { id: string; itemId: string; period: number; quantity: number };

/** An open order (purchase or production) already released, due in `period`. */
export type MrpScheduledReceiptInput = { id: string; itemId: string; period: number; quantity: number };

export type MrpOptions = {
  /** Scheduled receipts whose need period differs from their due period by at most this many periods get no reschedule message. Default 0. */
  rescheduleToleranceBuckets?: number;
};

export type MrpInput = {
  /** Number of periods (buckets) planned: 0 … horizonPeriods − 1. */
  horizonPeriods: number;
  items: MrpItemInput[];
  bomLines?: MrpBomLineInput[];
  demands?: MrpDemandInput[];
  scheduledReceipts?: MrpScheduledReceiptInput[];
  options?: MrpOptions;
};

export type MrpActionKind = 'release' | 'expedite' | 'defer' | 'cancel' | 'increase' | 'decrease';

/** Why a message was raised; the contract's `mrp` catalogue holds the sentence in English and French. */
export type MrpReasonCode =
  | 'release_period_reached'
  | 'release_past_due'
  | 'needed_earlier'
  | 'needed_later'
  | 'not_needed'
  | 'quantity_exceeds_need'
  | 'more_needed_same_period';

export type MrpOwnerRole = 'planner' | 'buyer';

export type MrpActionMessage = {
  kind: MrpActionKind;
  itemId: string;
  ownerCode: string | null;
  ownerRole: MrpOwnerRole;
  orderKind: 'planned_order' | 'scheduled_receipt';
  orderId: string;
  /** The order's current (due or release) period. */
  period: number;
  /** The suggested period (reschedules). */
  suggestedPeriod: number | null;
  quantity: number;
  /** The suggested quantity (increase, decrease, cancel → 0). */
  suggestedQuantity: number | null;
  reason: MrpReasonCode;
};

export type MrpExceptionKind =
  | 'past_due_release'
  | 'past_due_receipt'
  | 'past_due_demand'
  | 'demand_beyond_horizon'
  | 'below_safety_stock';

/** A plan problem returned as data: what, where (item, period), how much and why. */
export type MrpException = {
  kind: MrpExceptionKind;
  itemId: string;
  period: number;
  quantity: number;
  /** Periods late (past-due release or receipt), else 0. */
  periodsLate: number;
  /** The order or demand concerned, when there is one. */
  referenceId: string | null;
  ownerCode: string | null;
};

/** A planned order: receipt in `receiptPeriod`, release `leadTimePeriods` earlier (never before 0). */
export type MrpPlannedOrder = {
  id: string;
  itemId: string;
  releasePeriod: number;
  receiptPeriod: number;
  /** Good quantity received. */
  quantity: number;
  /** Quantity started: quantity / yield; components are exploded from it. */
  releaseQuantity: number;
  sourcing: MrpSourcing;
};

/** The time-phased record of one item (Orlicky's MRP table). */
export type MrpItemRecord = {
  itemId: string;
  lowLevelCode: number;
  grossRequirements: number[];
  scheduledReceipts: number[];
  projectedOnHand: number[];
  netRequirements: number[];
  plannedOrderReceipts: number[];
  plannedOrderReleases: number[];
};

export type MrpPegSupplyKind = 'on_hand' | 'scheduled_receipt' | 'planned_order';
export type MrpPegDemandKind = 'independent' | 'dependent' | 'safety_stock' | 'excess';

/**
 * One pegging link: `quantity` units of a supply serve one demand. Dependent demand is identified by
 * the parent planned order that causes it (`demandId`), so links chain up to independent demand.
 */
export type MrpPegRecord = {
  itemId: string;
  supplyKind: MrpPegSupplyKind;
  supplyId: string;
  supplyPeriod: number;
  demandKind: MrpPegDemandKind;
  demandId: string | null;
  demandPeriod: number;
  /** Total quantity of the demand element (for proportional tracing). */
  demandQuantity: number;
  quantity: number;
};

export type MrpStatus = 'ok' | 'exceptions';
