import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli';

const dir = mkdtempSync(path.join(tmpdir(), 'flowpilot-reconcile-'));
function file(name: string, text: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
}

const hierarchy = file('tree.csv', 'node_id,parent_id\ntotal,\na,total\nb,total\n');
const forecasts = file('base.csv', 'series_id,step,forecast,lower_80,upper_80,lower_95,upper_95,method\ntotal,1,100,,,,,ets\na,1,50,,,,,ets\nb,1,30,,,,,ets\ntotal,2,110,,,,,ets\na,2,55,,,,,ets\nb,2,35,,,,,ets\n');

describe('flowpilot reconcile', () => {
  it('reconciles the worked example with OLS and writes series_id,step,base,reconciled', async () => {
    const output = path.join(dir, 'out.csv');
    const run = await runCli(['reconcile', '--hierarchy', hierarchy, '--forecasts', forecasts, '--method', 'ols', '--output', output]);
    expect(run.exitCode, run.stderr).toBe(0);
    const lines = readFileSync(output, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('series_id,step,base,reconciled');
    expect(lines).toContain('total,1,100,93.333333');
    expect(lines).toContain('a,1,50,56.666667');
    expect(lines).toContain('b,1,30,36.666667');
    expect(run.stderr).toMatch(/off by up to 20/);
  });

  it('builds total → family → item from item_id,family_id and prints JSON', async () => {
    const items = file('items.csv', 'item_id,family_id\nI1,F1\nI2,F1\nI3,F2\n');
    const base = file('items-base.csv', 'series_id,step,forecast\nI1,1,10\nI2,1,20\nI3,1,5\n');
    const run = await runCli(['reconcile', '--hierarchy', items, '--forecasts', base, '--method', 'bottom-up', '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as { method: string; rows: { seriesId: string; step: number; reconciled: number }[] };
    expect(json.method).toBe('bottom_up');
    expect(json.rows.find((r) => r.seriesId === 'total')!.reconciled).toBe(35);
    expect(json.rows.find((r) => r.seriesId === 'F1')!.reconciled).toBe(30);
  });

  it('reports a bad value with its line and column (exit 3), an unknown method (exit 2), a missing file (exit 4)', async () => {
    const bad = file('bad.csv', 'series_id,step,forecast\ntotal,1,100\na,1,abc\nb,1,3\n');
    const run = await runCli(['reconcile', '--hierarchy', hierarchy, '--forecasts', bad]);
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toMatch(/line 3, column forecast \("abc"\): not a number/);
    const method = await runCli(['reconcile', '--hierarchy', hierarchy, '--forecasts', forecasts, '--method', 'magic']);
    expect(method.exitCode).toBe(2);
    const missing = await runCli(['reconcile', '--hierarchy', path.join(dir, 'nope.csv'), '--forecasts', forecasts]);
    expect(missing.exitCode).toBe(4);
    const mint = await runCli(['reconcile', '--hierarchy', hierarchy, '--forecasts', forecasts, '--method', 'mint-shrink']);
    expect(mint.exitCode).toBe(3);
    expect(mint.stderr).toMatch(/residuals/);
  });

  it('speaks French', async () => {
    const bad = file('bad-fr.csv', 'series_id,step,forecast\ntotal,1,x\n');
    const run = await runCli(['reconcile', '--hierarchy', hierarchy, '--forecasts', bad], { language: 'fr' });
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toMatch(/ligne 2, colonne forecast/);
  });
});
