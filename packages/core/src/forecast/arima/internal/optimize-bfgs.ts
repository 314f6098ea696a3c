/**
 * Quasi-Newton minimisation (BFGS, Nocedal & Wright 2006, alg. 6.1) with central-difference
 * gradients and a backtracking Armijo line search. Small, dense problems only (a few dozen
 * parameters), which is what ARIMA estimation needs. Works in preallocated typed arrays: an ARIMA
 * search runs it hundreds of times.
 */
export type BfgsOptions = {
  maxIterations?: number;
  relativeTolerance?: number;
  gradientStep?: number;
};

export type BfgsResult = { x: number[]; value: number; iterations: number; converged: boolean };

export function minimizeBfgs(objective: (x: ArrayLike<number>) => number, start: readonly number[], options: BfgsOptions = {}): BfgsResult {
  const maxIterations = options.maxIterations ?? 100;
  const reltol = options.relativeTolerance ?? 1e-8;
  const hStep = options.gradientStep ?? 1e-4;
  const n = start.length;
  let x = Float64Array.from(start);
  let fx = objective(x);
  if (n === 0 || !Number.isFinite(fx)) return { x: Array.from(x), value: fx, iterations: 0, converged: Number.isFinite(fx) };

  const gradientInto = (point: Float64Array, g: Float64Array): void => {
    for (let i = 0; i < n; i++) {
      const orig = point[i]!;
      point[i] = orig + hStep;
      const up = objective(point);
      point[i] = orig - hStep;
      const down = objective(point);
      point[i] = orig;
      g[i] = Number.isFinite(up) && Number.isFinite(down) ? (up - down) / (2 * hStep) : 0;
    }
  };
  const h = new Float64Array(n * n);
  const resetH = (): void => {
    h.fill(0);
    for (let i = 0; i < n; i++) h[i * n + i] = 1;
  };
  resetH();
  let g = new Float64Array(n);
  let gNew = new Float64Array(n);
  let xNew = new Float64Array(n);
  const dir = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const hy = new Float64Array(n);
  gradientInto(x, g);
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations; iterations++) {
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v -= h[i * n + j]! * g[j]!;
      dir[i] = v;
    }
    let slope = 0;
    for (let i = 0; i < n; i++) slope += dir[i]! * g[i]!;
    if (slope >= 0) {
      // Not a descent direction: restart from steepest descent.
      resetH();
      for (let i = 0; i < n; i++) dir[i] = -g[i]!;
      slope = 0;
      for (let i = 0; i < n; i++) slope -= g[i]! * g[i]!;
      if (slope === 0) {
        converged = true;
        break;
      }
    }
    let step = 1;
    let fNew = fx;
    let accepted = false;
    for (let tries = 0; tries < 30; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * dir[i]!;
      fNew = objective(xNew);
      if (Number.isFinite(fNew) && fNew <= fx + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.2;
    }
    if (!accepted) {
      converged = true;
      break;
    }
    gradientInto(xNew, gNew);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    const done = Math.abs(fx - fNew) <= reltol * (Math.abs(fx) + reltol);
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    const fOld = fx;
    fx = fNew;
    if (done && fOld - fNew >= 0) {
      converged = true;
      iterations++;
      break;
    }
    let sy = 0;
    for (let i = 0; i < n; i++) sy += s[i]! * y[i]!;
    if (sy > 1e-12) {
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let j = 0; j < n; j++) acc += h[i * n + j]! * y[j]!;
        hy[i] = acc;
      }
      let yhy = 0;
      for (let i = 0; i < n; i++) yhy += y[i]! * hy[i]!;
      const rho = 1 / sy;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          h[i * n + j] = h[i * n + j]! + rho * ((1 + rho * yhy) * s[i]! * s[j]! - hy[i]! * s[j]! - s[i]! * hy[j]!);
        }
      }
    }
  }
  return { x: Array.from(x), value: fx, iterations, converged };
}
