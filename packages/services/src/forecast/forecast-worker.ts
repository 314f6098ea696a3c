// Worker-thread entry for runInWorkerPool: forecasts a batch of series.
import { runForecastSeriesTask, type ForecastSeriesOutcome, type ForecastSeriesTask } from './forecast-series-task';

export default async function run(batch: ForecastSeriesTask[]): Promise<ForecastSeriesOutcome[]> {
  return batch.map(runForecastSeriesTask);
}
