import { describe, expect, it } from 'vitest';
import { applyForecastOverrides } from './apply-forecast-overrides';
import { consumeForecastByOrders } from './consume-forecast-by-orders';

const FLAT = [1, 2, 3].map((period) => ({ period, quantity: 100 }));

describe('consumeForecastByOrders', () => {
  it('worked example: 130 ordered in period 2, 1 period backward → remaining 70, 0, 100', () => {
    const r = consumeForecastByOrders({ forecast: FLAT, orders: [{ orderId: 'SO-1', period: 2, quantity: 130 }], backwardPeriods: 1, forwardPeriods: 0 });
    expect(r.status).toBe('ok');
    expect(r.periods.map((p) => p.remainingForecast)).toEqual([70, 0, 100]);
    expect(r.periods.map((p) => p.totalDemand)).toEqual([70, 130, 100]);
    expect(r.allocations).toEqual([
      { orderId: 'SO-1', orderPeriod: 2, forecastPeriod: 2, quantity: 100 },
      { orderId: 'SO-1', orderPeriod: 2, forecastPeriod: 1, quantity: 30 },
    ]);
  });

  it('goes forward after backward and reports what is left as an exception', () => {
    const r = consumeForecastByOrders({ forecast: FLAT, orders: [{ orderId: 'SO-9', period: 1, quantity: 260 }], backwardPeriods: 2, forwardPeriods: 1 });
    expect(r.allocations.map((a) => [a.forecastPeriod, a.quantity])).toEqual([
      [1, 100],
      [2, 100],
    ]);
    expect(r.status).toBe('orders_exceed_forecast');
    expect(r.exceptions).toHaveLength(1);
    expect(r.exceptions[0]).toMatchObject({ orderId: 'SO-9', period: 1, unconsumedQuantity: 60 });
    // demand is never double counted: total demand = orders + unconsumed forecast
    expect(r.periods.reduce((s, p) => s + p.totalDemand, 0)).toBe(260 + 100);
  });

  it('processes orders by period then id, whatever the input order, and keeps orders outside the forecast', () => {
    const orders = [
      { orderId: 'B', period: 2, quantity: 80 },
      { orderId: 'A', period: 2, quantity: 80 },
      { orderId: 'C', period: 7, quantity: 5 },
    ];
    const r1 = consumeForecastByOrders({ forecast: FLAT, orders, backwardPeriods: 0, forwardPeriods: 0 });
    const r2 = consumeForecastByOrders({ forecast: FLAT, orders: orders.slice().reverse(), backwardPeriods: 0, forwardPeriods: 0 });
    expect(r1).toEqual(r2);
    expect(r1.allocations[0]).toMatchObject({ orderId: 'A', quantity: 80 });
    expect(r1.exceptions.map((e) => [e.orderId, e.unconsumedQuantity])).toEqual([
      ['B', 60],
      ['C', 5],
    ]);
    expect(r1.periods.find((p) => p.period === 7)).toMatchObject({ forecastQuantity: 0, orderQuantity: 5, totalDemand: 5 });
  });

  it('rejects bad input', () => {
    expect(() => consumeForecastByOrders({ forecast: [{ period: 1.5, quantity: 1 }], orders: [], backwardPeriods: 0, forwardPeriods: 0 })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => consumeForecastByOrders({ forecast: FLAT, orders: [{ orderId: 'x', period: 1, quantity: -1 }], backwardPeriods: 0, forwardPeriods: 0 })).toThrow(expect.objectContaining({ code: 'negative_value', path: 'orders[0].quantity' }));
    expect(() => consumeForecastByOrders({ forecast: FLAT, orders: [], backwardPeriods: -1, forwardPeriods: 0 })).toThrow(expect.objectContaining({ code: 'out_of_range' }));
  });
});

describe('applyForecastOverrides', () => {
  it('worked example: ×1.2 then −30 on period 1 → [100, 90], adjustment −10, audit kept', () => {
    const r = applyForecastOverrides({
      forecast: [
        { period: 0, quantity: 100 },
        { period: 1, quantity: 100 },
      ],
      overrides: [
        { period: 1, kind: 'multiply', value: 1.2, reason: 'trade show', author: 'ana', enteredAt: '2026-11-20T10:00:00Z' },
        { period: 1, kind: 'add', value: -30, reason: 'late shipment', author: 'bob' },
      ],
    });
    expect(r.periods.map((p) => p.finalQuantity)).toEqual([100, 90]);
    expect(r.totalAdjustment).toBe(-10);
    const trail = r.periods[1]!.overrides;
    expect(trail.map((o) => [o.author, o.reason, o.quantityBefore, o.quantityAfter])).toEqual([
      ['ana', 'trade show', 100, 120],
      ['bob', 'late shipment', 120, 90],
    ]);
    expect(r.periods[1]!.statisticalQuantity).toBe(100);
  });

  it('floors at zero and flags it, and requires reason, author and a known period', () => {
    const r = applyForecastOverrides({ forecast: [{ period: 3, quantity: 10 }], overrides: [{ period: 3, kind: 'add', value: -25, reason: 'recall', author: 'cy' }] });
    expect(r.periods[0]).toMatchObject({ finalQuantity: 0 });
    expect(r.periods[0]!.overrides[0]!.clampedAtZero).toBe(true);
    const f = [{ period: 3, quantity: 10 }];
    expect(() => applyForecastOverrides({ forecast: f, overrides: [{ period: 3, kind: 'set', value: 5, reason: ' ', author: 'x' }] })).toThrow(expect.objectContaining({ code: 'invalid_input', path: 'overrides[0].reason' }));
    expect(() => applyForecastOverrides({ forecast: f, overrides: [{ period: 3, kind: 'set', value: 5, reason: 'r', author: '' }] })).toThrow(expect.objectContaining({ code: 'invalid_input', path: 'overrides[0].author' }));
    expect(() => applyForecastOverrides({ forecast: f, overrides: [{ period: 4, kind: 'set', value: 5, reason: 'r', author: 'a' }] })).toThrow(expect.objectContaining({ code: 'unknown_reference' }));
    expect(() => applyForecastOverrides({ forecast: f, overrides: [{ period: 3, kind: 'set', value: -5, reason: 'r', author: 'a' }] })).toThrow(expect.objectContaining({ code: 'negative_value' }));
  });
});
