import { createRandom } from '../../shared/random';
import type { DriverBreak, RoutingInstance } from '../types';
import { buildRandomInstance, type RandomInstanceOptions } from './random-instance';

/** Options of the random instances with pickups and deliveries and driver breaks (test and bench helper). */
export type RandomRichInstanceOptions = RandomInstanceOptions & {
  /** Customers 1–2, 3–4, … become pickup → delivery pairs (the pickup's demand becomes its pickup quantity). */
  pairCount?: number;
  breaks?: DriverBreak[];
};

/**
 * `buildRandomInstance`, then `pairCount` pickup → delivery pairs (c1 → c2, c3 → c4, …: the pickup collects what
 * it would have received; with time windows the delivery window opens after the pickup's plus the direct drive,
 * so each pair can be served alone) and the driver breaks given.
 */
export function buildRandomRichInstance(options: RandomRichInstanceOptions): RoutingInstance {
  const instance = buildRandomInstance(options);
  const random = createRandom(options.seed + 7919);
  const pairCount = Math.min(options.pairCount ?? 0, Math.floor(options.customerCount / 2));
  const index = (id: string): number => instance.nodes.findIndex((node) => node.id === id);
  for (let k = 0; k < pairCount; k++) {
    const pickup = instance.nodes[index(`c${2 * k + 1}`)]!;
    const delivery = instance.nodes[index(`c${2 * k + 2}`)]!;
    pickup.pickupQuantity = pickup.demand;
    pickup.demand = 0;
    pickup.deliverToId = delivery.id;
    if (options.withTimeWindows) {
      const depot = instance.nodes[0]!;
      const drive = instance.travelTimeMatrix[index(pickup.id)]![index(delivery.id)]!;
      const back = instance.travelTimeMatrix[index(delivery.id)]![0]!;
      const open = Math.min(pickup.timeWindowStart + pickup.serviceDuration + Math.ceil(drive) + random.nextInt(0, 60), depot.timeWindowEnd - Math.ceil(back) - delivery.serviceDuration - 30);
      delivery.timeWindowStart = Math.max(open, pickup.timeWindowStart + pickup.serviceDuration + Math.ceil(drive));
      delivery.timeWindowEnd = Math.max(delivery.timeWindowStart, Math.min(delivery.timeWindowStart + random.nextInt(60, 180), depot.timeWindowEnd - Math.ceil(back) - delivery.serviceDuration));
    }
  }
  if (options.breaks) instance.vehicleTypes[0]!.breaks = options.breaks.map((rest) => ({ ...rest }));
  return { ...instance, name: `random-rich-${options.seed}` };
}
