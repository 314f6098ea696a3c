/**
 * M4 hourly and weekly: sMAPE, MASE and OWA (against our Naive2, which reproduces the official
 * Naive2 row) next to the official table. Run: npx tsx bench/forecast/run-m4.ts [--limit N]
 * [--methods auto,auto+arima,ets,...] [--category hourly|weekly] [--half odd|even] [--no-r]
 */
import { computeOwa } from '@flowpilot/core';
import { evaluateMethod, formatChosen, logProgress, parseFlags, compareSpeedWithR } from './evaluate-methods';
import { loadM4, loadM4OfficialAccuracy, takeHalf, takeSubset, type M4Category } from './load-competition-data';

const argv = process.argv.slice(2);
const { limit, methods, half, timeR } = parseFlags(argv, { methods: ['auto', 'ets', 'theta', 'snaive'] });
const categoryFlag = argv.includes('--category') ? argv[argv.indexOf('--category') + 1] : undefined;
const categories: M4Category[] = categoryFlag ? [categoryFlag as M4Category] : ['hourly', 'weekly'];
const targets: Record<M4Category, number> = { hourly: 0.6, weekly: 0.9 };
// Models see the calendar period (24 hours, 52 weeks); MASE uses the M4 frequencies (24, 1).
const modelSeason: Record<M4Category, number> = { hourly: 24, weekly: 52 };
const maseSeason: Record<M4Category, number> = { hourly: 24, weekly: 1 };

for (const category of categories) {
  const all = loadM4(category);
  const series = takeSubset(takeHalf(all, half), limit);
  console.log(`\n### M4 ${category}: ${series.length} of ${all.length} series${half ? ` (${half} positions)` : ''}, h = ${series[0]!.horizon}\n`);
  logProgress(`m4 ${category} naive2…`);
  // Naive2 as in M4: seasonal adjustment only for m > 1 (weekly ran non-seasonally).
  const naive2 = evaluateMethod(series, 'naive2', { modelSeasonLength: maseSeason[category], maseSeasonLength: maseSeason[category] });
  console.log('| method | sMAPE | MASE | OWA | s / 1000 series (1 thread; CPU) | models chosen |');
  console.log('|---|---:|---:|---:|---:|---|');
  console.log(`| flowpilot naive2 (OWA base) | ${naive2.smape.toFixed(3)} | ${naive2.mase.toFixed(3)} | 1.000 | ${naive2.secondsPer1000.toFixed(1)} | |`);
  for (const method of methods) {
    logProgress(`m4 ${category} ${method}…`);
    const score = evaluateMethod(series, method, { modelSeasonLength: modelSeason[category], maseSeasonLength: maseSeason[category] });
    const owa = computeOwa(score.smape, score.mase, naive2.smape, naive2.mase);
    const target = method.startsWith('auto') ? ` (target ≤ ${targets[category]}: ${owa <= targets[category] ? 'met' : 'NOT met'})` : '';
    console.log(`| flowpilot ${method} | ${score.smape.toFixed(3)} | ${score.mase.toFixed(3)} | ${owa.toFixed(3)}${target} | ${score.secondsPer1000.toFixed(1)}; ${score.cpuSecondsPer1000.toFixed(1)} | ${formatChosen(score.chosen)} |`);
  }
  if (series.length === all.length) {
    console.log('\nOfficial M4 rows:\n');
    console.log('| official | sMAPE | MASE | OWA |');
    console.log('|---|---:|---:|---:|');
    const wanted = ['Naive', 'sNaive', 'Naive2', 'SES', 'Holt', 'Damped', 'Theta', 'Com', '118'];
    for (const row of loadM4OfficialAccuracy(category).filter((r) => wanted.includes(r.method))) {
      console.log(`| ${row.method === '118' ? '#118 Smyl (winner)' : row.method} | ${row.smape.toFixed(3)} | ${row.mase.toFixed(3)} | ${row.owa.toFixed(3)} |`);
    }
  } else {
    console.log('\n(subset run: official rows are for all series; compare OWA only on full runs)');
  }
  // R ets() on 700–960 hourly points with m = 24 takes seconds per series: time fewer there.
  const speedCount = Math.min(series.length, category === 'hourly' ? 10 : 50);
  if (timeR) for (const line of compareSpeedWithR(series.slice(0, speedCount), modelSeason[category], `M4 ${category}`)) console.log(line);
}
