import { describe, expect, it } from 'vitest';
import { computeArmaAutocovariances, computeStationaryCovariance } from './arma-likelihood';

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
