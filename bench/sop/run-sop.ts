// Aggregate planning (S&OP) benchmark: HiGHS solve times for LP and MIP (integer workforce) plans
// on seeded, seasonal product families of 12 and 18 months, plus the Red Tomato known answer.
// Run: npx tsx bench/sop/run-sop.ts [familiesPerSize=5] [seed=42]
import { createRandom, planAggregateProduction, type AggregatePlanInput } from '@flowpilot/core';

const familiesPerSize = Number(process.argv[2] ?? 5);
const seed = Number(process.argv[3] ?? 42);

function generateFamily(months: number, random: ReturnType<typeof createRandom>, index: number): AggregatePlanInput {
  const base = 1500 + random.nextInt(0, 3000);
  const amplitude = 0.2 + random.next() * 0.4;
  const phase = random.next() * 2 * Math.PI;
  const demandUnits = Array.from({ length: months }, (_, t) => Math.round(base * (1 + amplitude * Math.sin((2 * Math.PI * t) / 12 + phase)) * (0.9 + 0.2 * random.next())));
  const laborHoursPerUnit = 2 + random.nextInt(0, 5);
  return {
    familyId: `F${months}-${index}`,
    demandUnits,
    initialWorkforce: Math.round((base * laborHoursPerUnit) / 160),
    initialInventoryUnits: Math.round(base * random.next() * 0.5),
    endingInventoryMinUnits: Math.round(base * 0.2),
    laborHoursPerUnit,
    regularHoursPerWorkerPerPeriod: Array.from({ length: months }, () => 8 * (19 + random.nextInt(0, 4))),
    maxOvertimeHoursPerWorkerPerPeriod: 10 + random.nextInt(0, 11),
    costs: {
      regularCostPerHour: 4 + random.nextInt(0, 4),
      overtimeCostPerHour: 6 + random.nextInt(0, 5),
      hiringCostPerWorker: 200 + random.nextInt(0, 400),
      layoffCostPerWorker: 300 + random.nextInt(0, 600),
      materialCostPerUnit: 10,
      holdingCostPerUnitPerPeriod: 1 + random.nextInt(0, 3),
      backlogCostPerUnitPerPeriod: 4 + random.nextInt(0, 6),
      subcontractCostPerUnit: 25 + random.nextInt(0, 15),
    },
    limits: { maxWorkforce: Math.round((base * laborHoursPerUnit * 1.3) / 160), maxHiresPerPeriod: 15 },
  };
}

const random = createRandom(seed);
const rows: string[] = [];
rows.push('| case | months | strategy | workforce | status | total cost | solve ms |');
rows.push('| --- | ---: | --- | --- | --- | ---: | ---: |');
const red: AggregatePlanInput = {
  familyId: 'red-tomato', demandUnits: [1600, 3000, 3200, 3800, 2200, 2200], initialWorkforce: 80, initialInventoryUnits: 1000, endingInventoryMinUnits: 500,
  laborHoursPerUnit: 4, regularHoursPerWorkerPerPeriod: 160, maxOvertimeHoursPerWorkerPerPeriod: 10,
  costs: { regularCostPerHour: 4, overtimeCostPerHour: 6, hiringCostPerWorker: 300, layoffCostPerWorker: 500, materialCostPerUnit: 10, holdingCostPerUnitPerPeriod: 2, backlogCostPerUnitPerPeriod: 5, subcontractCostPerUnit: 30 },
};
await planAggregateProduction(red); // loads HiGHS once, outside the timings
const families = [red, ...[12, 18].flatMap((months) => Array.from({ length: familiesPerSize }, (_, i) => generateFamily(months, random, i)))];
const summary = new Map<string, number[]>();
for (const family of families) {
  for (const workforceMode of ['continuous', 'integer'] as const) {
    for (const strategy of ['level', 'chase', 'optimal'] as const) {
      const start = performance.now();
      const plan = await planAggregateProduction(family, { strategy, workforceMode, timeLimitSeconds: 30 });
      const ms = performance.now() - start;
      const key = `${family.demandUnits.length}|${strategy}|${workforceMode}`;
      summary.set(key, [...(summary.get(key) ?? []), ms]);
      if (family === red || strategy === 'optimal') rows.push(`| ${family.familyId} | ${family.demandUnits.length} | ${strategy} | ${workforceMode} | ${plan.status} | ${Number.isNaN(plan.totalCost) ? '-' : plan.totalCost.toFixed(0)} | ${ms.toFixed(1)} |`);
    }
  }
}
console.log(rows.join('\n'));
console.log('\n| months | strategy | workforce | solves | mean ms | max ms |');
console.log('| ---: | --- | --- | ---: | ---: | ---: |');
for (const [key, times] of [...summary.entries()].sort()) {
  const [months, strategy, workforce] = key.split('|');
  console.log(`| ${months} | ${strategy} | ${workforce} | ${times.length} | ${(times.reduce((a, b) => a + b, 0) / times.length).toFixed(1)} | ${Math.max(...times).toFixed(1)} |`);
}
