/**
 * Design aid for auto-ARIMA speed: runs `selectAutoArima` on an evenly spaced subset of a set and
 * prints the CPU seconds per series, the number of models tried and the chosen orders, so that an
 * optimisation can be checked for "same orders, same forecasts, less time". Run:
 * npx tsx bench/forecast/time-arima-fits.ts [--set m3-monthly] [--limit 20] [--approximation] [--json out.json]
 * and `--compare before.json after.json` to count the series whose chosen model or forecast changed.
 * `--impl <file>` times another copy of the arima module instead (e.g. an older version extracted with
 * `git archive <commit> packages/core/src | tar -x -C /tmp/old` and passed as
 * /tmp/old/packages/core/src/forecast/arima/index.ts), so both run under the same machine load.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as core from '@flowpilot/core';
import { takeSubset } from './load-competition-data';
import { loadSet, modelSeasonOf, type CacheSet } from './cache-member-forecasts';

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);

type SeriesRow = { id: string; model: string; aicc: number; tried: number; seconds: number; mean: number[] };

function compareRuns(beforePath: string, afterPath: string): void {
  const before = JSON.parse(readFileSync(beforePath, 'utf8')) as SeriesRow[];
  const after = new Map((JSON.parse(readFileSync(afterPath, 'utf8')) as SeriesRow[]).map((r) => [r.id, r]));
  let same = 0;
  let compared = 0;
  let maxRelative = 0;
  let secondsBefore = 0;
  let secondsAfter = 0;
  for (const row of before) {
    const next = after.get(row.id);
    if (!next) continue;
    compared++;
    secondsBefore += row.seconds;
    secondsAfter += next.seconds;
    if (row.model === next.model) same++;
    else console.log(`${row.id}: ${row.model} (AICc ${row.aicc.toFixed(2)}) -> ${next.model} (AICc ${next.aicc.toFixed(2)})`);
    const scale = row.mean.reduce((s, v) => s + Math.abs(v), 0) / row.mean.length || 1;
    row.mean.forEach((v, h) => (maxRelative = Math.max(maxRelative, Math.abs(v - next.mean[h]!) / scale)));
  }
  console.log(`${compared} series: same model ${same}, largest forecast change ${(100 * maxRelative).toFixed(4)} % of the mean level, CPU ${secondsBefore.toFixed(2)} s -> ${secondsAfter.toFixed(2)} s (${(secondsBefore / Math.max(secondsAfter, 1e-9)).toFixed(1)}×)`);
}

async function main(): Promise<void> {
  if (argv.includes('--compare')) {
    compareRuns(flag('--compare')!, argv[argv.indexOf('--compare') + 2]!);
    return;
  }
  const impl = flag('--impl');
  const { forecastArima, formatArimaName, selectAutoArima } = (impl ? await import(impl) : core) as typeof core;
  const set = (flag('--set') ?? 'm3-monthly') as CacheSet;
  const limit = Number(flag('--limit') ?? 20);
  const m = modelSeasonOf(set);
  const series = takeSubset(loadSet(set), limit);
  const rows: SeriesRow[] = [];
  for (const s of series) {
    // CPU time of this process, not wall time: the shared machine's load changes wall times 2×.
    const t0 = process.cpuUsage();
    const selection = selectAutoArima(s.train, m, argv.includes('--approximation') ? { approximation: true } : {});
    const used = process.cpuUsage(t0);
    const mean = forecastArima(selection.fit, s.horizon, []).mean;
    rows.push({ id: s.id, model: formatArimaName(selection.fit), aicc: selection.fit.aicc, tried: selection.tried.length, seconds: (used.user + used.system) / 1e6, mean });
  }
  const total = rows.reduce((a, r) => a + r.seconds, 0);
  console.log(`${set}: ${rows.length} series, m ${m}, CPU ${total.toFixed(2)} s (${(total / rows.length).toFixed(3)} s / series), mean models tried ${(rows.reduce((a, r) => a + r.tried, 0) / rows.length).toFixed(1)}`);
  if (argv.includes('--verbose')) for (const r of rows) console.log(`${r.id} ${r.model} AICc ${r.aicc.toFixed(2)} tried ${r.tried} ${r.seconds.toFixed(3)} s`);
  const out = flag('--json');
  if (out) writeFileSync(out, JSON.stringify(rows));
}

void main();
