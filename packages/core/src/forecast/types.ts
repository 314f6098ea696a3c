/**
 * The one interface every forecasting model implements (statsforecast-style): a series of
 * equally spaced observations in, point forecasts and prediction intervals out.
 */
export type ForecastInput = {
  /** Observations, oldest first, equally spaced. */
  values: readonly number[];
  /** Steps ahead to forecast (h >= 1). */
  horizon: number;
  /** Seasonal period m (1 = none; 12 monthly, 52 weekly, 24 hourly…). */
  seasonLength: number;
  /** Prediction interval levels in percent, e.g. [80, 95]. */
  levels: readonly number[];
  /** Seed for any simulation or bootstrap, so the same input gives the same output. */
  seed?: number;
};

export type PredictionInterval = {
  /** Level in percent (80 means the 10 % and 90 % quantiles). */
  level: number;
  lower: number[];
  upper: number[];
};

export type ForecastResult = {
  /** The model that produced it, e.g. 'ets(M,Ad,M)', 'theta', 'croston'. */
  method: string;
  /** Point forecasts, length = horizon. */
  mean: number[];
  /** One entry per requested level, each of length = horizon; lower <= mean <= upper. */
  intervals: PredictionInterval[];
  /** In-sample one-step fitted values where the model has them (same length as values). */
  fitted?: number[];
  /** Estimated parameters and the selection criterion (alpha, beta, phi, aicc, …), for explanation. */
  parameters: Record<string, number | string | boolean | null>;
  /** Warnings and fallbacks taken (e.g. 'multiplicative model skipped: non-positive values'). */
  notes: string[];
};

export type ForecastModel = {
  /** Stable name used by the CLI `--method` and in stored runs. */
  name: string;
  forecast(input: ForecastInput): ForecastResult;
};
