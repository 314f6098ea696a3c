import { expect } from 'vitest';
import type { ForecastResult } from '../types';

/**
 * Test invariants shared by every model: finite forecasts, lower ≤ mean ≤ upper, wider intervals
 * at higher levels, and widths that never shrink from step h to step h + `widenEvery`
 * (1 for non-seasonal models; m for multiplicative seasonal ones whose width follows the season).
 */
export function expectValidForecast(result: ForecastResult, options: { horizon: number; widenEvery?: number; nonNegative?: boolean; allowEqualWidth?: boolean } ): void {
  const every = options.widenEvery ?? 1;
  expect(result.mean).toHaveLength(options.horizon);
  for (const value of result.mean) expect(Number.isFinite(value)).toBe(true);
  for (const interval of result.intervals) {
    expect(interval.lower).toHaveLength(options.horizon);
    expect(interval.upper).toHaveLength(options.horizon);
    for (let h = 0; h < options.horizon; h++) {
      expect(Number.isFinite(interval.lower[h]!) && Number.isFinite(interval.upper[h]!)).toBe(true);
      expect(interval.lower[h]!).toBeLessThanOrEqual(result.mean[h]! + 1e-9);
      expect(interval.upper[h]!).toBeGreaterThanOrEqual(result.mean[h]! - 1e-9);
      if (options.nonNegative) expect(interval.lower[h]!).toBeGreaterThanOrEqual(0);
      if (h >= every) {
        const width = interval.upper[h]! - interval.lower[h]!;
        const before = interval.upper[h - every]! - interval.lower[h - every]!;
        expect(width).toBeGreaterThanOrEqual(before * (1 - 1e-9) - 1e-9);
      }
    }
  }
  if (options.nonNegative) for (const value of result.mean) expect(value).toBeGreaterThanOrEqual(0);
  const sorted = result.intervals.slice().sort((a, b) => a.level - b.level);
  for (let i = 1; i < sorted.length; i++) {
    for (let h = 0; h < options.horizon; h++) {
      expect(sorted[i]!.upper[h]! - sorted[i]!.lower[h]!).toBeGreaterThanOrEqual(sorted[i - 1]!.upper[h]! - sorted[i - 1]!.lower[h]! - 1e-9);
    }
  }
}
