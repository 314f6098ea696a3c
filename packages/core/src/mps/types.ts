/** Time-fence zone of a period: frozen (no change), slushy (changes by the planner only), liquid (free). */
export type TimeFenceZone = 'frozen' | 'slushy' | 'liquid';

/** How the MPS quantity is sized when projected available falls below safety stock. */
export type MasterScheduleLotSizing = {
  rule: 'lot-for-lot' | 'fixed-quantity';
  /** fixed-quantity: lot size; a larger need takes several lots. */
  lotSizeUnits?: number;
  minimumLotUnits?: number;
  lotMultipleUnits?: number;
};

export type MasterScheduleInput = {
  itemId: string;
  periodLabels?: string[];
  forecastUnits: number[];
  customerOrdersUnits: number[];
  onHandUnits: number;
  safetyStockUnits?: number;
  /** MPS receipts already firm (released or firm planned), per period; kept as they are. */
  firmReceiptsUnits?: number[];
  lotSizing?: MasterScheduleLotSizing;
  /**
   * demandTimeFencePeriods: periods 1..DTF are frozen and plan customer orders only.
   * planningTimeFencePeriods: periods DTF+1..PTF are slushy: new MPS quantities there need the
   * planner's approval. Later periods are liquid. Defaults 0 and 0 (all liquid).
   */
  timeFences?: { demandTimeFencePeriods?: number; planningTimeFencePeriods?: number };
  /** 'greater-of': demand = max(forecast, orders) (default); 'consume-forecast': orders + forecast left after consumption. */
  demandPolicy?: 'greater-of' | 'consume-forecast';
  consumption?: { backwardPeriods?: number; forwardPeriods?: number };
  /**
   * The item's share of the family production plan (S&OP / PIC disaggregated by mix) per period.
   * In the liquid zone the MPS follows it: cumulative MPS keeps up with the cumulative plan (lot
   * rules applied), and rises above it only where projected available would fall below safety stock.
   */
  productionPlanUnits?: number[];
};

export type MasterSchedulePeriod = {
  period: string;
  zone: TimeFenceZone;
  forecastUnits: number;
  customerOrdersUnits: number;
  /** Demand the schedule covers in this period (policy and fences applied). */
  demandUnits: number;
  firmReceiptsUnits: number;
  plannedReceiptsUnits: number;
  /** MPS quantity: firm + planned receipts. */
  masterScheduleUnits: number;
  /** The production plan's quantity for the period (0 without a family plan). */
  productionPlanUnits: number;
  projectedAvailableUnits: number;
  availableToPromiseUnits: number;
  cumulativeAvailableToPromiseUnits: number;
};

export type MasterScheduleException = {
  code: 'shortage_in_frozen_zone' | 'needs_planner_approval' | 'overcommitted' | 'unforecast_orders' | 'above_production_plan';
  period: string;
  quantityUnits: number;
  message: string;
};

export type MasterScheduleResult = {
  itemId: string;
  status: 'ok' | 'exceptions';
  periods: MasterSchedulePeriod[];
  exceptions: MasterScheduleException[];
};
