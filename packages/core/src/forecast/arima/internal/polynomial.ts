/**
 * Polynomial helpers for lag polynomials written as coefficient arrays c[0] + c[1] B + c[2] B^2 …
 */

/** Product of two lag polynomials. */
export function multiplyPolynomials(left: readonly number[], right: readonly number[]): number[] {
  const out = new Array<number>(left.length + right.length - 1).fill(0);
  for (let i = 0; i < left.length; i++) {
    const li = left[i]!;
    if (li === 0) continue;
    for (let j = 0; j < right.length; j++) out[i + j]! += li * right[j]!;
  }
  return out;
}

/**
 * AR-style coefficients phi (for 1 - phi_1 B - … - phi_p B^p) of the product of a non-seasonal part
 * and a seasonal part in B^m: (1 - sum a_i B^i)(1 - sum s_j B^{jm}) -> phi of length p + mP.
 */
export function expandSeasonalAr(nonSeasonal: readonly number[], seasonal: readonly number[], seasonLength: number): number[] {
  const left = [1, ...nonSeasonal.map((v) => -v)];
  const right = new Array<number>(seasonal.length * seasonLength + 1).fill(0);
  right[0] = 1;
  seasonal.forEach((v, j) => {
    right[(j + 1) * seasonLength] = -v;
  });
  const product = multiplyPolynomials(left, right);
  return product.slice(1).map((v) => -v);
}

/** MA-style coefficients theta (for 1 + theta_1 B + …) of (1 + sum a_i B^i)(1 + sum s_j B^{jm}). */
export function expandSeasonalMa(nonSeasonal: readonly number[], seasonal: readonly number[], seasonLength: number): number[] {
  const left = [1, ...nonSeasonal];
  const right = new Array<number>(seasonal.length * seasonLength + 1).fill(0);
  right[0] = 1;
  seasonal.forEach((v, j) => {
    right[(j + 1) * seasonLength] = v;
  });
  return multiplyPolynomials(left, right).slice(1);
}

/**
 * expandSeasonalAr (sign -1) or expandSeasonalMa (sign +1) written into `out` (length at least
 * p + mP) without allocating: lag i gets a_i, lag jm gets s_j and lag i + jm gets sign · a_i s_j.
 * Used inside the likelihood, which expands the polynomials at every evaluation.
 */
export function expandSeasonalInto(out: Float64Array, nonSeasonal: ArrayLike<number>, seasonal: ArrayLike<number>, seasonLength: number, sign: 1 | -1): void {
  const p = nonSeasonal.length;
  const P = seasonal.length;
  out.fill(0, 0, p + P * seasonLength);
  for (let i = 0; i < p; i++) out[i] = out[i]! + nonSeasonal[i]!;
  for (let j = 0; j < P; j++) {
    const s = seasonal[j]!;
    const lag = (j + 1) * seasonLength;
    out[lag - 1] = out[lag - 1]! + s;
    for (let i = 0; i < p; i++) out[lag + i] = out[lag + i]! + sign * nonSeasonal[i]! * s;
  }
}

/**
 * Whether all roots of 1 - phi_1 z - … - phi_p z^p lie outside the circle |z| = radius
 * (radius 1: stationarity). Uses the step-down (inverse Durbin–Levinson / Schur–Cohn) recursion:
 * the polynomial is stable iff every partial autocorrelation it implies has |a_k| < 1.
 */
export function hasRootsOutside(phi: readonly number[], radius = 1): boolean {
  let p = phi.length;
  while (p > 0 && phi[p - 1] === 0) p--;
  if (p === 0) return true;
  let current = phi.slice(0, p).map((v, i) => v * Math.pow(radius, i + 1));
  for (let k = p; k >= 1; k--) {
    const a = current[k - 1]!;
    if (!(Math.abs(a) < 1)) return false;
    const denom = 1 - a * a;
    const next = new Array<number>(k - 1);
    for (let j = 0; j < k - 1; j++) next[j] = (current[j]! + a * current[k - 2 - j]!) / denom;
    current = next;
  }
  return true;
}

/**
 * Maps unconstrained reals to the coefficients of a stationary AR polynomial (Jones 1980 / R's
 * partrans): partial autocorrelations tanh(x_k), then the Durbin–Levinson recursion.
 */
export function toStationaryAr(raw: readonly number[]): number[] {
  const out = Float64Array.from(raw);
  toStationaryArInPlace(out, new Float64Array(raw.length));
  return Array.from(out);
}

/** toStationaryAr on `values` in place (`work`: scratch of the same length), without allocating. */
export function toStationaryArInPlace(values: Float64Array, work: Float64Array): void {
  const p = values.length;
  for (let i = 0; i < p; i++) values[i] = Math.tanh(values[i]!);
  for (let k = 1; k < p; k++) {
    const a = values[k]!;
    for (let j = 0; j < k; j++) work[j] = values[j]! - a * values[k - j - 1]!;
    for (let j = 0; j < k; j++) values[j] = work[j]!;
  }
}

/** Inverse of toStationaryAr (for a stationary input): step-down recursion, then atanh. */
export function fromStationaryAr(phi: readonly number[]): number[] {
  const p = phi.length;
  let current = phi.slice();
  const pacf = new Array<number>(p).fill(0);
  for (let k = p; k >= 1; k--) {
    const a = Math.max(-0.999999, Math.min(0.999999, current[k - 1]!));
    pacf[k - 1] = a;
    const denom = 1 - a * a;
    const next = new Array<number>(k - 1);
    for (let j = 0; j < k - 1; j++) next[j] = (current[j]! + a * current[k - 2 - j]!) / denom;
    current = next;
  }
  return pacf.map((a) => Math.atanh(a));
}

type Complex = { re: number; im: number };

/**
 * Roots of 1 + c_1 z + … + c_k z^k (c_k != 0) by the Durand–Kerner (Weierstrass) iteration;
 * adequate for the low degrees of ARIMA polynomials (k <= 5).
 */
export function polynomialRoots(coefficients: readonly number[]): Complex[] {
  const k = coefficients.length;
  const lead = coefficients[k - 1]!;
  // monic form: z^k + a_{k-1} z^{k-1} + … + a_0 with a_i = c_i / c_k (c_0 = 1)
  const a = [1, ...coefficients].map((v) => v / lead);
  const evalMonic = (z: Complex): Complex => {
    let re = 1;
    let im = 0;
    for (let i = k - 1; i >= 0; i--) {
      const nr = re * z.re - im * z.im + a[i]!;
      const ni = re * z.im + im * z.re;
      re = nr;
      im = ni;
    }
    return { re, im };
  };
  let roots: Complex[] = Array.from({ length: k }, (_, i) => {
    const angle = (2 * Math.PI * i) / k + 0.4;
    const radius = 1 + Math.abs(a[0]!) ** (1 / k);
    return { re: radius * Math.cos(angle), im: radius * Math.sin(angle) };
  });
  for (let iter = 0; iter < 500; iter++) {
    let change = 0;
    const next = roots.map((z, i) => {
      let dr = 1;
      let di = 0;
      roots.forEach((o, j) => {
        if (j === i) return;
        const xr = z.re - o.re;
        const xi = z.im - o.im;
        const nr = dr * xr - di * xi;
        di = dr * xi + di * xr;
        dr = nr;
      });
      const f = evalMonic(z);
      const den = dr * dr + di * di || 1e-300;
      const qr = (f.re * dr + f.im * di) / den;
      const qi = (f.im * dr - f.re * di) / den;
      change = Math.max(change, Math.hypot(qr, qi));
      return { re: z.re - qr, im: z.im - qi };
    });
    roots = next;
    if (change < 1e-14) break;
  }
  return roots;
}

/**
 * Makes an MA polynomial 1 + theta_1 z + … invertible by reflecting its roots inside the unit circle
 * (z -> 1 / conj(z)): same autocorrelations, so the same Gaussian likelihood (R's maInvert).
 */
export function invertMaPolynomial(theta: readonly number[]): number[] {
  let q0 = theta.length;
  while (q0 > 0 && theta[q0 - 1] === 0) q0--;
  if (q0 === 0) return theta.slice();
  if (hasRootsOutside(theta.slice(0, q0).map((v) => -v))) return theta.slice();
  if (q0 === 1) {
    const out = theta.slice();
    out[0] = 1 / theta[0]!;
    return out;
  }
  const roots = polynomialRoots(theta.slice(0, q0)).map((z) => {
    const m2 = z.re * z.re + z.im * z.im;
    return m2 < 1 ? { re: z.re / m2, im: z.im / m2 } : z;
  });
  // prod (1 - z / root_i)
  let re = [1];
  let im = [0];
  for (const root of roots) {
    const m2 = root.re * root.re + root.im * root.im;
    const invRe = root.re / m2;
    const invIm = -root.im / m2;
    const nextRe = new Array<number>(re.length + 1).fill(0);
    const nextIm = new Array<number>(re.length + 1).fill(0);
    for (let i = 0; i < re.length; i++) {
      nextRe[i]! += re[i]!;
      nextIm[i]! += im[i]!;
      nextRe[i + 1]! -= re[i]! * invRe - im[i]! * invIm;
      nextIm[i + 1]! -= re[i]! * invIm + im[i]! * invRe;
    }
    re = nextRe;
    im = nextIm;
  }
  const out = theta.slice();
  for (let i = 0; i < q0; i++) out[i] = re[i + 1]!;
  return out;
}
