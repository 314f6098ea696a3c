import { CoreError } from '../shared/core-error';
import { assertNonNegative, assertNonNegativeInteger, assertOpenFraction } from './internal/assert-input';
import { normalQuantile } from './internal/normal-distribution';

export type GuaranteedServiceStage = {
  id: string;
  /** T_j: processing (production or transit) time in whole periods. */
  processingTimePeriods: number;
  /** h_j: holding cost per unit of this stage's stock per period. */
  holdingCostPerUnitPerPeriod: number;
  /** External demand at this stage (customer-facing stages). */
  demandMeanPerPeriod?: number;
  demandStandardDeviationPerPeriod?: number;
  /** Service time promised to customers (demand stages; default 0). */
  maximumOutboundServiceTimePeriods?: number;
  /** Service time of the outside supplier (stages without upstream stage; default 0). */
  externalInboundServiceTimePeriods?: number;
};

/** Material flows from `from` (supplier) to `to` (customer); `unitsPerUnit` of `from` go into one unit of `to` (default 1). */
export type GuaranteedServiceLink = { from: string; to: string; unitsPerUnit?: number };

export type GuaranteedServiceInput = {
  stages: GuaranteedServiceStage[];
  links: GuaranteedServiceLink[];
  /** Cycle service level alpha that every stage covers within its demand bound, giving z = Phi^-1(alpha). */
  cycleServiceLevel: number;
};

export type GuaranteedServiceStageResult = {
  id: string;
  /** SI_j: inbound service time (periods). */
  inboundServiceTimePeriods: number;
  /** S_j: outbound service time quoted downstream (periods). */
  outboundServiceTimePeriods: number;
  /** tau_j = SI_j + T_j - S_j: net replenishment time the stock must cover. */
  netReplenishmentTimePeriods: number;
  safetyStockUnits: number;
  /** mu_j tau_j + z sigma_j sqrt(tau_j). */
  baseStockLevel: number;
  holdingCostPerPeriod: number;
  demandMeanPerPeriod: number;
  demandStandardDeviationPerPeriod: number;
};

export type GuaranteedServiceResult = {
  stages: GuaranteedServiceStageResult[];
  /** Total safety-stock holding cost per period. */
  costPerPeriod: number;
  safetyFactor: number;
};

/**
 * Safety stock placement in a serial or tree network with the guaranteed-service model, by dynamic programming.
 * Formula: minimise sum_j h_j z sigma_j sqrt(SI_j + T_j - S_j) s.t. SI_j >= S_i for every supplier i (SI_j is a decision),
 * SI_j >= external service time, 0 <= S_j <= SI_j + T_j, S_j <= max service time at demand stages; integer times.
 * sigma_j (and mu_j) aggregate downstream demand: sigma_j = sqrt(sum_k (u_jk sigma_k)^2) for independent demands.
 * The network must be a tree once link directions are ignored (serial, assembly, distribution or mixed).
 * Source: Graves & Willems, Manufacturing & Service Operations Management 2(1), 2000; Simpson (1958); Snyder & Shen (2019), section 6.3.
 * Example: serial 2 stages, T = 2 (upstream), 1 (downstream), h = 1, 2, sigma = 1, z = 1.6449:
 * best is S_upstream = 0 (cost 1.6449 sqrt(2) + 2 * 1.6449 * 1 = 5.616) vs. holding all at the end (2 * 1.6449 sqrt(3) = 5.698).
 * Throws: unknown_reference (a link names a missing stage), cycle_detected (the links form a cycle), invalid_input.
 */
export function planGuaranteedServiceSafetyStock(input: GuaranteedServiceInput): GuaranteedServiceResult {
  const alpha = assertOpenFraction(input.cycleServiceLevel, 'cycleServiceLevel');
  const z = normalQuantile(alpha);
  if (!Array.isArray(input.stages) || input.stages.length === 0) throw new CoreError('empty_input', 'at least one stage is needed', { path: 'stages' });
  const index = new Map<string, number>();
  input.stages.forEach((stage, i) => {
    if (typeof stage.id !== 'string' || stage.id === '') throw new CoreError('invalid_input', 'stage id must be a non-empty string', { path: `stages[${i}].id` });
    if (index.has(stage.id)) throw new CoreError('invalid_input', `duplicate stage id ${stage.id}`, { path: `stages[${i}].id` });
    index.set(stage.id, i);
    assertNonNegativeInteger(stage.processingTimePeriods, `stages[${i}].processingTimePeriods`);
    assertNonNegative(stage.holdingCostPerUnitPerPeriod, `stages[${i}].holdingCostPerUnitPerPeriod`);
    assertNonNegative(stage.demandMeanPerPeriod ?? 0, `stages[${i}].demandMeanPerPeriod`);
    assertNonNegative(stage.demandStandardDeviationPerPeriod ?? 0, `stages[${i}].demandStandardDeviationPerPeriod`);
    assertNonNegativeInteger(stage.maximumOutboundServiceTimePeriods ?? 0, `stages[${i}].maximumOutboundServiceTimePeriods`);
    assertNonNegativeInteger(stage.externalInboundServiceTimePeriods ?? 0, `stages[${i}].externalInboundServiceTimePeriods`);
  });
  const n = input.stages.length;
  const suppliers: { stage: number; units: number }[][] = Array.from({ length: n }, () => []);
  const customers: { stage: number; units: number }[][] = Array.from({ length: n }, () => []);
  const neighbours: number[][] = Array.from({ length: n }, () => []);
  // Union-find detects an undirected cycle, which a tree DP cannot handle.
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  (input.links ?? []).forEach((link, i) => {
    const from = index.get(link.from);
    const to = index.get(link.to);
    if (from === undefined) throw new CoreError('unknown_reference', `unknown stage ${link.from}`, { path: `links[${i}].from` });
    if (to === undefined) throw new CoreError('unknown_reference', `unknown stage ${link.to}`, { path: `links[${i}].to` });
    const units = assertNonNegative(link.unitsPerUnit ?? 1, `links[${i}].unitsPerUnit`);
    const a = find(from);
    const b = find(to);
    if (a === b) throw new CoreError('cycle_detected', `link ${link.from} -> ${link.to} closes a cycle; the guaranteed-service DP needs a tree`, { path: `links[${i}]` });
    parent[a] = b;
    suppliers[to]!.push({ stage: from, units });
    customers[from]!.push({ stage: to, units });
    neighbours[from]!.push(to);
    neighbours[to]!.push(from);
  });
  // Demand seen by each stage: own demand plus its customers' requirements (mean adds, variance adds).
  const mean = new Array<number>(n).fill(-1);
  const variance = new Array<number>(n).fill(-1);
  const aggregate = (j: number): void => {
    if (mean[j]! >= 0) return;
    const stage = input.stages[j]!;
    let m = stage.demandMeanPerPeriod ?? 0;
    let v = (stage.demandStandardDeviationPerPeriod ?? 0) ** 2;
    for (const { stage: k, units } of customers[j]!) {
      aggregate(k);
      m += units * mean[k]!;
      v += units * units * variance[k]!;
    }
    mean[j] = m;
    variance[j] = v;
  };
  for (let j = 0; j < n; j++) aggregate(j);
  const stageCost = (j: number, tau: number): number => input.stages[j]!.holdingCostPerUnitPerPeriod * z * Math.sqrt(variance[j]!) * Math.sqrt(tau);
  const isDemandStage = (j: number): boolean => customers[j]!.length === 0 || (input.stages[j]!.demandMeanPerPeriod ?? 0) > 0 || (input.stages[j]!.demandStandardDeviationPerPeriod ?? 0) > 0;
  const minIn = (j: number): number => (suppliers[j]!.length === 0 ? (input.stages[j]!.externalInboundServiceTimePeriods ?? 0) : 0);
  // Per-stage bounds: SI_j never needs to exceed the latest a supplier can quote, and S_j never needs to exceed
  // SI_j + T_j (beyond it tau_j is 0 and a later quote only hurts customers). Tables are (siMax+1) x (sMax+1).
  const siMax = new Array<number>(n).fill(-1);
  const sMax = new Array<number>(n).fill(-1);
  const bounds = (j: number): void => {
    if (siMax[j]! >= 0) return;
    let latest = minIn(j);
    for (const { stage: i } of suppliers[j]!) { bounds(i); latest = Math.max(latest, sMax[i]!); }
    siMax[j] = latest;
    const natural = latest + input.stages[j]!.processingTimePeriods;
    sMax[j] = isDemandStage(j) ? Math.min(natural, input.stages[j]!.maximumOutboundServiceTimePeriods ?? 0) : natural;
  };
  for (let j = 0; j < n; j++) bounds(j);

  // f[j][S]: best subtree cost when stage j quotes S (j supplies its tree parent), S = 0..sMax_j;
  // g[j][x]: best subtree cost when j's tree parent (its supplier) quotes x, x = 0..siMax_j.
  const f: Float64Array[] = new Array(n);
  const g: Float64Array[] = new Array(n);
  const visited = new Array<boolean>(n).fill(false);
  const treeParent = new Array<number>(n).fill(-1);
  const order: number[] = [];
  const roots: number[] = [];
  for (let r = 0; r < n; r++) {
    if (visited[r]) continue;
    roots.push(r);
    const stack = [r];
    visited[r] = true;
    while (stack.length > 0) {
      const j = stack.pop()!;
      order.push(j);
      for (const k of [...neighbours[j]!].sort((a, b) => a - b)) {
        if (!visited[k]) { visited[k] = true; treeParent[k] = j; stack.push(k); }
      }
    }
  }
  const inf = Number.POSITIVE_INFINITY;
  const isSupplierOf = (k: number, j: number): boolean => suppliers[j]!.some((entry) => entry.stage === k);
  const table: Float64Array[] = new Array(n); // cost_j(SI, S) at [SI * (sMax_j + 1) + S], kept for reconstruction
  for (let position = order.length - 1; position >= 0; position--) {
    const j = order[position]!;
    const rows = siMax[j]! + 1;
    const columns = sMax[j]! + 1;
    const children = neighbours[j]!.filter((k) => treeParent[k] === j);
    const upstreamChildren = children.filter((k) => isSupplierOf(k, j));
    const downstreamChildren = children.filter((k) => !isSupplierOf(k, j));
    // Cheapest quote S_k <= SI of each supplier child, for SI = 0..siMax_j.
    const prefixMin = upstreamChildren.map((k) => {
      const out = new Float64Array(rows);
      let best = inf;
      for (let si = 0; si < rows; si++) { if (si < f[k]!.length) best = Math.min(best, f[k]![si]!); out[si] = best; }
      return out;
    });
    const cost = new Float64Array(rows * columns).fill(inf);
    const T = input.stages[j]!.processingTimePeriods;
    for (let si = minIn(j); si < rows; si++) {
      let upstream = 0;
      for (const pm of prefixMin) upstream += pm[si]!;
      if (upstream === inf) continue;
      for (let s = 0; s <= Math.min(si + T, columns - 1); s++) {
        let total = upstream + stageCost(j, si + T - s);
        for (const k of downstreamChildren) total += s < g[k]!.length ? g[k]![s]! : inf;
        cost[si * columns + s] = total;
      }
    }
    table[j] = cost;
    const fj = new Float64Array(columns).fill(inf);
    const rowMin = new Float64Array(rows).fill(inf);
    for (let si = 0; si < rows; si++) for (let s = 0; s < columns; s++) {
      const value = cost[si * columns + s]!;
      if (value < fj[s]!) fj[s] = value;
      if (value < rowMin[si]!) rowMin[si] = value;
    }
    // g_j(x) = min over SI >= x of min_S cost(SI, S)
    const gj = new Float64Array(rows).fill(inf);
    let running = inf;
    for (let x = rows - 1; x >= 0; x--) { running = Math.min(running, rowMin[x]!); gj[x] = running; }
    f[j] = fj;
    g[j] = gj;
  }
  // Reconstruction from the roots down, choosing the cheapest (SI, S) consistent with the parent's decision.
  const so = new Array<number>(n).fill(0);
  const pick = (j: number, constraint: { kind: 'root' } | { kind: 'quote'; s: number } | { kind: 'atLeast'; x: number }): void => {
    const cost = table[j]!;
    const rows = siMax[j]! + 1;
    const columns = sMax[j]! + 1;
    let best = inf;
    let bestSi = 0;
    let bestS = 0;
    for (let a = 0; a < rows; a++) for (let b = 0; b < columns; b++) {
      if (constraint.kind === 'quote' && b !== constraint.s) continue;
      if (constraint.kind === 'atLeast' && a < constraint.x) continue;
      const value = cost[a * columns + b]!;
      if (value < best - 1e-12) { best = value; bestSi = a; bestS = b; }
    }
    if (best === inf) throw new CoreError('infeasible', `no feasible service times at stage ${input.stages[j]!.id}`, { path: 'stages' });
    so[j] = bestS;
    for (const k of neighbours[j]!) {
      if (treeParent[k] !== j) continue;
      if (isSupplierOf(k, j)) {
        // k supplies j: its quote must be the cheapest S_k <= SI_j.
        let bestK = inf;
        let sK = 0;
        for (let s = 0; s <= Math.min(bestSi, f[k]!.length - 1); s++) if (f[k]![s]! < bestK - 1e-12) { bestK = f[k]![s]!; sK = s; }
        pick(k, { kind: 'quote', s: sK });
      } else {
        pick(k, { kind: 'atLeast', x: bestS });
      }
    }
  };
  for (const r of roots) pick(r, { kind: 'root' });
  const stages: GuaranteedServiceStageResult[] = input.stages.map((stage, j) => {
    // SI_j >= every supplier's quote (Graves & Willems allow waiting longer than the latest supplier).
    const inbound = Math.max(minIn(j), so[j]! - stage.processingTimePeriods, ...suppliers[j]!.map((s) => so[s.stage]!));
    const tau = inbound + stage.processingTimePeriods - so[j]!;
    const sigma = Math.sqrt(variance[j]!);
    const safety = z * sigma * Math.sqrt(tau);
    return {
      id: stage.id,
      inboundServiceTimePeriods: inbound,
      outboundServiceTimePeriods: so[j]!,
      netReplenishmentTimePeriods: tau,
      safetyStockUnits: safety,
      baseStockLevel: mean[j]! * tau + safety,
      holdingCostPerPeriod: stage.holdingCostPerUnitPerPeriod * safety,
      demandMeanPerPeriod: mean[j]!,
      demandStandardDeviationPerPeriod: sigma,
    };
  });
  return { stages, costPerPeriod: stages.reduce((sum, stage) => sum + stage.holdingCostPerPeriod, 0), safetyFactor: z };
}
