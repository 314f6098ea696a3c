/**
 * Derivative-free minimiser (Nelder & Mead 1965) with the standard coefficients
 * (reflection 1, expansion 2, contraction 0.5, shrink 0.5). Deterministic.
 */
export type NelderMeadOptions = {
  maxIterations?: number;
  /** Stop when the spread of function values in the simplex falls below this (relative). */
  tolerance?: number;
  /** Initial step per coordinate (absolute); default 10 % of |x| or 0.05. */
  steps?: readonly number[];
};

export type NelderMeadResult = { x: number[]; value: number; iterations: number };

export function minimizeNelderMead(objective: (x: number[]) => number, start: readonly number[], options: NelderMeadOptions = {}): NelderMeadResult {
  const n = start.length;
  const maxIterations = options.maxIterations ?? 200 * n;
  const tolerance = options.tolerance ?? 1e-8;
  const safe = (x: number[]): number => {
    const v = objective(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  const simplex: number[][] = [start.slice()];
  for (let i = 0; i < n; i++) {
    const point = start.slice();
    const step = options.steps?.[i] ?? (point[i] !== 0 ? 0.1 * Math.abs(point[i]!) : 0.05);
    point[i] = point[i]! + step;
    simplex.push(point);
  }
  const values = simplex.map(safe);
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const byValue = (a: number, b: number): number => values[a]! - values[b]! || a - b;
  // Insertion sort of `order` by byValue (a total order: values are never NaN, ties by index), so
  // the result is the same as Array.prototype.sort's; for the 2–30 vertices here it avoids the
  // built-in sort's per-call cost, which on short series weighed as much as the objective.
  const sortOrder = (): void => {
    for (let i = 1; i <= n; i++) {
      const index = order[i]!;
      let j = i - 1;
      while (j >= 0 && byValue(order[j]!, index) > 0) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = index;
    }
  };
  const centroid = new Float64Array(n);
  // Trial points reuse these buffers; an accepted point is copied into the simplex in place.
  const reflected = new Array<number>(n).fill(0);
  const expanded = new Array<number>(n).fill(0);
  const contracted = new Array<number>(n).fill(0);
  const trial = (target: number[], from: ArrayLike<number>, towards: ArrayLike<number>, coefficient: number): number[] => {
    for (let j = 0; j < n; j++) target[j] = from[j]! + coefficient * (towards[j]! - from[j]!);
    return target;
  };
  const accept = (index: number, point: number[], value: number): void => {
    const row = simplex[index]!;
    for (let j = 0; j < n; j++) row[j] = point[j]!;
    values[index] = value;
  };
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    sortOrder();
    const best = order[0]!;
    const worst = order[n]!;
    const secondWorst = order[n - 1]!;
    const fBest = values[best]!;
    const fWorst = values[worst]!;
    if (Number.isFinite(fWorst) && Math.abs(fWorst - fBest) <= tolerance * (Math.abs(fBest) + tolerance)) break;
    centroid.fill(0);
    for (const index of order) {
      if (index === worst) continue;
      const point = simplex[index]!;
      for (let j = 0; j < n; j++) centroid[j] = centroid[j]! + point[j]! / n;
    }
    const worstPoint = simplex[worst]!;
    trial(reflected, centroid, worstPoint, -1);
    const fReflected = safe(reflected);
    if (fReflected < fBest) {
      trial(expanded, centroid, worstPoint, -2);
      const fExpanded = safe(expanded);
      if (fExpanded < fReflected) accept(worst, expanded, fExpanded);
      else accept(worst, reflected, fReflected);
      continue;
    }
    if (fReflected < values[secondWorst]!) {
      accept(worst, reflected, fReflected);
      continue;
    }
    const outside = fReflected < fWorst;
    if (outside) trial(contracted, centroid, reflected, 0.5);
    else trial(contracted, centroid, worstPoint, 0.5);
    const fContracted = safe(contracted);
    if (fContracted < Math.min(fWorst, fReflected)) {
      accept(worst, contracted, fContracted);
      continue;
    }
    const bestPoint = simplex[best]!;
    for (const index of order) {
      if (index === best) continue;
      const row = simplex[index]!;
      for (let j = 0; j < n; j++) row[j] = bestPoint[j]! + 0.5 * (row[j]! - bestPoint[j]!);
      values[index] = safe(row);
    }
  }
  let bestIndex = 0;
  for (let i = 1; i <= n; i++) if (values[i]! < values[bestIndex]!) bestIndex = i;
  return { x: simplex[bestIndex]!, value: values[bestIndex]!, iterations };
}
