/**
 * M3 monthly and other: sMAPE and MASE per method next to the published/recomputed rows, and
 * single-thread seconds per 1,000 series. Run: npx tsx bench/forecast/run-m3.ts [--limit N]
 * [--methods auto,auto+arima,ets,theta,...] [--category monthly|other] [--half odd|even] [--no-r]
 */
import { evaluateMethod, formatChosen, logProgress, parseFlags, compareSpeedWithR } from './evaluate-methods';
import { loadM3, loadM3ForecastPackageAccuracy, loadM3RecomputedAccuracy, takeHalf, takeSubset, type M3Category } from './load-competition-data';

const argv = process.argv.slice(2);
const { limit, methods, half, timeR } = parseFlags(argv, { methods: ['auto', 'ets', 'theta', 'dotm', 'naive2'] });
const categoryFlag = argv.includes('--category') ? argv[argv.indexOf('--category') + 1] : undefined;
const categories: M3Category[] = categoryFlag ? [categoryFlag as M3Category] : ['monthly', 'other'];
const targets: Record<M3Category, number> = { monthly: 13.6, other: 4.3 };

for (const category of categories) {
  const all = loadM3(category);
  const series = takeSubset(takeHalf(all, half), limit);
  const seasonLength = category === 'monthly' ? 12 : 1;
  console.log(`\n### M3 ${category}: ${series.length} of ${all.length} series${half ? ` (${half} positions)` : ''}, h = ${series[0]!.horizon}\n`);
  console.log('| method | sMAPE | MASE | s / 1000 series (1 thread; CPU) | models chosen |');
  console.log('|---|---:|---:|---:|---|');
  for (const method of methods) {
    logProgress(`m3 ${category} ${method}…`);
    const score = evaluateMethod(series, method, { modelSeasonLength: seasonLength, maseSeasonLength: seasonLength });
    const target = method.startsWith('auto') ? ` (target ≤ ${targets[category]}: ${score.smape <= targets[category] ? 'met' : 'NOT met'})` : '';
    console.log(`| flowpilot ${method} | ${score.smape.toFixed(3)}${target} | ${score.mase.toFixed(3)} | ${score.secondsPer1000.toFixed(1)}; ${score.cpuSecondsPer1000.toFixed(1)} | ${formatChosen(score.chosen)} |`);
  }
  if (series.length === all.length) {
    console.log('\nReference rows (all series):\n');
    console.log('| reference | sMAPE | MASE |');
    console.log('|---|---:|---:|');
    const recomputed = loadM3RecomputedAccuracy(category).filter((r) => ['THETA', 'ForecastPro', 'COMB S-H-D', 'DAMPEN', 'ARARMA', 'AutoBox2', 'B-J auto', 'SINGLE', 'NAIVE2'].includes(r.method));
    for (const r of recomputed) console.log(`| M3 original ${r.method} (recomputed) | ${r.smape.toFixed(3)} | ${r.mase.toFixed(3)} |`);
    for (const r of loadM3ForecastPackageAccuracy(category)) console.log(`| R forecast 8.20 ${r.method} | ${r.smape.toFixed(3)} | ${r.mase.toFixed(3)} |`);
  } else {
    console.log('\n(subset run: compare only with a full run; reference rows are printed for full runs)');
  }
  if (timeR) for (const line of compareSpeedWithR(series.slice(0, Math.min(series.length, 100)), seasonLength, `M3 ${category}`)) console.log(line);
}
