import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkLoad, type PackingInput } from '@flowpilot/core';
import { runCli } from '../testing/run-cli';

const br1 = fileURLToPath(new URL('../../../../../shared/data/packing/bischoff_ratcliff/br1.txt', import.meta.url));

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowpilot-pack-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const palletInput: PackingInput = {
  container: { id: 'pallet', lengthCm: 120, widthCm: 80, heightCm: 100, maxPayloadKg: 500 },
  boxTypes: [
    { id: 'A', lengthCm: 40, widthCm: 40, heightCm: 25, quantity: 20, weightKg: 8, stopSequence: 2 },
    { id: 'B', lengthCm: 60, widthCm: 40, heightCm: 25, quantity: 10, weightKg: 12, stopSequence: 1 },
  ],
};

describe('flowpilot pack', () => {
  it('plans a JSON load, prints JSON that passes the checker and writes an SVG picture', async () => {
    const input = tempFile('pallet.json', JSON.stringify(palletInput, null, 2));
    const svg = join(mkdtempSync(join(tmpdir(), 'flowpilot-pack-')), 'load.svg');
    const run = await runCli(['pack', '--input', input, '--support', 'full', '--max-completions', '50', '--svg', svg, '--colour-by', 'stop', '--json']);
    expect(run.exitCode).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.packedCount).toBe(out.placements.length);
    expect(out.packedWeightKg).toBeLessThanOrEqual(500);
    expect(checkLoad(palletInput, out.placements, { support: 'full' })).toEqual([]);
    const picture = readFileSync(svg, 'utf8');
    expect(picture.startsWith('<svg')).toBe(true);
    expect(picture).toContain('stop 1');
  });

  it('reads a Bischoff–Ratcliff file and prints a human summary in French', async () => {
    const run = await runCli(['pack', '--input', br1, '--problem', '2', '--max-completions', '20'], { language: 'fr' });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^Chargement br1\.txt#2 : .* volume utilisé \d+\.\d\d %/);
  });

  it('is reproducible with a work budget and a seed', async () => {
    const args = ['pack', '--input', br1, '--max-completions', '30', '--seed', '3', '--json'];
    const a = JSON.parse((await runCli(args)).stdout);
    const b = JSON.parse((await runCli(args)).stdout);
    expect(b.placements).toEqual(a.placements);
  });

  it('refuses a malformed file with its line number (exit 3)', async () => {
    const bad = tempFile('bad.json', '{\n  "container": { "lengthCm": 100, "widthCm": 80, "heightCm": 90 },\n  "boxTypes": [\n    { "id": "A", "lengthCm": -4, "widthCm": 2, "heightCm": 2, "quantity": 1 }\n  ]\n}\n');
    const run = await runCli(['pack', '--input', bad]);
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toContain('line 4');
    const badBr = tempFile('bad.txt', ' 1\n 1 2502505\n 587 233 220\n 1\n 1 108 0 76 0 30\n');
    const run2 = await runCli(['pack', '--input', badBr]);
    expect(run2.exitCode).toBe(3);
    expect(run2.stderr).toContain('line 5');
  });

  it('answers usage errors with exit 2 and a missing file with exit 4', async () => {
    expect((await runCli(['pack', '--input', br1, '--support', 'half'])).exitCode).toBe(2);
    expect((await runCli(['pack', '--input', br1, '--time-limit-seconds', '-1'])).exitCode).toBe(2);
    expect((await runCli(['pack'])).exitCode).toBe(2);
    expect((await runCli(['pack', '--input', '/nonexistent/load.json'])).exitCode).toBe(4);
  });
});
