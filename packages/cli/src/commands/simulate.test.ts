import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli';

const directory = mkdtempSync(join(tmpdir(), 'flowpilot-simulate-'));
function file(name: string, content: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('flowpilot simulate', () => {
  it('simulates the Z&F (6,40) policy with a seed and reports intervals', async () => {
    const input = file('sim.json', { policy: { type: 's-S', s: 6, S: 40 }, demand: { distribution: { distribution: 'poisson', meanPerPeriod: 10 } }, leadTimePeriods: 0, holdingCostPerUnitPerPeriod: 1, stockoutCostPerUnitPerPeriod: 9, orderCost: 64, periods: 2000, replications: 10 });
    const run = await runCli(['simulate', '--input', input, '--seed', '7', '--json']);
    expect(run.exitCode).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.costPerPeriod.mean).toBeGreaterThan(33);
    expect(out.costPerPeriod.mean).toBeLessThan(37);
    expect(out.totals).toMatchObject({ seed: 7, replications: 10, periods: 20000 });
    expect((await runCli(['simulate', '--input', input, '--seed', '7', '--json'])).stdout).toBe(run.stdout);
    const text = await runCli(['simulate', '--input', input, '--seed', '7'], { language: 'fr' });
    expect(text.stdout).toContain('taux de satisfaction de la demande');
  });
});

describe('flowpilot simulate: bad input', () => {
  it('exit 3 for a missing demand or an unknown policy, 2 for a bad --seed, 4 for a missing file', async () => {
    expect((await runCli(['simulate', '--input', file('no-demand.json', { policy: { type: 's-S', s: 1, S: 5 }, leadTimePeriods: 0 })])).exitCode).toBe(3);
    const unknown = await runCli(['simulate', '--input', file('bad-policy.json', { policy: { type: 'kanban' }, demand: { history: [1, 2] }, leadTimePeriods: 0 })]);
    expect(unknown.exitCode).toBe(3);
    expect(unknown.stderr).toContain('policy.type');
    expect((await runCli(['simulate', '--input', file('ok.json', { policy: { type: 'base-stock', baseStockLevel: 5 }, demand: { history: [1, 2] }, leadTimePeriods: 0 }), '--seed', 'abc'])).exitCode).toBe(2);
    expect((await runCli(['simulate', '--input', join(directory, 'missing.json')])).exitCode).toBe(4);
  });
});

describe('flowpilot simulate: several items', () => {
  it('runs an "items" file on worker threads with shared defaults, one seed per item, and reports progress on stderr', async () => {
    const input = file('items.json', {
      demand: { distribution: { distribution: 'poisson', meanPerPeriod: 10 } }, leadTimePeriods: 1, periods: 400, replications: 4, seed: 3,
      items: [
        { itemId: 'tight', policy: { type: 'base-stock', baseStockLevel: 22 } },
        { itemId: 'loose', policy: { type: 'base-stock', baseStockLevel: 35 } },
      ],
    });
    const run = await runCli(['simulate', '--input', input, '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { items: { itemId: string; fillRate: { mean: number }; totals: { seed: number } }[] };
    expect(out.items.map((item) => item.itemId)).toEqual(['tight', 'loose']);
    expect(out.items.map((item) => item.totals.seed)).toEqual([3, 4]);
    expect(out.items[1]!.fillRate.mean).toBeGreaterThan(out.items[0]!.fillRate.mean);
    expect(run.stderr).toContain('Simulating items');
  });
});
