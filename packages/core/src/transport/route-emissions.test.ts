import { describe, expect, it } from 'vitest';
import { computeRouteEmissions } from './index';

const shipments = [
  { id: 'A', massTonnes: 2, distanceKm: 50 },
  { id: 'B', massTonnes: 1, distanceKm: 100 },
  { id: 'C', massTonnes: 4, distanceKm: 50 },
];
const segments = [
  { distanceKm: 50, loadTonnes: 7 },
  { distanceKm: 50, loadTonnes: 4 },
  { distanceKm: 60, loadTonnes: 0 },
];

describe('computeRouteEmissions (ISO 14083 tonne-km allocation)', () => {
  it('energy-based, hand-computed: 100 l × 3.24 kg/l = 324 kg split 81 / 81 / 162 kg, 810 g/t-km', () => {
    const result = computeRouteEmissions({ mode: 'road-ftl', segments, shipments, energy: { quantity: 100, unit: 'l', wtwKgCo2ePerUnit: 3.24, source: 'EN 16258:2012 Annex A, diesel WTW' } });
    expect(result.method).toBe('energy-based');
    expect(result.co2eKg).toBeCloseTo(324, 9);
    expect(result.allocationTonneKm).toBe(400);
    expect(result.intensityGCo2ePerTonneKm).toBeCloseTo(810, 9);
    expect(result.shipments.map((s) => s.co2eKg)).toEqual([expect.closeTo(81, 9), expect.closeTo(81, 9), expect.closeTo(162, 9)]);
  });

  it('activity-based, hand-computed: (50·7 + 50·4 + 60·0) t-km × 80 g = 44 kg; shares sum to the route total', () => {
    const result = computeRouteEmissions({ mode: 'road-ftl', segments, shipments, intensityGCo2ePerTonneKm: 80 });
    expect(result.drivenTonneKm).toBe(550);
    expect(result.co2eKg).toBeCloseTo(44, 9);
    expect(result.shipments.reduce((sum, s) => sum + s.co2eKg, 0)).toBeCloseTo(44, 9);
    expect(result.shipments[2]!.co2eKg).toBeCloseTo(22, 9);
    const withDefault = computeRouteEmissions({ mode: 'rail', segments, shipments });
    expect(withDefault.source).toContain('unverified default');
    // The factor's source and version travel with the figure (the flag stays false until the value is checked).
    expect(withDefault.factor).toEqual({ id: 'rail-freight-average-eu', source: expect.stringContaining('GLEC'), version: 'GLEC v3.0 (2023)', verified: false });
    expect(result.factor).toMatchObject({ id: 'user-supplied', verified: true });
    expect(() => computeRouteEmissions({ mode: 'rail', segments, shipments: [] })).toThrow(/at least one/);
  });
});
