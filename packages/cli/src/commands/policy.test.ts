import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli';

const directory = mkdtempSync(join(tmpdir(), 'flowpilot-policy-'));
function file(name: string, content: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('flowpilot policy', () => {
  it('periodic (s,S), Poisson(10), h = 1, p = 9, K = 64 -> s = 6, S = 40, cost 35.02 (Zheng & Federgruen 1991, instance 1)', async () => {
    const input = file('ss.json', { model: 's-S', demand: { distribution: 'poisson', meanPerPeriod: 10 }, holdingCostPerUnitPerPeriod: 1, stockoutCostPerUnitPerPeriod: 9, orderCost: 64 });
    const run = await runCli(['policy', '--input', input, '--json']);
    expect(run.exitCode).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ model: 's-S', s: 6, S: 40, costPerPeriod: 35.02 });
    expect(out.fillRate).toBeGreaterThan(0.9);
    const exact = JSON.parse((await runCli(['policy', '--input', input, '--json', '--exact'])).stdout);
    expect(exact.costPerPeriod).toBeCloseTo(35.0216, 4);
  });

  it('EOQ (FoSCT Ex. 3.1), newsvendor (Ex. 4.3), (r,Q) Poisson (Ex. 5.8) and safety stock through the model field', async () => {
    const eoq = JSON.parse((await runCli(['policy', '--input', file('eoq.json', { model: 'eoq', orderCost: 8, holdingCostPerUnitPerYear: 0.225, demandPerYear: 1300 }), '--json'])).stdout);
    expect(eoq).toMatchObject({ orderQuantity: 304.0468, costPerYear: 68.41 });
    const nv = JSON.parse((await runCli(['policy', '--input', file('nv.json', { model: 'newsvendor', demand: { distribution: 'normal', meanPerPeriod: 50, standardDeviationPerPeriod: 8 }, holdingCostPerUnitPerPeriod: 0.18, stockoutCostPerUnitPerPeriod: 0.7 }), '--json'])).stdout);
    expect(nv).toMatchObject({ baseStockLevel: 56.604, expectedCost: 2 });
    const rq = JSON.parse((await runCli(['policy', '--input', file('rq.json', { model: 'r-Q', demand: { distribution: 'poisson', meanPerPeriod: 1.5 }, leadTime: 2, holdingCostPerUnitPerPeriod: 20, stockoutCostPerUnitPerPeriod: 150, orderCost: 100 }), '--json'])).stdout);
    expect(rq).toMatchObject({ reorderPoint: 3, orderQuantity: 5, costPerPeriod: 107.92 });
    const ss = JSON.parse((await runCli(['policy', '--input', file('ss-alpha.json', { model: 'safety-stock', demand: { distribution: 'normal', meanPerPeriod: 100, standardDeviationPerPeriod: 20 }, leadTime: { meanPeriods: 4 }, target: { cycleServiceLevel: 0.95 } }), '--json'])).stdout);
    expect(ss.safetyStock).toBeCloseTo(65.7941, 3);
  });

  it('prints a readable summary in French', async () => {
    const input = file('ss-fr.json', { model: 's-S', demand: { distribution: 'poisson', meanPerPeriod: 10 }, holdingCostPerUnitPerPeriod: 1, stockoutCostPerUnitPerPeriod: 9, orderCost: 64 });
    const run = await runCli(['policy', '--input', input], { language: 'fr' });
    expect(run.stdout).toContain('Politique s-S');
    expect(run.stdout).toContain('costPerPeriod : 35.02');
  });

  it('exit 3 for an unknown model or a bad field, 4 for a missing file', async () => {
    const unknown = await runCli(['policy', '--input', file('bad.json', { model: 'magic' })]);
    expect(unknown.exitCode).toBe(3);
    expect(unknown.stderr).toContain('Unknown policy model "magic"');
    const bad = await runCli(['policy', '--input', file('neg.json', { model: 'eoq', orderCost: -1, holdingCostPerUnitPerYear: 1, demandPerYear: 10 })]);
    expect(bad.exitCode).toBe(3);
    expect(bad.stderr).toContain('orderCost');
    const missing = await runCli(['policy', '--input', join(directory, 'nothing.json')]);
    expect(missing.exitCode).toBe(4);
    const notJson = await runCli(['policy', '--input', file('text.json', 'not json')]);
    expect(notJson.exitCode).toBe(3);
  });
});

describe('flowpilot policy: malformed parameters are refused with exit 3, never a crash', () => {
  const cases: Record<string, unknown>[] = [
    { model: 'safety-stock', demand: { distribution: 'normal', meanPerPeriod: 10, standardDeviationPerPeriod: 2 }, leadTime: { meanPeriods: 1 } },
    { model: 's-S' },
    { model: 'r-Q', demand: { distribution: 'poisson', meanPerPeriod: 2 } },
    { model: 'R-S', demand: 'poisson', leadTime: { meanPeriods: 1 }, reviewPeriods: 1, target: { cycleServiceLevel: 0.9 } },
    { model: 'guaranteed-service', stages: 'none' },
    { model: 'quantity-discount', kind: 'sometimes', orderCost: 1, holdingCostRatePerYear: 0.2, demandPerYear: 100, breakpoints: [0], unitCosts: [1] },
  ];
  cases.forEach((content, index) => {
    it(`case ${index}: ${JSON.stringify(content).slice(0, 60)}`, async () => {
      const run = await runCli(['policy', '--input', file(`malformed-${index}.json`, content)]);
      expect(run.exitCode, run.stderr).toBe(3);
    });
  });
});
