import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { computeMase, computeSmape, forecastByMethod } from '@flowpilot/core';
import type { CompetitionSeries } from './load-competition-data';

export type MethodScore = { method: string; smape: number; mase: number; secondsPer1000: number; seriesCount: number; chosen: Record<string, number> };

/** Command-line flags shared by the run-* scripts: --limit N, --methods a,b,c. */
export function parseFlags(argv: string[], defaults: { methods: string[] }): { limit: number | undefined; methods: string[] } {
  const flag = (name: string): string | undefined => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const limit = flag('--limit');
  const methods = flag('--methods');
  return { limit: limit ? Number(limit) : undefined, methods: methods ? methods.split(',') : defaults.methods };
}

/**
 * Forecasts every series with a method (single thread, in process) and averages sMAPE and MASE
 * over series, as in M3/M4. `modelSeasonLength` is what the model is told; `maseSeasonLength` is
 * the competition's MASE period.
 */
export function evaluateMethod(series: readonly CompetitionSeries[], method: string, options: { modelSeasonLength: number; maseSeasonLength: number }): MethodScore {
  let smape = 0;
  let mase = 0;
  const chosen: Record<string, number> = {};
  const started = performance.now();
  series.forEach((s, index) => {
    const result = forecastByMethod(method, { values: s.train, horizon: s.horizon, seasonLength: options.modelSeasonLength, levels: [80, 95], seed: index + 1 });
    smape += computeSmape(s.test, result.mean);
    mase += computeMase(s.test, result.mean, s.train, options.maseSeasonLength);
    const label = method === 'auto' ? String(result.parameters.chosen ?? result.method) : result.method.replace(/\(.*$/, '');
    chosen[label] = (chosen[label] ?? 0) + 1;
  });
  const seconds = (performance.now() - started) / 1000;
  return { method, smape: smape / series.length, mase: mase / series.length, secondsPer1000: (seconds * 1000) / series.length, seriesCount: series.length, chosen };
}

/** Prints progress on stderr so the markdown on stdout stays clean. */
export function logProgress(text: string): void {
  process.stderr.write(`${text}\n`);
}

/**
 * Times R forecast's ets() on the same series when Rscript is installed (Debian r-base-core +
 * r-cran-forecast); returns null and says so when it is not.
 */
export function timeRets(series: readonly CompetitionSeries[], seasonLength: number): { secondsPer1000: number } | null {
  try {
    execFileSync('Rscript', ['--version'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'flowpilot-rets-'));
  const csv = path.join(dir, 'series.csv');
  writeFileSync(csv, series.map((s) => s.train.join(',')).join('\n') + '\n');
  const script = `suppressMessages(library(forecast)); lines <- readLines("${csv}"); t0 <- proc.time()[["elapsed"]];
for (line in lines) { y <- ts(as.numeric(strsplit(line, ",")[[1]]), frequency = ${seasonLength}); fit <- ets(y); f <- forecast(fit, h = 1, PI = FALSE) };
cat(proc.time()[["elapsed"]] - t0)`;
  const seconds = Number(execFileSync('Rscript', ['-e', script], { encoding: 'utf8' }).trim());
  return { secondsPer1000: (seconds * 1000) / series.length };
}

/**
 * Side-by-side speed on the same series: R forecast's ets() (when Rscript is installed) against
 * our `ets` and `auto`, one thread each, run one after the other in this process. Returns the
 * markdown lines to print.
 */
export function compareSpeedWithR(series: readonly CompetitionSeries[], seasonLength: number, label: string): string[] {
  const r = timeRets(series, seasonLength);
  if (!r) return ['', 'R (Rscript with r-cran-forecast) is not installed here: the ets() speed comparison was skipped.'];
  const ours = evaluateMethod(series, 'ets', { modelSeasonLength: seasonLength, maseSeasonLength: 1 });
  const auto = evaluateMethod(series, 'auto', { modelSeasonLength: seasonLength, maseSeasonLength: 1 });
  const ratio = (x: number): string => (x > 0 ? (r.secondsPer1000 / x).toFixed(1) : '∞');
  return [
    '',
    `Speed on the first ${series.length} series of ${label} (same machine, one thread each, s / 1000 series):`,
    '',
    '| implementation | s / 1000 series | R ets() time ÷ this |',
    '|---|---:|---:|',
    `| R forecast ets() | ${r.secondsPer1000.toFixed(1)} | 1.0 |`,
    `| flowpilot ets | ${ours.secondsPer1000.toFixed(1)} | ${ratio(ours.secondsPer1000)}× |`,
    `| flowpilot auto (whole rule: ETS selection + 4-origin backtest of 4 members + Theta/DOTM/damped) | ${auto.secondsPer1000.toFixed(1)} | ${ratio(auto.secondsPer1000)}× |`,
  ];
}

export function formatChosen(chosen: Record<string, number>): string {
  return Object.entries(chosen).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, v]) => `${k} ${v}`).join(', ');
}
