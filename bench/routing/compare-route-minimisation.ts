// Route minimisation (vehicles-then-distance): vehicles and distance without and with the phase, on Solomon
// instances, single thread, iteration budget (deterministic: same numbers on any machine).
// Usage: npx tsx bench/routing/compare-route-minimisation.ts [--instances R101,R102,…] [--max-iterations 1000]
//        [--seeds 1,2] [--check-distance] [--time-limit-seconds S]
// --time-limit-seconds: a wall-clock limit per run instead of the iteration budget (machine-dependent).
// "without" = the HGS alone with the vehicle cost inside the search (the plan before the phase existed);
// "with" = planRoutes: route minimisation on the first 40 % of the budget, then the HGS on the reduced fleet.
// --check-distance also verifies that the distance objective gives the same plan as the HGS alone.
import { readFileSync } from 'node:fs';
import { checkRoutingSolution, parseSolomon, planRoutes, type RoutingInstance, type RoutingObjective } from '../../packages/core/src/routing/index';
import { runGeneticSearch } from '../../packages/core/src/routing/internal/genetic-search';
import { compileProblem } from '../../packages/core/src/routing/internal/problem';
import { buildSavingsRoutes } from '../../packages/core/src/routing/internal/savings';
import { createRandom } from '../../packages/core/src/shared/random';

const dataRoot = new URL('../../../shared/data/vrptw/', import.meta.url);
const DEFAULT_INSTANCES = 'R101,R102,R103,R104,R105,R106,R107,R108,R109,R110,R111,R112,C104,C108,C204,R202,R211';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** The HGS alone from the savings start, as planRoutes ran before the route-minimisation phase. */
function planWithoutPhase(instance: RoutingInstance, objective: RoutingObjective, seed: number, maxIterations: number): { vehicles: number; distance: number; feasible: boolean; stopIds: string[][] } {
  const problem = compileProblem(instance, objective, 20);
  const started = performance.now();
  const timeUsed = (): number => (timeLimitSeconds === undefined ? 0 : (performance.now() - started) / (timeLimitSeconds * 1000));
  const search = runGeneticSearch(problem, {
    random: createRandom(seed),
    shouldStop: (iteration) => iteration >= maxIterations || timeUsed() >= 1,
    timeUsed,
    timeIsUp: () => timeUsed() >= 1,
    iterationsWithoutImprovementBeforeRestart: 20000,
    initialRoutes: [buildSavingsRoutes(problem)],
  });
  const routes = ((search.best ?? search.bestInfeasible)?.routes ?? []).map((route) => ({ vehicleTypeId: problem.vehicleType.id, stopIds: route.map((c) => instance.nodes[problem.instanceIndex[c]!]!.id) }));
  const check = checkRoutingSolution(instance, routes);
  return { vehicles: check.vehicles, distance: check.distance, feasible: check.feasible, stopIds: routes.map((route) => route.stopIds) };
}

const bks = new Map(readFileSync(new URL('bks_solomon.csv', dataRoot), 'utf8').trim().split(/\r?\n/).slice(1).map((line) => {
  const cells = line.split(',');
  return [cells[0]!, { vehicles: Number(cells[6]), distance: Number(cells[7]) }] as const;
}));
const instances = (argument('instances') ?? DEFAULT_INSTANCES).split(',');
const timeLimitText = argument('time-limit-seconds');
const timeLimitSeconds = timeLimitText === undefined ? undefined : Number(timeLimitText);
const maxIterations = timeLimitSeconds === undefined ? Number(argument('max-iterations') ?? 1000) : Number.POSITIVE_INFINITY;
const seeds = (argument('seeds') ?? '1,2').split(',').map(Number);
const checkDistance = process.argv.includes('--check-distance');

console.log(`${timeLimitSeconds === undefined ? `maxIterations ${maxIterations}` : `time limit ${timeLimitSeconds} s per run`}, seeds ${seeds.join(', ')}, single thread, objective vehicles-then-distance\n`);
console.log('| instance | seed | BKS veh | BKS dist | without: veh | dist | with: veh | dist | Δ veh | feasible | s without | s with |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|');
const totals = { without: 0, with: 0, bks: 0, rows: 0, fewer: 0, more: 0 };
let distanceUnchanged = true;
for (const name of instances) {
  const file = new URL(`solomon/${name}.txt`, dataRoot);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    console.log(`| ${name} | – | not in ../shared/data/vrptw/solomon | | | | | | | | | |`);
    continue;
  }
  const instance = parseSolomon(text);
  const reference = bks.get(name);
  for (const seed of seeds) {
    let t = performance.now();
    const before = planWithoutPhase(instance, 'vehicles-then-distance', seed, maxIterations);
    const secondsWithout = (performance.now() - t) / 1000;
    t = performance.now();
    const budget = timeLimitSeconds === undefined ? { maxIterations } : { timeLimitSeconds, now: () => performance.now() };
    const after = planRoutes(instance, { objective: 'vehicles-then-distance', seed, ...budget });
    const secondsWith = (performance.now() - t) / 1000;
    totals.without += before.vehicles;
    totals.with += after.vehicles;
    totals.bks += reference?.vehicles ?? 0;
    totals.rows++;
    if (after.vehicles < before.vehicles) totals.fewer++;
    if (after.vehicles > before.vehicles) totals.more++;
    const feasible = before.feasible && after.status === 'feasible' ? 'yes' : 'NO';
    console.log(`| ${name} | ${seed} | ${reference?.vehicles ?? '–'} | ${reference?.distance.toFixed(2) ?? '–'} | ${before.vehicles} | ${before.distance.toFixed(2)} | ${after.vehicles} | ${after.distance.toFixed(2)} | ${after.vehicles - before.vehicles} | ${feasible} | ${secondsWithout.toFixed(1)} | ${secondsWith.toFixed(1)} |`);
    if (checkDistance) {
      const alone = planWithoutPhase(instance, 'distance', seed, maxIterations);
      const planned = planRoutes(instance, { objective: 'distance', seed, ...budget });
      const same = JSON.stringify(alone.stopIds) === JSON.stringify(planned.routes.map((route) => route.stopIds));
      if (!same) distanceUnchanged = false;
      console.log(`|   distance objective | ${seed} | | | ${alone.vehicles} | ${alone.distance.toFixed(2)} | ${planned.vehicles} | ${planned.distance.toFixed(2)} | | ${same ? 'same plan' : 'DIFFERENT'} | | |`);
    }
  }
}
const mean = (value: number): string => (value / Math.max(1, totals.rows)).toFixed(2);
console.log(`\nMean vehicles: without ${mean(totals.without)}, with ${mean(totals.with)}, best known ${mean(totals.bks)}; ` +
  `runs with fewer vehicles ${totals.fewer}, with more ${totals.more}, of ${totals.rows}.`);
if (checkDistance) console.log(`Distance objective: ${distanceUnchanged ? 'same plans as the HGS alone (the phase does not run)' : 'DIFFERENT plans'}.`);
