import { computeMase, computeSmape } from '@flowpilot/core';
import { loadM3, loadM3OriginalForecasts, loadM3RecomputedAccuracy, type M3Category } from './load-competition-data';

export type RescoredRow = { method: string; seriesCount: number; smape: number; mase: number; knownSmape: number; knownMase: number; knownSeriesCount: number; matches: boolean };

/**
 * Scores the original M3 submissions with computeSmape/computeMase and pairs each row with the
 * recomputed table shipped with the data; `matches` means equal to 3 decimals and same series count.
 */
export function rescoreM3Submissions(category: M3Category): RescoredRow[] {
  const series = loadM3(category);
  const original = loadM3OriginalForecasts(category);
  const rows: RescoredRow[] = [];
  for (const known of loadM3RecomputedAccuracy(category)) {
    const forecasts = original.get(known.method);
    if (!forecasts) continue;
    let smapeSum = 0;
    let maseSum = 0;
    let count = 0;
    for (const s of series) {
      const f = forecasts.get(s.id);
      if (!f || f.length !== s.horizon) continue;
      smapeSum += computeSmape(s.test, f);
      maseSum += computeMase(s.test, f, s.train, s.seasonLength);
      count++;
    }
    const smape = smapeSum / count;
    const mase = maseSum / count;
    const matches = Math.abs(smape - known.smape) <= 5e-4 && Math.abs(mase - known.mase) <= 5e-4 && count === known.nSeries;
    rows.push({ method: known.method, seriesCount: count, smape, mase, knownSmape: known.smape, knownMase: known.mase, knownSeriesCount: known.nSeries, matches });
  }
  return rows;
}
