/**
 * ARIMA-only check on M3 (monthly or other): sMAPE, MASE and CPU time of forecastAutoArima next to
 * the original M3 submissions on the same series.
 *
 *   npx tsx bench/forecast-arima/run-m3-arima.ts [monthly|other] [stride]
 *
 * stride k keeps every k-th series (1 = all) so a quick run stays small on a shared machine.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { forecastAutoArima } from '@flowpilot/core';

const category = process.argv[2] === 'other' ? 'other' : 'monthly';
const stride = Math.max(1, Number(process.argv[3] ?? 1));
const dataDir = new URL('../../../shared/data/m3/', import.meta.url);
const m = category === 'monthly' ? 12 : 1;

const read = (name: string) => gunzipSync(readFileSync(new URL(name, dataDir))).toString('utf8');
const unquote = (s: string) => s.replace(/^"|"$/g, '');

const series = new Map<string, { train: number[]; test: number[] }>();
for (const line of read(`m3_${category}_values.csv.gz`).split('\n').slice(1)) {
  if (!line) continue;
  const [id, split, , value] = line.split(',').map(unquote);
  const entry = series.get(id!) ?? { train: [], test: [] };
  (split === 'train' ? entry.train : entry.test).push(Number(value));
  series.set(id!, entry);
}
const ids = [...series.keys()].filter((_, i) => i % stride === 0);
const chosen = new Set(ids);

const smapeOf = (y: number[], f: readonly number[]) => y.reduce((s, v, h) => s + (200 * Math.abs(v - f[h]!)) / (Math.abs(v) + Math.abs(f[h]!)), 0) / y.length;
const maseOf = (train: number[], y: number[], f: readonly number[]) => {
  let scale = 0;
  for (let t = m; t < train.length; t++) scale += Math.abs(train[t]! - train[t - m]!);
  scale /= train.length - m;
  return y.reduce((s, v, h) => s + Math.abs(v - f[h]!), 0) / y.length / scale;
};

const rows: { method: string; smape: number; mase: number; seconds?: number }[] = [];
let smape = 0;
let mase = 0;
const cpuStart = process.cpuUsage();
for (const id of ids) {
  const { train, test } = series.get(id)!;
  const result = forecastAutoArima({ values: train, horizon: test.length, seasonLength: m, levels: [80, 95] });
  smape += smapeOf(test, result.mean);
  mase += maseOf(train, test, result.mean);
}
const cpu = process.cpuUsage(cpuStart);
rows.push({ method: 'flowpilot auto ARIMA', smape: smape / ids.length, mase: mase / ids.length, seconds: ((cpu.user + cpu.system) / 1e6 / ids.length) * 1000 });

const references = ['B-J auto', 'AutoBox2', 'ARARMA', 'THETA', 'ForecastPro'];
for (const [file, wanted] of [
  [`m3_${category}_forecasts_original.csv.gz`, references],
  [`m3_${category}_forecasts_forecastpkg.csv.gz`, ['ETS', 'ThetaF']],
] as const) {
  const acc = new Map<string, { smape: number; mase: number; count: number }>();
  for (const line of read(file).split('\n').slice(1)) {
    if (!line) continue;
    const cells = line.split(',').map(unquote);
    const [id, method] = cells;
    if (!chosen.has(id!) || !(wanted as readonly string[]).includes(method!)) continue;
    const { train, test } = series.get(id!)!;
    const f = cells.slice(2).map(Number);
    const a = acc.get(method!) ?? { smape: 0, mase: 0, count: 0 };
    a.smape += smapeOf(test, f);
    a.mase += maseOf(train, test, f);
    a.count++;
    acc.set(method!, a);
  }
  for (const [method, a] of acc) if (a.count === ids.length) rows.push({ method: file.includes('forecastpkg') ? `R forecast ${method}` : `M3 ${method}`, smape: a.smape / a.count, mase: a.mase / a.count });
}

console.log(`M3 ${category}: ${ids.length} series (every ${stride === 1 ? '' : `${stride}th `}series)\n`);
console.log('| method | sMAPE | MASE | CPU s / 1000 series |');
console.log('|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.method} | ${r.smape.toFixed(3)} | ${r.mase.toFixed(3)} | ${r.seconds === undefined ? '' : r.seconds.toFixed(0)} |`);
