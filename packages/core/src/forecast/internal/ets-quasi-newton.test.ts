import { describe, expect, it } from 'vitest';
import { fitEtsModel } from '../forecast-ets';
import type { EtsSpec } from './ets-state-space';
import { AIR_PASSENGERS, M3_N1500 } from './test-series';

const FORMS: EtsSpec[] = [];
for (const error of ['A', 'M'] as const) {
  for (const trend of ['N', 'A', 'Ad'] as const) {
    for (const season of ['N', 'A', 'M'] as const) if (!(error === 'A' && season === 'M')) FORMS.push({ error, trend, season });
  }
}

describe('quasi-Newton ETS fit (projected BFGS on the exact gradient)', () => {
  it.each(FORMS.map((spec) => [`${spec.error}${spec.trend}${spec.season}`, spec] as const))('AirPassengers %s: AICc no worse than the Nelder–Mead search, parameters inside R’s bounds', (_, spec) => {
    const quasiNewton = fitEtsModel(AIR_PASSENGERS, spec, 12, 2000, 'search', 'quasi-newton')!;
    const nelderMead = fitEtsModel(AIR_PASSENGERS, spec, 12, 2000, 'search', 'nelder-mead')!;
    expect(quasiNewton.aicc).toBeLessThan(nelderMead.aicc + 0.01);
    const p = quasiNewton.parameters;
    expect(p.alpha).toBeGreaterThanOrEqual(1e-4);
    expect(p.alpha).toBeLessThanOrEqual(0.9999);
    if (spec.trend !== 'N') {
      expect(p.beta).toBeGreaterThanOrEqual(1e-4);
      expect(p.beta).toBeLessThanOrEqual(p.alpha);
    }
    if (spec.season !== 'N') {
      expect(p.gamma).toBeGreaterThanOrEqual(1e-4);
      expect(p.gamma).toBeLessThanOrEqual(1 - p.alpha);
    }
    if (spec.trend === 'Ad') {
      expect(p.phi).toBeGreaterThanOrEqual(0.8);
      expect(p.phi).toBeLessThanOrEqual(0.98);
    }
  });

  it('is deterministic, and gives a finite fit or none (never NaN) on a steep multiplicative fall', () => {
    const spec: EtsSpec = { error: 'M', trend: 'Ad', season: 'N' };
    expect(fitEtsModel(M3_N1500, spec, 1, 2000, 'search', 'quasi-newton')!.aicc).toBe(fitEtsModel(M3_N1500, spec, 1, 2000, 'search', 'quasi-newton')!.aicc);
    // A steep fall: R's starting slope can drive a multiplicative level below zero (then the
    // search falls back to Nelder–Mead, as fitEtsModel does when the quasi-Newton search finds no finite point).
    const falling = [100, 60, 30, 12, 5, 2, 1, 0.8, 0.7, 0.65, 0.6, 0.58];
    const fit = fitEtsModel(falling, { error: 'M', trend: 'A', season: 'N' }, 1, 2000, 'search', 'quasi-newton');
    expect(fit === null || Number.isFinite(fit.aicc)).toBe(true);
  });
});
