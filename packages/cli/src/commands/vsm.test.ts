import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'flowpilot-vsm-'));
const write = (name: string, value: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};

describe('flowpilot vsm', () => {
  it('ACME Stamping (Rother & Shook, Learning to See): takt 60 s, lead time 23.6 days, processing 188 s', async () => {
    const run = await runCli(['vsm', '--input', 'examples/lean/acme-stamping-vsm.json', '--json']);
    expect(run.exitCode).toBe(0);
    const out = JSON.parse(run.stdout) as { taktTimeSeconds: number; leadTimeDays: number; valueAddedTimeSeconds: number; exceptions: unknown[] };
    expect(out.taktTimeSeconds).toBe(60);
    expect(out.leadTimeDays).toBeCloseTo(23.6, 1);
    expect(out.valueAddedTimeSeconds).toBe(188);
    expect(out.exceptions).toHaveLength(1);
  });

  it('writes the SVG and prints a human summary in French', async () => {
    const svg = join(dir, 'acme.svg');
    const run = await runCli(['vsm', '--input', 'examples/lean/acme-stamping-vsm.json', '--svg', svg], { language: 'fr' });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('délai de production 23.6 jours');
    expect(run.stdout).toContain('temps de traitement 188 s');
    expect(run.stdout).toContain('Assembly #1');
    const drawing = readFileSync(svg, 'utf8');
    expect(drawing).toContain('<svg');
    expect(drawing).toContain('23.6 jours');
  });

  it('exit codes: 4 missing file, 3 bad JSON or bad field', async () => {
    expect((await runCli(['vsm', '--input', join(dir, 'nope.json')])).exitCode).toBe(4);
    expect((await runCli(['vsm', '--input', write('bad.json', '{ steps: ')])).exitCode).toBe(3);
    const bad = await runCli(['vsm', '--input', write('neg.json', { name: 'x', dailyDemandUnits: 10, availableSecondsPerShift: 100, shiftsPerDay: 1, steps: [{ id: 'a', name: 'A', cycleTimeSeconds: -1 }], inventories: [] })]);
    expect(bad.exitCode).toBe(3);
    expect(bad.stderr).toContain('steps[0].cycleTimeSeconds');
  });
});
