import { CoreError } from '../shared/core-error';
import { requireFraction, requireNonNegative, requirePositive, requireText, requireUniqueIds } from './internal/validate';

/** One process box of a value stream map. */
export type VsmProcessStep = {
  id: string;
  name: string;
  /** Time between two parts leaving the process, seconds (C/T). */
  cycleTimeSeconds: number;
  /** Time to switch from one product type to the next, seconds (C/O). Default 0. */
  changeoverSeconds?: number;
  /** Share of planned time the process is able to run (0–1). Default 1. */
  uptime?: number;
  operators?: number;
  shifts?: number;
  /** Whether the cycle time counts as value-added (processing) time; default true. */
  valueAdded?: boolean;
};

/** Inventory waiting in front of a process (or as finished goods when `beforeStepId` is null). */
export type VsmInventory = {
  id: string;
  /** Step the stock waits for; null = finished goods after the last step (shipping). */
  beforeStepId: string | null;
  /** Units on hand; converted to days with the daily demand. */
  quantityUnits?: number;
  /** Days of stock, when given directly (e.g. raw material "5 days"). Used when quantityUnits is absent. */
  days?: number;
  label?: string;
};

export type ValueStreamMapInput = {
  name: string;
  /** Customer demand per working day, units. */
  dailyDemandUnits: number;
  /** Available working time per shift, seconds (shift length minus breaks). */
  availableSecondsPerShift: number;
  shiftsPerDay: number;
  steps: VsmProcessStep[];
  inventories: VsmInventory[];
  /** Seconds per lead-time day used for PCE: working time (default, = available seconds per day) or calendar (86,400). */
  leadTimeDayBasis?: 'working-time' | 'calendar';
};

export type VsmTimelineSegment =
  | { kind: 'inventory'; id: string; days: number }
  | { kind: 'process'; id: string; seconds: number; valueAdded: boolean };

export type VsmStepResult = Required<Omit<VsmProcessStep, 'operators' | 'shifts'>> & {
  operators: number | null;
  shifts: number | null;
  /** Cycle time ÷ uptime: the average time per part once stops are counted. */
  effectiveCycleTimeSeconds: number;
  /** Cycle time ÷ takt time: > 1 means the step cannot keep pace with demand. */
  cycleTimeToTaktRatio: number;
};

export type VsmException = { code: 'cycle-time-exceeds-takt' | 'effective-cycle-time-exceeds-takt'; stepId: string; cycleTimeSeconds: number; taktTimeSeconds: number };

export type ValueStreamMapResult = {
  name: string;
  dailyDemandUnits: number;
  availableSecondsPerDay: number;
  taktTimeSeconds: number;
  steps: VsmStepResult[];
  inventories: Array<{ id: string; beforeStepId: string | null; quantityUnits: number | null; days: number; label: string | null }>;
  /** Flow order: inventory before each step, the step, …, finished goods. */
  timeline: VsmTimelineSegment[];
  /** Production lead time: Σ inventory days (Rother & Shook). */
  leadTimeDays: number;
  /** Processing time: Σ value-added cycle times, seconds. */
  valueAddedTimeSeconds: number;
  /** Σ all cycle times, seconds. */
  processingTimeSeconds: number;
  secondsPerLeadTimeDay: number;
  /** Value-added time ÷ (lead time in seconds + processing time). */
  processCycleEfficiency: number;
  totalOperators: number;
  /** Step with the longest effective cycle time (ties: first in flow). */
  bottleneckStepId: string;
  status: 'ok' | 'over-takt';
  exceptions: VsmException[];
};

/**
 * Computes a current- or future-state value stream map: takt time, inventory days, production lead
 * time, value-added (processing) time and process cycle efficiency.
 * Formulas: takt = availableSecondsPerShift × shiftsPerDay / dailyDemand; inventory days =
 * quantity / dailyDemand; lead time = Σ inventory days; VA time = Σ cycle times of value-adding steps;
 * PCE = VA / (leadTimeDays × secondsPerDay + processing time) (George, *Lean Six Sigma*, 2002).
 * Source: Rother & Shook, *Learning to See* (1999), ACME Stamping current state: takt 60 s, lead time
 * 23.6 days, processing time 188 s (see value-stream-map.test.ts).
 * Throws invalid_input, empty_input, negative_value, not_finite, out_of_range, unknown_reference.
 */
export function computeValueStreamMap(input: ValueStreamMapInput): ValueStreamMapResult {
  const name = requireText(input.name, 'name');
  const demand = requirePositive(input.dailyDemandUnits, 'dailyDemandUnits');
  const availableSecondsPerDay = requirePositive(input.availableSecondsPerShift, 'availableSecondsPerShift') * requirePositive(input.shiftsPerDay, 'shiftsPerDay');
  if (!Array.isArray(input.steps) || input.steps.length === 0) throw new CoreError('empty_input', 'A value stream needs at least one process step', { path: 'steps' });
  if (!Array.isArray(input.inventories)) throw new CoreError('invalid_input', 'inventories must be an array', { path: 'inventories' });
  requireUniqueIds(input.steps, 'steps');
  requireUniqueIds(input.inventories, 'inventories');
  const takt = availableSecondsPerDay / demand;

  const steps: VsmStepResult[] = input.steps.map((step, index) => {
    const path = `steps[${index}]`;
    const cycle = requirePositive(step.cycleTimeSeconds, `${path}.cycleTimeSeconds`);
    const uptime = step.uptime === undefined ? 1 : requireFraction(step.uptime, `${path}.uptime`);
    if (uptime === 0) throw new CoreError('out_of_range', 'uptime must be > 0', { path: `${path}.uptime` });
    return {
      id: step.id,
      name: requireText(step.name, `${path}.name`),
      cycleTimeSeconds: cycle,
      changeoverSeconds: requireNonNegative(step.changeoverSeconds ?? 0, `${path}.changeoverSeconds`),
      uptime,
      operators: step.operators === undefined ? null : requireNonNegative(step.operators, `${path}.operators`),
      shifts: step.shifts === undefined ? null : requireNonNegative(step.shifts, `${path}.shifts`),
      valueAdded: step.valueAdded ?? true,
      effectiveCycleTimeSeconds: cycle / uptime,
      cycleTimeToTaktRatio: cycle / takt,
    };
  });
  const stepIds = new Set(steps.map((step) => step.id));

  const inventories = input.inventories.map((inventory, index) => {
    const path = `inventories[${index}]`;
    if (inventory.beforeStepId !== null && !stepIds.has(inventory.beforeStepId)) {
      throw new CoreError('unknown_reference', `Unknown step ${String(inventory.beforeStepId)}`, { path: `${path}.beforeStepId` });
    }
    let quantity: number | null = null;
    let days: number;
    if (inventory.quantityUnits !== undefined) {
      quantity = requireNonNegative(inventory.quantityUnits, `${path}.quantityUnits`);
      days = quantity / demand;
    } else if (inventory.days !== undefined) {
      days = requireNonNegative(inventory.days, `${path}.days`);
    } else {
      throw new CoreError('invalid_input', 'An inventory needs quantityUnits or days', { path });
    }
    return { id: inventory.id, beforeStepId: inventory.beforeStepId, quantityUnits: quantity, days, label: inventory.label ?? null };
  });

  const timeline: VsmTimelineSegment[] = [];
  for (const step of steps) {
    for (const inventory of inventories) if (inventory.beforeStepId === step.id) timeline.push({ kind: 'inventory', id: inventory.id, days: inventory.days });
    timeline.push({ kind: 'process', id: step.id, seconds: step.cycleTimeSeconds, valueAdded: step.valueAdded });
  }
  for (const inventory of inventories) if (inventory.beforeStepId === null) timeline.push({ kind: 'inventory', id: inventory.id, days: inventory.days });

  const leadTimeDays = inventories.reduce((sum, inventory) => sum + inventory.days, 0);
  const valueAddedTimeSeconds = steps.reduce((sum, step) => sum + (step.valueAdded ? step.cycleTimeSeconds : 0), 0);
  const processingTimeSeconds = steps.reduce((sum, step) => sum + step.cycleTimeSeconds, 0);
  const secondsPerLeadTimeDay = (input.leadTimeDayBasis ?? 'working-time') === 'calendar' ? 86400 : availableSecondsPerDay;
  const processCycleEfficiency = valueAddedTimeSeconds / (leadTimeDays * secondsPerLeadTimeDay + processingTimeSeconds);

  let bottleneck = steps[0]!;
  for (const step of steps) if (step.effectiveCycleTimeSeconds > bottleneck.effectiveCycleTimeSeconds) bottleneck = step;

  const exceptions: VsmException[] = [];
  for (const step of steps) {
    if (step.cycleTimeSeconds > takt) exceptions.push({ code: 'cycle-time-exceeds-takt', stepId: step.id, cycleTimeSeconds: step.cycleTimeSeconds, taktTimeSeconds: takt });
    else if (step.effectiveCycleTimeSeconds > takt) exceptions.push({ code: 'effective-cycle-time-exceeds-takt', stepId: step.id, cycleTimeSeconds: step.effectiveCycleTimeSeconds, taktTimeSeconds: takt });
  }

  return {
    name,
    dailyDemandUnits: demand,
    availableSecondsPerDay,
    taktTimeSeconds: takt,
    steps,
    inventories,
    timeline,
    leadTimeDays,
    valueAddedTimeSeconds,
    processingTimeSeconds,
    secondsPerLeadTimeDay,
    processCycleEfficiency,
    totalOperators: steps.reduce((sum, step) => sum + (step.operators ?? 0), 0),
    bottleneckStepId: bottleneck.id,
    status: exceptions.length === 0 ? 'ok' : 'over-takt',
    exceptions,
  };
}
