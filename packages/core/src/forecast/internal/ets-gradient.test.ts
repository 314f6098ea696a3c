import { describe, expect, it } from 'vitest';
import { createEtsGradientWorkspace, ETS_GRADIENT, etsObjectiveGradient } from './ets-gradient';
import { filterEts, type EtsFilterOutput, type EtsParameters, type EtsSpec } from './ets-state-space';
import { AIR_PASSENGERS } from './test-series';

const FORMS: EtsSpec[] = [];
for (const error of ['A', 'M'] as const) for (const trend of ['N', 'A', 'Ad'] as const) for (const season of ['N', 'A', 'M'] as const) FORMS.push({ error, trend, season });

const M = 12;
const PARAMETERS: EtsParameters = { alpha: 0.4, beta: 0.05, gamma: 0.2, phi: 0.95 };

function seed(spec: EtsSpec): Float64Array {
  // AirPassengers' rough monthly pattern, additive (±) or multiplicative (around 1).
  const pattern = [-20, -25, 5, 0, 0, 30, 60, 60, 25, -5, -40, -20];
  return Float64Array.from(pattern, (v) => (spec.season === 'M' ? 1 + v / 250 : spec.season === 'A' ? v : 0));
}

/** The objective of filterEts at the point `x` = (α, β, γ, φ, l₀, b₀, s₀…s₁₁). */
function objectiveAt(spec: EtsSpec, x: readonly number[]): number {
  const out: EtsFilterOutput = { objective: 0, sumSquaredErrors: 0, level: 0, slope: 0 };
  const m = spec.season === 'N' ? 1 : M;
  filterEts(Float64Array.from(AIR_PASSENGERS), spec, m, { alpha: x[0]!, beta: x[1]!, gamma: x[2]!, phi: x[3]! }, x[4]!, x[5]!, Float64Array.from(x.slice(6, 6 + m)), out);
  return out.objective;
}

describe('etsObjectiveGradient (adjoint of the ETS recursion)', () => {
  it.each(FORMS.map((spec) => [`${spec.error}${spec.trend}${spec.season}`, spec] as const))('%s: objective equals filterEts and the gradient matches central differences', (_, spec) => {
    const m = spec.season === 'N' ? 1 : M;
    const season = seed(spec);
    const x = [PARAMETERS.alpha, PARAMETERS.beta, PARAMETERS.gamma, PARAMETERS.phi, 110, 1.5, ...season];
    const gradient = new Float64Array(6 + m);
    const value = etsObjectiveGradient(Float64Array.from(AIR_PASSENGERS), spec, m, PARAMETERS, 110, 1.5, season.subarray(0, m), createEtsGradientWorkspace(AIR_PASSENGERS.length, m), gradient);
    expect(value).toBeCloseTo(objectiveAt(spec, x), 8);
    const used: number[] = [ETS_GRADIENT.alpha, ETS_GRADIENT.level];
    if (spec.trend !== 'N') used.push(ETS_GRADIENT.beta, ETS_GRADIENT.slope);
    if (spec.trend === 'Ad') used.push(ETS_GRADIENT.phi);
    if (spec.season !== 'N') for (let j = 0; j < m; j++) used.push(ETS_GRADIENT.gamma, ETS_GRADIENT.season + j);
    for (const index of used) {
      const h = 1e-6 * Math.max(1, Math.abs(x[index]!));
      const plus = x.slice();
      const minus = x.slice();
      plus[index] = plus[index]! + h;
      minus[index] = minus[index]! - h;
      const numeric = (objectiveAt(spec, plus) - objectiveAt(spec, minus)) / (2 * h);
      expect(Math.abs(gradient[index]! - numeric)).toBeLessThan(1e-4 * Math.max(1, Math.abs(numeric)));
    }
    // Entries of absent components stay 0.
    if (spec.trend !== 'Ad') expect(gradient[ETS_GRADIENT.phi]).toBe(0);
  });

  it('breaks down like filterEts: +Infinity when a multiplicative level turns negative', () => {
    const y = Float64Array.from([10, 8, 5, 1, 0.5, 0.2, 0.1]);
    const value = etsObjectiveGradient(y, { error: 'M', trend: 'A', season: 'N' }, 1, { alpha: 0.01, beta: 0.001, gamma: 0, phi: 1 }, 10, -12, new Float64Array(1), createEtsGradientWorkspace(7, 1), new Float64Array(7));
    expect(value).toBe(Number.POSITIVE_INFINITY);
  });
});
