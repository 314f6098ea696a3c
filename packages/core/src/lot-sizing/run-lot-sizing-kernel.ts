import type { LotSizingMethod, LotSizingParameters } from './types';
import { assertNever } from '../shared/core-error';

// Kernels work on typed arrays without allocating per period so that the MRP engine can call them
// for every item. Each writes the lot received in each period into `out` (zero elsewhere) and covers
// every requirement no later than its period (no backorders).

function setupAt(setup: ArrayLike<number>, period: number): number {
  return setup.length === 1 ? (setup[0] as number) : (setup[period] as number);
}

/** Average requirement per period over the horizon (for EOQ-based rules). */
function averageRequirement(net: ArrayLike<number>, length: number): number {
  let total = 0;
  for (let t = 0; t < length; t++) total += net[t] as number;
  return length > 0 ? total / length : 0;
}

/** Average setup cost over the horizon (EOQ-based rules need one value). */
function averageSetup(setup: ArrayLike<number>, length: number): number {
  if (setup.length === 1) return setup[0] as number;
  let total = 0;
  for (let t = 0; t < length; t++) total += setup[t] as number;
  return length > 0 ? total / length : 0;
}

/** Classic EOQ on per-period figures: sqrt(2·D·S/h), D = average requirement per period. */
export function economicOrderQuantityPerPeriod(net: ArrayLike<number>, length: number, params: LotSizingParameters): number {
  const demandPerPeriod = averageRequirement(net, length);
  const setup = averageSetup(params.setupCostPerOrder, length);
  const holding = params.holdingCostPerUnitPerPeriod;
  if (demandPerPeriod <= 0) return 0;
  if (holding <= 0) return Number.POSITIVE_INFINITY;
  return Math.sqrt((2 * demandPerPeriod * setup) / holding);
}

function lotForLot(net: ArrayLike<number>, length: number, out: Float64Array): void {
  for (let t = 0; t < length; t++) out[t] = net[t] as number;
}

/** Orders `lot` (or whole multiples of it for fixed quantity) whenever stock would not cover the period. */
function stockDriven(net: ArrayLike<number>, length: number, out: Float64Array, lot: number, multiples: boolean): void {
  let stock = 0;
  for (let t = 0; t < length; t++) {
    const need = (net[t] as number) - stock;
    let quantity = 0;
    if (need > 1e-9) {
      if (!(lot > 0) || !Number.isFinite(lot)) quantity = need;
      else if (multiples) quantity = Math.ceil(need / lot - 1e-9) * lot;
      else quantity = Math.max(lot, need);
    }
    out[t] = quantity;
    stock += quantity - (net[t] as number);
  }
}

function periodOrderQuantity(net: ArrayLike<number>, length: number, out: Float64Array, periods: number): void {
  let t = 0;
  while (t < length) {
    if ((net[t] as number) <= 0) {
      out[t] = 0;
      t++;
      continue;
    }
    let quantity = 0;
    const end = Math.min(length, t + periods);
    for (let k = t; k < end; k++) {
      quantity += net[k] as number;
      out[k] = 0;
    }
    out[t] = quantity;
    t = end;
  }
}

/** Wagner–Whitin dynamic programme, O(n²): F(j) = min_i F(i) + S_i + c_i·D(i..j-1) + h·Σ_{k} (k-i)·d_k. */
function wagnerWhitin(net: ArrayLike<number>, length: number, out: Float64Array, params: LotSizingParameters, unitCost: ArrayLike<number> | undefined): void {
  const best = new Float64Array(length + 1);
  const choice = new Int32Array(length + 1);
  const holding = params.holdingCostPerUnitPerPeriod;
  for (let j = 1; j <= length; j++) {
    best[j] = Number.POSITIVE_INFINITY;
    // The last order is placed in period i and covers periods i..j-1.
    let carried = 0; // holding cost of covering i..j-1 from period i
    let units = 0;
    for (let i = j - 1; i >= 0; i--) {
      // Moving the order from i+1 to i: every unit of i+1..j-1 is held one more period.
      carried += holding * units;
      units += net[i] as number;
      if (units <= 0) {
        // Nothing to order for i..j-1: the plan up to j equals the plan up to i.
        const cost = best[i] as number;
        if (cost < (best[j] as number) - 1e-9) {
          best[j] = cost;
          choice[j] = -i - 1;
        }
        continue;
      }
      if ((net[i] as number) <= 0) continue; // an order is always placed in a period with demand
      const unitPart = unitCost ? (unitCost[i] as number) * units : 0;
      const cost = (best[i] as number) + setupAt(params.setupCostPerOrder, i) + carried + unitPart;
      // On ties the earlier order period wins (the convention of stockpyl's published tests).
      if (cost <= (best[j] as number) + 1e-9) {
        best[j] = cost;
        choice[j] = i;
      }
    }
  }
  out.fill(0, 0, length);
  let j = length;
  while (j > 0) {
    const c = choice[j] as number;
    if (c < 0) {
      j = -c - 1;
      continue;
    }
    let quantity = 0;
    for (let k = c; k < j; k++) quantity += net[k] as number;
    out[c] = quantity;
    j = c;
  }
}

type Criterion = 'silver-meal' | 'least-unit-cost';

/** Silver–Meal (cost per period) and least unit cost (cost per unit): extend the lot while the ratio falls. */
function greedyRatio(net: ArrayLike<number>, length: number, out: Float64Array, params: LotSizingParameters, criterion: Criterion): void {
  const holding = params.holdingCostPerUnitPerPeriod;
  let t = 0;
  out.fill(0, 0, length);
  while (t < length) {
    if ((net[t] as number) <= 0) {
      t++;
      continue;
    }
    const setup = setupAt(params.setupCostPerOrder, t);
    let units = net[t] as number;
    let cost = setup;
    let ratio = criterion === 'silver-meal' ? cost : cost / units;
    let end = t + 1;
    while (end < length) {
      const nextUnits = units + (net[end] as number);
      const nextCost = cost + holding * (end - t) * (net[end] as number);
      const nextRatio = criterion === 'silver-meal' ? nextCost / (end - t + 1) : nextCost / nextUnits;
      if (!(nextRatio < ratio)) break;
      units = nextUnits;
      cost = nextCost;
      ratio = nextRatio;
      end++;
    }
    out[t] = units;
    t = end;
  }
}

/** Part-period balancing: cover the run of periods whose part-periods come closest to EPP = S/h. */
function partPeriodBalancing(net: ArrayLike<number>, length: number, out: Float64Array, params: LotSizingParameters): void {
  const holding = params.holdingCostPerUnitPerPeriod;
  let t = 0;
  out.fill(0, 0, length);
  while (t < length) {
    if ((net[t] as number) <= 0) {
      t++;
      continue;
    }
    const economicPartPeriods = holding > 0 ? setupAt(params.setupCostPerOrder, t) / holding : Number.POSITIVE_INFINITY;
    let units = net[t] as number;
    let partPeriods = 0;
    let end = t + 1;
    while (end < length) {
      const nextPartPeriods = partPeriods + (end - t) * (net[end] as number);
      if (nextPartPeriods > economicPartPeriods) {
        // Take the next period only if that lands strictly closer to EPP.
        if (Math.abs(nextPartPeriods - economicPartPeriods) < Math.abs(economicPartPeriods - partPeriods)) {
          units += net[end] as number;
          end++;
        }
        break;
      }
      partPeriods = nextPartPeriods;
      units += net[end] as number;
      end++;
    }
    out[t] = units;
    t = end;
  }
}

/**
 * Runs one rule on `length` net requirements; writes receipts per period into `out`.
 * Parameters were validated by the caller.
 */
export function runLotSizingKernel(
  method: LotSizingMethod,
  net: ArrayLike<number>,
  length: number,
  params: LotSizingParameters,
  out: Float64Array,
  unitCost?: ArrayLike<number>,
): void {
  switch (method) {
    case 'lot-for-lot':
      return lotForLot(net, length, out);
    case 'fixed-quantity':
      return stockDriven(net, length, out, params.fixedQuantity ?? 0, true);
    case 'economic-order-quantity':
      return stockDriven(net, length, out, economicOrderQuantityPerPeriod(net, length, params), false);
    case 'period-order-quantity': {
      let periods = params.periodsOfSupply;
      if (periods === undefined) {
        const average = averageRequirement(net, length);
        const eoq = economicOrderQuantityPerPeriod(net, length, params);
        periods = average > 0 && Number.isFinite(eoq) ? Math.max(1, Math.round(eoq / average)) : length;
      }
      return periodOrderQuantity(net, length, out, Math.max(1, periods));
    }
    case 'wagner-whitin':
      return wagnerWhitin(net, length, out, params, unitCost);
    case 'silver-meal':
      return greedyRatio(net, length, out, params, 'silver-meal');
    case 'least-unit-cost':
      return greedyRatio(net, length, out, params, 'least-unit-cost');
    case 'part-period-balancing':
      return partPeriodBalancing(net, length, out, params);
    default:
      return assertNever(method, 'lot-sizing method');
  }
}

/**
 * Applies minimum / multiple / maximum to the rule's lots, carrying any excess forward so later lots
 * shrink, and adding a lot wherever cumulative receipts would fall short of cumulative requirements.
 * `onOrder(period, quantity)` is called once per order (a need above the maximum gives several).
 * Returns nothing; `lots` is left unchanged.
 */
export function applyLotSizeModifiers(
  net: ArrayLike<number>,
  lots: ArrayLike<number>,
  length: number,
  modifiers: { minimumQuantity?: number; maximumQuantity?: number; multipleQuantity?: number },
  onOrder: (period: number, quantity: number) => void,
): void {
  const minimum = modifiers.minimumQuantity ?? 0;
  const maximum = modifiers.maximumQuantity ?? Number.POSITIVE_INFINITY;
  const multiple = modifiers.multipleQuantity ?? 0;
  const plain = minimum <= 0 && multiple <= 0 && maximum === Number.POSITIVE_INFINITY;
  if (plain) {
    for (let t = 0; t < length; t++) {
      const q = lots[t] as number;
      if (q > 1e-9) onOrder(t, q);
    }
    return;
  }
  const shape = (quantity: number): number => {
    let q = Math.max(quantity, minimum);
    if (multiple > 0) q = Math.ceil(q / multiple - 1e-9) * multiple;
    return q;
  };
  // Largest order allowed: the maximum, rounded down to the multiple when both are given.
  const cap = multiple > 0 && Number.isFinite(maximum) ? Math.max(multiple, Math.floor(maximum / multiple + 1e-9) * multiple) : maximum;
  const place = (t: number, wanted: number): number => {
    let remaining = wanted;
    let placed = 0;
    while (remaining > 1e-9) {
      const q = Math.min(shape(remaining), cap);
      onOrder(t, q);
      placed += q;
      remaining -= q;
    }
    return placed;
  };
  let excess = 0; // received so far minus required so far
  for (let t = 0; t < length; t++) {
    const lot = lots[t] as number;
    if (lot > 1e-9 && lot - excess > 1e-9) excess += place(t, lot - excess);
    excess -= net[t] as number;
    if (excess < -1e-9) excess += place(t, -excess);
  }
}
