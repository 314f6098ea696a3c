/** A lot-sizing rule. Names follow APICS usage; see README.md for each rule's formula. */
export type LotSizingMethod =
  | 'lot-for-lot'
  | 'fixed-quantity'
  | 'economic-order-quantity'
  | 'period-order-quantity'
  | 'wagner-whitin'
  | 'silver-meal'
  | 'least-unit-cost'
  | 'part-period-balancing';

export const LOT_SIZING_METHODS: readonly LotSizingMethod[] = [
  'lot-for-lot',
  'fixed-quantity',
  'economic-order-quantity',
  'period-order-quantity',
  'wagner-whitin',
  'silver-meal',
  'least-unit-cost',
  'part-period-balancing',
];

/** Order modifiers applied after the rule: minimum, maximum (larger needs are split) and multiple. */
export type LotSizeModifiers = {
  minimumQuantity?: number;
  maximumQuantity?: number;
  multipleQuantity?: number;
};

/** Parameters a rule may need; the facade checks that the ones its rule needs are present. */
export type LotSizingParameters = LotSizeModifiers & {
  /** Fixed cost of one order (setup/ordering), per period or one value for all periods. */
  setupCostPerOrder: ArrayLike<number>;
  holdingCostPerUnitPerPeriod: number;
  /** Quantity ordered by the fixed-quantity rule (several lots when a need is larger). */
  fixedQuantity?: number;
  /** Periods covered by one order in the period-order-quantity rule; derived from the EOQ when absent. */
  periodsOfSupply?: number;
};

/** One order: the period it is received in and its quantity. */
export type LotSizeOrder = { period: number; quantity: number };

export type LotSizingInput = LotSizeModifiers & {
  /** Net requirements per period (units), period 0 first. */
  demand: number[];
  method: LotSizingMethod;
  /** One setup cost for every period, or one per period. */
  setupCost: number | number[];
  holdingCostPerUnitPerPeriod: number;
  /** Optional purchase/production cost per unit, per period (Wagner–Whitin uses it; all rules count it). */
  unitCostPerPeriod?: number[];
  fixedQuantity?: number;
  periodsOfSupply?: number;
  /** Units on hand at the start of period 0 (netted before ordering). Default 0. */
  initialInventory?: number;
};

export type LotSizingResult = {
  method: LotSizingMethod;
  /** Quantity received per period (the sum when a maximum splits a need into several orders). */
  orderQuantities: number[];
  orders: LotSizeOrder[];
  /** Inventory at the end of each period after receipts and demand. */
  endingInventory: number[];
  setupCostTotal: number;
  holdingCostTotal: number;
  unitCostTotal: number;
  /** setupCostTotal + holdingCostTotal + unitCostTotal. */
  totalCost: number;
};
