/**
 * Quasi-Newton minimisation (BFGS, Nocedal & Wright 2006, alg. 6.1) with central-difference
 * gradients and a backtracking Armijo line search. Small, dense problems only (a few dozen
 * parameters), which is what ARIMA estimation needs.
 */
export type BfgsOptions = {
  maxIterations?: number;
  relativeTolerance?: number;
  gradientStep?: number;
};

export type BfgsResult = { x: number[]; value: number; iterations: number; converged: boolean };

export function minimizeBfgs(objective: (x: readonly number[]) => number, start: readonly number[], options: BfgsOptions = {}): BfgsResult {
  const maxIterations = options.maxIterations ?? 100;
  const reltol = options.relativeTolerance ?? 1e-8;
  const hStep = options.gradientStep ?? 1e-4;
  const n = start.length;
  let x = start.slice();
  let fx = objective(x);
  if (n === 0 || !Number.isFinite(fx)) return { x, value: fx, iterations: 0, converged: Number.isFinite(fx) };

  const gradient = (point: number[]): number[] => {
    const g = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const orig = point[i]!;
      point[i] = orig + hStep;
      const up = objective(point);
      point[i] = orig - hStep;
      const down = objective(point);
      point[i] = orig;
      g[i] = Number.isFinite(up) && Number.isFinite(down) ? (up - down) / (2 * hStep) : 0;
    }
    return g;
  };

  let h: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  let g = gradient(x);
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations; iterations++) {
    const dir = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s -= h[i]![j]! * g[j]!;
      dir[i] = s;
    }
    let slope = 0;
    for (let i = 0; i < n; i++) slope += dir[i]! * g[i]!;
    if (slope >= 0) {
      // Not a descent direction: restart from steepest descent.
      h = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
      for (let i = 0; i < n; i++) dir[i] = -g[i]!;
      slope = -g.reduce((s, v) => s + v * v, 0);
      if (slope === 0) {
        converged = true;
        break;
      }
    }
    let step = 1;
    let xNew = x;
    let fNew = fx;
    let accepted = false;
    for (let tries = 0; tries < 30; tries++) {
      xNew = x.map((v, i) => v + step * dir[i]!);
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
    const gNew = gradient(xNew);
    const s = xNew.map((v, i) => v - x[i]!);
    const y = gNew.map((v, i) => v - g[i]!);
    const done = Math.abs(fx - fNew) <= reltol * (Math.abs(fx) + reltol);
    x = xNew;
    const fOld = fx;
    fx = fNew;
    g = gNew;
    if (done && fOld - fNew >= 0) {
      converged = true;
      iterations++;
      break;
    }
    let sy = 0;
    for (let i = 0; i < n; i++) sy += s[i]! * y[i]!;
    if (sy > 1e-12) {
      const hy = new Array<number>(n).fill(0);
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let j = 0; j < n; j++) acc += h[i]![j]! * y[j]!;
        hy[i] = acc;
      }
      let yhy = 0;
      for (let i = 0; i < n; i++) yhy += y[i]! * hy[i]!;
      const rho = 1 / sy;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          h[i]![j] = h[i]![j]! + rho * ((1 + rho * yhy) * s[i]! * s[j]! - hy[i]! * s[j]! - s[i]! * hy[j]!);
        }
      }
    }
  }
  return { x, value: fx, iterations, converged };
}
