/**
 * Box-constrained quasi-Newton minimiser: projected BFGS (Bertsekas 1982, "Projected Newton
 * methods for optimization problems with simple constraints", SIAM J. Control Optim. 20; the
 * scheme behind L-BFGS-B, Byrd, Lu, Nocedal & Zhu 1995, with a dense inverse Hessian since the
 * problems here have at most ~30 variables). Coordinates at a bound whose gradient pushes outward
 * are held fixed for the step; the rest move along −H·g, the trial point is projected onto the box
 * and accepted by Armijo backtracking. Deterministic. The objective may return +Infinity
 * (infeasible or broken model): the line search then shortens the step.
 */
export type ProjectedBfgsOptions = {
  lower: readonly number[];
  upper: readonly number[];
  maxIterations?: number;
  /** Stop when an iteration lowers f by less than this, relative to |f| (default 1e-10). */
  relativeTolerance?: number;
  /** Stop when the largest projected-gradient entry is below this (default 1e-8). */
  gradientTolerance?: number;
};

export type ProjectedBfgsResult = { x: number[]; value: number; iterations: number; evaluations: number };

/** Writes the gradient into `gradient` and returns f(x) (+Infinity allowed). */
export type ObjectiveWithGradient = (x: readonly number[], gradient: number[]) => number;

export function minimizeProjectedBfgs(objective: ObjectiveWithGradient, start: readonly number[], options: ProjectedBfgsOptions): ProjectedBfgsResult {
  const n = start.length;
  const { lower, upper } = options;
  const maxIterations = options.maxIterations ?? 200;
  const relativeTolerance = options.relativeTolerance ?? 1e-10;
  const gradientTolerance = options.gradientTolerance ?? 1e-8;
  const project = (v: number, i: number): number => (v < lower[i]! ? lower[i]! : v > upper[i]! ? upper[i]! : v);
  let x = start.map(project);
  let g = new Array<number>(n).fill(0);
  let f = objective(x, g);
  let evaluations = 1;
  if (!Number.isFinite(f)) return { x, value: f, iterations: 0, evaluations };
  // B: the BFGS approximation of the Hessian (not its inverse), so that the step on the free
  // coordinates solves B_FF·d = −g_F exactly (the inverse's FF block is not the inverse of B_FF).
  const b = new Float64Array(n * n);
  const resetHessian = (scale: number): void => {
    b.fill(0);
    for (let i = 0; i < n; i++) b[i * n + i] = scale;
  };
  resetHessian(1);
  let scaled = false;
  const direction = new Array<number>(n).fill(0);
  const freeIndex = new Int32Array(n);
  const factor = new Float64Array(n * n);
  const rhs = new Float64Array(n);
  let xNew = new Array<number>(n).fill(0);
  let gNew = new Array<number>(n).fill(0);
  const s = new Float64Array(n);
  const yv = new Float64Array(n);
  const bs = new Float64Array(n);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    // Free coordinates: not at a bound with the gradient pushing outward.
    let freeCount = 0;
    let projectedGradient = 0;
    for (let i = 0; i < n; i++) {
      const atLower = x[i]! <= lower[i]! && g[i]! > 0;
      const atUpper = x[i]! >= upper[i]! && g[i]! < 0;
      if (atLower || atUpper) continue;
      freeIndex[freeCount++] = i;
      projectedGradient = Math.max(projectedGradient, Math.abs(g[i]!));
    }
    if (projectedGradient < gradientTolerance) break;
    direction.fill(0);
    if (!solveFree(b, n, freeIndex, freeCount, g, factor, rhs, direction)) {
      resetHessian(scaled ? Math.max(1e-12, b[0]!) : 1);
      for (let a = 0; a < freeCount; a++) direction[freeIndex[a]!] = -g[freeIndex[a]!]! / b[0]!;
    }
    // First step before any curvature is known: at most unit length in the largest coordinate.
    let step = 1;
    if (!scaled) {
      let largest = 0;
      for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(direction[i]!));
      if (largest > 1) step = 1 / largest;
    }
    let fNew = Number.POSITIVE_INFINITY;
    let accepted = false;
    for (let trial = 0; trial < 40; trial++) {
      let decrease = 0;
      let moved = false;
      for (let i = 0; i < n; i++) {
        xNew[i] = project(x[i]! + step * direction[i]!, i);
        decrease += g[i]! * (xNew[i]! - x[i]!);
        if (xNew[i] !== x[i]) moved = true;
      }
      if (!moved) break;
      fNew = objective(xNew, gNew);
      evaluations++;
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * decrease) {
        accepted = true;
        break;
      }
      // Backtrack: the minimiser of the quadratic through f, the slope and fNew, kept in [0.1, 0.5]·step.
      let shrink = 0.5;
      if (Number.isFinite(fNew) && decrease < 0) {
        const curvature = fNew - f - decrease;
        if (curvature > 0) shrink = Math.min(0.5, Math.max(0.1, -decrease / (2 * curvature)));
      } else if (!Number.isFinite(fNew)) shrink = 0.25;
      step *= shrink;
    }
    if (!accepted) {
      if (scaled) {
        // A stale Hessian can stall the search: one retry along the projected steepest descent.
        resetHessian(1);
        scaled = false;
        continue;
      }
      break;
    }
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      yv[i] = gNew[i]! - g[i]!;
      sy += s[i]! * yv[i]!;
      yy += yv[i]! * yv[i]!;
    }
    const previous = f;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    f = fNew;
    if (!scaled && sy > 0) {
      // Scaling of the initial Hessian by y'y / y's (Nocedal & Wright 2006, eq. 6.20, for B).
      resetHessian(yy / sy);
      scaled = true;
    }
    updateHessian(b, n, s, yv, sy, bs);
    if (previous - f <= relativeTolerance * (Math.abs(f) + relativeTolerance)) break;
  }
  return { x, value: f, iterations, evaluations };
}

/**
 * Damped BFGS update of B (Powell 1978): y is replaced by θy + (1 − θ)Bs when s'y < 0.2·s'Bs, so B
 * stays positive definite even where the objective is not convex along the step.
 */
function updateHessian(b: Float64Array, n: number, s: Float64Array, y: Float64Array, sy: number, bs: Float64Array): void {
  let sBs = 0;
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = 0; j < n; j++) v += b[i * n + j]! * s[j]!;
    bs[i] = v;
    sBs += s[i]! * v;
  }
  if (!(sBs > 0)) return;
  let theta = 1;
  if (sy < 0.2 * sBs) theta = (0.8 * sBs) / (sBs - sy);
  let ry = 0;
  for (let i = 0; i < n; i++) {
    y[i] = theta * y[i]! + (1 - theta) * bs[i]!;
    ry += s[i]! * y[i]!;
  }
  if (!(ry > 0)) return;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) b[i * n + j] = b[i * n + j]! - (bs[i]! * bs[j]!) / sBs + (y[i]! * y[j]!) / ry;
  }
}

/** Solves B_FF·d_F = −g_F by Cholesky (d written at the free indices); false when B_FF is not positive definite. */
function solveFree(b: Float64Array, n: number, free: Int32Array, count: number, g: readonly number[], l: Float64Array, z: Float64Array, d: number[]): boolean {
  for (let a = 0; a < count; a++) {
    for (let c = 0; c <= a; c++) {
      let v = b[free[a]! * n + free[c]!]!;
      for (let k = 0; k < c; k++) v -= l[a * n + k]! * l[c * n + k]!;
      if (a === c) {
        if (!(v > 0)) return false;
        l[a * n + a] = Math.sqrt(v);
      } else l[a * n + c] = v / l[c * n + c]!;
    }
  }
  for (let a = 0; a < count; a++) {
    let v = -g[free[a]!]!;
    for (let k = 0; k < a; k++) v -= l[a * n + k]! * z[k]!;
    z[a] = v / l[a * n + a]!;
  }
  for (let a = count - 1; a >= 0; a--) {
    let v = z[a]!;
    for (let k = a + 1; k < count; k++) v -= l[k * n + a]! * z[k]!;
    z[a] = v / l[a * n + a]!;
    d[free[a]!] = z[a]!;
  }
  return true;
}
