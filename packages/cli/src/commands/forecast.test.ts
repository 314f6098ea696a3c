import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli';

const dir = mkdtempSync(path.join(tmpdir(), 'flowpilot-forecast-'));
function file(name: string, text: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
}

const seasonal = Array.from({ length: 36 }, (_, t) => 100 + 10 * Math.sin((2 * Math.PI * t) / 12) + t);
const input = file(
  'in.csv',
  'series_id,t,value\n' +
    seasonal.map((v, t) => `S,${t + 1},${v.toFixed(2)}`).join('\n') + '\n' +
    [0, 0, 4, 0, 0, 0, 5, 0, 0, 2, 0, 0].map((v, t) => `I,${t + 1},${v}`).join('\n') + '\n' +
    'ONE,1,7\nZERO,1,0\nZERO,2,0\nZERO,3,0\n',
);

describe('flowpilot forecast', () => {
  it('writes the contract columns for every series, in parallel', async () => {
    const output = path.join(dir, 'out.csv');
    const run = await runCli(['forecast', '--input', input, '--horizon', '4', '--season-length', '12', '--output', output, '--threads', '2']);
    expect(run.exitCode, run.stderr).toBe(0);
    const lines = readFileSync(output, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('series_id,step,forecast,lower_80,upper_80,lower_95,upper_95,method');
    expect(lines).toHaveLength(1 + 4 * 4);
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      for (const cell of cells.slice(1, 7)) expect(Number.isFinite(Number(cell))).toBe(true);
      expect(Number(cells[3])).toBeLessThanOrEqual(Number(cells[2]));
    }
    expect(lines.filter((l) => l.startsWith('ZERO,')).every((l) => l.split(',')[2] === '0')).toBe(true);
    expect(run.stderr).toMatch(/forecast \[/);
  }, 120_000);

  it('prints JSON with the CSV when --json is given without --output; --levels changes the columns', async () => {
    const run = await runCli(['forecast', '--input', input, '--horizon', '2', '--method', 'snaive', '--levels', '90', '--threads', '1', '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { csv: string; seriesCount: number; methods: Record<string, number> };
    expect(summary.seriesCount).toBe(4);
    expect(summary.csv.split('\n')[0]).toBe('series_id,step,forecast,lower_90,upper_90,method');
  });

  it('reports a bad row with its line number (exit 3), in French too', async () => {
    const bad = file('bad.csv', 'series_id,t,value\nA,1,3\nA,2,douze\n');
    const run = await runCli(['forecast', '--input', bad, '--horizon', '2', '--threads', '1']);
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toMatch(/line 3, column value \("douze"\)/);
    const fr = await runCli(['forecast', '--input', bad, '--horizon', '2', '--threads', '1'], { language: 'fr' });
    expect(fr.stderr).toMatch(/ligne 3, colonne value/);
  });

  it('rejects a missing column (3), a missing file (4) and bad options (2)', async () => {
    const noValue = file('novalue.csv', 'series_id,t\nA,1\n');
    expect((await runCli(['forecast', '--input', noValue, '--horizon', '2'])).exitCode).toBe(3);
    expect((await runCli(['forecast', '--input', path.join(dir, 'nope.csv'), '--horizon', '2'])).exitCode).toBe(4);
    expect((await runCli(['forecast', '--input', input, '--horizon', '0'])).exitCode).toBe(2);
    expect((await runCli(['forecast', '--input', input, '--horizon', '2', '--method', 'magic'])).exitCode).toBe(2);
    expect((await runCli(['forecast', '--input', input, '--horizon', '2', '--levels', '80,150'])).exitCode).toBe(2);
  });

  it('negative values with a multiplicative-capable method fall back to additive models (documented), never NaN', async () => {
    const negative = file('neg.csv', 'series_id,t,value\n' + Array.from({ length: 30 }, (_, t) => `N,${t + 1},${(-50 + 10 * Math.sin(t) + t).toFixed(3)}`).join('\n') + '\n');
    const run = await runCli(['forecast', '--input', negative, '--horizon', '3', '--method', 'ets', '--threads', '1', '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { csv: string; notes: { note: string }[] };
    expect(summary.csv).not.toMatch(/NaN/);
    expect(summary.notes.map((n) => n.note).join(' ')).toMatch(/multiplicative models skipped/);
    const croston = await runCli(['forecast', '--input', negative, '--horizon', '3', '--method', 'croston', '--threads', '1']);
    expect(croston.exitCode).toBe(3);
    expect(croston.stderr).toMatch(/non-negative/);
  });
});
