import { classicalSeasonalIndices } from './seasonality';

/**
 * Seasonal indices for re-filtering a seasonally adjusted model (Theta family, damped trend) on
 * `values`, a prefix of the history it was fitted on: whether to adjust stays the fit's decision
 * (`fitIndices` null: no adjustment), but the indices are re-estimated on the prefix by classical
 * multiplicative decomposition, so a backtest window does not see indices computed from its own
 * data. Keeps `fitIndices` when the prefix has at most 2m values or gives unusable indices. On the
 * fitted history itself it returns the fit's indices (same data, same decomposition).
 */
export function refilterSeasonalIndices(values: readonly number[], fitIndices: readonly number[] | null): readonly number[] | null {
  if (!fitIndices) return null;
  const m = fitIndices.length;
  if (values.length <= 2 * m || values.some((v) => v <= 0)) return fitIndices;
  const indices = classicalSeasonalIndices(values, m, 'multiplicative');
  return indices.every((s) => Number.isFinite(s) && s > 1e-4) ? indices : fitIndices;
}
