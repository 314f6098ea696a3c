import { describe, expect, it } from 'vitest';
import { logGamma, regularizedGammaP, regularizedGammaQ } from './gamma-function';

describe('gamma functions', () => {
  it('log-gamma matches factorials and Gamma(1/2) = sqrt(pi)', () => {
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 9);
  });
  it('P(1, x) = 1 - exp(-x) and P(n, x) matches the Poisson tail', () => {
    for (const x of [0.1, 1, 5, 30]) expect(regularizedGammaP(1, x)).toBeCloseTo(1 - Math.exp(-x), 14);
    // P(n, x) = P(Poisson(x) >= n)
    const x = 4;
    let cdf = 0;
    for (let k = 0; k < 3; k++) cdf += (Math.exp(-x) * x ** k) / [1, 1, 2][k]!;
    expect(regularizedGammaP(3, x)).toBeCloseTo(1 - cdf, 14);
    expect(regularizedGammaP(2.5, 1.3) + regularizedGammaQ(2.5, 1.3)).toBeCloseTo(1, 15);
  });
});
