// Vehicle routing benchmark: CVRPLIB A, B, X (≤ 300 customers by default) and Solomon C1, C2, R1, R2.
// Usage: npx tsx bench/routing/run-routing-benchmark.ts [--set A,B,X,C1,C2,R1,R2] [--limit N]
//        [--time-limit-seconds S] [--threads T] [--seed K] [--objectives distance,vehicles-then-distance]
//        [--max-customers 300] [--instances X-n106-k14,X-n115-k10] [--skip-spread N]
// --skip-spread N: the complement of --limit N (every instance that --limit N would not take), so that
// two runs of half a set add up to the whole set.
// Prints one markdown table per set and a summary against the targets of issue 6.
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseSolomon, parseTsplibVrp, type RoutingObjective } from '@flowpilot/core';
import { runRoutePlanning } from '@flowpilot/services';

type SetName = 'A' | 'B' | 'X' | 'C1' | 'C2' | 'R1' | 'R2';
type Row = { set: SetName; instance: string; n: number; objective: RoutingObjective; bks: number; bksVehicles: number; reference: 'BKS' | 'LB'; cost: number; vehicles: number; feasible: boolean; gapPercent: number; seconds: number; cpuSeconds: number };

const dataRoot = new URL('../../../shared/data/', import.meta.url);
const ALL_SETS: SetName[] = ['A', 'B', 'X', 'C1', 'C2', 'R1', 'R2'];
const TARGETS: Record<SetName, { meanGap: number; worstGap: number | null; seconds: number; defaultLimit: number }> = {
  A: { meanGap: 0.3, worstGap: null, seconds: 5, defaultLimit: 4.3 },
  B: { meanGap: 0.3, worstGap: null, seconds: 5, defaultLimit: 4.3 },
  X: { meanGap: 2, worstGap: null, seconds: 60, defaultLimit: 55 },
  C1: { meanGap: 1, worstGap: 4, seconds: 10, defaultLimit: 9 },
  C2: { meanGap: 1, worstGap: 4, seconds: 10, defaultLimit: 9 },
  R1: { meanGap: 1, worstGap: 4, seconds: 10, defaultLimit: 9 },
  R2: { meanGap: 1, worstGap: 4, seconds: 10, defaultLimit: 9 },
};

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function readCsv(path: URL): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const keys = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, k) => [keys[k]!, value])));
}

/** N instances spread evenly over the sorted list (deterministic subset). */
function spread<T>(items: T[], limit: number | undefined): T[] {
  if (limit === undefined || limit >= items.length) return items;
  return Array.from({ length: limit }, (_, k) => items[Math.floor((k * items.length) / limit)]!);
}

const sets = (argument('set')?.split(',') ?? ALL_SETS) as SetName[];
const limit = argument('limit') === undefined ? undefined : Number(argument('limit'));
const timeOverride = argument('time-limit-seconds') === undefined ? undefined : Number(argument('time-limit-seconds'));
const threadCount = Number(argument('threads') ?? 2);
const seed = Number(argument('seed') ?? 1);
const maxCustomers = Number(argument('max-customers') ?? 300);
const onlyInstances = argument('instances') === undefined ? undefined : new Set(argument('instances')!.split(','));
const skipSpread = argument('skip-spread') === undefined ? undefined : Number(argument('skip-spread'));
const objectives = (argument('objectives')?.split(',') ?? ['distance', 'vehicles-then-distance']) as RoutingObjective[];
const cvrpBks = readCsv(new URL('cvrp/bks.csv', dataRoot));
const solomonBks = readCsv(new URL('vrptw/bks_solomon.csv', dataRoot));
// Exact distance-only optima with distances truncated to one decimal (see README.md, "Which best known
// value"): truncation shortens every arc and widens every time window, so each is a lower bound on the
// real-valued distance-only optimum. A distance-only "BKS" below it cannot be a feasible solution's cost.
const solomonLowerBounds = new Map(readCsv(new URL('solomon-distance-lower-bounds.csv', import.meta.url)).map((row) => [row.instance!, row]));
const rows: Row[] = [];

for (const set of sets) {
  if (!TARGETS[set]) throw new Error(`unknown set ${set}; use ${ALL_SETS.join(',')}`);
  const timeLimitSeconds = timeOverride ?? TARGETS[set].defaultLimit;
  const isCvrp = set === 'A' || set === 'B' || set === 'X';
  const entries = isCvrp
    ? cvrpBks.filter((row) => row.set === set && Number(row.n_customers) <= maxCustomers).map((row) => ({ name: row.instance!, file: new URL(`cvrp/${set}/${row.instance}.vrp`, dataRoot), row }))
    : solomonBks.filter((row) => row.group === set).map((row) => ({ name: row.instance!, file: new URL(`vrptw/solomon/${row.instance}.txt`, dataRoot), row }));
  const available = new Set(readdirSync(new URL(isCvrp ? `cvrp/${set}/` : 'vrptw/solomon/', dataRoot)));
  const sorted = entries.filter((entry) => available.has(entry.file.pathname.split('/').pop()!)).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  const skipped = skipSpread === undefined ? new Set<string>() : new Set(spread(sorted, skipSpread).map((entry) => entry.name));
  const chosen = spread(sorted.filter((entry) => !skipped.has(entry.name) && (onlyInstances === undefined || onlyInstances.has(entry.name))), limit);
  for (const entry of chosen) {
    const text = readFileSync(entry.file, 'utf8');
    const instance = isCvrp ? parseTsplibVrp(text) : parseSolomon(text);
    for (const objective of isCvrp ? (['distance'] as RoutingObjective[]) : objectives) {
      const started = Date.now();
      const cpuBefore = process.cpuUsage();
      const result = await runRoutePlanning({ instance, objective, seed, threadCount, timeLimitSeconds });
      const seconds = (Date.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      let bks = isCvrp ? Number(entry.row.best_known_cost) : Number(objective === 'distance' ? entry.row.bks_distance_only_distance : entry.row.bks_distance);
      let bksVehicles = Number(isCvrp ? entry.row.vehicles : objective === 'distance' ? entry.row.bks_distance_only_vehicles : entry.row.bks_vehicles);
      let reference: Row['reference'] = 'BKS';
      const lowerBound = !isCvrp && objective === 'distance' ? solomonLowerBounds.get(entry.name) : undefined;
      if (lowerBound !== undefined && Number(lowerBound.lower_bound_distance) > bks) {
        // The listed distance-only value is below a proven lower bound: compare with the bound instead
        // (the gap is then an upper bound on the true gap to the optimum).
        bks = Number(lowerBound.lower_bound_distance);
        bksVehicles = Number(lowerBound.vehicles);
        reference = 'LB';
      }
      const row: Row = { set, instance: entry.name, n: instance.nodes.length - 1, objective, bks, bksVehicles, reference, cost: result.cost, vehicles: result.vehicles, feasible: result.status === 'feasible', gapPercent: (100 * (result.cost - bks)) / bks, seconds, cpuSeconds };
      rows.push(row);
      process.stderr.write(`${row.instance} ${objective}: ${row.cost.toFixed(2)} (${row.vehicles} veh) gap ${row.gapPercent.toFixed(2)} % in ${seconds.toFixed(1)} s\n`);
    }
  }
}

const format = (value: number, digits = 2): string => value.toFixed(digits);
for (const set of sets) {
  for (const objective of ['distance', 'vehicles-then-distance'] as RoutingObjective[]) {
    const setRows = rows.filter((row) => row.set === set && row.objective === objective);
    if (setRows.length === 0) continue;
    console.log(`\n### Set ${set}, objective ${objective}\n`);
    console.log('| instance | n | BKS | BKS veh | ours | veh | feasible | gap % | seconds | CPU s (all threads) |');
    console.log('|---|---:|---:|---:|---:|---:|---|---:|---:|---:|');
    // "LB" after the reference value: the listed BKS was below a proven lower bound and was replaced by it.
    for (const row of setRows) {
      console.log(`| ${row.instance} | ${row.n} | ${format(row.bks)}${row.reference === 'LB' ? ' (LB)' : ''} | ${row.bksVehicles} | ${format(row.cost)} | ${row.vehicles} | ${row.feasible ? 'yes' : 'NO'} | ${format(row.gapPercent)} | ${format(row.seconds, 1)} | ${format(row.cpuSeconds, 1)} |`);
    }
  }
}
console.log('\n### Summary\n');
console.log('| set | objective | instances | mean gap % | worst gap % | vehicles vs BKS (mean Δ) | mean s | max s | target | met |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---|---|');
for (const set of sets) {
  for (const objective of ['distance', 'vehicles-then-distance'] as RoutingObjective[]) {
    const setRows = rows.filter((row) => row.set === set && row.objective === objective);
    if (setRows.length === 0) continue;
    const mean = setRows.reduce((sum, row) => sum + row.gapPercent, 0) / setRows.length;
    const worst = Math.max(...setRows.map((row) => row.gapPercent));
    const vehicleDelta = setRows.reduce((sum, row) => sum + (row.vehicles - row.bksVehicles), 0) / setRows.length;
    const meanSeconds = setRows.reduce((sum, row) => sum + row.seconds, 0) / setRows.length;
    const maxSeconds = Math.max(...setRows.map((row) => row.seconds));
    const target = TARGETS[set];
    const allFeasible = setRows.every((row) => row.feasible);
    const targetText = objective === 'distance' ? `mean ≤ ${target.meanGap} %${target.worstGap === null ? '' : `, worst ≤ ${target.worstGap} %`}, ≤ ${target.seconds} s` : 'reported only';
    const met = objective !== 'distance' ? '-' : allFeasible && mean <= target.meanGap && (target.worstGap === null || worst <= target.worstGap) && maxSeconds <= target.seconds ? 'yes' : 'no';
    console.log(`| ${set} | ${objective} | ${setRows.length} | ${format(mean)} | ${format(worst)} | ${format(vehicleDelta)} | ${format(meanSeconds, 1)} | ${format(maxSeconds, 1)} | ${targetText} | ${met} |`);
  }
}
const load = loadavg();
console.log(`\nmachine load average at the end (1/5/15 min): ${load.map((value) => value.toFixed(1)).join(' / ')}`);
console.log(`threads ${threadCount}, seed ${seed}, time limit per instance: ${timeOverride ?? 'set default (A/B 4.3 s, X 55 s, Solomon 9 s)'}; Solomon distances are real-valued, CVRPLIB distances are TSPLIB EUC_2D (nint).`);
