/** How a lane's shipments are sized; lot for lot (exactly the net requirement) when absent. */
export type DrpShipmentSizing = {
  /** Ship whole lots of this quantity (as many as the net requirement needs). */
  fixedQuantity?: number;
  /** Ship at least this quantity. */
  minimumQuantity?: number;
  /** Ship a multiple of this quantity (after the minimum). */
  multipleQuantity?: number;
};

/**
 * A replenishment lane of the distribution network: `toLocationId` is resupplied from
 * `fromLocationId`, `transitLeadTimePeriods` whole periods after shipping. Without `itemId` the lane
 * applies to every item; an item's own lane wins over the general one.
 */
export type DrpLaneInput = DrpShipmentSizing & {
  itemId?: string;
  fromLocationId: string;
  toLocationId: string;
  transitLeadTimePeriods: number;
};

/** Stock and safety stock of one item at one location. */
export type DrpStockPointInput = {
  itemId: string;
  locationId: string;
  onHandQuantity?: number;
  safetyStockQuantity?: number;
};

/** Independent demand (forecast consumed by orders, customer orders) of an item at a location in one period. */
export type DrpDemandInput = { id: string; itemId: string; locationId: string; period: number; quantity: number };

/** A transfer already shipped or released (in transit), arriving at `locationId` in `period`. */
export type DrpScheduledReceiptInput = { id: string; itemId: string; locationId: string; period: number; quantity: number };

export type DrpInput = {
  /** Number of periods (buckets) planned: 0 … horizonPeriods − 1. */
  horizonPeriods: number;
  lanes: DrpLaneInput[];
  stockPoints?: DrpStockPointInput[];
  demands?: DrpDemandInput[];
  scheduledReceipts?: DrpScheduledReceiptInput[];
};

/** A planned transfer order: shipped from the source in `shipPeriod`, received at the destination in `receiptPeriod`. */
export type DrpPlannedTransfer = {
  /** TR-<item>-<destination>-<receipt period>. */
  id: string;
  itemId: string;
  fromLocationId: string;
  toLocationId: string;
  shipPeriod: number;
  receiptPeriod: number;
  quantity: number;
  /** Periods by which the shipment is already late (it should have left before period 0), else 0. */
  periodsLate: number;
};

/** The time-phased DRP record of one item at one replenished location (Vollmann et al., DRP chapter). */
export type DrpRecord = {
  itemId: string;
  locationId: string;
  sourceLocationId: string;
  transitLeadTimePeriods: number;
  safetyStockQuantity: number;
  /** Independent demand here + planned shipments to the locations this one resupplies. */
  grossRequirements: number[];
  /** In transit (open transfers), where due. */
  scheduledReceipts: number[];
  /** POH(t) = POH(t−1) + SR(t) + PR(t) − GR(t), starting from on hand. */
  projectedOnHand: number[];
  netRequirements: number[];
  plannedReceipts: number[];
  /** Planned shipments from the source, in ship periods. */
  plannedShipments: number[];
};

/**
 * Dependent demand that a planned transfer puts on its source location when the source is not itself
 * replenished by DRP (a plant, a supplier-fed hub): the input of the plant's MPS / MRP. `id` is the
 * transfer's id, so MRP pegging chains from the plant's orders to the transfers and their demands.
 */
export type DrpSourceDemand = { id: string; itemId: string; locationId: string; period: number; quantity: number };

export type DrpPegSupplyKind = 'on_hand' | 'scheduled_receipt' | 'planned_transfer';
export type DrpPegDemandKind = 'independent' | 'dependent' | 'safety_stock' | 'excess';

/** `quantity` units of a supply at one location serve one demand there (dependent: a transfer to a location downstream). */
export type DrpPegRecord = {
  itemId: string;
  locationId: string;
  supplyKind: DrpPegSupplyKind;
  supplyId: string;
  supplyPeriod: number;
  demandKind: DrpPegDemandKind;
  demandId: string | null;
  demandPeriod: number;
  quantity: number;
};

export type DrpExceptionKind = 'past_due_shipment' | 'past_due_demand' | 'demand_beyond_horizon';

/** A plan problem returned as data: what, where (item, location, period), how much and why. */
export type DrpException = {
  kind: DrpExceptionKind;
  itemId: string;
  locationId: string;
  period: number;
  quantity: number;
  periodsLate: number;
  /** The transfer or demand concerned. */
  referenceId: string | null;
};

export type DrpResult = {
  status: 'ok' | 'exceptions';
  /** Planned transfers by item, then distribution level (farthest from the source first), location, receipt period. */
  transfers: DrpPlannedTransfer[];
  records: DrpRecord[];
  sourceDemands: DrpSourceDemand[];
  pegging: DrpPegRecord[];
  exceptions: DrpException[];
  /** Item × location pairs planned by DRP (`item@location`), i.e. replenished through a lane. */
  plannedStockPoints: string[];
};
