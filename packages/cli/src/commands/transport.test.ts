import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'flowpilot-transport-'));
const write = (name: string, value: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
};
const scenarios = resolve('packages/core/src/transport/scenarios');

describe('flowpilot transport', () => {
  it('rate: prices one shipment with the CSV grid and the JSON tariffs, cheapest first, with CO2e', async () => {
    const input = write('rate.json', {
      tariffFiles: [join(scenarios, 'acme-ltl.tariff.csv'), join(scenarios, 'rail-and-truck.tariffs.json')],
      shipments: [
        { id: 'S1', weightKg: 450, destinationPostalCode: '75011', distanceKm: 20, options: ['tail-lift'] },
        { id: 'S2', weightKg: 450, destinationPostalCode: '75011', distanceKm: 20 },
      ],
    });
    const run = await runCli(['transport', 'rate', '--input', input, '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { shipments: { quotes: { carrierId: string; totalCharge: number; co2eKg: number }[]; unavailable: { carrierId: string }[] }[] };
    // S1: ACME deficit weight 500 kg × 8 = 40 + 12 % fuel + 25 tail lift = 69.80; the others offer no tail lift.
    expect(out.shipments[0]!.quotes.map((q) => q.carrierId)).toEqual(['ACME']);
    expect(out.shipments[0]!.quotes[0]!.totalCharge).toBeCloseTo(69.8, 9);
    expect(out.shipments[0]!.unavailable.map((u) => u.carrierId)).toEqual(['TRUCKCO', 'RAILCO']);
    // S2: ACME 44.80; RAILCO 100 + 0.05 × 0.45 t × 20 km = 100.45; TRUCKCO 150 + 1.2 × 20 = 174.
    const s2 = out.shipments[1]!.quotes;
    expect(s2.map((q) => [q.carrierId, Math.round(q.totalCharge * 100) / 100])).toEqual([['ACME', 44.8], ['RAILCO', 100.45], ['TRUCKCO', 174]]);
    // CO2e of the LTL quote with the default factor: 0.45 t × 20 km × 160 g = 1.44 kg.
    expect(s2[0]!.co2eKg).toBeCloseTo(1.44, 9);
    const human = await runCli(['transport', 'rate', '--input', input], { language: 'fr' });
    expect(human.stdout).toContain('ACME (road-ltl) : 69.8 EUR');
    // Every CO2e figure comes with its factor's source and version (the defaults are flagged unverified).
    expect((out.shipments[1]!.quotes[0] as unknown as { emissionFactor: { id: string; version: string; verified: boolean } }).emissionFactor).toMatchObject({ id: 'road-rigid-12-20t-diesel', version: 'GLEC v3.0 (2023)', verified: false });
    expect(human.stdout).toContain('Facteur CO2e road-rigid-12-20t-diesel : Smart Freight Centre, GLEC Framework');
    expect(human.stdout).toContain('GLEC v3.0 (2023) (valeur par défaut non vérifiée');
  });

  it('compare: FTL vs intermodal ranked by cost with flags', async () => {
    const input = write('compare.json', {
      tariffFiles: [join(scenarios, 'rail-and-truck.tariffs.json')],
      shipment: { weightKg: 12000 },
      alternatives: [
        { id: 'ftl', legs: [{ carrierId: 'TRUCKCO', distanceKm: 850 }] },
        { id: 'rail', legs: [{ carrierId: 'TRUCKCO', distanceKm: 50 }, { carrierId: 'RAILCO', distanceKm: 750 }, { carrierId: 'TRUCKCO', distanceKm: 50 }] },
      ],
    });
    const run = await runCli(['transport', 'compare', '--input', input, '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { alternatives: { id: string; cost: number; co2eKg: number }[] };
    expect(out.alternatives.map((a) => [a.id, Math.round(a.cost)])).toEqual([['rail', 970], ['ftl', 1170]]);
    const human = await runCli(['transport', 'compare', '--input', input]);
    expect(human.stdout).toMatch(/1\. rail \[intermodal\]: 970 EUR, 7 day\(s\), 276 kg CO2e — cheapest, lowest CO2e, Pareto-efficient/);
    expect(human.stdout).toContain('CO2e factor rail-freight-average-eu: Smart Freight Centre');
    expect(human.stdout).toContain('CO2e factor road-articulated-34-40t-diesel:');
  });

  it('tender: ranks bids with the weights echoed back', async () => {
    const input = write('tender.json', {
      lanes: [{ id: 'L1', shipmentsPerYear: 100 }],
      bids: [
        { carrierId: 'A', laneId: 'L1', pricePerShipment: 1000, transitDays: 2, onTimeRate: 0.95, co2eKgPerShipment: 200 },
        { carrierId: 'B', laneId: 'L1', pricePerShipment: 900, transitDays: 3, onTimeRate: 0.9, co2eKgPerShipment: 150 },
      ],
      weights: { cost: 0.5, onTime: 0.3, transit: 0.1, co2e: 0.1 },
    });
    const run = await runCli(['transport', 'tender', '--input', input, '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ weights: { cost: 0.5 }, lanes: [{ laneId: 'L1', winner: 'B' }], annualCostOfWinners: 90000 });
    expect((await runCli(['transport', 'tender', '--input', input])).stdout).toContain('Lane L1: winner B');
  });

  it('refuses a malformed tariff file with its line number (exit 3), a missing file (exit 4), a bad shape (exit 3)', async () => {
    const badCsv = write('bad.csv', readFileSync(join(scenarios, 'acme-ltl.tariff.csv'), 'utf8').replace('Z2,2,40,15,13,11,9.5,8', 'Z2,2,40,15,13,eleven,9.5,8'));
    const input = write('bad-rate.json', { tariffFiles: [badCsv], shipment: { weightKg: 10, zone: 'Z1' } });
    const run = await runCli(['transport', 'rate', '--input', input]);
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toContain('line 9:');
    expect(run.stderr).toContain('"eleven"');
    expect((await runCli(['transport', 'rate', '--input', join(dir, 'missing.json')])).exitCode).toBe(4);
    expect((await runCli(['transport', 'tender', '--input', write('shape.json', { lanes: [] })])).exitCode).toBe(3);
    expect((await runCli(['transport', 'rate', '--input', write('nojson.json', '{ "a": ')])).exitCode).toBe(3);
    // An inline tariff error names the line of the input file itself.
    const inline = write('inline.json', '{\n  "shipment": { "weightKg": 10, "distanceKm": 5 },\n  "tariffs": [\n    { "kind": "per-tonne-km", "carrierId": "R", "mode": "rail", "currency": "EUR",\n      "ratePerTonneKm": "cheap" }\n  ]\n}\n');
    const inlineRun = await runCli(['transport', 'rate', '--input', inline]);
    expect(inlineRun.exitCode).toBe(3);
    expect(inlineRun.stderr).toContain('line 5:');
  });
});

describe('flowpilot pick-route', () => {
  const block = {
    aisleCount: 3, aisleLengthM: 10, aisleSpacingM: 5, depotAisleIndex: 0,
    picks: [{ id: 'a', aisleIndex: 0, positionM: 5 }, { id: 'b1', aisleIndex: 1, positionM: 1 }, { id: 'b2', aisleIndex: 1, positionM: 9 }, { id: 'c', aisleIndex: 2, positionM: 5 }],
  };

  it('prints distance, sequence and the three-method comparison, and writes the SVG', async () => {
    const input = write('picks.json', block);
    const svg = join(dir, 'route.svg');
    const run = await runCli(['pick-route', '--input', input, '--method', 'largest-gap', '--svg', svg, '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { distanceM: number; sequence: string[]; comparison: Record<string, number> };
    expect(out.distanceM).toBe(44);
    expect(out.sequence).toEqual(['a', 'b2', 'c', 'b1']);
    expect(out.comparison).toEqual({ 's-shape': 50, 'largest-gap': 44, optimal: 44 });
    expect(readFileSync(svg, 'utf8')).toContain('<polyline');
    const human = await runCli(['pick-route', '--input', input]);
    expect(human.stdout).toContain('optimal: 44 m walked for 4 pick(s)');
  });

  it('exit 2 for an unknown method, 3 for a pick outside the aisle', async () => {
    const input = write('picks2.json', block);
    expect((await runCli(['pick-route', '--input', input, '--method', 'zigzag'])).exitCode).toBe(2);
    const bad = write('picks3.json', { ...block, picks: [{ id: 'x', aisleIndex: 0, positionM: 12 }] });
    const run = await runCli(['pick-route', '--input', bad]);
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toContain('picks[0].positionM');
  });
});

describe('flowpilot sscc', () => {
  it('builds the GS1 example SSCC 106141411234567897 and a series', async () => {
    const run = await runCli(['sscc', '--company-prefix', '0614141', '--serial', '123456789', '--extension', '1', '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ sscc: '106141411234567897', humanReadable: '(00)106141411234567897', elementString: '00106141411234567897' });
    const series = await runCli(['sscc', '--company-prefix', '0614141', '--serial', '123456789', '--extension', '1', '--count', '2']);
    expect(series.stdout.trim().split('\n')).toHaveLength(2);
    expect(series.stdout).toContain('106141411234567897');
  });

  it('exit 2 for a non-numeric serial, 3 for a prefix that is too short', async () => {
    expect((await runCli(['sscc', '--company-prefix', '0614141', '--serial', 'abc'])).exitCode).toBe(2);
    expect((await runCli(['sscc', '--company-prefix', '0614', '--serial', '1'])).exitCode).toBe(3);
  });
});
