/**
 * Checks the metric code: scores the original M3 submissions with computeSmape/computeMase and
 * compares with the recomputed accuracy tables shipped with the data (must match to 3 decimals).
 * Run: npx tsx bench/forecast/run-m3-metric-check.ts
 */
import { rescoreM3Submissions } from './rescore-m3-submissions';
import type { M3Category } from './load-competition-data';

let failures = 0;
for (const category of ['monthly', 'other'] as M3Category[]) {
  const rows = rescoreM3Submissions(category);
  console.log(`\n### M3 ${category}: original submissions rescored\n`);
  console.log('| method | series | sMAPE ours | sMAPE known | MASE ours | MASE known | match (3 dp) |');
  console.log('|---|---:|---:|---:|---:|---:|---|');
  for (const row of rows) {
    if (!row.matches) failures++;
    console.log(`| ${row.method} | ${row.seriesCount} | ${row.smape.toFixed(3)} | ${row.knownSmape.toFixed(3)} | ${row.mase.toFixed(3)} | ${row.knownMase.toFixed(3)} | ${row.matches ? 'yes' : 'NO'} |`);
  }
}
console.log(failures === 0 ? '\nAll rows reproduced to 3 decimals.' : `\n${failures} row(s) differ.`);
process.exitCode = failures === 0 ? 0 : 1;
