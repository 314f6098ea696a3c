/**
 * Likelihoods of a zero-mean ARMA(p, q) model w_t = sum phi_i w_{t-i} + e_t + sum theta_j e_{t-j}.
 *
 * - Conditional sum of squares (CSS): residuals by recursion with the first `conditioning` values
 *   taken as given and earlier shocks set to zero (Box, Jenkins & Reinsel 2008, §7.1).
 * - Exact Gaussian likelihood by the Kalman filter on the state-space form of Harvey (1989) used by
 *   R's arima: state dimension r = max(p, q + 1), T = [phi | I; 0], R = (1, theta), Z = (1, 0, …),
 *   initial covariance the stationary solution of P = T P T' + R R' (from the autocovariances).
 *   Once the prediction variance has converged to sigma^2 the filter switches to the innovations
 *   recursion, as R does (Gardner, Harvey & Phillips 1980).
 */

export type CssResult = { sumOfSquares: number; count: number; residuals: Float64Array };

export function computeCss(w: ArrayLike<number>, phi: readonly number[], theta: readonly number[], conditioning: number): CssResult {
  const n = w.length;
  const p = phi.length;
  const q = theta.length;
  const e = new Float64Array(n);
  let ssq = 0;
  let count = 0;
  for (let t = conditioning; t < n; t++) {
    let v = w[t]!;
    for (let i = 0; i < p; i++) {
      const idx = t - i - 1;
      if (idx < 0) break;
      v -= phi[i]! * w[idx]!;
    }
    for (let j = 0; j < q; j++) {
      const idx = t - j - 1;
      if (idx < conditioning) break;
      v -= theta[j]! * e[idx]!;
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
  /** One-step prediction errors (innovations) w_t - E[w_t | past]. */
  innovations: Float64Array;
  /** Filtered state a_{n|n} after the last observation. */
  finalState: Float64Array;
};

/**
 * Autocovariances gamma(0..maxLag) of a causal ARMA with unit innovation variance: solves the
 * (p+1)-equation system gamma(k) - sum phi_j gamma(|k-j|) = sum_{j>=k} theta_j psi_{j-k}, then
 * recurses (Brockwell & Davis 1991, §3.3, method 2). Undefined when not stationary.
 */
export function computeArmaAutocovariances(phi: readonly number[], theta: readonly number[], maxLag: number): { gamma: Float64Array; psi: Float64Array } | undefined {
  const p = phi.length;
  const q = theta.length;
  const nPsi = Math.max(q, maxLag) + 1;
  const psi = new Float64Array(nPsi);
  psi[0] = 1;
  for (let j = 1; j < nPsi; j++) {
    let v = j <= q ? theta[j - 1]! : 0;
    for (let i = 1; i <= Math.min(j, p); i++) v += phi[i - 1]! * psi[j - i]!;
    psi[j] = v;
  }
  const rhs = (k: number): number => {
    let v = 0;
    for (let j = k; j <= q; j++) v += (j === 0 ? 1 : theta[j - 1]!) * psi[j - k]!;
    return v;
  };
  const gamma = new Float64Array(Math.max(maxLag, p) + 1);
  const size = p + 1;
  const a = new Float64Array(size * size);
  const b = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    a[k * size + k] = a[k * size + k]! + 1;
    for (let j = 1; j <= p; j++) {
      const idx = Math.abs(k - j);
      a[k * size + idx] = a[k * size + idx]! - phi[j - 1]!;
    }
    b[k] = rhs(k);
  }
  // Gaussian elimination with partial pivoting.
  for (let c = 0; c < size; c++) {
    let piv = c;
    for (let r = c + 1; r < size; r++) if (Math.abs(a[r * size + c]!) > Math.abs(a[piv * size + c]!)) piv = r;
    if (!(Math.abs(a[piv * size + c]!) > 1e-12)) return undefined;
    if (piv !== c) {
      for (let k = 0; k < size; k++) {
        const t = a[c * size + k]!;
        a[c * size + k] = a[piv * size + k]!;
        a[piv * size + k] = t;
      }
      const t = b[c]!;
      b[c] = b[piv]!;
      b[piv] = t;
    }
    const d = a[c * size + c]!;
    for (let r = c + 1; r < size; r++) {
      const f = a[r * size + c]! / d;
      if (f === 0) continue;
      for (let k = c; k < size; k++) a[r * size + k] = a[r * size + k]! - f * a[c * size + k]!;
      b[r] = b[r]! - f * b[c]!;
    }
  }
  for (let r = size - 1; r >= 0; r--) {
    let v = b[r]!;
    for (let k = r + 1; k < size; k++) v -= a[r * size + k]! * gamma[k]!;
    gamma[r] = v / a[r * size + r]!;
  }
  for (let k = size; k < gamma.length; k++) {
    let v = k <= q ? rhs(k) : 0;
    for (let j = 1; j <= p; j++) v += phi[j - 1]! * gamma[k - j]!;
    gamma[k] = v;
  }
  if (!(gamma[0]! > 0) || !Number.isFinite(gamma[0]!)) return undefined;
  return { gamma, psi };
}

/**
 * Stationary covariance P of the state (P = T P T' + R R', unit innovation variance) in O(p^3 + r^2):
 * the first row from autocovariances, P[0][l] = sum_j (phi_{l+j+1} gamma(j+1) + R_{l+j} psi_j), then
 * P[i][l] = phi_{i+1} phi_{l+1} gamma(0) + phi_{i+1} P[0][l+1] + phi_{l+1} P[0][i+1] + P[i+1][l+1] + R_i R_l
 * backwards from the last row (the Lyapunov equation read element by element).
 */
export function computeStationaryCovariance(phi: readonly number[], theta: readonly number[], r: number): Float64Array | undefined {
  const acv = computeArmaAutocovariances(phi, theta, r);
  if (acv === undefined) return undefined;
  const { gamma, psi } = acv;
  const ph = new Float64Array(r + 1);
  for (let i = 0; i < phi.length; i++) ph[i] = phi[i]!;
  const R = new Float64Array(r + 1);
  R[0] = 1;
  for (let j = 0; j < theta.length; j++) R[j + 1] = theta[j]!;
  const size = r + 1;
  const P = new Float64Array(size * size);
  P[0] = gamma[0]!;
  for (let l = 1; l < r; l++) {
    let v = 0;
    for (let j = 0; j <= r - 1 - l; j++) v += ph[l + j]! * gamma[j + 1]! + R[l + j]! * psi[j]!;
    P[l] = v;
    P[l * size] = v;
  }
  for (let i = r - 1; i >= 1; i--) {
    for (let l = r - 1; l >= i; l--) {
      const v = ph[i]! * ph[l]! * gamma[0]! + ph[i]! * P[l + 1]! + ph[l]! * P[i + 1]! + P[(i + 1) * size + l + 1]! + R[i]! * R[l]!;
      P[i * size + l] = v;
      P[l * size + i] = v;
    }
  }
  const out = new Float64Array(r * r);
  for (let i = 0; i < r; i++) for (let l = 0; l < r; l++) out[i * r + l] = P[i * size + l]!;
  return out;
}

export function filterArmaExact(w: ArrayLike<number>, phi: readonly number[], theta: readonly number[]): KalmanResult | undefined {
  const n = w.length;
  const p = phi.length;
  const q = theta.length;
  const r = Math.max(p, q + 1);
  // Padded to r + 1 so index r reads as zero (the state has no element r).
  const ph = new Float64Array(r + 1);
  for (let i = 0; i < p; i++) ph[i] = phi[i]!;
  const R = new Float64Array(r + 1);
  R[0] = 1;
  for (let j = 0; j < q; j++) R[j + 1] = theta[j]!;
  const P0 = computeStationaryCovariance(phi, theta, r);
  if (P0 === undefined) return undefined;
  const size = r + 1;
  // P and Pnew are (r+1) x (r+1) with a zero last row and column.
  const P = new Float64Array(size * size);
  const Pnew = new Float64Array(size * size);
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) Pnew[i * size + j] = P0[i * r + j]!;
  const a = new Float64Array(size);
  const anew = new Float64Array(size);
  const innovations = new Float64Array(n);
  let ssq = 0;
  let sumLog = 0;
  let count = 0;
  let steady = false;
  for (let t = 0; t < n; t++) {
    for (let i = 0; i < r; i++) anew[i] = ph[i]! * a[0]! + a[i + 1]!;
    if (steady) {
      const resid = w[t]! - anew[0]!;
      innovations[t] = resid;
      for (let i = 0; i < r; i++) a[i] = anew[i]! + R[i]! * resid;
      ssq += resid * resid;
      count++;
      continue;
    }
    if (t > 0) {
      // Pnew = T P T' + R R', element by element (upper triangle, mirrored).
      const p00 = P[0]!;
      for (let i = 0; i < r; i++) {
        const phi_i = ph[i]!;
        const pi10 = P[(i + 1) * size]!;
        const rowNext = (i + 1) * size;
        for (let j = i; j < r; j++) {
          const v = phi_i * ph[j]! * p00 + phi_i * P[j + 1]! + ph[j]! * pi10 + P[rowNext + j + 1]! + R[i]! * R[j]!;
          Pnew[i * size + j] = v;
          Pnew[j * size + i] = v;
        }
      }
    }
    const F = Pnew[0]!;
    if (!(F > 0) || !Number.isFinite(F)) return undefined;
    const resid = w[t]! - anew[0]!;
    innovations[t] = resid;
    ssq += (resid * resid) / F;
    sumLog += Math.log(F);
    count++;
    const scale = resid / F;
    for (let i = 0; i < r; i++) a[i] = anew[i]! + Pnew[i]! * scale;
    for (let i = 0; i < r; i++) {
      const ki = Pnew[i]! / F;
      for (let j = i; j < r; j++) {
        const v = Pnew[i * size + j]! - ki * Pnew[j]!;
        P[i * size + j] = v;
        P[j * size + i] = v;
      }
    }
    if (Math.abs(F - 1) < 1e-9 && t > r) steady = true;
  }
  return { sumOfSquares: ssq, sumLogVariance: sumLog, count, innovations, finalState: a.slice(0, r) };
}
