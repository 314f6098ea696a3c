import { CoreError } from '../shared/core-error';
import { perPeriod, requireNonNegative } from '../shared/input-checks';
import type { CapacityException, CapacityInput, CapacityLoadResult, CapacityOrder, Routing, WorkCenterLoad } from './types';

/** Validated, indexed form of the input used by the load and levelling functions. */
export type CapacityModel = {
  bucketCount: number;
  labels: string[];
  available: Map<string, number[]>;
  routings: Map<string, Routing>;
  orders: CapacityOrder[];
};

/** Validates the input and indexes routings and work-centre capacities. */
export function toCapacityModel(input: CapacityInput): CapacityModel {
  const bucketCount = input.bucketCount ?? input.bucketLabels?.length;
  if (bucketCount === undefined || !Number.isInteger(bucketCount) || bucketCount < 1) throw new CoreError('invalid_input', 'give bucketCount (an integer ≥ 1) or bucketLabels', { path: 'bucketCount' });
  const labels = input.bucketLabels ?? Array.from({ length: bucketCount }, (_, b) => `B${b + 1}`);
  if (labels.length !== bucketCount) throw new CoreError('length_mismatch', `expected ${bucketCount} bucket labels`, { path: 'bucketLabels' });
  if (!Array.isArray(input.workCenters)) throw new CoreError('invalid_input', 'expected an array of work centres', { path: 'workCenters' });
  const available = new Map<string, number[]>();
  input.workCenters.forEach((center, index) => {
    const path = `workCenters[${index}]`;
    if (typeof center.workCenterId !== 'string' || center.workCenterId === '' || available.has(center.workCenterId)) throw new CoreError('invalid_input', 'each work centre needs a unique id', { path: `${path}.workCenterId` });
    const utilization = center.utilization ?? 1;
    const efficiency = center.efficiency ?? 1;
    if (!(utilization >= 0 && utilization <= 1)) throw new CoreError('out_of_range', 'utilization is a fraction in 0–1', { path: `${path}.utilization` });
    if (!(efficiency > 0 && Number.isFinite(efficiency))) throw new CoreError('out_of_range', 'efficiency must be > 0', { path: `${path}.efficiency` });
    available.set(center.workCenterId, perPeriod(center.calendarHoursPerBucket, bucketCount, `${path}.calendarHoursPerBucket`, 0).map((hours) => hours * utilization * efficiency));
  });
  const routings = new Map<string, Routing>();
  (input.routings ?? []).forEach((routing, index) => {
    routing.operations.forEach((operation, k) => {
      const path = `routings[${index}].operations[${k}]`;
      requireNonNegative(operation.setupHours, `${path}.setupHours`);
      requireNonNegative(operation.runHoursPerUnit, `${path}.runHoursPerUnit`);
      const offset = operation.offsetBuckets ?? 0;
      if (!Number.isInteger(offset) || offset < 0) throw new CoreError('out_of_range', 'offset must be an integer ≥ 0', { path: `${path}.offsetBuckets` });
      if (!available.has(operation.workCenterId)) throw new CoreError('unknown_reference', `work centre ${operation.workCenterId} is not defined`, { path: `${path}.workCenterId` });
    });
    routings.set(routing.itemId, routing);
  });
  if (!Array.isArray(input.orders)) throw new CoreError('invalid_input', 'expected an array of orders', { path: 'orders' });
  const ids = new Set<string>();
  input.orders.forEach((order, index) => {
    const path = `orders[${index}]`;
    if (typeof order.orderId !== 'string' || order.orderId === '' || ids.has(order.orderId)) throw new CoreError('invalid_input', 'each order needs a unique id', { path: `${path}.orderId` });
    ids.add(order.orderId);
    requireNonNegative(order.quantityUnits, `${path}.quantityUnits`);
    if (!Number.isInteger(order.dueBucket) || order.dueBucket < 0 || order.dueBucket >= bucketCount) throw new CoreError('out_of_range', `due bucket must be an integer in 0..${bucketCount - 1}`, { path: `${path}.dueBucket` });
    for (const key of ['maxEarlierBuckets', 'maxLaterBuckets'] as const) {
      const value = order[key] ?? 0;
      if (!Number.isInteger(value) || value < 0) throw new CoreError('out_of_range', `${key} must be an integer ≥ 0`, { path: `${path}.${key}` });
    }
  });
  return { bucketCount, labels, available, routings, orders: input.orders };
}

/** Hours an order puts on each (work centre, bucket); buckets before 0 are clamped to 0 and flagged. */
export function orderLoads(model: CapacityModel, order: CapacityOrder, dueBucket = order.dueBucket): Array<{ workCenterId: string; bucket: number; hours: number; pastDue: boolean }> {
  const routing = model.routings.get(order.itemId);
  if (routing === undefined) return [];
  return [...routing.operations]
    .sort((a, b) => a.sequence - b.sequence)
    .map((operation) => {
      const bucket = dueBucket - (operation.offsetBuckets ?? 0);
      return { workCenterId: operation.workCenterId, bucket: Math.max(0, bucket), hours: operation.setupHours + operation.runHoursPerUnit * order.quantityUnits, pastDue: bucket < 0 };
    });
}

/** Load in hours per work centre per bucket, with each contributing order. */
export function loadMatrix(model: CapacityModel, orders: CapacityOrder[]): Map<string, Array<Map<string, number>>> {
  const matrix = new Map<string, Array<Map<string, number>>>();
  for (const workCenterId of [...model.available.keys()].sort()) matrix.set(workCenterId, Array.from({ length: model.bucketCount }, () => new Map<string, number>()));
  for (const order of orders) {
    for (const load of orderLoads(model, order)) {
      const cell = (matrix.get(load.workCenterId) as Array<Map<string, number>>)[load.bucket] as Map<string, number>;
      cell.set(order.orderId, (cell.get(order.orderId) ?? 0) + load.hours);
    }
  }
  return matrix;
}

/** Builds the load report (loads, overloads, past-due loads, orders without routing). */
export function reportLoad(model: CapacityModel, orders: CapacityOrder[]): CapacityLoadResult {
  const matrix = loadMatrix(model, orders);
  const loads: WorkCenterLoad[] = [];
  const exceptions: CapacityException[] = [];
  for (const [workCenterId, buckets] of matrix) {
    const available = model.available.get(workCenterId) as number[];
    buckets.forEach((cell, bucket) => {
      const contributions = [...cell.entries()].map(([orderId, loadHours]) => ({ orderId, loadHours })).sort((a, b) => b.loadHours - a.loadHours || (a.orderId < b.orderId ? -1 : 1));
      const loadHours = contributions.reduce((sum, c) => sum + c.loadHours, 0);
      const availableHours = available[bucket] ?? 0;
      const bucketLabel = model.labels[bucket] as string;
      loads.push({ workCenterId, bucket, bucketLabel, loadHours, availableHours, utilization: availableHours > 0 ? loadHours / availableHours : loadHours > 0 ? Number.POSITIVE_INFINITY : 0, orders: contributions });
      if (loadHours > availableHours + 1e-9) {
        exceptions.push({ code: 'overload', workCenterId, bucket, bucketLabel, excessHours: loadHours - availableHours, orderIds: contributions.map((c) => c.orderId), message: `${workCenterId} needs ${loadHours.toFixed(1)} h for ${availableHours.toFixed(1)} h available in ${bucketLabel}.` });
      }
    });
  }
  for (const order of orders) {
    if (!model.routings.has(order.itemId)) {
      exceptions.push({ code: 'missing_routing', orderIds: [order.orderId], message: `Order ${order.orderId}: item ${order.itemId} has no routing, so it loads nothing.` });
      continue;
    }
    const late = orderLoads(model, order).filter((load) => load.pastDue);
    if (late.length > 0) exceptions.push({ code: 'past_due_load', workCenterId: late[0]?.workCenterId, bucket: 0, bucketLabel: model.labels[0], orderIds: [order.orderId], message: `Order ${order.orderId} should have started before the first bucket; its load is counted in ${model.labels[0]}.` });
  }
  return { status: exceptions.some((e) => e.code === 'overload') ? 'overloaded' : 'ok', loads, exceptions };
}

/**
 * Capacity requirements planning (CRP): hours per work centre per bucket from planned, firm and
 * released orders × routings against available capacity (calendar hours × utilization × efficiency).
 * Formula: load_{w,b} = Σ_orders Σ_ops on w in b (setupHours + runHoursPerUnit × quantity); an
 * operation runs `offsetBuckets` before the order's due bucket. Source: Vollmann et al.,
 * *Manufacturing Planning and Control for Supply Chain Management*, ch. "Capacity Planning and
 * Management" (CRP); Chapman, *Fundamentals of Production Planning and Control*, ch. "Capacity Management".
 *
 * Example: order of 100 units, setup 2 h + 0.1 h/unit on lathe → 12 h in its due bucket.
 * Throws CoreError invalid_input, length_mismatch, negative_value, not_finite, out_of_range, unknown_reference.
 */
export function computeCapacityLoad(input: CapacityInput): CapacityLoadResult {
  const model = toCapacityModel(input);
  return reportLoad(model, model.orders);
}
