import { describe, expect, it } from 'vitest';
import { computeEuclideanDistance, computeHaversineKm } from './compute-distance';

describe('distances', () => {
  it('haversine: Paris → Lyon ≈ 391.5 km (great circle)', () => {
    expect(computeHaversineKm(48.8566, 2.3522, 45.764, 4.8357)).toBeCloseTo(391.5, 0);
    expect(computeHaversineKm(10, 20, 10, 20)).toBe(0);
    // One degree of latitude is πR/180 ≈ 111.195 km.
    expect(computeHaversineKm(0, 0, 1, 0)).toBeCloseTo((Math.PI * 6371.0088) / 180, 9);
  });

  it('TSPLIB EUC_2D rounds to the nearest integer', () => {
    expect(computeEuclideanDistance(0, 0, 3, 4.4)).toBeCloseTo(5.3254, 4);
    expect(computeEuclideanDistance(0, 0, 3, 4.4, 'nearest-integer')).toBe(5);
    expect(computeEuclideanDistance(0, 0, 0, 2.5, 'nearest-integer')).toBe(3);
  });
});
