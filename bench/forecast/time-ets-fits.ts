/**
 * Design aid for ETS speed: fits every admissible ETS form to an evenly spaced subset of a set
 * and prints, per form, the mean CPU seconds per fit and mean AICc, so that optimiser changes can be
 * checked for "same or better AICc, less time". Run:
 * npx tsx bench/forecast/time-ets-fits.ts [--set m4-weekly] [--limit 10] [--seed search|least-squares]
 * [--optimizer auto|quasi-newton|nelder-mead] [--json out.json]
 * (the JSON holds the AICc of every fit), or --compare before.json after.json to compare two
 * versions fit by fit.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fitEtsModel, listEtsCandidates, type EtsOptimizer, type EtsSeedEstimation } from '@flowpilot/core';
import { takeSubset } from './load-competition-data';
import { loadSet, modelSeasonOf, type CacheSet } from './cache-member-forecasts';

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);

type FitRow = { id: string; form: string; aicc: number | null };

/** `--compare before.json after.json`: per form, fits with a lower / higher AICc after (by > 0.001), the mean change and the largest increase. */
function compareRuns(beforePath: string, afterPath: string): void {
  const before = JSON.parse(readFileSync(beforePath, 'utf8')) as FitRow[];
  const after = new Map((JSON.parse(readFileSync(afterPath, 'utf8')) as FitRow[]).map((r) => [`${r.id} ${r.form}`, r.aicc]));
  const byForm = new Map<string, { n: number; better: number; worse: number; sum: number; largestIncrease: number }>();
  for (const row of before) {
    const next = after.get(`${row.id} ${row.form}`);
    if (next === undefined || next === null || row.aicc === null) continue;
    const entry = byForm.get(row.form) ?? { n: 0, better: 0, worse: 0, sum: 0, largestIncrease: 0 };
    const delta = next - row.aicc;
    entry.n += 1;
    if (delta < -1e-3) entry.better += 1;
    if (delta > 1e-3) entry.worse += 1;
    entry.sum += delta;
    entry.largestIncrease = Math.max(entry.largestIncrease, delta);
    byForm.set(row.form, entry);
  }
  console.log('| form | fits | lower AICc after | higher AICc after | mean ΔAICc | largest increase |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const [form, e] of byForm) console.log(`| ${form} | ${e.n} | ${e.better} | ${e.worse} | ${(e.sum / e.n).toFixed(3)} | ${e.largestIncrease.toFixed(3)} |`);
}

if (argv.includes('--compare')) {
  compareRuns(flag('--compare')!, argv[argv.indexOf('--compare') + 2]!);
  process.exit(0);
}
const set = (flag('--set') ?? 'm4-weekly') as CacheSet;
const limit = Number(flag('--limit') ?? 10);
const seedEstimation = (flag('--seed') ?? 'search') as EtsSeedEstimation;
const optimizer = (flag('--optimizer') ?? 'auto') as EtsOptimizer;
const m = modelSeasonOf(set);
const series = takeSubset(loadSet(set), limit);
const perForm = new Map<string, { seconds: number; count: number; aicc: number }>();
const rows: FitRow[] = [];
const started = process.cpuUsage();
for (const s of series) {
  for (const spec of listEtsCandidates(s.train, m)) {
    const form = `${spec.error}${spec.trend}${spec.season}`;
    // CPU time of this process, not wall time: the shared machine's load changes wall times 2×.
    const t0 = process.cpuUsage();
    const fit = fitEtsModel(s.train, spec, m, 2000, seedEstimation, optimizer);
    const used = process.cpuUsage(t0);
    const seconds = (used.user + used.system) / 1e6;
    const entry = perForm.get(form) ?? { seconds: 0, count: 0, aicc: 0 };
    entry.seconds += seconds;
    entry.count += 1;
    entry.aicc += fit && Number.isFinite(fit.aicc) ? fit.aicc : 0;
    perForm.set(form, entry);
    rows.push({ id: s.id, form, aicc: fit && Number.isFinite(fit.aicc) ? fit.aicc : null });
  }
}
console.log(`${set}: ${series.length} series, m ${m}, seed ${seedEstimation}, optimizer ${optimizer}, CPU ${((process.cpuUsage(started).user + process.cpuUsage(started).system) / 1e6).toFixed(2)} s, mean AICc over all fits ${(rows.reduce((a, r) => a + (r.aicc ?? 0), 0) / rows.length).toFixed(3)}`);
console.log('| form | fits | CPU s / fit | mean AICc |');
console.log('|---|---:|---:|---:|');
for (const [form, e] of perForm) console.log(`| ${form} | ${e.count} | ${(e.seconds / e.count).toFixed(4)} | ${(e.aicc / e.count).toFixed(3)} |`);
const out = flag('--json');
if (out) writeFileSync(out, JSON.stringify(rows));
