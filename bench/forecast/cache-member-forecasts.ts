/**
 * Design aid for `auto`: computes, once per series, the point forecasts of every `auto` member
 * (ETS and auto-ARIMA fitted on the full history and re-filtered without re-estimation, Theta, DOTM, damped, seasonal naive, naive) at
 * several rolling origins and on the test period, and writes them as JSON lines so that selection
 * and combination rules can be compared in seconds (`evaluate-auto-rules.ts`) instead of one full
 * benchmark run per rule. Series are processed in a low-discrepancy order, so any prefix of the
 * file is an evenly spread subset.
 * Run: npx tsx bench/forecast/cache-member-forecasts.ts --set m3-monthly|m3-other|m4-hourly|m4-weekly
 * [--origins 6] [--out /tmp/auto-cache-<set>.jsonl] [--ets-selection aicc] (default: Akaike-weighted ETS forms, as auto)
 * [--arima-approximation] (auto-ARIMA member searched with CSS estimates, exact ML for the final model only)
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { createAutoSmoothMembers, createFixedArimaMember, forecastEts, forecastNaive, forecastSeasonalNaive, type ForecastInput, type ForecastModel } from '@flowpilot/core';
import { loadM3, loadM4, type CompetitionSeries } from './load-competition-data';

export type CacheSet = 'm3-monthly' | 'm3-other' | 'm4-hourly' | 'm4-weekly';
export const MEMBER_NAMES = ['ets', 'theta', 'dotm', 'damped', 'snaive', 'naive', 'arima'] as const;
export type MemberName = (typeof MEMBER_NAMES)[number];

export type CachedSeries = {
  index: number;
  id: string;
  /** Backtest horizon H = min(h, max(1, ⌊n/4⌋)) and origin step. */
  backtestHorizon: number;
  origins: { origin: number; actual: number[]; forecasts: Record<MemberName, number[]> }[];
  final: Record<MemberName, number[]>;
  etsSpec: string;
  seconds: Record<MemberName, number>;
};

export function modelSeasonOf(set: CacheSet): number {
  return set === 'm3-monthly' ? 12 : set === 'm3-other' ? 1 : set === 'm4-hourly' ? 24 : 52;
}

export function loadSet(set: CacheSet): CompetitionSeries[] {
  if (set === 'm3-monthly') return loadM3('monthly');
  if (set === 'm3-other') return loadM3('other');
  return loadM4(set === 'm4-hourly' ? 'hourly' : 'weekly');
}

/** Indices 0..n−1 ordered by the fractional part of i·φ (golden ratio): every prefix is spread evenly. */
export function spreadOrder(count: number): number[] {
  const phi = (Math.sqrt(5) - 1) / 2;
  return Array.from({ length: count }, (_, i) => i).sort((a, b) => ((a * phi) % 1) - ((b * phi) % 1));
}

function specOf(method: string): string {
  const match = /^ets\(([AM]),(N|A|Ad),([NAM])\)$/.exec(method);
  return match ? `${match[1]}${match[2]}${match[3]}` : 'auto';
}

function main(): void {
  const argv = process.argv.slice(2);
  const flag = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const set = (flag('--set') ?? 'm3-other') as CacheSet;
  const originCount = Number(flag('--origins') ?? 8);
  // --ets-refit: re-estimate the chosen ETS form at each origin instead (the honest but slower backtest).
  const refitEts = argv.includes('--ets-refit');
  const etsSelection = flag('--ets-selection') === 'aicc' ? 'aicc' : 'akaike-weights';
  const out = flag('--out') ?? `/tmp/auto-cache-${set}.jsonl`;
  const series = loadSet(set);
  const m = modelSeasonOf(set);
  writeFileSync(out, '');
  let done = 0;
  for (const index of spreadOrder(series.length)) {
    const s = series[index]!;
    const n = s.train.length;
    const maxHistory = Math.max(Math.max(200, 10 * m), 2 * m + 2);
    const values = n > maxHistory ? s.train.slice(n - maxHistory) : s.train;
    const nr = values.length;
    const H = Math.min(s.horizon, Math.max(1, Math.floor(n / 4)));
    // Seasonal data: origins one season apart, so every backtest window covers the same seasonal
    // phases as the real forecast; otherwise a third of the horizon apart.
    const step = m > 1 && m <= H ? m : Math.max(1, Math.ceil(H / 3));
    const minimum = Math.max(m > 1 ? m + 2 : 6, 6);
    const seconds: Record<MemberName, number> = { ets: 0, theta: 0, dotm: 0, damped: 0, snaive: 0, naive: 0, arima: 0 };
    const t0 = performance.now();
    // The members exactly as auto builds them (createAutoSmoothMembers): ETS fitted once and
    // re-filtered, DOTM and damped estimated once and re-filtered at the origins, Theta re-estimated.
    // --ets-selection aicc: the lowest-AICc form (third design); default the Akaike-weighted forms, as auto ships.
    const { members, etsResult: full } = createAutoSmoothMembers({ values, horizon: s.horizon, seasonLength: m, levels: [], seed: index + 1 }, { etsSelection });
    seconds.ets += (performance.now() - t0) / 1000;
    const memberOf = (name: string): ForecastModel => members.find((member) => member.name === name)!;
    const spec = specOf(full.method);
    // Auto-ARIMA selected and estimated once; at the origins re-filtered on the prefix (as in auto with arimaMember).
    const t1 = performance.now();
    const arima = createFixedArimaMember(values, m, s.horizon, [], argv.includes('--arima-approximation') ? { approximation: true } : {});
    seconds.arima += (performance.now() - t1) / 1000;
    const refit = (input: ForecastInput): number[] => {
      try {
        return forecastEts({ ...input, model: spec }).mean;
      } catch {
        return forecastEts(input).mean;
      }
    };
    const run = (name: MemberName, input: ForecastInput): number[] => {
      const started = performance.now();
      let mean: number[];
      switch (name) {
        // ETS, Theta, DOTM and damped: auto's own members (ETS: the fit on the full history re-filtered
        // over the prefix, or with --ets-refit the chosen form re-estimated on it).
        case 'ets': mean = refitEts ? refit(input) : memberOf('ets').forecast(input).mean; break;
        case 'theta': case 'dotm': case 'damped': mean = memberOf(name).forecast(input).mean; break;
        case 'snaive': mean = forecastSeasonalNaive(input).mean; break;
        case 'naive': mean = forecastNaive(input).mean; break;
        case 'arima': mean = arima.member.forecast(input).mean; break;
      }
      seconds[name] += (performance.now() - started) / 1000;
      return mean;
    };
    const origins: CachedSeries['origins'] = [];
    for (let k = 0; k < originCount; k++) {
      const origin = nr - H - k * step;
      if (origin < minimum) break;
      const input: ForecastInput = { values: values.slice(0, origin), horizon: H, seasonLength: m, levels: [], seed: index + 1 };
      const forecasts = {} as Record<MemberName, number[]>;
      for (const name of MEMBER_NAMES) forecasts[name] = run(name, input);
      origins.push({ origin, actual: values.slice(origin, origin + H), forecasts });
    }
    const finalInput: ForecastInput = { values, horizon: s.horizon, seasonLength: m, levels: [], seed: index + 1 };
    const final = {} as Record<MemberName, number[]>;
    for (const name of MEMBER_NAMES) final[name] = name === 'ets' ? full.mean : name === 'arima' ? arima.result.mean : run(name, finalInput);
    const record: CachedSeries = { index, id: s.id, backtestHorizon: H, origins, final, etsSpec: spec, seconds };
    appendFileSync(out, JSON.stringify(record) + '\n');
    done++;
    if (done % 20 === 0) process.stderr.write(`${set}: ${done}/${series.length}\n`);
  }
}

if (process.argv[1]?.endsWith('cache-member-forecasts.ts')) main();
