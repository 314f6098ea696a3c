import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'flowpilot-lot-size-'));
const write = (name: string, value: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};

describe('flowpilot lot-size', () => {
  it('Wagner–Whitin on the 1958 paper example prints orderQuantities and totalCost 864 (examples/lot-sizing)', async () => {
    const run = await runCli(['lot-size', '--input', 'examples/lot-sizing/wagner-whitin-1958.json', '--method', 'ww', '--json']);
    expect(run.exitCode).toBe(0);
    const out = JSON.parse(run.stdout) as { orderQuantities: number[]; totalCost: number };
    expect(out.totalCost).toBe(864);
    expect(out.orderQuantities).toHaveLength(12);
  });

  it('reads { demand, setupCost, holdingCostPerUnitPerPeriod } with the method from --method (FoSCT Example 3.9)', async () => {
    const input = write('ex39.json', { demand: [90, 120, 80, 70], setupCost: 500, holdingCostPerUnitPerPeriod: 2 });
    const run = await runCli(['lot-size', '--input', input, '--method', 'silver-meal', '--json']);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ orderQuantities: [290, 0, 0, 70], totalCost: 1560 });
    const human = await runCli(['lot-size', '--input', input, '--method', 'wagner-whitin'], { language: 'fr' });
    expect(human.stdout).toContain('coût total 1380');
  });

  it('exit codes: 4 missing file, 3 bad JSON or bad field, 2 unknown method', async () => {
    expect((await runCli(['lot-size', '--input', join(dir, 'nope.json'), '--method', 'ww'])).exitCode).toBe(4);
    expect((await runCli(['lot-size', '--input', write('bad.json', '{ demand: '), '--method', 'ww'])).exitCode).toBe(3);
    const negative = await runCli(['lot-size', '--input', write('neg.json', { demand: [1, -1], setupCost: 1, holdingCostPerUnitPerPeriod: 1 }), '--method', 'lfl']);
    expect(negative.exitCode).toBe(3);
    expect(negative.stderr).toContain('demand[1]');
    const unknown = await runCli(['lot-size', '--input', write('ok.json', { demand: [1], setupCost: 1, holdingCostPerUnitPerPeriod: 1 }), '--method', 'magic']);
    expect(unknown.exitCode).toBe(2);
  });
});
