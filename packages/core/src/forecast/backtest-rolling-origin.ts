import { CoreError } from '../shared/core-error';
import type { ForecastModel } from './types';
import { computeMae, computeMaseScale, computeSmape } from './accuracy-metrics';

export type RollingOriginInput = {
  values: readonly number[];
  horizon: number;
  seasonLength: number;
  /** Number of forecast origins, the last one at n − horizon, each earlier by `step`. Default 2. */
  origins?: number;
  /** Distance between origins in periods. Default horizon. */
  step?: number;
  /** Shortest training history allowed (origins that leave less are skipped). Default max(2m + 2, 8). */
  minimumTrainingLength?: number;
  seed?: number;
};

export type RollingOriginScore = {
  model: string;
  /** Mean over origins of the sMAPE in percent. */
  smape: number;
  /** Mean over origins of the MAE divided by the in-sample (seasonal) naive MAE of the full history. */
  mase: number;
  mae: number;
  originCount: number;
};

/**
 * Rolling-origin evaluation (Tashman 2000, "Out-of-sample tests of forecasting accuracy", IJF 16):
 * for each origin o the model is fitted on y[0..o) and scored on y[o..o+h). Returns one score per
 * model, in the models' order. Throws out_of_range when no origin leaves enough history.
 * Example: origins 2, horizon 6, n = 40 → fits on 34 and 28 values.
 */
export function backtestRollingOrigin(input: RollingOriginInput, models: readonly ForecastModel[]): RollingOriginScore[] {
  const y = input.values;
  const n = y.length;
  const h = input.horizon;
  const m = input.seasonLength;
  const originCount = input.origins ?? 2;
  const step = input.step ?? h;
  const minimum = input.minimumTrainingLength ?? Math.max(2 * m + 2, 8);
  const origins: number[] = [];
  for (let k = 0; k < originCount; k++) {
    const origin = n - h - k * step;
    if (origin >= minimum) origins.push(origin);
  }
  if (origins.length === 0) {
    throw new CoreError('out_of_range', `history of ${n} values is too short for a backtest with horizon ${h} (needs ${minimum + h})`, { path: 'values' });
  }
  const scaleSeason = n > m ? m : 1;
  let scale = computeMaseScale(y, scaleSeason);
  if (!(scale > 0)) scale = computeMaseScale(y, 1);
  return models.map((model) => {
    let smape = 0;
    let mae = 0;
    for (const origin of origins) {
      const training = y.slice(0, origin);
      const actual = y.slice(origin, origin + h);
      const result = model.forecast({ values: training, horizon: actual.length, seasonLength: m, levels: [], seed: input.seed });
      smape += computeSmape(actual, result.mean);
      mae += computeMae(actual, result.mean);
    }
    const count = origins.length;
    return { model: model.name, smape: smape / count, mae: mae / count, mase: scale > 0 ? mae / count / scale : mae / count, originCount: count };
  });
}
