import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../shared/random';
import { computeArmaAutocovariances, computeStationaryCovariance, filterArmaExact } from './arma-likelihood';

/** Brute force P = sum_{k<K} T^k R R' T'^k for the Harvey state-space form. */
function bruteForceCovariance(phi: number[], theta: number[], r: number, terms = 4000): number[][] {
  const T = Array.from({ length: r }, (_, i) => Array.from({ length: r }, (_, j) => (j === 0 ? (phi[i] ?? 0) : 0) + (j === i + 1 ? 1 : 0)));
  let v = Array.from({ length: r }, (_, i) => (i === 0 ? 1 : (theta[i - 1] ?? 0)));
  const P = Array.from({ length: r }, () => new Array<number>(r).fill(0));
  for (let k = 0; k < terms; k++) {
    for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) P[i]![j] = P[i]![j]! + v[i]! * v[j]!;
    v = T.map((row) => row.reduce((acc, t, j) => acc + t * v[j]!, 0));
  }
  return P;
}

/**
 * Reference: the ordinary Kalman filter with the full r x r covariance (Harvey 1989 §3.4; the
 * implementation used before the Chandrasekhar recursions), O(n r^2).
 */
function denseKalman(w: number[], phi: number[], theta: number[]) {
  const r = Math.max(phi.length, theta.length + 1);
  const ph = Array.from({ length: r + 1 }, (_, i) => phi[i] ?? 0);
  const R = Array.from({ length: r + 1 }, (_, i) => (i === 0 ? 1 : (theta[i - 1] ?? 0)));
  const P0 = computeStationaryCovariance(phi, theta, r)!;
  let P = Array.from({ length: r + 1 }, (_, i) => Array.from({ length: r + 1 }, (_, j) => (i < r && j < r ? P0[i * r + j]! : 0)));
  let a = new Array<number>(r + 1).fill(0);
  let ssq = 0;
  let sumLog = 0;
  const innovations: number[] = [];
  for (let t = 0; t < w.length; t++) {
    const anew = a.map((_, i) => (i < r ? ph[i]! * a[0]! + a[i + 1]! : 0));
    // Predicted covariance: T P T' + R R' (P0 itself at t = 0).
    const Pp = t === 0 ? P : P.map((row, i) => row.map((_, j) => (i < r && j < r ? ph[i]! * ph[j]! * P[0]![0]! + ph[i]! * P[0]![j + 1]! + ph[j]! * P[i + 1]![0]! + P[i + 1]![j + 1]! + R[i]! * R[j]! : 0)));
    const F = Pp[0]![0]!;
    const v = w[t]! - anew[0]!;
    innovations.push(v);
    ssq += (v * v) / F;
    sumLog += Math.log(F);
    a = anew.map((x, i) => x + (Pp[i]![0]! * v) / F);
    P = Pp.map((row, i) => row.map((x, j) => x - (Pp[i]![0]! * Pp[0]![j]!) / F));
  }
  return { ssq, sumLog, innovations, finalState: a.slice(0, r) };
}

describe('exact ARMA likelihood (Chandrasekhar recursions)', () => {
  it.each([
    [[0.5], []],
    [[], [-0.6]],
    [[0.5, 0.1], [0.3, 0.1]],
    [[0.2, 0, 0, 0.5, -0.1], [0.1, 0, 0, -0.7, -0.07]],
    [[0.3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.4, -0.12], [-0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -0.8, 0.4]],
    [[], [-0.95, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -0.9, 0.855]],
  ])('gives the same likelihood, innovations and final state as the dense Kalman filter (phi %j, theta %j)', (phi, theta) => {
    const rnd = createRandom(phi.length * 31 + theta.length);
    const w = Array.from({ length: 90 }, () => 5 * rnd.nextNormal());
    const fast = filterArmaExact(w, phi, theta)!;
    const slow = denseKalman(w, phi, theta);
    expect(fast.sumOfSquares).toBeCloseTo(slow.ssq, 6);
    expect(fast.sumLogVariance).toBeCloseTo(slow.sumLog, 9);
    fast.innovations.forEach((v, t) => expect(v).toBeCloseTo(slow.innovations[t]!, 8));
    fast.finalState.forEach((v, i) => expect(v).toBeCloseTo(slow.finalState[i]!, 8));
  });
});

describe('ARMA second moments', () => {
  it('AR(1) phi = 0.5: gamma(0) = 1 / (1 - 0.25), gamma(1) = 0.5 gamma(0) (Box–Jenkins §3.2)', () => {
    const acv = computeArmaAutocovariances([0.5], [], 3)!;
    expect(acv.gamma[0]).toBeCloseTo(4 / 3, 12);
    expect(acv.gamma[1]).toBeCloseTo(2 / 3, 12);
    expect(acv.gamma[2]).toBeCloseTo(1 / 3, 12);
  });

  it('MA(1) theta = 0.4: gamma(0) = 1.16, gamma(1) = 0.4, gamma(2) = 0', () => {
    const acv = computeArmaAutocovariances([], [0.4], 3)!;
    expect(acv.gamma[0]).toBeCloseTo(1.16, 12);
    expect(acv.gamma[1]).toBeCloseTo(0.4, 12);
    expect(acv.gamma[2]).toBeCloseTo(0, 12);
  });

  it('ARMA(1,1) phi = 0.6, theta = 0.3: closed form of Brockwell & Davis (1991) example 3.3.1', () => {
    // gamma(0) = (1 + 2 phi theta + theta^2) / (1 - phi^2), gamma(1) = (1 + phi theta)(phi + theta) / (1 - phi^2), gamma(k) = phi gamma(k-1).
    const acv = computeArmaAutocovariances([0.6], [0.3], 4)!;
    expect(acv.gamma[0]).toBeCloseTo((1 + 0.36 + 0.09) / 0.64, 12);
    expect(acv.gamma[1]).toBeCloseTo((1.18 * 0.9) / 0.64, 12);
    expect(acv.gamma[3]).toBeCloseTo(0.36 * acv.gamma[1]!, 12);
    expect(acv.psi[1]).toBeCloseTo(0.9, 12);
    expect(acv.psi[2]).toBeCloseTo(0.54, 12);
  });

  it('non-stationary AR has no autocovariance', () => {
    expect(computeArmaAutocovariances([1.2, -0.2], [], 3)).toBeUndefined();
  });

  it.each([
    [[0.5, 0.1], [0.3, 0.1]],
    [[0.6, 0, 0, 0.3, -0.18], []],
    [[], [0.4, 0, 0, -0.5, -0.2]],
    [[0.2, 0, 0, 0.5, -0.1, 0, 0, 0.2, -0.04], [0.1, 0.3]],
  ])('stationary state covariance equals the brute-force Lyapunov sum (phi %j, theta %j)', (phi, theta) => {
    const r = Math.max(phi.length, theta.length + 1);
    const fast = computeStationaryCovariance(phi, theta, r)!;
    const slow = bruteForceCovariance(phi, theta, r);
    for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) expect(fast[i * r + j]).toBeCloseTo(slow[i]![j]!, 9);
  });
});
