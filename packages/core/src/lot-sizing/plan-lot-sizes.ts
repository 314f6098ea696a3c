import { CoreError } from '../shared/core-error';
import { LOT_SIZING_METHODS, type LotSizeOrder, type LotSizingInput, type LotSizingParameters, type LotSizingResult } from './types';
import { applyLotSizeModifiers, runLotSizingKernel } from './run-lot-sizing-kernel';
import { checkNonNegative, checkOptionalPositive } from './internal/validate-lot-sizing';

/**
 * Sizes the orders that cover a series of period requirements (units) with one lot-sizing rule and
 * prices the plan: total = Σ setup(t)·[order in t] + h·Σ endingInventory(t) + Σ c(t)·q(t).
 * Holding cost is charged on end-of-period inventory, no backorders (Wagner & Whitin 1958 convention).
 * Rules: lot-for-lot, fixed-quantity, economic-order-quantity, period-order-quantity, wagner-whitin
 * (optimal DP), silver-meal, least-unit-cost, part-period-balancing; then minimum/maximum/multiple.
 * Source: Silver, Pyke & Peterson, Inventory Management and Production Planning and Scheduling, ch. 6.
 * Example: demand [90,120,80,70], setupCost 500, holding 2, wagner-whitin → orders [210,0,150,0],
 * totalCost 1380 (Snyder & Shen, FoSCT 2nd ed., Example 3.9).
 * Throws empty_input, not_finite, negative_value, length_mismatch, out_of_range, invalid_input.
 */
export function planLotSizes(input: LotSizingInput): LotSizingResult {
  const { demand, method } = input;
  if (!Array.isArray(demand) || demand.length === 0) throw new CoreError('empty_input', 'demand must be a non-empty array', { path: 'demand' });
  if (!LOT_SIZING_METHODS.includes(method)) {
    throw new CoreError('invalid_input', `unknown lot-sizing method ${String(method)} (expected one of ${LOT_SIZING_METHODS.join(', ')})`, { path: 'method' });
  }
  const length = demand.length;
  demand.forEach((d, t) => checkNonNegative(d, `demand[${t}]`));
  const setup = Array.isArray(input.setupCost) ? input.setupCost : [input.setupCost];
  if (Array.isArray(input.setupCost) && setup.length !== length) {
    throw new CoreError('length_mismatch', `setupCost has ${setup.length} values for ${length} periods`, { path: 'setupCost' });
  }
  setup.forEach((s, t) => checkNonNegative(s, Array.isArray(input.setupCost) ? `setupCost[${t}]` : 'setupCost'));
  const holding = checkNonNegative(input.holdingCostPerUnitPerPeriod, 'holdingCostPerUnitPerPeriod');
  const unitCost = input.unitCostPerPeriod;
  if (unitCost !== undefined) {
    if (!Array.isArray(unitCost) || unitCost.length !== length) {
      throw new CoreError('length_mismatch', `unitCostPerPeriod must have ${length} values`, { path: 'unitCostPerPeriod' });
    }
    unitCost.forEach((c, t) => checkNonNegative(c, `unitCostPerPeriod[${t}]`));
  }
  const fixedQuantity = checkOptionalPositive(input.fixedQuantity, 'fixedQuantity');
  if (method === 'fixed-quantity' && fixedQuantity === undefined) {
    throw new CoreError('invalid_input', 'fixed-quantity needs fixedQuantity > 0', { path: 'fixedQuantity' });
  }
  const periodsOfSupply = checkOptionalPositive(input.periodsOfSupply, 'periodsOfSupply');
  if (periodsOfSupply !== undefined && !Number.isInteger(periodsOfSupply)) {
    throw new CoreError('invalid_input', 'periodsOfSupply must be a whole number of periods', { path: 'periodsOfSupply' });
  }
  const minimumQuantity = input.minimumQuantity === undefined ? undefined : checkNonNegative(input.minimumQuantity, 'minimumQuantity');
  const maximumQuantity = checkOptionalPositive(input.maximumQuantity, 'maximumQuantity');
  const multipleQuantity = checkOptionalPositive(input.multipleQuantity, 'multipleQuantity');
  if (minimumQuantity !== undefined && maximumQuantity !== undefined && minimumQuantity > maximumQuantity) {
    throw new CoreError('out_of_range', 'minimumQuantity exceeds maximumQuantity', { path: 'minimumQuantity' });
  }
  const initialInventory = input.initialInventory === undefined ? 0 : checkNonNegative(input.initialInventory, 'initialInventory');

  // Net the initial inventory first, then size lots on what is left.
  const net = new Float64Array(length);
  let stock = initialInventory;
  for (let t = 0; t < length; t++) {
    const used = Math.min(stock, demand[t] as number);
    stock -= used;
    net[t] = (demand[t] as number) - used;
  }
  const params: LotSizingParameters = {
    setupCostPerOrder: setup,
    holdingCostPerUnitPerPeriod: holding,
    fixedQuantity,
    periodsOfSupply,
  };
  const lots = new Float64Array(length);
  runLotSizingKernel(method, net, length, params, lots, unitCost);
  const orderQuantities = new Array<number>(length).fill(0);
  const orders: LotSizeOrder[] = [];
  applyLotSizeModifiers(net, lots, length, { minimumQuantity, maximumQuantity, multipleQuantity }, (period, quantity) => {
    orders.push({ period, quantity });
    orderQuantities[period] = (orderQuantities[period] as number) + quantity;
  });
  const cost = computeLotSizingCost({
    demand,
    orderQuantities,
    setupCost: input.setupCost,
    holdingCostPerUnitPerPeriod: holding,
    unitCostPerPeriod: unitCost,
    initialInventory,
  });
  return { method, orderQuantities, orders, ...cost };
}

/**
 * Prices a given order plan: setup per period with an order, holding on end-of-period inventory,
 * optional unit cost. Ending inventory(t) = I0 + Σ_{k≤t} (q_k − d_k); a negative value means the plan
 * does not cover demand and throws infeasible.
 * Example: demand [90,120,80,70], orders [210,0,150,0], setup 500, h 2 → 1000 + 2·(120+0+70+0) = 1380.
 */
export function computeLotSizingCost(input: {
  demand: number[];
  orderQuantities: number[];
  setupCost: number | number[];
  holdingCostPerUnitPerPeriod: number;
  unitCostPerPeriod?: number[] | undefined;
  initialInventory?: number;
}): Pick<LotSizingResult, 'endingInventory' | 'setupCostTotal' | 'holdingCostTotal' | 'unitCostTotal' | 'totalCost'> {
  const { demand, orderQuantities } = input;
  if (orderQuantities.length !== demand.length) {
    throw new CoreError('length_mismatch', 'orderQuantities and demand differ in length', { path: 'orderQuantities' });
  }
  let stock = input.initialInventory ?? 0;
  let setupCostTotal = 0;
  let holdingCostTotal = 0;
  let unitCostTotal = 0;
  const endingInventory: number[] = [];
  for (let t = 0; t < demand.length; t++) {
    const q = orderQuantities[t] as number;
    if (q > 1e-9) {
      setupCostTotal += Array.isArray(input.setupCost) ? (input.setupCost[t] as number) : input.setupCost;
      if (input.unitCostPerPeriod) unitCostTotal += (input.unitCostPerPeriod[t] as number) * q;
    }
    stock += q - (demand[t] as number);
    if (stock < -1e-6) throw new CoreError('infeasible', `orders do not cover demand in period ${t}`, { path: `orderQuantities[${t}]` });
    const ending = roundQuantity(Math.max(0, stock));
    endingInventory.push(ending);
    holdingCostTotal += input.holdingCostPerUnitPerPeriod * ending;
  }
  setupCostTotal = roundQuantity(setupCostTotal);
  holdingCostTotal = roundQuantity(holdingCostTotal);
  unitCostTotal = roundQuantity(unitCostTotal);
  return { endingInventory, setupCostTotal, holdingCostTotal, unitCostTotal, totalCost: roundQuantity(setupCostTotal + holdingCostTotal + unitCostTotal) };
}

/** One rounding policy for reported figures: 9 decimals, which removes floating-point noise only. */
function roundQuantity(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
