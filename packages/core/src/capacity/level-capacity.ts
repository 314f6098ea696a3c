import { loadMatrix, orderLoads, reportLoad, toCapacityModel } from './compute-capacity-load';
import type { CapacityInput, CapacityLevellingResult, CapacityOrder, OrderMove } from './types';

/**
 * Levels CRP load: for each overloaded (work centre, bucket), earliest bucket first, it moves planned
 * orders that load it within their slack — earlier first (nearest bucket first), then later — to
 * the first position where none of the order's operations overloads any work centre. Firm and
 * released orders never move; each order moves at most once. What it cannot fix is reported with
 * the reason. Heuristic (greedy), in the spirit of finite loading / load levelling in Vollmann et
 * al., *Manufacturing Planning and Control for Supply Chain Management*, ch. "Capacity Planning".
 *
 * Example: two 60 h orders due in bucket 2 on a 80 h/bucket centre, one with 1 bucket of earlier
 * slack → that one moves to bucket 1 and the overload disappears.
 * Throws the same CoreError codes as computeCapacityLoad.
 */
export function levelCapacity(input: CapacityInput): CapacityLevellingResult {
  const model = toCapacityModel(input);
  const before = reportLoad(model, model.orders);
  const orders: CapacityOrder[] = model.orders.map((order) => ({ ...order }));
  const byId = new Map(orders.map((order) => [order.orderId, order]));
  const matrix = loadMatrix(model, orders);
  const totals = new Map<string, number[]>();
  for (const [workCenterId, buckets] of matrix) totals.set(workCenterId, buckets.map((cell) => [...cell.values()].reduce((a, b) => a + b, 0)));
  const available = (workCenterId: string, bucket: number): number => (model.available.get(workCenterId) as number[])[bucket] ?? 0;
  const total = (workCenterId: string, bucket: number): number => (totals.get(workCenterId) as number[])[bucket] ?? 0;
  const add = (workCenterId: string, bucket: number, hours: number): void => {
    const list = totals.get(workCenterId) as number[];
    list[bucket] = (list[bucket] ?? 0) + hours;
  };
  const moved = new Set<string>();
  const moves: OrderMove[] = [];
  const reasons = new Map<string, string>();
  const cells: Array<{ workCenterId: string; bucket: number }> = [];
  for (let bucket = 0; bucket < model.bucketCount; bucket += 1) for (const workCenterId of totals.keys()) cells.push({ workCenterId, bucket });

  for (const { workCenterId, bucket } of cells) {
    if (total(workCenterId, bucket) <= available(workCenterId, bucket) + 1e-9) continue;
    const cell = (matrix.get(workCenterId) as Array<Map<string, number>>)[bucket] as Map<string, number>;
    const candidates = [...cell.entries()]
      .map(([orderId, hours]) => ({ order: byId.get(orderId) as CapacityOrder, hours }))
      .sort((a, b) => b.hours - a.hours || (a.order.orderId < b.order.orderId ? -1 : 1));
    let blocked = 0;
    for (const { order } of candidates) {
      if (total(workCenterId, bucket) <= available(workCenterId, bucket) + 1e-9) break;
      if ((order.status ?? 'planned') !== 'planned' || moved.has(order.orderId)) { blocked += 1; continue; }
      const shifts: number[] = [];
      for (let s = 1; s <= (order.maxEarlierBuckets ?? 0); s += 1) shifts.push(-s);
      for (let s = 1; s <= (order.maxLaterBuckets ?? 0); s += 1) shifts.push(s);
      const current = orderLoads(model, order);
      for (const shift of shifts) {
        const due = order.dueBucket + shift;
        if (due < 0 || due >= model.bucketCount) continue;
        const next = orderLoads(model, order, due);
        if (next.some((load) => load.pastDue)) continue;
        for (const load of current) add(load.workCenterId, load.bucket, -load.hours);
        const fits = next.every((load) => total(load.workCenterId, load.bucket) + load.hours <= available(load.workCenterId, load.bucket) + 1e-9);
        if (fits) {
          for (const load of next) add(load.workCenterId, load.bucket, load.hours);
          moves.push({ orderId: order.orderId, fromDueBucket: order.dueBucket, toDueBucket: due, reason: `${workCenterId} overloaded in ${model.labels[bucket]}` });
          for (const load of current) ((matrix.get(load.workCenterId) as Array<Map<string, number>>)[load.bucket] as Map<string, number>).delete(order.orderId);
          for (const load of next) {
            const target = (matrix.get(load.workCenterId) as Array<Map<string, number>>)[load.bucket] as Map<string, number>;
            target.set(order.orderId, (target.get(order.orderId) ?? 0) + load.hours);
          }
          order.dueBucket = due;
          moved.add(order.orderId);
          break;
        }
        for (const load of current) add(load.workCenterId, load.bucket, load.hours);
      }
    }
    if (total(workCenterId, bucket) > available(workCenterId, bucket) + 1e-9) {
      reasons.set(`${workCenterId}@${bucket}`, blocked === candidates.length
        ? 'every order loading this bucket is firm, released or already moved'
        : 'no move within the orders\u2019 slack fits the free capacity of all their work centres');
    }
  }
  const after = reportLoad(model, orders);
  const unresolved = after.exceptions
    .filter((exception) => exception.code === 'overload')
    .map((exception) => ({ ...exception, reason: reasons.get(`${exception.workCenterId}@${exception.bucket}`) ?? 'no move within the orders\u2019 slack fits the free capacity of all their work centres' }));
  const wasOverloaded = before.status === 'overloaded';
  const status: CapacityLevellingResult['status'] = !wasOverloaded ? 'unchanged_ok' : moves.length === 0 ? 'unchanged_overloaded' : unresolved.length === 0 ? 'levelled' : 'partially_levelled';
  return { status, moves, orders, before, after, unresolved };
}
