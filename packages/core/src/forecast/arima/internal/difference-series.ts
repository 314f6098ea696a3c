import { multiplyPolynomials } from './polynomial';

/** Applies (1 - B)^d (1 - B^m)^D to x; the result has length n - d - D m. */
export function differenceSeries(x: readonly number[], d: number, seasonalD: number, seasonLength: number): number[] {
  let out = x.slice();
  for (let k = 0; k < seasonalD; k++) out = out.slice(seasonLength).map((v, i) => v - out[i]!);
  for (let k = 0; k < d; k++) out = out.slice(1).map((v, i) => v - out[i]!);
  return out;
}

/**
 * Coefficients delta of (1 - B)^d (1 - B^m)^D = 1 - sum delta_i B^i, so x_t = w_t + sum delta_i x_{t-i}.
 */
export function differencingPolynomial(d: number, seasonalD: number, seasonLength: number): number[] {
  let poly = [1];
  for (let k = 0; k < d; k++) poly = multiplyPolynomials(poly, [1, -1]);
  for (let k = 0; k < seasonalD; k++) {
    const s = new Array<number>(seasonLength + 1).fill(0);
    s[0] = 1;
    s[seasonLength] = -1;
    poly = multiplyPolynomials(poly, s);
  }
  return poly.slice(1).map((v) => -v);
}
