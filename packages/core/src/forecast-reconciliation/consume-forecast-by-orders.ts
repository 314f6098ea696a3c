import { CoreError } from '../shared/core-error';

export type ForecastBucket = {
  /** Integer period index (e.g. week number since a reference date). */
  period: number;
  /** Forecast quantity in demand units (>= 0). */
  quantity: number;
};

export type CustomerOrderLine = {
  orderId: string;
  /** Period of the requested delivery. */
  period: number;
  /** Firm ordered quantity (>= 0). */
  quantity: number;
};

export type ConsumeForecastInput = {
  forecast: readonly ForecastBucket[];
  orders: readonly CustomerOrderLine[];
  /** How many earlier periods an order may consume forecast from (searched first, nearest first). */
  backwardPeriods: number;
  /** How many later periods it may consume after the backward search. */
  forwardPeriods: number;
};

export type ConsumedPeriod = {
  period: number;
  forecastQuantity: number;
  /** Forecast consumed by orders (from any period). */
  consumedQuantity: number;
  remainingForecast: number;
  /** Firm orders due in this period. */
  orderQuantity: number;
  /** What planning should cover: remaining forecast + firm orders. */
  totalDemand: number;
};

export type ConsumptionAllocation = { orderId: string; orderPeriod: number; forecastPeriod: number; quantity: number };

export type ConsumptionException = {
  kind: 'orders_exceed_forecast';
  orderId: string;
  period: number;
  /** Order quantity that found no forecast to consume inside the window (demand above forecast). */
  unconsumedQuantity: number;
  message: string;
};

export type ConsumeForecastResult = {
  status: 'ok' | 'orders_exceed_forecast';
  periods: ConsumedPeriod[];
  allocations: ConsumptionAllocation[];
  exceptions: ConsumptionException[];
};

/**
 * Consumes forecast with firm customer orders (demand units): each order first consumes the
 * forecast of its own period, then earlier periods (nearest first, up to backwardPeriods), then
 * later ones (up to forwardPeriods); orders are taken by period then orderId.
 *
 * Formula: per period, remainingForecast = forecast − consumed ≥ 0 and totalDemand =
 * remainingForecast + orders, so demand is never counted twice; order quantity left unconsumed is
 * reported as an exception (orders above forecast).
 *
 * Source: APICS Dictionary, "forecast consumption"; the backward/forward consumption window of SAP
 * planning strategy 40 (Dickersbach 2009, "Supply Chain Management with SAP APO", §4.3).
 *
 * Example: forecast 100 in periods 1, 2, 3; an order of 130 in period 2 with a 1-period backward
 * window consumes 100 in period 2 and 30 in period 1: remaining 70, 0, 100; total demand 70, 130, 100.
 *
 * Throws CoreError: invalid_input (non-integer period, duplicate forecast period, blank order id),
 * negative_value, not_finite, out_of_range (negative window).
 */
export function consumeForecastByOrders(input: ConsumeForecastInput): ConsumeForecastResult {
  const { backwardPeriods, forwardPeriods } = input;
  if (!Number.isInteger(backwardPeriods) || backwardPeriods < 0) throw new CoreError('out_of_range', 'backwardPeriods must be an integer >= 0', { path: 'backwardPeriods' });
  if (!Number.isInteger(forwardPeriods) || forwardPeriods < 0) throw new CoreError('out_of_range', 'forwardPeriods must be an integer >= 0', { path: 'forwardPeriods' });
  const checkQuantity = (q: number, path: string) => {
    if (typeof q !== 'number' || !Number.isFinite(q)) throw new CoreError('not_finite', `${path} is not a finite number`, { path });
    if (q < 0) throw new CoreError('negative_value', `${path} is negative (${q})`, { path });
  };
  const remaining = new Map<number, number>();
  const forecastOf = new Map<number, number>();
  input.forecast.forEach((b, i) => {
    if (!Number.isInteger(b.period)) throw new CoreError('invalid_input', `forecast[${i}].period must be an integer`, { path: `forecast[${i}].period` });
    if (forecastOf.has(b.period)) throw new CoreError('invalid_input', `period ${b.period} appears twice in the forecast`, { path: `forecast[${i}].period` });
    checkQuantity(b.quantity, `forecast[${i}].quantity`);
    forecastOf.set(b.period, b.quantity);
    remaining.set(b.period, b.quantity);
  });
  input.orders.forEach((o, i) => {
    if (typeof o.orderId !== 'string' || o.orderId.trim() === '') throw new CoreError('invalid_input', `orders[${i}].orderId is blank`, { path: `orders[${i}].orderId` });
    if (!Number.isInteger(o.period)) throw new CoreError('invalid_input', `orders[${i}].period must be an integer`, { path: `orders[${i}].period` });
    checkQuantity(o.quantity, `orders[${i}].quantity`);
  });
  const orders = input.orders.map((o, index) => ({ ...o, index })).sort((a, b) => a.period - b.period || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0) || a.index - b.index);
  const consumed = new Map<number, number>();
  const ordersIn = new Map<number, number>();
  const allocations: ConsumptionAllocation[] = [];
  const exceptions: ConsumptionException[] = [];
  for (const order of orders) {
    ordersIn.set(order.period, (ordersIn.get(order.period) ?? 0) + order.quantity);
    let open = order.quantity;
    const search = [order.period];
    for (let k = 1; k <= backwardPeriods; k++) search.push(order.period - k);
    for (let k = 1; k <= forwardPeriods; k++) search.push(order.period + k);
    for (const p of search) {
      if (open <= 0) break;
      const left = remaining.get(p) ?? 0;
      if (left <= 0) continue;
      const take = Math.min(left, open);
      remaining.set(p, left - take);
      consumed.set(p, (consumed.get(p) ?? 0) + take);
      open -= take;
      allocations.push({ orderId: order.orderId, orderPeriod: order.period, forecastPeriod: p, quantity: take });
    }
    if (open > 1e-9) {
      exceptions.push({
        kind: 'orders_exceed_forecast',
        orderId: order.orderId,
        period: order.period,
        unconsumedQuantity: open,
        message: `order ${order.orderId} (period ${order.period}) exceeds the forecast left in periods ${order.period - backwardPeriods}..${order.period + forwardPeriods} by ${open}`,
      });
    }
  }
  const allPeriods = [...new Set([...forecastOf.keys(), ...ordersIn.keys()])].sort((a, b) => a - b);
  const periods = allPeriods.map((period) => {
    const forecastQuantity = forecastOf.get(period) ?? 0;
    const remainingForecast = remaining.get(period) ?? 0;
    const orderQuantity = ordersIn.get(period) ?? 0;
    return { period, forecastQuantity, consumedQuantity: consumed.get(period) ?? 0, remainingForecast, orderQuantity, totalDemand: remainingForecast + orderQuantity };
  });
  return { status: exceptions.length > 0 ? 'orders_exceed_forecast' : 'ok', periods, allocations, exceptions };
}
