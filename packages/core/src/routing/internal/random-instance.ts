import { createRandom } from '../../shared/random';
import type { RoutingInstance, RoutingNode } from '../types';

/** Options of the random test instances. */
export type RandomInstanceOptions = {
  customerCount: number;
  seed: number;
  capacity: number;
  withTimeWindows?: boolean;
  maxRouteDuration?: number | null;
  fixedCost?: number;
  costPerDistance?: number;
  vehicleCount?: number | null;
};

/** A seeded random instance on a 100 × 100 square (test helper for invariant tests). */
export function buildRandomInstance(options: RandomInstanceOptions): RoutingInstance {
  const random = createRandom(options.seed);
  const horizon = 1000;
  const nodes: RoutingNode[] = [{ id: 'depot', kind: 'depot', x: 50, y: 50, demand: 0, serviceDuration: 0, timeWindowStart: 0, timeWindowEnd: options.withTimeWindows ? horizon : Number.POSITIVE_INFINITY }];
  for (let c = 1; c <= options.customerCount; c++) {
    const x = random.nextInt(0, 101);
    const y = random.nextInt(0, 101);
    const node: RoutingNode = { id: `c${c}`, kind: 'customer', x, y, demand: random.nextInt(1, 11), serviceDuration: 0, timeWindowStart: 0, timeWindowEnd: Number.POSITIVE_INFINITY };
    if (options.withTimeWindows) {
      const direct = Math.hypot(x - 50, y - 50);
      const start = random.nextInt(Math.ceil(direct), horizon - Math.ceil(direct) - 120);
      node.serviceDuration = 10;
      node.timeWindowStart = start;
      node.timeWindowEnd = start + random.nextInt(30, 120);
    }
    nodes.push(node);
  }
  const matrix = nodes.map((a) => nodes.map((b) => Math.hypot(a.x! - b.x!, a.y! - b.y!)));
  return {
    name: `random-${options.seed}`,
    distanceUnit: 'unit',
    timeUnit: 'unit',
    distanceConvention: { kind: 'euclidean', rounding: 'none' },
    nodes,
    distanceMatrix: matrix,
    travelTimeMatrix: matrix.map((row) => [...row]),
    vehicleTypes: [{
      id: 'truck',
      count: options.vehicleCount ?? null,
      capacity: options.capacity,
      fixedCost: options.fixedCost ?? 0,
      costPerDistance: options.costPerDistance ?? 1,
      maxRouteDuration: options.maxRouteDuration ?? null,
      depotId: 'depot',
      breaks: [],
    }],
  };
}
