import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'flowpilot-sop-'));
const write = (name: string, value: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};

describe('flowpilot sop', () => {
  it('Red Tomato (Chopra & Meindl): totalCost 422275 as LP and 422660 with whole workers, strategies side by side', async () => {
    const lp = await runCli(['sop', '--input', 'examples/sop/red-tomato.json', '--json']);
    expect(lp.exitCode).toBe(0);
    const out = JSON.parse(lp.stdout) as { totalCost: number; periods: unknown[]; strategies: { rows: Array<{ strategy: string; workforceMode: string; totalCost: number }> }; scenarios: Array<{ scenarioId: string }> };
    expect(typeof out.totalCost).toBe('number');
    expect(out.totalCost).toBeCloseTo(422275, 6);
    expect(out.periods).toHaveLength(6);
    expect(out.strategies.rows).toHaveLength(6);
    expect(out.scenarios.map((s) => s.scenarioId)).toEqual(['base', 'demand-plus-10', 'no-layoffs', 'cheaper-subcontractor']);
    const mip = await runCli(['sop', '--input', 'examples/sop/red-tomato.json', '--workforce', 'integer', '--json']);
    expect((JSON.parse(mip.stdout) as { totalCost: number }).totalCost).toBeCloseTo(422660, 6);
  });

  it('prints a human table in French', async () => {
    const run = await runCli(['sop', '--input', 'examples/sop/red-tomato.json', '--strategy', 'level'], { language: 'fr' });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('coût total 422275');
    expect(run.stdout).toContain('période | demande');
  });

  it('computes the volume × revenue matrix when sales lines are given', async () => {
    const input = write('abc.json', {
      demandUnits: [10], initialWorkforce: 1, initialInventoryUnits: 0, laborHoursPerUnit: 1, regularHoursPerWorkerPerPeriod: 10, maxOvertimeHoursPerWorkerPerPeriod: 0,
      costs: { regularCostPerHour: 1, overtimeCostPerHour: 1, hiringCostPerWorker: 1, layoffCostPerWorker: 1, materialCostPerUnit: 1, holdingCostPerUnitPerPeriod: 1, backlogCostPerUnitPerPeriod: 1, subcontractCostPerUnit: 1 },
      salesLines: [{ productId: 'P1', customerId: 'K1', quantityUnits: 5, revenue: 90 }, { productId: 'P2', customerId: 'K1', quantityUnits: 5, revenue: 10 }],
    });
    const run = await runCli(['sop', '--input', input, '--json']);
    expect(run.exitCode).toBe(0);
    const out = JSON.parse(run.stdout) as { totalCost: number; volumeRevenueMatrix: { products: Array<{ id: string; revenueClass: string }> } };
    expect(out.totalCost).toBeCloseTo(11, 6); // cheapest: lay the worker off (1) and subcontract 10 units at 1
    expect(out.volumeRevenueMatrix.products.map((p) => p.revenueClass)).toEqual(['A', 'B']);
  });

  it('exit codes: 4 missing file, 3 bad JSON or bad field, 2 unknown strategy', async () => {
    expect((await runCli(['sop', '--input', join(dir, 'nope.json')])).exitCode).toBe(4);
    expect((await runCli(['sop', '--input', write('bad.json', '{ demand')])).exitCode).toBe(3);
    const negative = await runCli(['sop', '--input', write('neg.json', { demandUnits: [-1] })]);
    expect(negative.exitCode).toBe(3);
    expect(negative.stderr).toContain('demandUnits[0]');
    expect((await runCli(['sop', '--input', 'examples/sop/red-tomato.json', '--strategy', 'magic'])).exitCode).toBe(2);
  });
});
