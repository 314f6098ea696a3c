/** A planned, firm or released order that loads work centres through its item's routing. */
export type CapacityOrder = {
  orderId: string;
  itemId: string;
  quantityUnits: number;
  /** Bucket (0-based index) in which the order is due complete. */
  dueBucket: number;
  /** Only 'planned' orders may be moved by levelling. Default 'planned'. */
  status?: 'planned' | 'firm' | 'released';
  /** Slack: how many buckets earlier the order may be completed (default 0). */
  maxEarlierBuckets?: number;
  /** How many buckets later it may be completed without hurting its demand (default 0). */
  maxLaterBuckets?: number;
};

export type RoutingOperation = {
  sequence: number;
  workCenterId: string;
  setupHours: number;
  runHoursPerUnit: number;
  /** Buckets before the due bucket in which this operation runs (0 = the due bucket). */
  offsetBuckets?: number;
};

export type Routing = { itemId: string; operations: RoutingOperation[] };

export type WorkCenter = {
  workCenterId: string;
  /** Calendar hours per bucket (shifts × hours × working days); one value or one per bucket. */
  calendarHoursPerBucket: number | number[];
  /** Fraction 0–1 of calendar hours actually producing (default 1). */
  utilization?: number;
  /** Fraction > 0 of standard output per productive hour (default 1). */
  efficiency?: number;
};

export type CapacityInput = {
  bucketLabels?: string[];
  /** Number of buckets; defaults to bucketLabels.length. */
  bucketCount?: number;
  orders: CapacityOrder[];
  routings: Routing[];
  workCenters: WorkCenter[];
};

export type WorkCenterLoad = {
  workCenterId: string;
  bucket: number;
  bucketLabel: string;
  loadHours: number;
  availableHours: number;
  /** load ÷ available (Infinity when load exists with nothing available). */
  utilization: number;
  orders: Array<{ orderId: string; loadHours: number }>;
};

export type CapacityException = {
  code: 'overload' | 'past_due_load' | 'missing_routing';
  workCenterId?: string;
  bucket?: number;
  bucketLabel?: string;
  excessHours?: number;
  /** The orders that cause it (largest load first). */
  orderIds: string[];
  message: string;
};

export type CapacityLoadResult = {
  status: 'ok' | 'overloaded';
  loads: WorkCenterLoad[];
  exceptions: CapacityException[];
};

export type OrderMove = { orderId: string; fromDueBucket: number; toDueBucket: number; reason: string };

export type CapacityLevellingResult = {
  status: 'levelled' | 'partially_levelled' | 'unchanged_ok' | 'unchanged_overloaded';
  moves: OrderMove[];
  /** The orders with their new due buckets (input order kept). */
  orders: CapacityOrder[];
  before: CapacityLoadResult;
  after: CapacityLoadResult;
  /** Overloads levelling could not remove, with why. */
  unresolved: Array<CapacityException & { reason: string }>;
};
