import { computeSeasonalStrength } from '../../demand-preparation/decompose-stl';

/**
 * KPSS level-stationarity statistic: sum S_t^2 / (n^2 s^2(l)), S_t partial sums of x - mean,
 * s^2(l) the Bartlett-weighted long-run variance with l = trunc(3 sqrt(n) / 13) lags (as R's
 * forecast::ndiffs).
 *
 * Source: Kwiatkowski, Phillips, Schmidt & Shin (1992), Journal of Econometrics 54, 159–178.
 *
 * Example: white noise gives a statistic well below the 5 % critical value 0.463; a random walk of
 * 200 steps almost always exceeds it.
 */
export function computeKpssStatistic(values: readonly number[], lags?: number): number {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const e = values.map((v) => v - mean);
  const l = lags ?? Math.trunc((3 * Math.sqrt(n)) / 13);
  let partial = 0;
  let sumS2 = 0;
  for (const v of e) {
    partial += v;
    sumS2 += partial * partial;
  }
  let s2 = e.reduce((s, v) => s + v * v, 0) / n;
  for (let k = 1; k <= l; k++) {
    let acc = 0;
    for (let t = k; t < n; t++) acc += e[t]! * e[t - k]!;
    s2 += (2 * (1 - k / (l + 1)) * acc) / n;
  }
  if (!(s2 > 0)) return 0;
  return sumS2 / (n * n * s2);
}

const isConstant = (x: readonly number[]) => x.every((v) => v === x[0]);

/**
 * Number of first differences d (0..maxD) making the series level-stationary by repeated KPSS tests
 * at the 5 % level (critical value 0.463, Kwiatkowski et al. 1992, table 1), as in
 * Hyndman & Khandakar (2008) §3.2.
 *
 * Example: a linear trend plus noise needs d = 1; white noise d = 0.
 */
export function estimateDifferencingOrder(values: readonly number[], maxD = 2): number {
  let x = values.slice();
  if (x.length < 3 || isConstant(x)) return 0;
  let d = 0;
  while (d < maxD && computeKpssStatistic(x) > 0.463) {
    d++;
    x = x.slice(1).map((v, i) => v - x[i]!);
    if (x.length < 3 || isConstant(x)) return d;
  }
  return d;
}

/**
 * Seasonal differencing order D (0 or 1): 1 when the STL seasonal strength exceeds 0.64 (R
 * forecast::nsdiffs default test "seas", Wang, Smith & Hyndman 2006). Needs at least two full
 * seasons plus one observation; otherwise 0.
 *
 * Example: AirPassengers (m = 12) gives D = 1.
 */
export function estimateSeasonalDifferencingOrder(values: readonly number[], seasonLength: number): number {
  if (seasonLength < 2 || values.length < 2 * seasonLength + 1 || isConstant(values)) return 0;
  return computeSeasonalStrength(values, seasonLength) > 0.64 ? 1 : 0;
}
