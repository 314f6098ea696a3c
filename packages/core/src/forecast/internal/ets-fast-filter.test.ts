import { describe, expect, it } from 'vitest';
import { filterEtsFast } from './ets-fast-filter';
import { filterEts, type EtsFilterOutput, type EtsSpec } from './ets-state-space';
import { createLinearSeedWorkspace, solveLinearSeedState, type LinearSeedResult } from './ets-seed-state';
import { AIR_PASSENGERS } from './test-series';

const FORMS: EtsSpec[] = [];
for (const error of ['A', 'M'] as const) for (const trend of ['N', 'A', 'Ad'] as const) for (const season of ['N', 'A', 'M'] as const) FORMS.push({ error, trend, season });

function seasonSeed(spec: EtsSpec, m: number): Float64Array {
  // A plausible seed: AirPassengers' rough monthly pattern, additive (±) or multiplicative (around 1).
  const pattern = [-20, -25, 5, 0, 0, 30, 60, 60, 25, -5, -40, -20];
  const season = new Float64Array(m);
  for (let k = 0; k < m; k++) season[k] = spec.season === 'M' ? 1 + pattern[k % 12]! / 250 : spec.season === 'A' ? pattern[k % 12]! : 0;
  return season;
}

describe('filterEtsFast (the optimiser’s likelihood loops)', () => {
  it.each(FORMS.map((spec) => [`${spec.error}${spec.trend}${spec.season}`, spec] as const))('%s: same objective, Σe² and final state as filterEts', (_, spec) => {
    const y = Float64Array.from(AIR_PASSENGERS);
    const m = spec.season === 'N' ? 1 : 12;
    const p = { alpha: 0.4, beta: 0.05, gamma: 0.2, phi: 0.95 };
    const slow: EtsFilterOutput = { objective: 0, sumSquaredErrors: 0, level: 0, slope: 0 };
    const fast: EtsFilterOutput = { objective: 0, sumSquaredErrors: 0, level: 0, slope: 0 };
    const seasonSlow = seasonSeed(spec, m);
    const seasonFast = seasonSeed(spec, m);
    filterEts(y, spec, m, p, 110, 1.5, seasonSlow, slow);
    filterEtsFast(y, spec, m, p, 110, 1.5, seasonFast, fast);
    expect(Number.isFinite(slow.objective)).toBe(true);
    expect(fast.objective).toBeCloseTo(slow.objective, 9);
    expect(fast.sumSquaredErrors).toBeCloseTo(slow.sumSquaredErrors, 6);
    expect(fast.level).toBeCloseTo(slow.level, 9);
    expect(fast.slope).toBeCloseTo(slow.slope, 9);
    for (let k = 0; k < m; k++) expect(seasonFast[k]!).toBeCloseTo(seasonSlow[k]!, 9);
  });

  it('breaks down like filterEts: a multiplicative model whose level turns negative gets +Infinity', () => {
    const y = Float64Array.from([10, 8, 5, 1, 0.5, 0.2, 0.1]);
    const spec: EtsSpec = { error: 'M', trend: 'A', season: 'N' };
    const out: EtsFilterOutput = { objective: 0, sumSquaredErrors: 0, level: 0, slope: 0 };
    filterEtsFast(y, spec, 1, { alpha: 0.01, beta: 0.001, gamma: 0, phi: 1 }, 10, -12, new Float64Array(1), out);
    const reference: EtsFilterOutput = { objective: 0, sumSquaredErrors: 0, level: 0, slope: 0 };
    filterEts(y, spec, 1, { alpha: 0.01, beta: 0.001, gamma: 0, phi: 1 }, 10, -12, new Float64Array(1), reference);
    expect(reference.objective).toBe(Number.POSITIVE_INFINITY);
    expect(out.objective).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('solveLinearSeedState (least-squares seed of linear ETS models)', () => {
  const sumSquares = (spec: EtsSpec, m: number, level: number, slope: number, season: Float64Array): number => {
    const out: EtsFilterOutput = { objective: 0, sumSquaredErrors: 0, level: 0, slope: 0 };
    filterEts(Float64Array.from(AIR_PASSENGERS), spec, m, { alpha: 0.3, beta: 0.02, gamma: 0.1, phi: 0.92 }, level, slope, Float64Array.from(season), out);
    return out.sumSquaredErrors;
  };

  it.each([
    ['ANN', { error: 'A', trend: 'N', season: 'N' }],
    ['AAdN', { error: 'A', trend: 'Ad', season: 'N' }],
    ['ANA', { error: 'A', trend: 'N', season: 'A' }],
    ['AAA', { error: 'A', trend: 'A', season: 'A' }],
    ['AAdA', { error: 'A', trend: 'Ad', season: 'A' }],
  ] as const)('%s: the seed is a minimum of Σe² (every coordinate moved either way increases it)', (_, spec) => {
    const m = spec.season === 'A' ? 12 : 1;
    const work = createLinearSeedWorkspace(spec, m, AIR_PASSENGERS.length);
    const seed: LinearSeedResult = { level: 0, slope: 0, season: new Float64Array(m) };
    expect(solveLinearSeedState(Float64Array.from(AIR_PASSENGERS), { alpha: 0.3, beta: 0.02, gamma: 0.1, phi: 0.92 }, work, seed)).toBe(true);
    const best = sumSquares(spec, m, seed.level, seed.slope, seed.season);
    // Seasonal seeds keep Σs = 0 (s_0 = −Σ others), as the joint optimisation does.
    expect(Math.abs(seed.season.reduce((a, b) => a + b, 0))).toBeLessThan(1e-6);
    const moves: ((delta: number) => number)[] = [(d) => sumSquares(spec, m, seed.level + d, seed.slope, seed.season)];
    if (spec.trend !== 'N') moves.push((d) => sumSquares(spec, m, seed.level, seed.slope + d, seed.season));
    for (let k = 1; k < m; k++) {
      moves.push((d) => {
        const season = Float64Array.from(seed.season);
        season[k] = season[k]! + d;
        season[0] = season[0]! - d;
        return sumSquares(spec, m, seed.level, seed.slope, season);
      });
    }
    for (const move of moves) {
      expect(move(0.5)).toBeGreaterThan(best);
      expect(move(-0.5)).toBeGreaterThan(best);
    }
  });
});
