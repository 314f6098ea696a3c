/**
 * Speed against R forecast's ets() on the same series, side by side on this machine (one thread
 * each): R ets(), flowpilot ets and flowpilot auto. Needs Rscript + r-cran-forecast (says so
 * when absent). Run: npx tsx bench/forecast/run-speed-vs-r.ts [--set m3-monthly|m3-other|m4-hourly|m4-weekly] [--limit 30]
 */
import { compareSpeedWithR } from './evaluate-methods';
import { takeSubset } from './load-competition-data';
import { loadSet, modelSeasonOf, type CacheSet } from './cache-member-forecasts';

const argv = process.argv.slice(2);
const set = (argv.includes('--set') ? argv[argv.indexOf('--set') + 1] : 'm3-monthly') as CacheSet;
const limit = argv.includes('--limit') ? Number(argv[argv.indexOf('--limit') + 1]) : 30;
const series = takeSubset(loadSet(set), limit);
for (const line of compareSpeedWithR(series, modelSeasonOf(set), `${set} (evenly spaced subset)`)) console.log(line);
