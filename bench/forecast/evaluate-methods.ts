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

/** Seconds per 1,000 series, wall and CPU. */
export type SpeedPer1000 = { secondsPer1000: number; cpuSecondsPer1000: number };

/**
 * Times R forecast's ets() on the same series when Rscript is installed (Debian r-base-core +
 * r-cran-forecast); returns null and says so when it is not. The loop runs twice in one R session:
 * `cold` is the first pass (R's package code is byte-compiled at install time, so R has little to
 * warm up), `warm` the second, timed the same way as ours after our own untimed pass.
 */
export function timeRets(series: readonly CompetitionSeries[], seasonLength: number): { cold: SpeedPer1000; warm: SpeedPer1000 } | null {
  try {
    execFileSync('Rscript', ['-e', 'suppressMessages(library(forecast))'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'flowpilot-rets-'));
  const csv = path.join(dir, 'series.csv');
  writeFileSync(csv, series.map((s) => s.train.join(',')).join('\n') + '\n');
  const script = `suppressMessages(library(forecast)); lines <- readLines("${csv}");
run <- function() { t0 <- proc.time(); for (line in lines) { y <- ts(as.numeric(strsplit(line, ",")[[1]]), frequency = ${seasonLength}); fit <- ets(y); f <- forecast(fit, h = 1, PI = FALSE) }; d <- proc.time() - t0; c(d[["elapsed"]], d[["user.self"]] + d[["sys.self"]]) };
cat(run(), run())`;
  const [coldSeconds, coldCpu, warmSeconds, warmCpu] = execFileSync('Rscript', ['-e', script], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
  const per1000 = (seconds: number, cpu: number): SpeedPer1000 => ({ secondsPer1000: (seconds * 1000) / series.length, cpuSecondsPer1000: (cpu * 1000) / series.length });
  return { cold: per1000(coldSeconds!, coldCpu!), warm: per1000(warmSeconds!, warmCpu!) };
}

/**
 * Side-by-side speed on the same series: R forecast's ets() (when Rscript is installed) against
 * our `ets` and `auto`, one thread each, all three producing point forecasts only (R:
 * forecast(fit, PI = FALSE)). Two measurements per implementation, the same for R and for us:
 * - **cold**: the first pass over the series in a fresh process (ours: after a 5-series warm-up,
 *   so V8 is still compiling the hot loops on its background threads, which count as CPU; R's
 *   `library(forecast)` is loaded before its timer starts);
 * - **steady state**: a second, timed pass over the same series after that untimed first pass,
 *   as a long run over thousands of items sees it. This is the headline figure.
 * Wall and CPU time are both reported: on the shared machine other work inflates wall times by
 * 2–10×, CPU time much less. Returns the markdown lines to print.
 */
export function compareSpeedWithR(series: readonly CompetitionSeries[], seasonLength: number, label: string): string[] {
  const r = timeRets(series, seasonLength);
  if (!r) return ['', 'R (Rscript with r-cran-forecast) is not installed here: the ets() speed comparison was skipped.'];
  const options = { modelSeasonLength: seasonLength, maseSeasonLength: 1, levels: [] };
  for (const method of ['ets', 'auto']) evaluateMethod(series.slice(0, Math.min(series.length, 5)), method, options);
  // The same work as the R script: fit and point forecasts, no prediction intervals (PI = FALSE).
  const cold = { ets: evaluateMethod(series, 'ets', options), auto: evaluateMethod(series, 'auto', options) };
  const warm = { ets: evaluateMethod(series, 'ets', options), auto: evaluateMethod(series, 'auto', options) };
  const ratio = (reference: number, x: number): string => (x > 0 ? (reference / x).toFixed(1) : '∞');
  const row = (name: string, pass: string, reference: SpeedPer1000, score: SpeedPer1000): string =>
    `| ${name} | ${pass} | ${score.secondsPer1000.toFixed(1)} | ${ratio(reference.secondsPer1000, score.secondsPer1000)}× | ${score.cpuSecondsPer1000.toFixed(1)} | ${ratio(reference.cpuSecondsPer1000, score.cpuSecondsPer1000)}× |`;
  const autoName = 'flowpilot auto (ETS selection + 4-origin backtest of 4 members + Theta/DOTM/damped)';
  return [
    '',
    `Speed on ${series.length} series of ${label} (same machine, one thread each, per 1000 series; CPU = user + system time of the process, which other load on the machine disturbs less than wall time; "steady state" = a second pass over the same series in the same process, for R and for us):`,
    '',
    '| implementation | pass | wall s | R ets() wall ÷ this | CPU s | R ets() CPU ÷ this |',
    '|---|---|---:|---:|---:|---:|',
    row('R forecast ets()', 'steady state', r.warm, r.warm),
    row('flowpilot ets', 'steady state', r.warm, warm.ets),
    row(autoName, 'steady state', r.warm, warm.auto),
    row('R forecast ets()', 'cold', r.cold, r.cold),
    row('flowpilot ets', 'cold', r.cold, cold.ets),
    row(autoName, 'cold', r.cold, cold.auto),
  ];
}

export function formatChosen(chosen: Record<string, number>): string {
  return Object.entries(chosen).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, v]) => `${k} ${v}`).join(', ');
}
