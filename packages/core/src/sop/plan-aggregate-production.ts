import { CoreError } from '../shared/core-error';
import { clean, cleanMoney, optionalNonNegative, perPeriod, requireNonNegative, requireNonNegativeArray } from '../shared/input-checks';
import { LinearModel } from './internal/linear-model';
import { loadHighs } from './internal/load-highs';
import type {
  AggregateCostBreakdown,
  AggregatePlanException,
  AggregatePlanInput,
  AggregatePlanOptions,
  AggregatePlanPeriod,
  AggregatePlanResult,
  AggregateStrategy,
  WorkforceMode,
} from './types';

type Normalised = {
  periodCount: number;
  labels: string[];
  demand: number[];
  initialWorkforce: number;
  initialInventory: number;
  initialBacklog: number;
  endingInventoryMin: number;
  endingBacklogMax: number;
  laborHoursPerUnit: number;
  regularHours: number[];
  maxOvertimeHours: number[];
  costs: AggregatePlanInput['costs'];
  minWorkforce: number[];
  maxWorkforce: number[];
  maxHires: number[];
  maxLayoffs: number[];
  maxSubcontract: number[];
  maxInventory: number[];
  maxBacklog: number[];
};

const INF = Number.POSITIVE_INFINITY;

function normalise(input: AggregatePlanInput): Normalised {
  if (input === null || typeof input !== 'object') throw new CoreError('invalid_input', 'expected an aggregate plan input object', { path: '' });
  const demand = requireNonNegativeArray(input.demandUnits, 'demandUnits');
  const periodCount = demand.length;
  const labels = input.periodLabels ?? demand.map((_, index) => `P${index + 1}`);
  if (!Array.isArray(labels) || labels.length !== periodCount) throw new CoreError('length_mismatch', `expected ${periodCount} period labels`, { path: 'periodLabels' });
  const laborHoursPerUnit = requireNonNegative(input.laborHoursPerUnit, 'laborHoursPerUnit');
  if (laborHoursPerUnit === 0) throw new CoreError('out_of_range', 'labour hours per unit must be > 0', { path: 'laborHoursPerUnit' });
  const costs = input.costs;
  if (costs === null || typeof costs !== 'object') throw new CoreError('invalid_input', 'expected a costs object', { path: 'costs' });
  for (const key of ['regularCostPerHour', 'overtimeCostPerHour', 'hiringCostPerWorker', 'layoffCostPerWorker', 'materialCostPerUnit', 'holdingCostPerUnitPerPeriod', 'backlogCostPerUnitPerPeriod', 'subcontractCostPerUnit'] as const) {
    requireNonNegative(costs[key], `costs.${key}`);
  }
  const limits = input.limits ?? {};
  const normalised: Normalised = {
    periodCount,
    labels: labels.map(String),
    demand,
    initialWorkforce: requireNonNegative(input.initialWorkforce, 'initialWorkforce'),
    initialInventory: requireNonNegative(input.initialInventoryUnits, 'initialInventoryUnits'),
    initialBacklog: optionalNonNegative(input.initialBacklogUnits, 'initialBacklogUnits', 0),
    endingInventoryMin: optionalNonNegative(input.endingInventoryMinUnits, 'endingInventoryMinUnits', 0),
    endingBacklogMax: optionalNonNegative(input.endingBacklogMaxUnits, 'endingBacklogMaxUnits', 0),
    laborHoursPerUnit,
    regularHours: perPeriod(input.regularHoursPerWorkerPerPeriod, periodCount, 'regularHoursPerWorkerPerPeriod', Number.NaN),
    maxOvertimeHours: perPeriod(input.maxOvertimeHoursPerWorkerPerPeriod, periodCount, 'maxOvertimeHoursPerWorkerPerPeriod', 0),
    costs,
    minWorkforce: perPeriod(limits.minWorkforce, periodCount, 'limits.minWorkforce', 0),
    maxWorkforce: perPeriod(limits.maxWorkforce, periodCount, 'limits.maxWorkforce', INF),
    maxHires: perPeriod(limits.maxHiresPerPeriod, periodCount, 'limits.maxHiresPerPeriod', INF),
    maxLayoffs: perPeriod(limits.maxLayoffsPerPeriod, periodCount, 'limits.maxLayoffsPerPeriod', INF),
    maxSubcontract: perPeriod(limits.maxSubcontractUnitsPerPeriod, periodCount, 'limits.maxSubcontractUnitsPerPeriod', INF),
    maxInventory: perPeriod(limits.maxInventoryUnits, periodCount, 'limits.maxInventoryUnits', INF),
    maxBacklog: perPeriod(limits.maxBacklogUnits, periodCount, 'limits.maxBacklogUnits', INF),
  };
  if (normalised.regularHours.some((hours) => Number.isNaN(hours))) throw new CoreError('invalid_input', 'regular hours per worker per period are required', { path: 'regularHoursPerWorkerPerPeriod' });
  for (let t = 0; t < periodCount; t += 1) {
    if ((normalised.minWorkforce[t] ?? 0) > (normalised.maxWorkforce[t] ?? INF)) throw new CoreError('out_of_range', 'minimum workforce above maximum', { path: `limits.minWorkforce[${t}]` });
  }
  return normalised;
}

type Columns = { W: number[]; H: number[]; L: number[]; O: number[]; P: number[]; I: number[]; S: number[]; C: number[] };

/**
 * Builds the aggregate planning model of Chopra & Meindl (ch. "Aggregate Planning in a Supply Chain"):
 *   min Σ_t rc·h_t·W_t + hc·H_t + lc·L_t + oc·O_t + mc·P_t + ic·I_t + bc·S_t + sc·C_t
 *   W_t = W_{t-1} + H_t − L_t;  P_t ≤ (h_t/u)·W_t + O_t/u;  O_t ≤ o_t·W_t
 *   I_{t-1} − S_{t-1} + P_t + C_t − D_t = I_t − S_t;  I_T ≥ I_min;  S_T ≤ S_max.
 * The strategy adds restrictions: level keeps W constant and forbids overtime and subcontracting;
 * chase forbids backlog, overtime and subcontracting and keeps no inventory beyond what the start
 * stock and the end target impose, so capacity follows demand.
 */
function buildModel(data: Normalised, strategy: AggregateStrategy, mode: WorkforceMode): { model: LinearModel; columns: Columns } {
  const model = new LinearModel();
  const integer = mode === 'integer';
  const columns: Columns = { W: [], H: [], L: [], O: [], P: [], I: [], S: [], C: [] };
  const { costs } = data;
  const T = data.periodCount;
  const noExtras = strategy === 'level' || strategy === 'chase';
  let cumulativeDemand = 0;
  for (let t = 0; t < T; t += 1) {
    const regularHours = data.regularHours[t] ?? 0;
    const last = t === T - 1;
    cumulativeDemand += data.demand[t] ?? 0;
    columns.W.push(model.addColumn(`W${t}`, costs.regularCostPerHour * regularHours, data.minWorkforce[t] ?? 0, data.maxWorkforce[t] ?? INF, integer));
    columns.H.push(model.addColumn(`H${t}`, costs.hiringCostPerWorker, 0, data.maxHires[t] ?? INF, integer));
    columns.L.push(model.addColumn(`L${t}`, costs.layoffCostPerWorker, 0, data.maxLayoffs[t] ?? INF, integer));
    columns.O.push(model.addColumn(`O${t}`, costs.overtimeCostPerHour, 0, noExtras ? 0 : INF));
    columns.P.push(model.addColumn(`P${t}`, costs.materialCostPerUnit, 0, INF));
    let inventoryUpper = data.maxInventory[t] ?? INF;
    const inventoryLower = last ? data.endingInventoryMin : 0;
    if (strategy === 'chase') {
      const carried = Math.max(0, data.initialInventory - data.initialBacklog - cumulativeDemand);
      inventoryUpper = Math.min(inventoryUpper, last ? Math.max(carried, data.endingInventoryMin) : carried);
    }
    // lower > upper (e.g. an end target above the inventory cap) is left to HiGHS, which reports the model infeasible.
    columns.I.push(model.addColumn(`I${t}`, costs.holdingCostPerUnitPerPeriod, inventoryLower, inventoryUpper));
    const backlogUpper = strategy === 'chase' ? 0 : Math.min(data.maxBacklog[t] ?? INF, last ? data.endingBacklogMax : INF);
    columns.S.push(model.addColumn(`S${t}`, costs.backlogCostPerUnitPerPeriod, 0, backlogUpper));
    columns.C.push(model.addColumn(`C${t}`, costs.subcontractCostPerUnit, 0, noExtras ? 0 : data.maxSubcontract[t] ?? INF));
  }
  const at = (list: number[], t: number): number => list[t] as number;
  for (let t = 0; t < T; t += 1) {
    // Workforce balance: W_t − W_{t−1} − H_t + L_t = 0 (W_{−1} is the initial workforce, a constant).
    const balance: Array<[number, number]> = [[at(columns.W, t), 1], [at(columns.H, t), -1], [at(columns.L, t), 1]];
    if (t > 0) balance.push([at(columns.W, t - 1), -1]);
    const workforceStart = t === 0 ? data.initialWorkforce : 0;
    model.addRow(`workforce_${t}`, balance, workforceStart, workforceStart);
    // Capacity: P_t − (h_t/u)·W_t − O_t/u ≤ 0.
    model.addRow(`capacity_${t}`, [[at(columns.P, t), 1], [at(columns.W, t), -(data.regularHours[t] ?? 0) / data.laborHoursPerUnit], [at(columns.O, t), -1 / data.laborHoursPerUnit]], -INF, 0);
    // Overtime limit: O_t − o_t·W_t ≤ 0.
    model.addRow(`overtime_${t}`, [[at(columns.O, t), 1], [at(columns.W, t), -(data.maxOvertimeHours[t] ?? 0)]], -INF, 0);
    // Inventory balance: I_{t−1} − S_{t−1} + P_t + C_t − I_t + S_t = D_t.
    const flow: Array<[number, number]> = [[at(columns.P, t), 1], [at(columns.C, t), 1], [at(columns.I, t), -1], [at(columns.S, t), 1]];
    let rightHandSide = data.demand[t] ?? 0;
    if (t > 0) flow.push([at(columns.I, t - 1), 1], [at(columns.S, t - 1), -1]);
    else rightHandSide -= data.initialInventory - data.initialBacklog;
    model.addRow(`flow_${t}`, flow, rightHandSide, rightHandSide);
    if (strategy === 'level' && t > 0) model.addRow(`level_${t}`, [[at(columns.W, t), 1], [at(columns.W, t - 1), -1]], 0, 0);
  }
  return { model, columns };
}

function costBreakdown(data: Normalised, periods: AggregatePlanPeriod[]): AggregateCostBreakdown {
  const { costs } = data;
  const sum = (pick: (period: AggregatePlanPeriod, t: number) => number): number => periods.reduce((total, period, t) => total + pick(period, t), 0);
  const raw = {
    regularLabor: sum((p, t) => p.workforce * (data.regularHours[t] ?? 0) * costs.regularCostPerHour),
    overtimeLabor: sum((p) => p.overtimeHours * costs.overtimeCostPerHour),
    hiring: sum((p) => p.hiredWorkers * costs.hiringCostPerWorker),
    layoff: sum((p) => p.laidOffWorkers * costs.layoffCostPerWorker),
    material: sum((p) => p.productionUnits * costs.materialCostPerUnit),
    holding: sum((p) => p.endingInventoryUnits * costs.holdingCostPerUnitPerPeriod),
    backlog: sum((p) => p.endingBacklogUnits * costs.backlogCostPerUnitPerPeriod),
    subcontract: sum((p) => p.subcontractUnits * costs.subcontractCostPerUnit),
  };
  // The total is rounded from the unrounded parts, so it may differ from the sum of the shown parts by < 0.005.
  const total = cleanMoney(Object.values(raw).reduce((a, b) => a + b, 0));
  const shown = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, cleanMoney(value)])) as Omit<AggregateCostBreakdown, 'total'>;
  return { ...shown, total };
}

/**
 * Plans one product family's production, workforce, overtime, subcontracting, inventory and backlog
 * per period (S&OP / PIC) at least cost, with HiGHS (LP, or MIP when `workforceMode` is 'integer').
 *
 * Model (Chopra & Meindl, *Supply Chain Management*, ch. "Aggregate Planning in a Supply Chain"):
 * minimise Σ_t regular wages·W_t + hiring·H_t + layoff·L_t + overtime·O_t + material·P_t
 * + holding·I_t + backlog·S_t + subcontract·C_t subject to workforce balance, capacity
 * P_t ≤ h_t·W_t/u + O_t/u, overtime O_t ≤ o_t·W_t, inventory balance and end-of-horizon targets.
 * Strategies: 'optimal' (all levers), 'level' (constant workforce, no overtime or subcontracting),
 * 'chase' (workforce follows demand, no backlog, no stock build-up).
 *
 * Example: the Red Tomato Tools case (6 months, demand 1600…2200, 80 workers, 1000 units on hand)
 * costs 422 275 as an LP and 422 660 with whole workers (see plan-aggregate-production.test.ts).
 *
 * Throws CoreError invalid_input, empty_input, negative_value, not_finite, length_mismatch,
 * out_of_range for bad input. An infeasible plan is returned with status 'infeasible'.
 */
export async function planAggregateProduction(input: AggregatePlanInput, options: AggregatePlanOptions = {}): Promise<AggregatePlanResult> {
  const data = normalise(input);
  const strategy = options.strategy ?? 'optimal';
  const mode = options.workforceMode ?? 'continuous';
  const { model, columns } = buildModel(data, strategy, mode);
  const highs = await loadHighs();
  const outcome = model.solve(highs, { timeLimitSeconds: options.timeLimitSeconds ?? 30, mipRelativeGap: options.mipRelativeGap ?? 1e-6 });
  const solver = { name: 'highs' as const, modelStatus: outcome.modelStatus, columns: model.columnCount, rows: model.rowCount, objectiveValue: outcome.objectiveValue === null ? null : cleanMoney(outcome.objectiveValue) };
  const exceptions: AggregatePlanException[] = [];
  if (!outcome.hasSolution) {
    const infeasible = outcome.modelStatus === 'infeasible' || outcome.modelStatus === 'unboundedOrInfeasible';
    exceptions.push({
      code: infeasible ? 'infeasible' : 'solver_failure',
      message: infeasible
        ? `No plan with the ${strategy} strategy meets the demand, limits and end-of-horizon targets.`
        : `The solver stopped without a plan (${outcome.modelStatus}).`,
    });
    const zero: AggregateCostBreakdown = { regularLabor: 0, overtimeLabor: 0, hiring: 0, layoff: 0, material: 0, holding: 0, backlog: 0, subcontract: 0, total: Number.NaN };
    return { familyId: input.familyId, strategy, workforceMode: mode, status: infeasible ? 'infeasible' : 'failed', totalCost: Number.NaN, costs: zero, periods: [], exceptions, solver };
  }
  const value = (list: number[], t: number): number => outcome.values[list[t] as number] ?? 0;
  const periods: AggregatePlanPeriod[] = [];
  for (let t = 0; t < data.periodCount; t += 1) {
    const workforce = value(columns.W, t);
    const productionUnits = value(columns.P, t);
    const regularCapacity = (workforce * (data.regularHours[t] ?? 0)) / data.laborHoursPerUnit;
    const overtimeHours = value(columns.O, t);
    const period: AggregatePlanPeriod = {
      period: data.labels[t] as string,
      demandUnits: data.demand[t] ?? 0,
      workforce,
      hiredWorkers: value(columns.H, t),
      laidOffWorkers: value(columns.L, t),
      overtimeHours,
      productionUnits,
      subcontractUnits: value(columns.C, t),
      endingInventoryUnits: value(columns.I, t),
      endingBacklogUnits: value(columns.S, t),
      idleRegularCapacityUnits: clean(Math.max(0, regularCapacity - Math.max(0, productionUnits - overtimeHours / data.laborHoursPerUnit))),
    };
    periods.push(period);
    if (clean(period.endingBacklogUnits) > 0) {
      exceptions.push({ code: 'backlog', period: period.period, quantity: clean(period.endingBacklogUnits), message: `${clean(period.endingBacklogUnits)} units of demand are served late after ${period.period}.` });
    }
  }
  if (!outcome.optimal) exceptions.unshift({ code: 'time_limit', message: `Best plan found, optimality not proved (${outcome.modelStatus}).` });
  // Costs from the unrounded solution, then every shown number rounded once (1e-6).
  const costs = costBreakdown(data, periods);
  const shown = periods.map((period) => ({
    ...period,
    workforce: clean(period.workforce),
    hiredWorkers: clean(period.hiredWorkers),
    laidOffWorkers: clean(period.laidOffWorkers),
    overtimeHours: clean(period.overtimeHours),
    productionUnits: clean(period.productionUnits),
    subcontractUnits: clean(period.subcontractUnits),
    endingInventoryUnits: clean(period.endingInventoryUnits),
    endingBacklogUnits: clean(period.endingBacklogUnits),
  }));
  return { familyId: input.familyId, strategy, workforceMode: mode, status: outcome.optimal ? 'optimal' : 'feasible', totalCost: costs.total, costs, periods: shown, exceptions, solver };
}
