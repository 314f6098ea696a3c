import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRoutingSolution, parseRoutingJson, parseTsplibVrp } from '@flowpilot/core';
import { runCli } from '../testing/run-cli';

const folder = mkdtempSync(join(tmpdir(), 'flowpilot-route-'));
// A 6-customer CVRP in TSPLIB form: customers on two sides of the depot, capacity 10.
const tinyVrp = [
  'NAME : tiny-6', 'TYPE : CVRP', 'DIMENSION : 7', 'EDGE_WEIGHT_TYPE : EUC_2D', 'CAPACITY : 10',
  'NODE_COORD_SECTION', '1 0 0', '2 10 0', '3 10 5', '4 10 -5', '5 -10 0', '6 -10 5', '7 -10 -5',
  'DEMAND_SECTION', '1 0', '2 3', '3 3', '4 3', '5 3', '6 3', '7 3',
  'DEPOT_SECTION', '1', '-1', 'EOF',
].join('\n');
const vrpPath = join(folder, 'tiny-6.vrp');
writeFileSync(vrpPath, tinyVrp);

describe('flowpilot route', () => {
  it('prints cost, vehicles and routes with the file ids (depot excluded) as JSON', async () => {
    const run = await runCli(['route', '--instance', vrpPath, '--max-iterations', '30', '--seed', '2', '--json']);
    expect(run.exitCode).toBe(0);
    const output = JSON.parse(run.stdout) as { cost: number; vehicles: number; routes: number[][]; status: string };
    expect(Object.keys(output).slice(0, 3)).toEqual(['cost', 'vehicles', 'routes']);
    expect(output.status).toBe('feasible');
    expect(output.vehicles).toBe(2);
    expect(output.routes.flat().sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7]);
    // Optimum: two triangles 0→(10,±5)→(10,0)… each side costs nint(√125)·2 + 5 + 5 = 11·2 + 10 = 32.
    expect(output.cost).toBe(64);
    const check = checkRoutingSolution(parseTsplibVrp(tinyVrp), output.routes.map((route) => ({ vehicleTypeId: 'vehicle', stopIds: route.map(String) })), output.cost);
    expect(check.issues).toEqual([]);
  });

  it('prints a readable summary in French', async () => {
    const run = await runCli(['route', '--instance', vrpPath, '--max-iterations', '10'], { language: 'fr' });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('tiny-6 : réalisable, coût 64');
    expect(run.stdout).toContain('Tournée 1');
  });

  it('refuses a malformed file with its line number (exit 3)', async () => {
    const brokenPath = join(folder, 'broken.vrp');
    writeFileSync(brokenPath, tinyVrp.replace('3 10 5', '3 10 five'));
    const run = await runCli(['route', '--instance', brokenPath, '--json']);
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toContain('line 9');
    expect(run.stderr).toContain('y must be a number');
  });

  it('exits 4 for a missing file and 2 for a bad objective or time limit', async () => {
    expect((await runCli(['route', '--instance', join(folder, 'missing.vrp')])).exitCode).toBe(4);
    expect((await runCli(['route', '--instance', vrpPath, '--objective', 'fastest'])).exitCode).toBe(2);
    expect((await runCli(['route', '--instance', vrpPath, '--time-limit-seconds', '-1'])).exitCode).toBe(2);
  });

  it('runs under a time limit with a progress bar on standard error', async () => {
    const run = await runCli(['route', '--instance', vrpPath, '--time-limit-seconds', '1.5', '--objective', 'vehicles-then-distance', '--json']);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ vehicles: 2, objective: 'vehicles-then-distance' });
    expect(run.stderr).toContain('Searching routes');
  });

  it('plans a JSON instance with two depots and a heterogeneous fleet (no longer refused); the checker recomputes its cost', async () => {
    const text = JSON.stringify({
      name: 'two-depots', distance: { kind: 'euclidean', rounding: 'none' },
      depots: [{ id: 'D1', x: 0, y: 0 }, { id: 'D2', x: 100, y: 0 }],
      stops: [
        { id: '1', x: 5, y: 10, demand: 4 }, { id: '2', x: -8, y: 3, demand: 6 }, { id: '3', x: 10, y: -7, demand: 5 },
        { id: '4', x: 95, y: 10, demand: 4 }, { id: '5', x: 108, y: 3, demand: 6 }, { id: '6', x: 90, y: -7, demand: 5 },
      ],
      vehicles: [{ id: 'van', capacity: 10, count: 2, depotId: 'D1', fixedCost: 10 }, { id: 'truck', capacity: 20, count: 1, depotId: 'D2', fixedCost: 30 }],
    });
    const path = join(folder, 'two-depots.json');
    writeFileSync(path, text);
    const run = await runCli(['route', '--instance', path, '--max-iterations', '30', '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    const output = JSON.parse(run.stdout) as { cost: number; vehicles: number; routes: number[][]; status: string; routeDetails: { vehicleTypeId: string; stopIds: string[] }[] };
    expect(output.status).toBe('feasible');
    expect(output.routes.flat().sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    const check = checkRoutingSolution(parseRoutingJson(text), output.routeDetails, output.cost);
    expect(check.issues).toEqual([]);
    expect(new Set(output.routeDetails.map((route) => route.vehicleTypeId))).toEqual(new Set(['van', 'truck']));
  });

  it('plans pickups and deliveries and a lunch break (examples/routing, no longer refused); the checker recomputes its cost', async () => {
    const path = 'examples/routing/lyon-pickups-and-breaks.json';
    const run = await runCli(['route', '--instance', path, '--max-iterations', '200', '--threads', '1', '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    const output = JSON.parse(run.stdout) as { cost: number; status: string; routeDetails: { vehicleTypeId: string; stopIds: string[] }[] };
    expect(output.status).toBe('feasible');
    const instance = parseRoutingJson(readFileSync(path, 'utf8'));
    expect(checkRoutingSolution(instance, output.routeDetails, output.cost).issues).toEqual([]);
    const route = output.routeDetails.find((candidate) => candidate.stopIds.includes('P1'))!;
    expect(route.stopIds.indexOf('P1')).toBeLessThan(route.stopIds.indexOf('P1-TO'));
  });
});
