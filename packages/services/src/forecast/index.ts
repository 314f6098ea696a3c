export { readForecastCsv, type ForecastCsvSeries, type ForecastCsvIssue, type ReadForecastCsvResult } from './read-forecast-csv';
export { runForecastSeriesTask, type ForecastSeriesTask, type ForecastSeriesOutcome } from './forecast-series-task';
export { runForecastCsv, forecastCsvColumns, type RunForecastCsvInput, type RunForecastCsvResult } from './run-forecast-csv';
