import { describe, expect, it } from 'vitest';
import { checkRoutingSolution } from './check-routing-solution';
import type { RoutingInstance, RoutingNode } from './types';

/** Depot 0 and customers on a line: d(i, j) = |x_i − x_j|, time = distance. */
function lineInstance(customers: Partial<RoutingNode>[], capacity: number, extra: Partial<RoutingInstance['vehicleTypes'][number]> = {}): RoutingInstance {
  const nodes: RoutingNode[] = [
    { id: 'D', kind: 'depot', x: 0, y: 0, demand: 0, serviceDuration: 0, timeWindowStart: 0, timeWindowEnd: 1000 },
    ...customers.map((c, k) => ({ id: `C${k + 1}`, kind: 'customer' as const, x: k + 1, y: 0, demand: 1, serviceDuration: 0, timeWindowStart: 0, timeWindowEnd: 1000, ...c })),
  ];
  const matrix = nodes.map((a) => nodes.map((b) => Math.abs(a.x! - b.x!)));
  return {
    name: 'line', distanceUnit: 'unit', timeUnit: 'unit', distanceConvention: { kind: 'matrix' }, nodes,
    distanceMatrix: matrix, travelTimeMatrix: matrix,
    vehicleTypes: [{ id: 'v', count: 2, capacity, fixedCost: 10, costPerDistance: 2, maxRouteDuration: null, depotId: 'D', breaks: [], ...extra }],
  };
}

describe('checkRoutingSolution', () => {
  it('accepts a feasible plan and recomputes cost = fixed + cost per distance × distance', () => {
    const instance = lineInstance([{}, {}], 5);
    const result = checkRoutingSolution(instance, [{ vehicleTypeId: 'v', stopIds: ['C1', 'C2'] }], 10 + 2 * 4);
    expect(result.feasible).toBe(true);
    expect(result.distance).toBe(4);
    expect(result.cost).toBe(18);
    expect(result.routes[0]).toMatchObject({ load: 2, duration: 4 });
  });

  it('reports capacity excess (demands 3 + 3 on a vehicle of 5 → excess 1)', () => {
    const instance = lineInstance([{ demand: 3 }, { demand: 3 }], 5);
    const result = checkRoutingSolution(instance, [{ vehicleTypeId: 'v', stopIds: ['C1', 'C2'] }]);
    expect(result.feasible).toBe(false);
    expect(result.issues).toEqual([expect.objectContaining({ kind: 'capacity_exceeded', amount: 1 })]);
  });

  it('reports missing, repeated and unknown stops, fleet excess and a wrong claimed cost', () => {
    const instance = lineInstance([{}, {}, {}], 10, { count: 1 });
    const result = checkRoutingSolution(instance, [
      { vehicleTypeId: 'v', stopIds: ['C1', 'C1'] },
      { vehicleTypeId: 'v', stopIds: ['C9'] },
    ], 1);
    const kinds = result.issues.map((issue) => issue.kind).sort();
    expect(kinds).toEqual(['cost_mismatch', 'fleet_exceeded', 'stop_missing', 'stop_missing', 'stop_repeated', 'unknown_stop']);
  });

  it('waits when early and reports lateness; duration uses the forward time slack (Savelsbergh 1992)', () => {
    // C1 at x=1 opens at 10: leave at 9 instead of 0, so duration = 2·1 = 2 although the return is at 11.
    const early = lineInstance([{ timeWindowStart: 10, timeWindowEnd: 20 }], 5, { maxRouteDuration: 2 });
    const ok = checkRoutingSolution(early, [{ vehicleTypeId: 'v', stopIds: ['C1'] }]);
    expect(ok.feasible).toBe(true);
    expect(ok.routes[0]!.duration).toBe(2);
    const late = lineInstance([{}, { timeWindowStart: 0, timeWindowEnd: 1 }], 5);
    const result = checkRoutingSolution(late, [{ vehicleTypeId: 'v', stopIds: ['C1', 'C2'] }]);
    expect(result.issues).toEqual([expect.objectContaining({ kind: 'time_window_violated', stopId: 'C2', amount: 1 })]);
  });

  it('reports a route longer than the maximum duration and a late return to the depot', () => {
    const instance = lineInstance([{ serviceDuration: 5 }], 5, { maxRouteDuration: 6 });
    expect(checkRoutingSolution(instance, [{ vehicleTypeId: 'v', stopIds: ['C1'] }]).issues[0]).toMatchObject({ kind: 'route_duration_exceeded', amount: 1 });
    const closing = lineInstance([{}], 5);
    closing.nodes[0]!.timeWindowEnd = 1;
    expect(checkRoutingSolution(closing, [{ vehicleTypeId: 'v', stopIds: ['C1'] }]).issues[0]).toMatchObject({ kind: 'depot_window_violated', amount: 1 });
  });

  it('places a driver break greedily and reports one that cannot start in its window', () => {
    const rest = { duration: 30, earliestStart: 1, latestStart: 2 };
    const instance = lineInstance([{}, {}], 5, { breaks: [rest] });
    expect(checkRoutingSolution(instance, [{ vehicleTypeId: 'v', stopIds: ['C1', 'C2'] }]).feasible).toBe(true);
    const tight = lineInstance([{ serviceDuration: 5 }, {}], 5, { breaks: [{ duration: 30, earliestStart: 0, latestStart: 0.5 }] });
    // Break taken at the depot before leaving (time 0 ≥ earliest 0): feasible.
    expect(checkRoutingSolution(tight, [{ vehicleTypeId: 'v', stopIds: ['C1', 'C2'] }]).feasible).toBe(true);
    // C1 opens at 5, after the break's latest start 4: the break is taken before driving (the wait absorbs it).
    const waitUsed = lineInstance([{ timeWindowStart: 5 }, {}], 5, { breaks: [{ duration: 30, earliestStart: 3, latestStart: 4 }] });
    expect(checkRoutingSolution(waitUsed, [{ vehicleTypeId: 'v', stopIds: ['C1', 'C2'] }]).feasible).toBe(true);
    const impossible = lineInstance([{ serviceDuration: 10 }, {}], 5, { breaks: [{ duration: 30, earliestStart: 6, latestStart: 7 }] });
    // At the depot (time 0) the break is not due; service at C1 runs 5–15 and cannot be interrupted → not scheduled.
    const result = checkRoutingSolution(impossible, [{ vehicleTypeId: 'v', stopIds: ['C1', 'C2'] }]);
    expect(result.issues.map((issue) => issue.kind)).toContain('break_not_scheduled');
  });

  it('checks pickups before their deliveries, on the same route, and the load on board', () => {
    const instance = lineInstance([{ demand: 0, pickupQuantity: 4, deliverToId: 'C2' }, { demand: 0 }], 5);
    expect(checkRoutingSolution(instance, [{ vehicleTypeId: 'v', stopIds: ['C1', 'C2'] }]).feasible).toBe(true);
    expect(checkRoutingSolution(instance, [{ vehicleTypeId: 'v', stopIds: ['C2', 'C1'] }]).issues[0]!.kind).toBe('pickup_after_delivery');
    expect(checkRoutingSolution(instance, [{ vehicleTypeId: 'v', stopIds: ['C1'] }, { vehicleTypeId: 'v', stopIds: ['C2'] }]).issues[0]!.kind).toBe('pickup_delivery_split');
    // Two pickups of 4 on a vehicle of 5: feasible only because the first load is dropped at C2.
    const chain = lineInstance([
      { demand: 0, pickupQuantity: 4, deliverToId: 'C2' }, { demand: 0 },
      { demand: 0, pickupQuantity: 4, deliverToId: 'C4' }, { demand: 0 },
    ], 5);
    expect(checkRoutingSolution(chain, [{ vehicleTypeId: 'v', stopIds: ['C1', 'C2', 'C3', 'C4'] }]).feasible).toBe(true);
    expect(checkRoutingSolution(chain, [{ vehicleTypeId: 'v', stopIds: ['C1', 'C3', 'C2', 'C4'] }]).issues[0]).toMatchObject({ kind: 'capacity_exceeded', amount: 3 });
  });
});
