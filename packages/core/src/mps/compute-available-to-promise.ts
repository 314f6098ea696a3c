import { CoreError } from '../shared/core-error';
import { requireNonNegative, requireNonNegativeArray } from '../shared/input-checks';

export type AvailableToPromiseInput = {
  /** Stock on hand at the start of period 1 (counted as supply of period 1). */
  onHandUnits: number;
  /** Supply arriving per period (MPS receipts: firm and planned). */
  supplyUnits: number[];
  /** Customer orders already promised, per period. */
  committedUnits: number[];
};

export type AvailableToPromiseResult = {
  /** Discrete ATP with look-ahead: uncommitted supply of each period after later shortfalls borrow from it. */
  discreteUnits: number[];
  /** Running sum of the discrete ATP: what can be promised for delivery up to each period. */
  cumulativeUnits: number[];
  /** Commitments that no supply covers (> 0 means orders are over-promised). */
  overcommittedUnits: number;
};

/**
 * Computes discrete ATP with look-ahead and cumulative ATP per period (units).
 *
 * Formula (backward pass, equivalent to the textbook look-ahead rule): going from the last period to
 * the first, atp_t = supply_t − committed_t + carry; when atp_t < 0 it is set to 0 and the deficit
 * is carried to the period before (earlier supply covers later orders). Period 1's supply includes
 * on hand. Cumulative ATP is the running sum. Source: Vollmann, Berry, Whybark & Jacobs,
 * *Manufacturing Planning and Control for Supply Chain Management*, ch. "Master Production
 * Scheduling" (ATP with look-ahead); APICS Dictionary ("available-to-promise").
 *
 * Example (Stevenson, *Operations Management*, MPS chapter): on hand 64, MPS 70 in weeks 3, 5, 7
 * and 8, orders 33, 20, 10, 4, 2 → discrete ATP 11, 0, 56, 0, 68, 0, 70, 70.
 * Throws CoreError empty_input, length_mismatch, negative_value, not_finite.
 */
export function computeAvailableToPromise(input: AvailableToPromiseInput): AvailableToPromiseResult {
  const onHand = requireNonNegative(input.onHandUnits, 'onHandUnits');
  const supply = requireNonNegativeArray(input.supplyUnits, 'supplyUnits');
  const committed = requireNonNegativeArray(input.committedUnits, 'committedUnits');
  if (committed.length !== supply.length) throw new CoreError('length_mismatch', `expected ${supply.length} periods of commitments, got ${committed.length}`, { path: 'committedUnits' });
  const discrete = new Array<number>(supply.length).fill(0);
  let carry = 0;
  for (let t = supply.length - 1; t >= 0; t -= 1) {
    const value = (supply[t] ?? 0) + (t === 0 ? onHand : 0) - (committed[t] ?? 0) + carry;
    if (value < 0) {
      carry = value;
      discrete[t] = 0;
    } else {
      carry = 0;
      discrete[t] = value;
    }
  }
  const cumulative: number[] = [];
  let running = 0;
  for (const value of discrete) {
    running += value;
    cumulative.push(running);
  }
  return { discreteUnits: discrete, cumulativeUnits: cumulative, overcommittedUnits: carry < 0 ? -carry : 0 };
}
