import { CoreError } from '../shared/core-error';
import { perPeriod, requireNonNegative, requireNonNegativeArray } from '../shared/input-checks';

export type BillOfResourcesLine = {
  itemId: string;
  resourceId: string;
  /** Hours of the resource per unit of the end item. */
  hoursPerUnit: number;
  /** Periods before the MPS period when the load falls (lead-time offset); default 0. */
  offsetPeriods?: number;
};

export type RoughCutCapacityInput = {
  periodLabels?: string[];
  /** MPS quantity per item per period. */
  schedules: Array<{ itemId: string; quantitiesUnits: number[] }>;
  billOfResources: BillOfResourcesLine[];
  resources: Array<{ resourceId: string; availableHoursPerPeriod: number | number[] }>;
};

export type RoughCutLoad = {
  resourceId: string;
  period: string;
  loadHours: number;
  availableHours: number;
  /** load ÷ available (Infinity when nothing is available but load exists; 0 when both are 0). */
  utilization: number;
  contributions: Array<{ itemId: string; loadHours: number }>;
};

export type RoughCutException = {
  code: 'overload' | 'load_before_horizon';
  resourceId: string;
  period: string;
  excessHours: number;
  /** Items that load the resource in that period, largest first. */
  itemIds: string[];
  message: string;
};

export type RoughCutCapacityResult = { status: 'ok' | 'overloaded'; loads: RoughCutLoad[]; exceptions: RoughCutException[] };

/**
 * Rough-cut capacity check of an MPS against key resources with a bill of resources (hours):
 * load_{r,t} = Σ_i MPS_{i,t+offset} × hoursPerUnit_{i,r}; an overload is load > available.
 * Load whose offset falls before period 1 is counted in period 1 and reported.
 * Source: Vollmann et al., *Manufacturing Planning and Control for Supply Chain Management*,
 * ch. "Capacity Planning and Management" (bill of resources / resource profile method).
 *
 * Example: 100 units in period 2 at 0.5 h/unit with offset 1 → 50 h of load in period 1.
 * Throws CoreError empty_input, invalid_input, length_mismatch, negative_value, not_finite, unknown_reference, out_of_range.
 */
export function checkRoughCutCapacity(input: RoughCutCapacityInput): RoughCutCapacityResult {
  if (!Array.isArray(input?.schedules) || input.schedules.length === 0) throw new CoreError('empty_input', 'no MPS schedules', { path: 'schedules' });
  const first = input.schedules[0] as { quantitiesUnits: number[] };
  const periodCount = requireNonNegativeArray(first.quantitiesUnits, 'schedules[0].quantitiesUnits').length;
  const labels = input.periodLabels ?? Array.from({ length: periodCount }, (_, t) => `W${t + 1}`);
  if (labels.length !== periodCount) throw new CoreError('length_mismatch', `expected ${periodCount} period labels`, { path: 'periodLabels' });
  const schedules = new Map<string, number[]>();
  input.schedules.forEach((schedule, index) => {
    const quantities = requireNonNegativeArray(schedule.quantitiesUnits, `schedules[${index}].quantitiesUnits`);
    if (quantities.length !== periodCount) throw new CoreError('length_mismatch', `expected ${periodCount} periods`, { path: `schedules[${index}].quantitiesUnits` });
    schedules.set(schedule.itemId, quantities);
  });
  const resources = new Map<string, number[]>();
  (input.resources ?? []).forEach((resource, index) => {
    resources.set(resource.resourceId, perPeriod(resource.availableHoursPerPeriod, periodCount, `resources[${index}].availableHoursPerPeriod`, 0));
  });
  const load = new Map<string, Array<Map<string, number>>>();
  for (const resourceId of [...resources.keys()].sort()) load.set(resourceId, Array.from({ length: periodCount }, () => new Map<string, number>()));
  const early = new Map<string, Set<string>>();
  (input.billOfResources ?? []).forEach((line, index) => {
    const path = `billOfResources[${index}]`;
    const hours = requireNonNegative(line.hoursPerUnit, `${path}.hoursPerUnit`);
    const offset = line.offsetPeriods ?? 0;
    if (!Number.isInteger(offset) || offset < 0) throw new CoreError('out_of_range', 'offset must be an integer ≥ 0', { path: `${path}.offsetPeriods` });
    const perResource = load.get(line.resourceId);
    if (perResource === undefined) throw new CoreError('unknown_reference', `resource ${line.resourceId} has no capacity`, { path: `${path}.resourceId` });
    const quantities = schedules.get(line.itemId);
    if (quantities === undefined) return; // an item of the bill of resources with no schedule loads nothing
    quantities.forEach((units, t) => {
      if (units === 0 || hours === 0) return;
      let target = t - offset;
      if (target < 0) {
        target = 0;
        const items = early.get(line.resourceId) ?? new Set<string>();
        items.add(line.itemId);
        early.set(line.resourceId, items);
      }
      const cell = perResource[target] as Map<string, number>;
      cell.set(line.itemId, (cell.get(line.itemId) ?? 0) + units * hours);
    });
  });
  const loads: RoughCutLoad[] = [];
  const exceptions: RoughCutException[] = [];
  for (const [resourceId, perPeriodLoad] of load) {
    const available = resources.get(resourceId) as number[];
    perPeriodLoad.forEach((cell, t) => {
      const contributions = [...cell.entries()].map(([itemId, loadHours]) => ({ itemId, loadHours })).sort((a, b) => b.loadHours - a.loadHours || (a.itemId < b.itemId ? -1 : 1));
      const loadHours = contributions.reduce((sum, c) => sum + c.loadHours, 0);
      const availableHours = available[t] ?? 0;
      const utilization = availableHours > 0 ? loadHours / availableHours : loadHours > 0 ? Number.POSITIVE_INFINITY : 0;
      const period = labels[t] as string;
      loads.push({ resourceId, period, loadHours, availableHours, utilization, contributions });
      if (loadHours > availableHours + 1e-9) {
        exceptions.push({ code: 'overload', resourceId, period, excessHours: loadHours - availableHours, itemIds: contributions.map((c) => c.itemId), message: `${resourceId} is loaded ${loadHours.toFixed(1)} h for ${availableHours.toFixed(1)} h available in ${period}.` });
      }
    });
    const items = early.get(resourceId);
    if (items !== undefined) exceptions.push({ code: 'load_before_horizon', resourceId, period: labels[0] as string, excessHours: 0, itemIds: [...items].sort(), message: `Part of the load on ${resourceId} falls before the first period; it is counted in ${labels[0]}.` });
  }
  return { status: exceptions.some((e) => e.code === 'overload') ? 'overloaded' : 'ok', loads, exceptions };
}
