// Known-answer benchmark: the Zheng & Federgruen (1991) (s,S) table and the FoSCT Example 6.1 serial system,
// read from ../shared/data/inventory; prints a markdown table with the match and the time per instance.
// Usage: npx tsx bench/inventory/run-known-answers.ts [data directory]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { planSerialBaseStock, planSsPolicy } from '@flowpilot/core';

const directory = process.argv[2] ?? '../shared/data/inventory';
const rows = readFileSync(join(directory, 'zheng_federgruen_1991_sS.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((line) => line.split(',').map(Number));

console.log('| instance | mean | expected s, S | found s, S | expected cost | found cost | match | ms |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: |');
let matches = 0;
let totalMs = 0;
for (const [instance, h, p, k, mean, s, S, cost] of rows as number[][]) {
  const start = performance.now();
  const result = planSsPolicy({ demand: { distribution: 'poisson', meanPerPeriod: mean! }, holdingCostPerUnitPerPeriod: h!, stockoutCostPerUnitPerPeriod: p!, orderCost: k! });
  const ms = performance.now() - start;
  totalMs += ms;
  const match = result.s === s && result.S === S && Math.abs(result.costPerPeriod - cost!) <= 5e-4;
  if (match) matches++;
  console.log(`| ${instance} | ${mean} | ${s}, ${S} | ${result.s}, ${result.S} | ${cost!.toFixed(3)} | ${result.costPerPeriod.toFixed(4)} | ${match ? 'yes' : 'NO'} | ${ms.toFixed(1)} |`);
}
console.log(`\nZheng–Federgruen: ${matches}/${rows.length} optimal policies reproduced, ${totalMs.toFixed(0)} ms in all.\n`);

const serial = JSON.parse(readFileSync(join(directory, 'serial_multi_echelon_fosct_ex6_1.json'), 'utf8'));
const stages = serial.inputs.stages_downstream_to_upstream as { stage: number; echelon_holding_cost: number; shipment_lead_time: number; stockout_cost_p?: number; demand?: { mean_per_period: number; sd_per_period: number } }[];
console.log('| grid points | echelon S (1 / 2 / 3) | textbook | cost per period | stockpyl DP cost | ms |');
console.log('| ---: | --- | --- | ---: | ---: | ---: |');
for (const gridPoints of [2000, 12000, 40000]) {
  const start = performance.now();
  const result = planSerialBaseStock({
    stages: stages.map((stage) => ({ id: String(stage.stage), echelonHoldingCostPerUnitPerPeriod: stage.echelon_holding_cost, leadTimePeriods: stage.shipment_lead_time })),
    demand: { distribution: 'normal', meanPerPeriod: stages[0]!.demand!.mean_per_period, standardDeviationPerPeriod: stages[0]!.demand!.sd_per_period },
    stockoutCostPerUnitPerPeriod: stages[0]!.stockout_cost_p!,
    gridPoints,
  });
  const ms = performance.now() - start;
  const levels = result.stages.map((stage) => stage.echelonBaseStockLevel.toFixed(3)).join(' / ');
  const textbook = Object.values(serial.expected.textbook_optimal_echelon_base_stock as Record<string, number>).join(' / ');
  console.log(`| ${gridPoints} | ${levels} | ${textbook} | ${result.costPerPeriod.toFixed(4)} | ${serial.expected.stockpyl_numerical_expected_cost_per_period.toFixed(4)} | ${ms.toFixed(0)} |`);
}
