import { CoreError, assertNever } from '../shared/core-error';
import { buildSummingMatrix, type HierarchyNode, type SummingMatrix } from './build-summing-matrix';
import { estimateShrinkageCovariance } from './estimate-shrinkage-covariance';
import { solveSymmetricPositive } from './internal/cholesky-solve';

export type ReconciliationMethod =
  | 'bottom_up'
  | 'top_down_average_proportions'
  | 'top_down_proportion_of_averages'
  | 'ols'
  | 'wls_structural'
  | 'wls_variance'
  | 'mint_sample'
  | 'mint_shrink';

export type ReconcileForecastsInput = {
  /** The hierarchy as parent links, or a summing matrix already built. */
  hierarchy: readonly HierarchyNode[] | SummingMatrix;
  /** Base (independent) forecasts per node id, all of the same horizon. Bottom-up needs the bottom nodes only; top-down the top nodes only. */
  baseForecasts: Readonly<Record<string, readonly number[]>>;
  method: ReconciliationMethod;
  /** Observed history per bottom node (same length), for the top-down proportions. */
  history?: Readonly<Record<string, readonly number[]>>;
  /** In-sample one-step residuals per node (actual − fitted, same length), for wls_variance and mint_*. */
  residuals?: Readonly<Record<string, readonly number[]>>;
  /** Set negative bottom-level results to zero and re-aggregate (demand cannot be negative). Default false. */
  nonNegative?: boolean;
};

export type ReconcileForecastsResult = {
  method: ReconciliationMethod;
  /** Coherent forecasts for every node: each aggregate equals the sum of its bottom series. */
  reconciled: Record<string, number[]>;
  nodeIds: string[];
  bottomIds: string[];
  /** Largest |aggregate − sum of its bottom series| in the base forecasts (0 when already coherent). */
  baseIncoherence: number;
  /** Top-down proportions per bottom node, or the shrinkage intensity, for explanation. */
  parameters: { proportions?: Record<string, number>; shrinkageLambda?: number };
  notes: string[];
};

/**
 * Reconciles hierarchical forecasts so that every aggregate equals the sum of its parts, in the
 * units of the forecasts.
 *
 * Formula: bottom-up ỹ = S ŷ_b. Top-down ỹ = S p ŷ_top with p_j the average of y_j,t / y_top,t
 * (average historical proportions) or mean(y_j) / mean(y_top) (proportions of the historical
 * averages). Linear (trace-minimising) methods ỹ = S (S'W⁻¹S)⁻¹ S'W⁻¹ ŷ, computed as
 * ỹ = ŷ − W C' (C W C')⁻¹ C ŷ with the constraint matrix C = [I | −S_agg] (one row per aggregate),
 * where W = I (ols), diag(S 1) (wls_structural), diag of residual variances (wls_variance), the
 * sample residual covariance (mint_sample) or its shrinkage towards the diagonal (mint_shrink).
 *
 * Source: Wickramasuriya, Athanasopoulos & Hyndman (2019), "Optimal forecast reconciliation for
 * hierarchical and grouped time series through trace minimization", JASA 114(526), 804–819;
 * Athanasopoulos, Hyndman, Kourentzes & Petropoulos (2017), EJOR 262(1) for wls_structural;
 * Gross & Sohl (1990), Journal of Forecasting 9(3) for the top-down proportions.
 *
 * Example: total → {a, b} with base forecasts total 100, a 50, b 30 and method 'ols' gives
 * a 56.67, b 36.67, total 93.33 (the 20 units of incoherence are spread equally over the 3 nodes).
 *
 * Throws CoreError: empty_input, unknown_reference (a forecast for a node outside the hierarchy),
 * invalid_input (missing forecasts, history or residuals the method needs), length_mismatch,
 * not_finite, infeasible (a singular covariance, e.g. mint_sample with fewer residuals than nodes).
 */
export function reconcileForecasts(input: ReconcileForecastsInput): ReconcileForecastsResult {
  const s = Array.isArray(input.hierarchy) ? buildSummingMatrix(input.hierarchy as readonly HierarchyNode[]) : (input.hierarchy as SummingMatrix);
  const { nodeIds, bottomIds, matrix } = s;
  const method = input.method;
  const notes: string[] = [];
  const nodeSet = new Set(nodeIds);
  for (const id of Object.keys(input.baseForecasts)) {
    if (!nodeSet.has(id)) throw new CoreError('unknown_reference', `forecast for '${id}', which is not in the hierarchy`, { path: `baseForecasts.${id}` });
  }
  const forecastValues = Object.values(input.baseForecasts);
  if (forecastValues.length === 0) throw new CoreError('empty_input', 'no base forecast', { path: 'baseForecasts' });
  const horizon = forecastValues[0]!.length;
  for (const [id, f] of Object.entries(input.baseForecasts)) {
    if (f.length !== horizon) throw new CoreError('length_mismatch', `forecast for '${id}' has ${f.length} steps, expected ${horizon}`, { path: `baseForecasts.${id}` });
    f.forEach((v, h) => {
      if (!Number.isFinite(v)) throw new CoreError('not_finite', `forecast for '${id}' step ${h} is not finite`, { path: `baseForecasts.${id}[${h}]` });
    });
  }
  const need = (ids: readonly string[]) => {
    for (const id of ids) if (!input.baseForecasts[id]) throw new CoreError('invalid_input', `method ${method} needs a base forecast for '${id}'`, { path: `baseForecasts.${id}` });
  };
  const parameters: ReconcileForecastsResult['parameters'] = {};
  const rowOf = new Map(nodeIds.map((id, i) => [id, i]));
  const colOf = new Map(bottomIds.map((id, j) => [id, j]));
  const aggregate = (bottom: number[][]): number[][] => nodeIds.map((_, i) => Array.from({ length: horizon }, (_, h) => matrix[i]!.reduce((acc, sij, j) => acc + sij * bottom[j]![h]!, 0)));

  let baseIncoherence = 0;
  if (nodeIds.every((id) => input.baseForecasts[id])) {
    for (const id of s.aggregateIds) {
      const row = matrix[rowOf.get(id)!]!;
      for (let h = 0; h < horizon; h++) {
        const sum = row.reduce((acc, sij, j) => acc + sij * input.baseForecasts[bottomIds[j]!]![h]!, 0);
        baseIncoherence = Math.max(baseIncoherence, Math.abs(input.baseForecasts[id]![h]! - sum));
      }
    }
  }

  let all: number[][];
  switch (method) {
    case 'bottom_up': {
      need(bottomIds);
      all = aggregate(bottomIds.map((id) => input.baseForecasts[id]!.slice()));
      break;
    }
    case 'top_down_average_proportions':
    case 'top_down_proportion_of_averages': {
      const tops = nodeIds.filter((id) => s.levelOf[id] === 0);
      need(tops);
      const history = input.history;
      if (!history) throw new CoreError('invalid_input', `method ${method} needs the history of the bottom series`, { path: 'history' });
      need(tops);
      const proportions = computeProportions(s, history, method === 'top_down_average_proportions' ? 'average_proportions' : 'proportion_of_averages', notes);
      parameters.proportions = proportions;
      const bottom = bottomIds.map((id) => {
        const top = tops.find((t) => matrix[rowOf.get(t)!]![colOf.get(id)!] === 1)!;
        return input.baseForecasts[top]!.map((v) => v * proportions[id]!);
      });
      all = aggregate(bottom);
      break;
    }
    case 'ols':
    case 'wls_structural':
    case 'wls_variance':
    case 'mint_sample':
    case 'mint_shrink': {
      need(nodeIds);
      const w = buildWeightMatrix(method, s, input.residuals, parameters);
      all = projectCoherent(s, w, nodeIds.map((id) => input.baseForecasts[id]!));
      break;
    }
    default:
      return assertNever(method, 'reconciliation method');
  }

  if (input.nonNegative) {
    const bottom = bottomIds.map((id) => all[rowOf.get(id)!]!);
    let clipped = 0;
    for (const row of bottom) {
      for (let h = 0; h < horizon; h++) {
        if (row[h]! < 0) {
          clipped++;
          row[h] = 0;
        }
      }
    }
    if (clipped > 0) {
      all = aggregate(bottom.map((r) => r.slice()));
      notes.push(`${clipped} negative bottom-level value(s) set to 0 and re-aggregated bottom-up`);
    }
  }
  const reconciled: Record<string, number[]> = {};
  nodeIds.forEach((id, i) => (reconciled[id] = all[i]!));
  return { method, reconciled, nodeIds: nodeIds.slice(), bottomIds: bottomIds.slice(), baseIncoherence, parameters, notes };
}

function computeProportions(s: SummingMatrix, history: Readonly<Record<string, readonly number[]>>, kind: 'average_proportions' | 'proportion_of_averages', notes: string[]): Record<string, number> {
  const { bottomIds, nodeIds, matrix } = s;
  const lengths = bottomIds.map((id) => {
    const h = history[id];
    if (!h) throw new CoreError('invalid_input', `history of bottom series '${id}' is missing`, { path: `history.${id}` });
    h.forEach((v, t) => {
      if (!Number.isFinite(v)) throw new CoreError('not_finite', `history of '${id}' at ${t} is not finite`, { path: `history.${id}[${t}]` });
    });
    return h.length;
  });
  const t = lengths[0]!;
  if (t === 0) throw new CoreError('empty_input', 'history is empty', { path: 'history' });
  lengths.forEach((l, j) => {
    if (l !== t) throw new CoreError('length_mismatch', `history of '${bottomIds[j]}' has ${l} values, expected ${t}`, { path: `history.${bottomIds[j]}` });
  });
  const proportions: Record<string, number> = {};
  const tops = nodeIds.map((id, i) => ({ id, i })).filter(({ id }) => s.levelOf[id] === 0);
  for (const top of tops) {
    const members = bottomIds.filter((_, j) => matrix[top.i]![j] === 1);
    const totals = Array.from({ length: t }, (_, k) => members.reduce((acc, id) => acc + history[id]![k]!, 0));
    const grand = totals.reduce((a, b) => a + b, 0);
    for (const id of members) {
      let p: number;
      if (kind === 'average_proportions') {
        let sum = 0;
        let count = 0;
        for (let k = 0; k < t; k++) {
          if (totals[k]! > 0) {
            sum += history[id]![k]! / totals[k]!;
            count++;
          }
        }
        p = count > 0 ? sum / count : 1 / members.length;
      } else {
        p = grand > 0 ? history[id]!.reduce((a, b) => a + b, 0) / grand : 1 / members.length;
      }
      proportions[id] = p;
    }
    if (grand <= 0) notes.push(`no positive history under '${top.id}': equal proportions used`);
  }
  return proportions;
}

function buildWeightMatrix(method: 'ols' | 'wls_structural' | 'wls_variance' | 'mint_sample' | 'mint_shrink', s: SummingMatrix, residuals: ReconcileForecastsInput['residuals'], parameters: ReconcileForecastsResult['parameters']): number[][] {
  const n = s.nodeIds.length;
  const diag = (d: number[]) => d.map((v, i) => d.map((_, j) => (i === j ? v : 0)));
  if (method === 'ols') return diag(new Array<number>(n).fill(1));
  if (method === 'wls_structural') return diag(s.matrix.map((row) => row.reduce((a, b) => a + b, 0)));
  if (!residuals) throw new CoreError('invalid_input', `method ${method} needs in-sample residuals for every node`, { path: 'residuals' });
  const rows = s.nodeIds.map((id) => {
    const r = residuals[id];
    if (!r) throw new CoreError('invalid_input', `residuals for '${id}' are missing`, { path: `residuals.${id}` });
    return r;
  });
  const t = Math.min(...rows.map((r) => r.length));
  if (t < 2) throw new CoreError('invalid_input', 'at least two residuals per node are needed', { path: 'residuals' });
  // Use the common trailing window so every series covers the same periods.
  const aligned = rows.map((r) => r.slice(r.length - t));
  const est = estimateShrinkageCovariance(aligned);
  if (method === 'wls_variance') return diag(est.covariance.map((row, i) => row[i]!));
  if (method === 'mint_shrink') {
    parameters.shrinkageLambda = est.lambda;
    return est.covariance;
  }
  // mint_sample: undo the shrinkage.
  const sample = aligned.map((a) => aligned.map((b) => a.reduce((acc, v, k) => acc + v * b[k]!, 0) / t));
  return sample;
}

function projectCoherent(s: SummingMatrix, w: number[][], base: readonly (readonly number[])[]): number[][] {
  const { nodeIds, aggregateIds, matrix } = s;
  const n = nodeIds.length;
  const horizon = base[0]!.length;
  if (aggregateIds.length === 0) return base.map((r) => r.slice());
  const rowOf = new Map(nodeIds.map((id, i) => [id, i]));
  const bottomRow = s.bottomIds.map((id) => rowOf.get(id)!);
  // C (na × n): +1 on the aggregate itself, −1 on each bottom series below it.
  const c = aggregateIds.map((id) => {
    const row = new Array<number>(n).fill(0);
    const i = rowOf.get(id)!;
    row[i] = 1;
    matrix[i]!.forEach((sij, j) => {
      if (sij === 1) row[bottomRow[j]!] = row[bottomRow[j]!]! - 1;
    });
    return row;
  });
  const na = c.length;
  // WC' (n × na)
  const wct = Array.from({ length: n }, (_, i) => Array.from({ length: na }, (_, a) => {
    let acc = 0;
    const ca = c[a]!;
    const wi = w[i]!;
    for (let k = 0; k < n; k++) if (ca[k] !== 0) acc += wi[k]! * ca[k]!;
    return acc;
  }));
  const cwct = Array.from({ length: na }, (_, a) => Array.from({ length: na }, (_, b) => {
    let acc = 0;
    const ca = c[a]!;
    for (let k = 0; k < n; k++) if (ca[k] !== 0) acc += ca[k]! * wct[k]![b]!;
    return acc;
  }));
  // C ŷ (na × horizon)
  const cy = c.map((ca) => Array.from({ length: horizon }, (_, h) => ca.reduce((acc, v, k) => acc + (v === 0 ? 0 : v * base[k]![h]!), 0)));
  const solved = solveSymmetricPositive(cwct, cy);
  if (solved === undefined) throw new CoreError('infeasible', 'the weight matrix is singular on the constraints (too few residuals for mint_sample? try mint_shrink)', { path: 'residuals' });
  return base.map((row, i) => row.map((v, h) => v - wct[i]!.reduce((acc, x, a) => acc + x * solved[a]![h]!, 0)));
}
