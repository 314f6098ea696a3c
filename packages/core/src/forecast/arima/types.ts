/** Orders of a seasonal ARIMA(p,d,q)(P,D,Q)[m] model. */
export type ArimaOrder = {
  p: number;
  d: number;
  q: number;
  /** Seasonal AR order (in lags of seasonLength). */
  seasonalP: number;
  seasonalD: number;
  seasonalQ: number;
  /** Seasonal period m (1 = none). */
  seasonLength: number;
  /** Constant in the differenced series: the mean when d + D = 0, a drift when d + D = 1. */
  includeConstant: boolean;
};

export type ArimaEstimationMethod = 'css' | 'ml' | 'css-ml';

/** A fitted ARIMA model: coefficients, fit criteria and what forecasting needs (JSON-serialisable). */
export type ArimaFit = {
  order: ArimaOrder;
  /** Non-seasonal AR coefficients phi_1..phi_p. */
  ar: number[];
  /** Non-seasonal MA coefficients theta_1..theta_q (R's sign convention: 1 + theta B). */
  ma: number[];
  seasonalAr: number[];
  seasonalMa: number[];
  /** Mean of the differenced series (0 when no constant). */
  constant: number;
  /** Innovation variance sigma^2 (units of the series squared). */
  sigma2: number;
  logLikelihood: number;
  aic: number;
  aicc: number;
  bic: number;
  /** Estimation actually used for the final coefficients. */
  method: 'css' | 'ml';
  /** Number of observations after differencing (n - d - D m). */
  observationsUsed: number;
  converged: boolean;
  /** One-step residuals on the original scale (0 for the first d + D m points, which cannot be predicted). */
  residuals: number[];
  /** @internal Observations the model was fitted to. */
  values: number[];
  /** @internal Filtered state after the last observation (ml) or the last residuals of the differenced series (css). */
  finalState: number[];
};
