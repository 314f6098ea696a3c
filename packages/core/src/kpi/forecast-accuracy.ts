import type { KpiForecastRecord, KpiMeasurement } from './types';
import { CoreError } from '../shared/core-error';
import { toDayNumber } from './internal/iso-date';
import { measurement, requireId, requireNonEmpty, requireNonNegative } from './internal/validate';

function checkRecords(records: readonly KpiForecastRecord[]): void {
  requireNonEmpty(records as KpiForecastRecord[], 'forecasts');
  records.forEach((record, index) => {
    requireId(record.id, `forecasts[${index}].id`);
    requireNonNegative(record.forecastQuantity, `forecasts[${index}].forecastQuantity`);
    requireNonNegative(record.actualQuantity, `forecasts[${index}].actualQuantity`);
  });
}

/**
 * Mean absolute percentage error, a fraction (0.1 = 10 %): mean of |actual − forecast| / actual over
 * records with actual > 0 (records with zero actual are left out, counted in components.zeroActuals).
 * Source: Hyndman & Athanasopoulos, *Forecasting: Principles and Practice* (3rd ed.), §5.8.
 * Example: (a,f) = (100,90), (50,60), (0,5) → (0.1 + 0.2)/2 = 0.15. Throws empty_input, negative_value.
 */
export function computeMeanAbsolutePercentageError(records: readonly KpiForecastRecord[]): KpiMeasurement {
  checkRecords(records);
  const used = records.filter((record) => record.actualQuantity > 0);
  const sum = used.reduce((total, record) => total + Math.abs(record.actualQuantity - record.forecastQuantity) / record.actualQuantity, 0);
  return measurement(sum, used.length, used.map((record) => record.id), { zeroActuals: records.length - used.length });
}

/**
 * Weighted absolute percentage error, a fraction: Σ|actual − forecast| / Σ actual.
 * Source: Kolassa & Schütz (2007) "Advantages of the MAD/mean ratio over the MAPE", *Foresight* 6.
 * Example: (100,90), (50,60), (0,5) → 25/150 = 0.1667. Throws empty_input, negative_value.
 */
export function computeWeightedAbsolutePercentageError(records: readonly KpiForecastRecord[]): KpiMeasurement {
  checkRecords(records);
  const error = records.reduce((total, record) => total + Math.abs(record.actualQuantity - record.forecastQuantity), 0);
  const actual = records.reduce((total, record) => total + record.actualQuantity, 0);
  return measurement(error, actual, records.map((record) => record.id));
}

/**
 * Forecast bias, a signed fraction: Σ(forecast − actual) / Σ actual; > 0 means over-forecasting.
 * Source: Hyndman & Athanasopoulos, FPP3 §5.8 (mean error), scaled by total actual demand.
 * Example: (100,90), (50,60), (0,5) → (−10 + 10 + 5)/150 = 0.0333. Throws empty_input, negative_value.
 */
export function computeForecastBias(records: readonly KpiForecastRecord[]): KpiMeasurement {
  checkRecords(records);
  const error = records.reduce((total, record) => total + record.forecastQuantity - record.actualQuantity, 0);
  const actual = records.reduce((total, record) => total + record.actualQuantity, 0);
  return measurement(error, actual, records.map((record) => record.id));
}

/** Options of MASE. */
export type MaseOptions = {
  /** Seasonal period m of the naive scaling forecast (1 = previous period). Default 1. */
  seasonalPeriod?: number;
  /** Mean absolute error of the naive forecast per item, from a longer history; computed in-sample when absent. */
  naiveMaeByItemId?: Record<string, number>;
};

/**
 * In-sample seasonal-naive MAE per item: mean over t > m of |a_t − a_{t−m}|, records sorted by period
 * date then id. Items with fewer than m + 1 records are absent from the result.
 */
export function computeNaiveMaeByItem(records: readonly KpiForecastRecord[], seasonalPeriod = 1): Record<string, number> {
  const byItem = new Map<string, KpiForecastRecord[]>();
  records.forEach((record, index) => {
    toDayNumber(record.periodDate, `forecasts[${index}].periodDate`);
    const list = byItem.get(record.itemId);
    if (list) list.push(record);
    else byItem.set(record.itemId, [record]);
  });
  const result: Record<string, number> = {};
  for (const [itemId, list] of [...byItem.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const sorted = [...list].sort((a, b) => (a.periodDate < b.periodDate ? -1 : a.periodDate > b.periodDate ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (sorted.length <= seasonalPeriod) continue;
    let sum = 0;
    for (let t = seasonalPeriod; t < sorted.length; t += 1) sum += Math.abs(sorted[t]!.actualQuantity - sorted[t - seasonalPeriod]!.actualQuantity);
    result[itemId] = sum / (sorted.length - seasonalPeriod);
  }
  return result;
}

/**
 * Mean absolute scaled error (unitless): mean over records of |a − f| / naiveMAE(item), where
 * naiveMAE is the mean absolute error of the seasonal-naive forecast on the item's actuals.
 * < 1 means better than the naive forecast. Records of items without a (non-zero) scale are left out.
 * Source: Hyndman & Koehler (2006) "Another look at measures of forecast accuracy", IJF 22(4).
 * Example: actuals 10, 12, 11, 15 (naive MAE = (2+1+4)/3 = 7/3), forecasts 11, 11, 12, 13 → errors
 * 1,1,1,2 → MASE = (5/4)/(7/3) = 0.5357. Throws empty_input, negative_value, out_of_range.
 */
export function computeMeanAbsoluteScaledError(records: readonly KpiForecastRecord[], options: MaseOptions = {}): KpiMeasurement {
  checkRecords(records);
  const m = options.seasonalPeriod ?? 1;
  if (!Number.isInteger(m) || m < 1) throw new CoreError('out_of_range', 'seasonalPeriod must be an integer ≥ 1', { path: 'options.seasonalPeriod' });
  const scale = options.naiveMaeByItemId ?? computeNaiveMaeByItem(records, m);
  const used = records.filter((record) => (scale[record.itemId] ?? 0) > 0);
  const sum = used.reduce((total, record) => total + Math.abs(record.actualQuantity - record.forecastQuantity) / scale[record.itemId]!, 0);
  return measurement(sum, used.length, used.map((record) => record.id), { unscaledRecords: records.length - used.length });
}
