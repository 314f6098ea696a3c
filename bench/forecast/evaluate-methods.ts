import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { computeMase, computeSmape, forecastAuto, forecastByMethod } from '@flowpilot/core';
import type { CompetitionSeries } from './load-competition-data';

export type MethodScore = {
  method: string;
  smape: number;
  mase: number;
  /** Wall-clock seconds per 1,000 series. */
  secondsPer1000: number;
  /** CPU seconds (user + system) of this process per 1,000 series: less sensitive to other load. */
  cpuSecondsPer1000: number;
  seriesCount: number;
  chosen: Record<string, number>;
};

/**
 * Command-line flags shared by the run-* scripts: --limit N, --methods a,b,c, --half odd|even
 * (the series at odd or even positions, 1-based: a design subset and its complement), --no-r
 * (skip the timing against R's ets()).
 */
export function parseFlags(argv: string[], defaults: { methods: string[] }): { limit: number | undefined; methods: string[]; half: 'odd' | 'even' | undefined; timeR: boolean } {
  const flag = (name: string): string | undefined => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const limit = flag('--limit');
  const methods = flag('--methods');
  const half = flag('--half');
  if (half !== undefined && half !== 'odd' && half !== 'even') throw new Error(`--half must be odd or even, got '${half}'`);
  return { limit: limit ? Number(limit) : undefined, methods: methods ? methods.split(',') : defaults.methods, half, timeR: !argv.includes('--no-r') };
}

/**
 * Forecasts every series with a method (single thread, in process) and averages sMAPE and MASE
 * over series, as in M3/M4. `modelSeasonLength` is what the model is told; `maseSeasonLength` is
 * the competition's MASE period.
 */
export function evaluateMethod(series: readonly CompetitionSeries[], method: string, options: { modelSeasonLength: number; maseSeasonLength: number; levels?: readonly number[] }): MethodScore {
  let smape = 0;
  let mase = 0;
  const chosen: Record<string, number> = {};
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  series.forEach((s, index) => {
    const input = { values: s.train, horizon: s.horizon, seasonLength: options.modelSeasonLength, levels: options.levels ?? [80, 95], seed: index + 1 };
    // 'auto+arima': auto with the auto-ARIMA member (AutoOptions.arimaMember), for comparisons.
    const result = method === 'auto+arima' ? forecastAuto({ ...input, arimaMember: true }) : forecastByMethod(method, input);
    smape += computeSmape(s.test, result.mean);
    mase += computeMase(s.test, result.mean, s.train, options.maseSeasonLength);
    const label = method.startsWith('auto') ? String(result.parameters.chosen ?? result.method) : result.method.replace(/\(.*$/, '');
    chosen[label] = (chosen[label] ?? 0) + 1;
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { method, smape: smape / series.length, mase: mase / series.length, secondsPer1000: (seconds * 1000) / series.length, cpuSecondsPer1000: (cpuSeconds * 1000) / series.length, seriesCount: series.length, chosen };
}

/** Prints progress on stderr so the markdown on stdout stays clean. */
export function logProgress(text: string): void {
  process.stderr.write(`${text}\n`);
}

/**
 * Times R forecast's ets() on the same series when Rscript is installed (Debian r-base-core +
 * r-cran-forecast); returns null and says so when it is not.
 */
export function timeRets(series: readonly CompetitionSeries[], seasonLength: number): { secondsPer1000: number; cpuSecondsPer1000: number } | null {
  try {
    execFileSync('Rscript', ['-e', 'suppressMessages(library(forecast))'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'flowpilot-rets-'));
  const csv = path.join(dir, 'series.csv');
  writeFileSync(csv, series.map((s) => s.train.join(',')).join('\n') + '\n');
  const script = `suppressMessages(library(forecast)); lines <- readLines("${csv}"); t0 <- proc.time();
for (line in lines) { y <- ts(as.numeric(strsplit(line, ",")[[1]]), frequency = ${seasonLength}); fit <- ets(y); f <- forecast(fit, h = 1, PI = FALSE) };
d <- proc.time() - t0; cat(d[["elapsed"]], d[["user.self"]] + d[["sys.self"]])`;
  const [seconds, cpuSeconds] = execFileSync('Rscript', ['-e', script], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
  return { secondsPer1000: (seconds! * 1000) / series.length, cpuSecondsPer1000: (cpuSeconds! * 1000) / series.length };
}

/**
 * Side-by-side speed on the same series: R forecast's ets() (when Rscript is installed) against
 * our `ets` and `auto`, one thread each, run one after the other in this process, all three
 * producing point forecasts only (R: forecast(fit, PI = FALSE)), ours after an untimed warm-up
 * on the first 5 series. Wall and CPU time are both
 * reported: on the shared machine other work inflates wall times by 2–10×, CPU time much less.
 * Returns the markdown lines to print.
 */
export function compareSpeedWithR(series: readonly CompetitionSeries[], seasonLength: number, label: string): string[] {
  const r = timeRets(series, seasonLength);
  if (!r) return ['', 'R (Rscript with r-cran-forecast) is not installed here: the ets() speed comparison was skipped.'];
  // Warm-up (untimed): V8 compiles the hot loops during the first series, as R's byte-compiled
  // package code and C library are ready before R's timer starts.
  for (const method of ['ets', 'auto']) evaluateMethod(series.slice(0, Math.min(series.length, 5)), method, { modelSeasonLength: seasonLength, maseSeasonLength: 1, levels: [] });
  // The same work as the R script: fit and point forecasts, no prediction intervals (PI = FALSE).
  const ours = evaluateMethod(series, 'ets', { modelSeasonLength: seasonLength, maseSeasonLength: 1, levels: [] });
  const auto = evaluateMethod(series, 'auto', { modelSeasonLength: seasonLength, maseSeasonLength: 1, levels: [] });
  const ratio = (reference: number, x: number): string => (x > 0 ? (reference / x).toFixed(1) : '∞');
  const row = (name: string, score: { secondsPer1000: number; cpuSecondsPer1000: number }): string =>
    `| ${name} | ${score.secondsPer1000.toFixed(1)} | ${ratio(r.secondsPer1000, score.secondsPer1000)}× | ${score.cpuSecondsPer1000.toFixed(1)} | ${ratio(r.cpuSecondsPer1000, score.cpuSecondsPer1000)}× |`;
  return [
    '',
    `Speed on ${series.length} series of ${label} (same machine, one thread each, per 1000 series; CPU = user + system time of the process, which other load on the machine disturbs less than wall time):`,
    '',
    '| implementation | wall s | R ets() wall ÷ this | CPU s | R ets() CPU ÷ this |',
    '|---|---:|---:|---:|---:|',
    `| R forecast ets() | ${r.secondsPer1000.toFixed(1)} | 1.0× | ${r.cpuSecondsPer1000.toFixed(1)} | 1.0× |`,
    row('flowpilot ets', ours),
    row('flowpilot auto (whole rule: ETS selection + 4-origin backtest of 4 members + Theta/DOTM/damped)', auto),
  ];
}

export function formatChosen(chosen: Record<string, number>): string {
  return Object.entries(chosen).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, v]) => `${k} ${v}`).join(', ');
}
