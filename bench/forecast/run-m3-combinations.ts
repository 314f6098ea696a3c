/**
 * Ablation for the `auto` design: scores ETS, Theta, DOTM and damped alone and every mean/median
 * combination of two or more of them on an M3 category (one forecast per series and member).
 * Run: npx tsx bench/forecast/run-m3-combinations.ts [--category monthly|other] [--limit N]
 */
import { computeMase, computeSmape, forecastByMethod } from '@flowpilot/core';
import { logProgress } from './evaluate-methods';
import { loadM3, takeSubset, type M3Category } from './load-competition-data';

const argv = process.argv.slice(2);
const category = (argv.includes('--category') ? argv[argv.indexOf('--category') + 1] : 'monthly') as M3Category;
const limit = argv.includes('--limit') ? Number(argv[argv.indexOf('--limit') + 1]) : undefined;
const series = takeSubset(loadM3(category), limit);
const seasonLength = category === 'monthly' ? 12 : 1;
const members = ['ets', 'theta', 'dotm', 'damped'];
const forecasts: Record<string, number[][]> = {};
for (const method of members) {
  logProgress(`${category} ${method}…`);
  forecasts[method] = series.map((s) => forecastByMethod(method, { values: s.train, horizon: s.horizon, seasonLength, levels: [] }).mean);
}
const score = (perSeries: number[][]): { smape: number; mase: number } => {
  let smape = 0;
  let mase = 0;
  series.forEach((s, i) => {
    smape += computeSmape(s.test, perSeries[i]!);
    mase += computeMase(s.test, perSeries[i]!, s.train, seasonLength);
  });
  return { smape: smape / series.length, mase: mase / series.length };
};
const combine = (names: string[], median: boolean): number[][] =>
  series.map((s, i) =>
    s.test.map((_, h) => {
      const values = names.map((name) => forecasts[name]![i]![h]!).sort((a, b) => a - b);
      if (!median) return values.reduce((a, b) => a + b, 0) / values.length;
      const middle = Math.floor(values.length / 2);
      return values.length % 2 === 1 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
    }),
  );
console.log(`\n### M3 ${category}: ${series.length} series, members and combinations\n`);
console.log('| forecast | sMAPE | MASE |');
console.log('|---|---:|---:|');
for (const name of members) {
  const s = score(forecasts[name]!);
  console.log(`| ${name} | ${s.smape.toFixed(3)} | ${s.mase.toFixed(3)} |`);
}
const subsets: string[][] = members.reduce<string[][]>((acc, name) => acc.concat(acc.map((set) => [...set, name])), [[]]).filter((set) => set.length >= 2);
for (const set of subsets) {
  const mean = score(combine(set, false));
  console.log(`| mean ${set.join('+')} | ${mean.smape.toFixed(3)} | ${mean.mase.toFixed(3)} |`);
  if (set.length >= 3) {
    const median = score(combine(set, true));
    console.log(`| median ${set.join('+')} | ${median.smape.toFixed(3)} | ${median.mase.toFixed(3)} |`);
  }
}
