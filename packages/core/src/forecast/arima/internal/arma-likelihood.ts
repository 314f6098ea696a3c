/**
 * Likelihoods of a zero-mean ARMA(p, q) model w_t = sum phi_i w_{t-i} + e_t + sum theta_j e_{t-j}.
 *
 * - Conditional sum of squares (CSS): residuals by recursion with the first `conditioning` values
 *   taken as given and earlier shocks set to zero (Box, Jenkins & Reinsel 2008, §7.1).
 * - Exact Gaussian likelihood by the Kalman filter on the state-space form of Harvey (1989) used by
 *   R's arima: state dimension r = max(p, q + 1), T = [phi | I; 0], R = (1, theta), Z = (1, 0, …),
 *   initial covariance the stationary solution of P = T P T' + R R' (from the autocovariances),
 *   run with the Chandrasekhar recursions in O(n r) (see filterArmaExact). Once the prediction
 *   variance has converged to sigma^2 the filter switches to the innovations recursion, as R does
 *   (Gardner, Harvey & Phillips 1980).
 */

export type CssResult = { sumOfSquares: number; count: number; residuals: Float64Array };

/** `residualsOut` (length >= n, zero before `conditioning`) is reused when given instead of allocating. */
export function computeCss(w: ArrayLike<number>, phi: ArrayLike<number>, theta: ArrayLike<number>, conditioning: number, residualsOut?: Float64Array): CssResult {
  const n = w.length;
  const e = residualsOut ?? new Float64Array(n);
  // Only the non-zero coefficients are visited (seasonal polynomials are mostly zeros).
  const nAr = fillNonZeroLags(phi, 'arLags');
  const nMa = fillNonZeroLags(theta, 'maLags');
  const arLags = scratch.arLags;
  const maLags = scratch.maLags;
  let ssq = 0;
  let count = 0;
  for (let t = conditioning; t < n; t++) {
    let v = w[t]!;
    for (let s = 0; s < nAr; s++) {
      const lag = arLags[s]!;
      if (t - lag < 0) break;
      v -= phi[lag - 1]! * w[t - lag]!;
    }
    for (let s = 0; s < nMa; s++) {
      const lag = maLags[s]!;
      if (t - lag < conditioning) break;
      v -= theta[lag - 1]! * e[t - lag]!;
    }
    e[t] = v;
    if (Number.isFinite(v)) {
      ssq += v * v;
      count++;
    }
  }
  return { sumOfSquares: ssq, count, residuals: e };
}

export type KalmanResult = {
  sumOfSquares: number;
  sumLogVariance: number;
  count: number;
  /** One-step prediction errors (innovations) w_t - E[w_t | past]; empty when not kept. */
  innovations: Float64Array;
  /** Filtered state a_{n|n} after the last observation; empty when the innovations are not kept. */
  finalState: Float64Array;
};

/**
 * Grow-only scratch buffers for the exact likelihood, which an ARIMA fit evaluates thousands of
 * times: reusing them avoids most allocation (the functions are synchronous and not re-entrant;
 * each worker thread has its own module instance).
 */
const scratch: Record<'matrix' | 'rhs' | 'gamma' | 'gammaU' | 'psi' | 'ph' | 'R' | 'c' | 'W' | 'a', Float64Array> & Record<'lags' | 'arLags' | 'maLags', Int32Array> = {
  matrix: new Float64Array(64),
  rhs: new Float64Array(8),
  gamma: new Float64Array(32),
  gammaU: new Float64Array(64),
  lags: new Int32Array(32),
  arLags: new Int32Array(32),
  maLags: new Int32Array(32),
  psi: new Float64Array(32),
  // Filter vectors of length r + 1 (index r reads as zero: the state has no element r).
  ph: new Float64Array(32),
  R: new Float64Array(32),
  c: new Float64Array(32),
  W: new Float64Array(32),
  a: new Float64Array(32),
};

const EMPTY = new Float64Array(0);

/** Writes the lags (1-based, increasing) of the non-zero coefficients into scratch[key]; returns their count. */
function fillNonZeroLags(coefficients: ArrayLike<number>, key: 'lags' | 'arLags' | 'maLags'): number {
  if (scratch[key].length < coefficients.length) scratch[key] = new Int32Array(2 * coefficients.length);
  const lags = scratch[key];
  let count = 0;
  for (let i = 1; i <= coefficients.length; i++) if (coefficients[i - 1] !== 0) lags[count++] = i;
  return count;
}

function grown(buffer: Float64Array, size: number): Float64Array {
  return buffer.length >= size ? buffer : new Float64Array(Math.max(size, 2 * buffer.length));
}

function zeroed(name: 'ph' | 'R' | 'c' | 'W' | 'a', size: number): Float64Array {
  const buffer = (scratch[name] = grown(scratch[name], size));
  buffer.fill(0, 0, size);
  return buffer;
}

/**
 * Autocovariances gamma(0..maxLag) of a causal ARMA with unit innovation variance, and its psi
 * weights, in O(p^2 + (maxLag + p) q): the AR part u (phi(B) u = e) by the step-down (inverse
 * Durbin–Levinson) recursion, which gives the partial autocorrelations kappa_k, gamma_u(0) =
 * 1 / prod(1 - kappa_k^2) and the order-k predictors, then gamma_u(k) = sum_j phi_{k,j} gamma_u(k-j)
 * (Yule–Walker at each order, Box, Jenkins & Reinsel 2008 §3.2); the ARMA x = theta(B) u then has
 * gamma(k) = sum_l g(l) gamma_u(k - l) with g(l) = sum_j theta_j theta_{j+l} (Brockwell & Davis
 * 1991, §3.3). Undefined when not stationary (some |kappa_k| >= 1).
 */
export function computeArmaAutocovariances(phi: ArrayLike<number>, theta: ArrayLike<number>, maxLag: number): { gamma: Float64Array; psi: Float64Array } | undefined {
  const sizes = fillArmaAutocovariances(phi, theta, maxLag);
  return sizes === undefined ? undefined : { gamma: scratch.gamma.slice(0, sizes.gamma), psi: scratch.psi.slice(0, sizes.psi) };
}

/** computeArmaAutocovariances into scratch.gamma / scratch.psi; returns their lengths. */
function fillArmaAutocovariances(phi: ArrayLike<number>, theta: ArrayLike<number>, maxLag: number): { gamma: number; psi: number } | undefined {
  const p = phi.length;
  const q = theta.length;
  // Lags of the non-zero AR coefficients (seasonal models are sparse: e.g. 1, 12, 13 of 13).
  const nLags = fillNonZeroLags(phi, 'lags');
  const lags = scratch.lags;
  const nPsi = Math.max(q, maxLag) + 1;
  const psi = (scratch.psi = grown(scratch.psi, nPsi));
  psi[0] = 1;
  for (let j = 1; j < nPsi; j++) {
    let v = j <= q ? theta[j - 1]! : 0;
    for (let s = 0; s < nLags && lags[s]! <= j; s++) v += phi[lags[s]! - 1]! * psi[j - lags[s]!]!;
    psi[j] = v;
  }
  // Step-down: row k of `pred` holds the order-k predictor coefficients phi_{k,1..k}.
  const size = p + 1;
  const pred = (scratch.matrix = grown(scratch.matrix, size * size));
  for (let j = 1; j <= p; j++) pred[p * size + j] = phi[j - 1]!;
  let variance = 1;
  for (let k = p; k >= 1; k--) {
    const kappa = pred[k * size + k]!;
    if (!(Math.abs(kappa) < 1)) return undefined;
    const denom = 1 - kappa * kappa;
    variance /= denom;
    for (let j = 1; j < k; j++) pred[(k - 1) * size + j] = (pred[k * size + j]! + kappa * pred[k * size + k - j]!) / denom;
  }
  const nGamma = Math.max(maxLag, p) + 1;
  const nU = nGamma + q;
  const gu = (scratch.gammaU = grown(scratch.gammaU, nU));
  gu[0] = variance;
  for (let k = 1; k < nU; k++) {
    let v = 0;
    if (k <= p) for (let j = 1; j <= k; j++) v += pred[k * size + j]! * gu[k - j]!;
    else for (let s = 0; s < nLags; s++) v += phi[lags[s]! - 1]! * gu[k - lags[s]!]!;
    gu[k] = v;
  }
  // g(l) = sum_j theta_j theta_{j+l}, theta_0 = 1; only the non-zero lags are kept.
  const g = (scratch.rhs = grown(scratch.rhs, 2 * (q + 1)));
  let nonZero = 0;
  for (let l = 0; l <= q; l++) {
    let v = l === 0 ? 1 : theta[l - 1]!;
    for (let j = 1; j + l <= q; j++) v += theta[j - 1]! * theta[j + l - 1]!;
    if (v !== 0) {
      g[2 * nonZero] = l;
      g[2 * nonZero + 1] = v;
      nonZero++;
    }
  }
  const gamma = (scratch.gamma = grown(scratch.gamma, nGamma));
  for (let k = 0; k < nGamma; k++) {
    let v = 0;
    for (let i = 0; i < nonZero; i++) {
      const l = g[2 * i]!;
      const gl = g[2 * i + 1]!;
      v += l === 0 ? gl * gu[k]! : gl * (gu[Math.abs(k - l)]! + gu[k + l]!);
    }
    gamma[k] = v;
  }
  if (!(gamma[0]! > 0) || !Number.isFinite(gamma[0]!)) return undefined;
  return { gamma: nGamma, psi: nPsi };
}

/**
 * First row (= first column) of the stationary state covariance P (P = T P T' + R R', unit
 * innovation variance): P[0][0] = gamma(0) and P[0][l] = sum_j (phi_{l+j+1} gamma(j+1) + R_{l+j} psi_j),
 * written into row[0..r-1]. False when not stationary.
 */
function fillStationaryFirstRow(row: Float64Array, phi: ArrayLike<number>, theta: ArrayLike<number>, r: number): boolean {
  if (fillArmaAutocovariances(phi, theta, r) === undefined) return false;
  const { gamma, psi } = scratch;
  const p = phi.length;
  const q = theta.length;
  row[0] = gamma[0]!;
  for (let l = 1; l < r; l++) {
    let v = 0;
    // phi_{l+j} is zero beyond p, R_{l+j} (theta_{l+j}) beyond q.
    for (let j = 0; j <= Math.min(r - 1 - l, p - 1 - l); j++) v += phi[l + j]! * gamma[j + 1]!;
    for (let j = 0; j <= Math.min(r - 1 - l, q - l); j++) v += theta[l + j - 1]! * psi[j]!;
    row[l] = v;
  }
  return true;
}

/**
 * Stationary covariance P of the state (P = T P T' + R R', unit innovation variance) in O(p^3 + r^2):
 * the first row from autocovariances (fillStationaryFirstRow), then
 * P[i][l] = phi_{i+1} phi_{l+1} gamma(0) + phi_{i+1} P[0][l+1] + phi_{l+1} P[0][i+1] + P[i+1][l+1] + R_i R_l
 * backwards from the last row (the Lyapunov equation read element by element).
 */
export function computeStationaryCovariance(phi: readonly number[], theta: readonly number[], r: number): Float64Array | undefined {
  const first = new Float64Array(r + 1);
  if (!fillStationaryFirstRow(first, phi, theta, r)) return undefined;
  const ph = new Float64Array(r + 1);
  for (let i = 0; i < phi.length; i++) ph[i] = phi[i]!;
  const R = new Float64Array(r + 1);
  R[0] = 1;
  for (let j = 0; j < theta.length; j++) R[j + 1] = theta[j]!;
  const size = r + 1;
  const P = new Float64Array(size * size);
  for (let l = 0; l < r; l++) {
    P[l] = first[l]!;
    P[l * size] = first[l]!;
  }
  const gamma0 = first[0]!;
  for (let i = r - 1; i >= 1; i--) {
    for (let l = r - 1; l >= i; l--) {
      const v = ph[i]! * ph[l]! * gamma0 + ph[i]! * P[l + 1]! + ph[l]! * P[i + 1]! + P[(i + 1) * size + l + 1]! + R[i]! * R[l]!;
      P[i * size + l] = v;
      P[l * size + i] = v;
    }
  }
  const out = new Float64Array(r * r);
  for (let i = 0; i < r; i++) for (let l = 0; l < r; l++) out[i * r + l] = P[i * size + l]!;
  return out;
}

/**
 * Exact Gaussian likelihood terms of a zero-mean ARMA by the Kalman filter, in O(n r) instead of
 * O(n r^2): Chandrasekhar recursions (Morf, Sidhu & Kailath 1974; Harvey 1989 §3.3.4). With the
 * stationary initial covariance P0 = T P0 T' + R R', the change of the predicted covariance from one
 * step to the next has rank one, ΔΣ_t = M_t W_t W_t', so only the first column c_t = Σ_t Z' (whose
 * first element is the prediction variance F_t), the vector W_t and the scalar M_t are carried:
 *   c_{t+1} = c_t + M_t W_t (Z W_t),  M_{t+1} = M_t F_{t+1} / F_t,  W_{t+1} = T (W_t − c_{t+1} (Z W_t) / F_{t+1}),
 * from c_0 = P0 Z', W_0 = T c_0, M_0 = −1 / F_0. The filtered state, innovations and likelihood are
 * those of the ordinary filter (checked against it in the tests). Once the prediction variance has
 * converged to sigma^2 the filter switches to the innovations recursion, as R does.
 */
export function filterArmaExact(w: ArrayLike<number>, phi: ArrayLike<number>, theta: ArrayLike<number>, keepInnovations = true): KalmanResult | undefined {
  const n = w.length;
  const p = phi.length;
  const q = theta.length;
  const r = Math.max(p, q + 1);
  const size = r + 1;
  const ph = zeroed('ph', size);
  const R = zeroed('R', size);
  const c = zeroed('c', size);
  const W = zeroed('W', size);
  const a = zeroed('a', size);
  for (let i = 0; i < p; i++) ph[i] = phi[i]!;
  R[0] = 1;
  for (let j = 0; j < q; j++) R[j + 1] = theta[j]!;
  if (!fillStationaryFirstRow(c, phi, theta, r)) return undefined;
  for (let i = 0; i < r; i++) W[i] = ph[i]! * c[0]! + c[i + 1]!;
  let M = -1 / c[0]!;
  const innovations = keepInnovations ? new Float64Array(n) : EMPTY;
  let ssq = 0;
  let sumLog = 0;
  let product = 1;
  let count = 0;
  let steady = false;
  for (let t = 0; t < n; t++) {
    // Prediction T a and update in one pass: a_i <- phi_i a_0 + a_{i+1} + gain_i * resid (a_{i+1} not yet overwritten).
    const a0 = a[0]!;
    const resid = w[t]! - (ph[0]! * a0 + a[1]!);
    if (keepInnovations) innovations[t] = resid;
    if (steady) {
      for (let i = 0; i < r; i++) a[i] = ph[i]! * a0 + a[i + 1]! + R[i]! * resid;
      ssq += resid * resid;
      count++;
      continue;
    }
    const F = c[0]!;
    if (!(F > 0) || !Number.isFinite(F)) return undefined;
    const scale = resid / F;
    ssq += resid * scale;
    // sum log F_t kept as a running product, logged only when it leaves [1e-100, 1e100].
    product *= F;
    if (product > 1e100 || product < 1e-100) {
      sumLog += Math.log(product);
      product = 1;
    }
    count++;
    for (let i = 0; i < r; i++) a[i] = ph[i]! * a0 + a[i + 1]! + c[i]! * scale;
    if (Math.abs(F - 1) < 1e-9 && t > r) {
      steady = true;
      continue;
    }
    // Covariance step: c += M W (Z W); then W = T (W - c (Z W) / F_next), whose first element is 0.
    const zw = W[0]!;
    const mzw = M * zw;
    const Fnext = F + zw * mzw;
    c[0] = Fnext;
    M = (M * Fnext) / F;
    const k = zw / Fnext;
    for (let i = 0; i < r; i++) {
      const ci = c[i + 1]! + W[i + 1]! * mzw;
      c[i + 1] = ci;
      W[i] = W[i + 1]! - ci * k;
    }
  }
  sumLog += Math.log(product);
  return { sumOfSquares: ssq, sumLogVariance: sumLog, count, innovations, finalState: keepInnovations ? a.slice(0, r) : EMPTY };
}
