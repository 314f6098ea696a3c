import { CoreError } from '../shared/core-error';
import { perPeriod, requireNonNegative, requireNonNegativeArray } from '../shared/input-checks';

export type OrderPromiseInput = {
  quantityUnits: number;
  /** Bucket (0-based) the customer asks for. */
  requestedBucket: number;
  onHandUnits: number;
  /** Supply per bucket (scheduled receipts, MPS). */
  supplyUnits: number[];
  /** Quantities already promised per bucket. */
  committedUnits: number[];
  /** Capable-to-promise: extra units the plant can still make per bucket, usable from `leadTimeBuckets` on. */
  capableToPromise?: { capacityUnitsPerBucket: number | number[]; leadTimeBuckets: number };
};

export type OrderPromiseResult = {
  status: 'on_time' | 'late' | 'cannot_promise';
  /** Earliest bucket at which the whole quantity can be promised (null: not within the horizon). */
  promisedBucket: number | null;
  /** atp: from uncommitted supply; ctp: needs new production within free capacity. */
  source: 'atp' | 'ctp' | null;
  /** Units from new production (CTP) in the promise. */
  ctpUnits: number;
  /** Units that could be promised at the requested bucket (ATP + CTP), for a split delivery. */
  availableAtRequestedUnits: number;
  /** A split proposal: what can go at the requested bucket and the rest at the full-promise bucket. */
  splitDeliveries: Array<{ bucket: number; quantityUnits: number }>;
};

/** min over k ≥ b of cumulative (supply − commitments): what can be promised at b without breaking later promises. */
function lookAhead(slack: number[]): number[] {
  const result = new Array<number>(slack.length).fill(0);
  let running = Number.POSITIVE_INFINITY;
  for (let t = slack.length - 1; t >= 0; t -= 1) {
    running = Math.min(running, slack[t] ?? 0);
    result[t] = Math.max(0, running);
  }
  return result;
}

/**
 * Promises a date for a new order line from ATP, then CTP (units, buckets).
 * Formula: slack_k = on hand + Σ_{j≤k} supply_j − Σ_{j≤k} committed_j; what can be promised by
 * bucket b is min_{k≥b} slack_k (look-ahead, so later promises stay covered). The promise is the
 * earliest b ≥ requested with that ≥ quantity; CTP adds Σ free capacity of buckets from the lead
 * time to k. Source: APICS Dictionary ("available-to-promise", "capable-to-promise"); Vollmann et
 * al., *Manufacturing Planning and Control for Supply Chain Management*, ch. "Demand Management".
 *
 * Example: on hand 64, MPS 70 in buckets 2, 4, 6, 7, committed 33, 20, 10, 4, 2 → 30 units asked
 * for bucket 0 are promised for bucket 2 (only 11 are free before), split 11 now + 19 at bucket 2.
 * Throws CoreError empty_input, length_mismatch, negative_value, not_finite, out_of_range.
 */
export function promiseOrderLine(input: OrderPromiseInput): OrderPromiseResult {
  const quantity = requireNonNegative(input.quantityUnits, 'quantityUnits');
  const onHand = requireNonNegative(input.onHandUnits, 'onHandUnits');
  const supply = requireNonNegativeArray(input.supplyUnits, 'supplyUnits');
  const committed = requireNonNegativeArray(input.committedUnits, 'committedUnits');
  if (committed.length !== supply.length) throw new CoreError('length_mismatch', `expected ${supply.length} buckets of commitments`, { path: 'committedUnits' });
  const requested = input.requestedBucket;
  if (!Number.isInteger(requested) || requested < 0 || requested >= supply.length) throw new CoreError('out_of_range', `requested bucket must be an integer in 0..${supply.length - 1}`, { path: 'requestedBucket' });
  const slack: number[] = [];
  let running = onHand;
  supply.forEach((units, t) => {
    running += units - (committed[t] ?? 0);
    slack.push(running);
  });
  const atp = lookAhead(slack);
  let withCtp = atp;
  if (input.capableToPromise !== undefined) {
    const capacity = perPeriod(input.capableToPromise.capacityUnitsPerBucket, supply.length, 'capableToPromise.capacityUnitsPerBucket', 0);
    const lead = input.capableToPromise.leadTimeBuckets;
    if (!Number.isInteger(lead) || lead < 0) throw new CoreError('out_of_range', 'lead time is an integer ≥ 0', { path: 'capableToPromise.leadTimeBuckets' });
    let cumulativeCapacity = 0;
    withCtp = lookAhead(slack.map((value, t) => {
      if (t >= lead) cumulativeCapacity += capacity[t] ?? 0;
      return value + cumulativeCapacity;
    }));
  }
  const earliest = (available: number[]): number | null => {
    for (let t = requested; t < available.length; t += 1) if ((available[t] ?? 0) >= quantity - 1e-9) return t;
    return null;
  };
  const atpBucket = earliest(atp);
  const ctpBucket = earliest(withCtp);
  const promisedBucket = atpBucket !== null && (ctpBucket === null || atpBucket <= ctpBucket) ? atpBucket : ctpBucket;
  const source = promisedBucket === null ? null : promisedBucket === atpBucket ? 'atp' : 'ctp';
  const ctpUnits = source === 'ctp' && promisedBucket !== null ? Math.max(0, quantity - (atp[promisedBucket] ?? 0)) : 0;
  const availableAtRequested = Math.min(quantity, withCtp[requested] ?? 0);
  const splitDeliveries = promisedBucket === null
    ? (availableAtRequested > 0 ? [{ bucket: requested, quantityUnits: availableAtRequested }] : [])
    : promisedBucket === requested || availableAtRequested <= 0
      ? [{ bucket: promisedBucket, quantityUnits: quantity }]
      : [{ bucket: requested, quantityUnits: availableAtRequested }, { bucket: promisedBucket, quantityUnits: quantity - availableAtRequested }];
  return {
    status: promisedBucket === null ? 'cannot_promise' : promisedBucket === requested ? 'on_time' : 'late',
    promisedBucket,
    source,
    ctpUnits,
    availableAtRequestedUnits: availableAtRequested,
    splitDeliveries,
  };
}
