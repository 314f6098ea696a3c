import type { EtsParameters, EtsSpec } from './ets-state-space';

/** What solveLinearSeedState writes: the least-squares seed state (season: length m, phase 0 first). */
export type LinearSeedResult = { level: number; slope: number; season: Float64Array };

export type LinearSeedWorkspace = {
  readonly spec: EtsSpec;
  readonly m: number;
  /** Free seed coordinates: l_0, [b_0], [s_1..s_{m−1}]. */
  readonly k: number;
  /** Error sequences of the runs: data from a zero seed, unit level, unit slope, unit season at phase 0. */
  data: Float64Array;
  level: Float64Array;
  slope: Float64Array;
  season: Float64Array;
  seasonState: Float64Array;
  gram: Float64Array;
  rhs: Float64Array;
  cholesky: Float64Array;
  solution: Float64Array;
};

export function isLinearEts(spec: EtsSpec): boolean {
  return spec.error === 'A' && spec.season !== 'M';
}

export function createLinearSeedWorkspace(spec: EtsSpec, m: number, n: number): LinearSeedWorkspace {
  const seasonal = spec.season === 'A';
  const k = 1 + (spec.trend !== 'N' ? 1 : 0) + (seasonal ? m - 1 : 0);
  return {
    spec,
    m: seasonal ? m : 1,
    k,
    data: new Float64Array(n),
    level: new Float64Array(n),
    slope: new Float64Array(spec.trend !== 'N' ? n : 0),
    season: new Float64Array(seasonal ? n : 0),
    seasonState: new Float64Array(seasonal ? m : 1),
    gram: new Float64Array(k * k),
    rhs: new Float64Array(k),
    cholesky: new Float64Array(k * k),
    solution: new Float64Array(k),
  };
}

/**
 * One-step errors of the linear filter from a seed (level, slope, season[phase 0] = seasonSeed)
 * on `y` (or on y ≡ 0 when `y` is null), written to `errors`.
 */
function linearErrors(y: Float64Array | null, n: number, work: LinearSeedWorkspace, p: EtsParameters, level: number, slope: number, seasonSeed: number, errors: Float64Array): void {
  const { spec, m, seasonState } = work;
  const hasTrend = spec.trend !== 'N';
  const seasonal = spec.season === 'A';
  const phi = !hasTrend ? 0 : spec.trend === 'Ad' ? p.phi : 1;
  const beta = hasTrend ? p.beta : 0;
  const { alpha, gamma } = p;
  seasonState.fill(0);
  seasonState[0] = seasonSeed;
  let phase = 0;
  for (let t = 0; t < n; t++) {
    const seasonValue = seasonal ? seasonState[phase]! : 0;
    const phib = phi * slope;
    const q = level + phib;
    const e = (y === null ? 0 : y[t]!) - q - seasonValue;
    errors[t] = e;
    level = q + alpha * e;
    slope = phib + beta * e;
    if (seasonal) {
      seasonState[phase] = seasonValue + gamma * e;
      if (++phase === m) phase = 0;
    }
  }
}

/** Σ_{v=0}^{n−1−lag} x_{v+lag}·r_v (x seen `lag` steps after r). */
function laggedProduct(x: Float64Array, r: Float64Array, n: number, lag: number): number {
  let sum = 0;
  for (let v = 0; v + lag < n; v++) sum += x[v + lag]! * r[v]!;
  return sum;
}

/**
 * Writes the least-squares seed and its Σe² into `result`; false when the normal equations are
 * singular.
 *
 * In the linear innovations state-space models x_t = D·x_{t−1} + g·y_t with D = F − g·w'
 * (Hyndman, Koehler, Ord & Snyder 2008, "Forecasting with Exponential Smoothing", ch. 3 and 5),
 * the one-step errors are affine in the seed state x_0:
 *   e_t = e⁰_t + Σ_j x_{0,j} · e^{(j)}_t,
 * where e⁰ is the filter run from x_0 = 0 on the data and e^{(j)} the run from the j-th unit
 * seed on y ≡ 0. So Σ e_t² is a quadratic in x_0, minimised by ordinary least squares; the
 * Gaussian likelihood n·log Σe² is then "concentrated" on the smoothing parameters alone and the
 * optimiser searches 2–4 dimensions instead of 2 + m + 2 (for each parameter value the seed is
 * the exact optimum, so the joint optimum is reached from fewer, cheaper directions).
 *
 * Free seed coordinates, in this order: l_0, [b_0], [s_1..s_{m−1}] with s_0 = −Σ s_k (the same
 * normalisation as the joint optimisation). On y ≡ 0 a unit seasonal seed at phase s does nothing
 * until t = s and then behaves as the phase-0 seed did from t = 0, so its errors are r_{t−s}
 * (r: the phase-0 run); all seasonal columns are shifts of one run, and the normal equations
 * need 4 filter passes and about 4·m·n products instead of m + 2 passes and m²·n/2 products.
 */
export function solveLinearSeedState(y: Float64Array, p: EtsParameters, work: LinearSeedWorkspace, result: LinearSeedResult): boolean {
  const { spec, m, k, data, level, slope, season, gram, rhs, cholesky: chol, solution } = work;
  const n = y.length;
  const hasTrend = spec.trend !== 'N';
  const seasonal = spec.season === 'A';
  linearErrors(y, n, work, p, 0, 0, 0, data);
  linearErrors(null, n, work, p, 1, 0, 0, level);
  if (hasTrend) linearErrors(null, n, work, p, 0, 1, 0, slope);
  if (seasonal) linearErrors(null, n, work, p, 0, 0, 1, season);
  // Columns: level, [slope], seasonal s = 1..m−1 (errors r_{t−s} − r_t).
  const plain: Float64Array[] = hasTrend ? [level, slope] : [level];
  const c = plain.length;
  // Cross products of the plain columns and the data with the shifted seasonal run.
  const lagged = (x: Float64Array, s: number): number => laggedProduct(x, season, n, s);
  for (let i = 0; i < c; i++) {
    for (let j = i; j < c; j++) gram[i * k + j] = laggedProduct(plain[i]!, plain[j]!, n, 0);
    rhs[i] = -laggedProduct(data, plain[i]!, n, 0);
  }
  if (seasonal) {
    // auto[d] = Σ_{v=0}^{n−1−d} r_v r_{v+d}; ⟨R_s, R_u⟩ (s ≤ u) = auto[u−s] minus its last s terms.
    const auto = new Float64Array(m);
    for (let d = 0; d < m; d++) auto[d] = laggedProduct(season, season, n, d);
    const shifted = (s: number, u: number): number => {
      if (s > u) return shifted(u, s);
      const d = u - s;
      let value = auto[d]!;
      for (let v = Math.max(0, n - u); v + d < n; v++) value -= season[v]! * season[v + d]!;
      return value;
    };
    const dataWith = new Float64Array(m);
    for (let s = 0; s < m; s++) dataWith[s] = lagged(data, s);
    for (let i = 0; i < c; i++) {
      const plainWith = new Float64Array(m);
      for (let s = 0; s < m; s++) plainWith[s] = lagged(plain[i]!, s);
      for (let s = 1; s < m; s++) gram[i * k + c + s - 1] = plainWith[s]! - plainWith[0]!;
    }
    for (let s = 1; s < m; s++) {
      rhs[c + s - 1] = -(dataWith[s]! - dataWith[0]!);
      for (let u = s; u < m; u++) gram[(c + s - 1) * k + c + u - 1] = shifted(s, u) - shifted(s, 0) - shifted(0, u) + shifted(0, 0);
    }
  }
  // Cholesky of the (upper-triangle) Gram matrix, then R'z = rhs and R·x = z.
  for (let j = 0; j < k; j++) {
    let diagonal = gram[j * k + j]!;
    for (let i = 0; i < j; i++) diagonal -= chol[i * k + j]! * chol[i * k + j]!;
    if (!(diagonal > 1e-12 * Math.max(1e-300, gram[j * k + j]!))) return false;
    const root = Math.sqrt(diagonal);
    chol[j * k + j] = root;
    for (let col = j + 1; col < k; col++) {
      let value = gram[j * k + col]!;
      for (let i = 0; i < j; i++) value -= chol[i * k + j]! * chol[i * k + col]!;
      chol[j * k + col] = value / root;
    }
  }
  for (let j = 0; j < k; j++) {
    let value = rhs[j]!;
    for (let i = 0; i < j; i++) value -= chol[i * k + j]! * solution[i]!;
    solution[j] = value / chol[j * k + j]!;
  }
  for (let j = k - 1; j >= 0; j--) {
    let value = solution[j]!;
    for (let col = j + 1; col < k; col++) value -= chol[j * k + col]! * solution[col]!;
    solution[j] = value / chol[j * k + j]!;
  }
  if (!solution.every(Number.isFinite)) return false;
  let index = 0;
  result.level = solution[index++]!;
  result.slope = hasTrend ? solution[index++]! : 0;
  if (seasonal) {
    let sum = 0;
    for (let s = 1; s < m; s++) {
      result.season[s] = solution[index++]!;
      sum += result.season[s]!;
    }
    result.season[0] = -sum;
  }
  return true;
}
