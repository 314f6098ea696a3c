import { describe, expect, it } from 'vitest';
import { normalCdf, normalLoss, normalQuantile, normalSecondOrderLoss } from './normal-distribution';

// Reference values: Abramowitz & Stegun, Handbook of Mathematical Functions, table 26.1, and
// the standard normal loss table in Silver, Pyke & Thomas (2017), appendix B.
describe('standard normal functions', () => {
  it('Phi matches tabulated values', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 14);
    expect(normalCdf(3.5)).toBeCloseTo(0.9997673709209645, 14);
    expect(normalCdf(-6)).toBeCloseTo(9.865876450377e-10, 20);
  });
  it('quantile inverts Phi across the range', () => {
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 12);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 14);
    for (const p of [1e-9, 0.001, 0.2, 0.7, 0.99, 0.999999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 13);
  });
  it('loss functions: L(0) = phi(0), L(1) = 0.0833, L2 matches 1/2 E[((Z-z)^+)^2]', () => {
    expect(normalLoss(0)).toBeCloseTo(0.3989422804014327, 14);
    expect(normalLoss(1)).toBeCloseTo(0.0833154705876864, 12);
    expect(normalLoss(-40)).toBe(40);
    expect(normalSecondOrderLoss(0)).toBeCloseTo(0.25, 14);
    // L(z) - L(-z) = -z
    for (const z of [0.3, 1.7, 2.9, 4.2]) expect(normalLoss(z) - normalLoss(-z)).toBeCloseTo(-z, 12);
  });
});
