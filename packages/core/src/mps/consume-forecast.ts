import { CoreError } from '../shared/core-error';
import { requireNonNegativeArray } from '../shared/input-checks';

export type ForecastConsumptionInput = {
  forecastUnits: number[];
  customerOrdersUnits: number[];
  /** How many earlier periods an order may consume forecast from (default 0). */
  backwardPeriods?: number;
  /** How many later periods it may then consume from (default 0). */
  forwardPeriods?: number;
};

export type ForecastConsumptionResult = {
  /** Forecast left after orders consumed it, per period. */
  remainingForecastUnits: number[];
  /** Forecast consumed in each period (by orders of that period or of neighbours). */
  consumedForecastUnits: number[];
  /** Demand to plan: orders + remaining forecast. */
  totalDemandUnits: number[];
  /** Order quantity of each period that found no forecast to consume (abnormal demand). */
  unforecastOrderUnits: number[];
};

/**
 * Consumes the forecast with customer orders (units per period): each period's orders use that
 * period's forecast first, then the forecast of up to `backwardPeriods` earlier periods (nearest
 * first), then of up to `forwardPeriods` later periods. Demand to plan = orders + remaining forecast.
 * Source: Vollmann et al., *Manufacturing Planning and Control for Supply Chain Management*,
 * ch. "Master Production Scheduling" / "Demand Management" (forecast consumption).
 *
 * Example: forecast [100, 100, 100], orders [0, 130, 20], 1 period backward → remaining
 * [70, 0, 80], total demand [70, 130, 100], nothing unforecast.
 * Throws CoreError empty_input, length_mismatch, negative_value, not_finite, out_of_range.
 */
export function consumeForecast(input: ForecastConsumptionInput): ForecastConsumptionResult {
  const forecast = requireNonNegativeArray(input.forecastUnits, 'forecastUnits');
  const orders = requireNonNegativeArray(input.customerOrdersUnits, 'customerOrdersUnits');
  if (orders.length !== forecast.length) throw new CoreError('length_mismatch', `expected ${forecast.length} periods of orders, got ${orders.length}`, { path: 'customerOrdersUnits' });
  const backward = input.backwardPeriods ?? 0;
  const forward = input.forwardPeriods ?? 0;
  if (!Number.isInteger(backward) || backward < 0) throw new CoreError('out_of_range', 'backward periods must be an integer ≥ 0', { path: 'backwardPeriods' });
  if (!Number.isInteger(forward) || forward < 0) throw new CoreError('out_of_range', 'forward periods must be an integer ≥ 0', { path: 'forwardPeriods' });
  const remaining = [...forecast];
  const unforecast = new Array<number>(forecast.length).fill(0);
  for (let t = 0; t < orders.length; t += 1) {
    let open = orders[t] ?? 0;
    const sources = [t];
    for (let k = 1; k <= backward; k += 1) if (t - k >= 0) sources.push(t - k);
    for (let k = 1; k <= forward; k += 1) if (t + k < forecast.length) sources.push(t + k);
    for (const source of sources) {
      if (open <= 0) break;
      const take = Math.min(open, remaining[source] ?? 0);
      remaining[source] = (remaining[source] ?? 0) - take;
      open -= take;
    }
    unforecast[t] = open;
  }
  return {
    remainingForecastUnits: remaining,
    consumedForecastUnits: forecast.map((value, t) => value - (remaining[t] ?? 0)),
    totalDemandUnits: orders.map((value, t) => value + (remaining[t] ?? 0)),
    unforecastOrderUnits: unforecast,
  };
}
