import { describe, expect, it } from 'vitest';
import { expandSeasonalAr, expandSeasonalMa, fromStationaryAr, hasRootsOutside, invertMaPolynomial, polynomialRoots, toStationaryAr } from './polynomial';
import { normalQuantile } from './normal-quantile';

describe('lag polynomials', () => {
  it('checks stationarity: 0.5 yes, 1.1 no, (1.2, -0.2) has a unit root, (0.5, 0.3) yes', () => {
    expect(hasRootsOutside([0.5])).toBe(true);
    expect(hasRootsOutside([1.1])).toBe(false);
    expect(hasRootsOutside([1.2, -0.2])).toBe(false);
    expect(hasRootsOutside([0.5, 0.3])).toBe(true);
    // root of 1 - 0.995 z is 1.005: stationary but inside R's 1.01 margin.
    expect(hasRootsOutside([0.995], 1.01)).toBe(false);
  });

  it('round-trips the partial-autocorrelation transform', () => {
    const phi = toStationaryAr([0.3, -1.2, 0.8]);
    expect(hasRootsOutside(phi)).toBe(true);
    const back = fromStationaryAr(phi);
    expect(back[0]).toBeCloseTo(0.3, 10);
    expect(back[1]).toBeCloseTo(-1.2, 10);
    expect(back[2]).toBeCloseTo(0.8, 10);
  });

  it('expands (1 - 0.5B)(1 - 0.4B^4) and (1 + 0.5B)(1 + 0.4B^4)', () => {
    const ar = expandSeasonalAr([0.5], [0.4], 4);
    [0.5, 0, 0, 0.4, -0.2].forEach((v, i) => expect(ar[i]).toBeCloseTo(v, 12));
    expect(ar).toHaveLength(5);
    const ma = expandSeasonalMa([0.5], [0.4], 4);
    [0.5, 0, 0, 0.4, 0.2].forEach((v, i) => expect(ma[i]).toBeCloseTo(v, 12));
  });

  it('normal quantiles: 0.975 -> 1.959964, 0.9 -> 1.281552, 0.5 -> 0', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.9)).toBeCloseTo(1.281552, 6);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 10);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
  });
});

describe('MA inversion', () => {
  it('inverts MA(1) theta = 2 to 0.5 and leaves invertible ones alone', () => {
    expect(invertMaPolynomial([2])).toEqual([0.5]);
    expect(invertMaPolynomial([0.3, 0.2])).toEqual([0.3, 0.2]);
  });

  it('reflects roots of (1 + 2z)(1 + 0.5z) = 1 + 2.5z + z^2 to (1 + 0.5z)^2 = 1 + z + 0.25z^2', () => {
    const out = invertMaPolynomial([2.5, 1]);
    expect(out[0]).toBeCloseTo(1, 10);
    expect(out[1]).toBeCloseTo(0.25, 10);
  });

  it('finds complex roots: 1 + z^2 has roots ±i', () => {
    const roots = polynomialRoots([0, 1]);
    const sorted = roots.map((z) => [Math.round(z.re * 1e9) / 1e9, Math.round(z.im * 1e9) / 1e9]).sort((x, y) => x[1]! - y[1]!);
    expect(sorted).toEqual([
      [0, -1],
      [0, 1],
    ]);
  });
});
