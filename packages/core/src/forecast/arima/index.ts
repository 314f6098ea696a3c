export type { ArimaEstimationMethod, ArimaFit, ArimaOrder } from './types';
export { fitArima, isArimaFitAdmissible, refilterArima } from './fit-arima';
export type { FitArimaInput } from './fit-arima';
export { forecastArima, formatArimaName } from './forecast-arima';
export { computeKpssStatistic, estimateDifferencingOrder, estimateSeasonalDifferencingOrder } from './estimate-differencing';
export { arimaModel, createAutoArimaModel, forecastAutoArima, forecastAutoArimaWithFit, selectAutoArima } from './auto-arima';
export type { AutoArimaOptions, AutoArimaSelection } from './auto-arima';
