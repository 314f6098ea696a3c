// Same plans, how fast: runs planRoutes single-threaded with an iteration budget (deterministic) on Solomon and
// CVRPLIB instances and prints, per run, the plan's fingerprint (FNV-1a of its routes), vehicles, distance,
// HGS iterations, wall-clock and CPU seconds. Two runs of this script on two versions of the local search must print
// the same fingerprints (columns "plan", "veh", "dist"); the seconds are for information (machine load).
// Usage: npx tsx bench/routing/local-search-fingerprint.ts [--instances R101,C204,A-n32-k5,X-n101-k25,…]
//        [--objective distance|vehicles-then-distance] [--seeds 1,2] [--max-iterations 1000]
import { readFileSync } from 'node:fs';
import { parseSolomon, parseTsplibVrp, planRoutes, type RoutingObjective } from '../../packages/core/src/routing/index';

const dataRoot = new URL('../../../shared/data/', import.meta.url);

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function loadInstance(name: string) {
  if (/^[RC]\d{3}$/.test(name)) return parseSolomon(readFileSync(new URL(`vrptw/solomon/${name}.txt`, dataRoot), 'utf8'));
  const set = name.split('-')[0]!;
  return parseTsplibVrp(readFileSync(new URL(`cvrp/${set}/${name}.vrp`, dataRoot), 'utf8'));
}

function fingerprint(routes: readonly { stopIds: readonly string[] }[]): string {
  let hash = 0x811c9dc5;
  for (const route of routes) {
    for (const ch of `${route.stopIds.join(',')};`) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

const instances = (argument('instances') ?? 'R101,R105,R109,C104,C204,R202,R211,A-n32-k5,A-n45-k7,A-n80-k10').split(',');
const objective = (argument('objective') ?? 'distance') as RoutingObjective;
const seeds = (argument('seeds') ?? '1,2').split(',').map(Number);
const maxIterations = Number(argument('max-iterations') ?? 1000);

console.log(`objective ${objective}, maxIterations ${maxIterations}, seeds ${seeds.join(', ')}, single thread\n`);
console.log('| instance | seed | plan | veh | dist | status | HGS iterations | s | CPU s |');
console.log('|---|---:|---|---:|---:|---|---:|---:|---:|');
for (const name of instances) {
  const instance = loadInstance(name);
  for (const seed of seeds) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const result = planRoutes(instance, { objective, seed, maxIterations });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStarted);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    console.log(`| ${name} | ${seed} | ${fingerprint(result.routes)} | ${result.vehicles} | ${result.distance.toFixed(2)} | ${result.status} | ${result.iterations} | ${seconds.toFixed(1)} | ${cpuSeconds.toFixed(1)} |`);
  }
}
