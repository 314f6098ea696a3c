import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli';

describe('flowpilot allocate', () => {
  it('allocates by rules with an explanation per line, reallocates a receipt and promises a new line', async () => {
    const run = await runCli(['allocate', '--input', 'examples/allocation/shortage.json', '--json']);
    expect(run.exitCode).toBe(0);
    const out = JSON.parse(run.stdout) as {
      lines: Array<{ lineId: string; onTimeUnits: number; lateUnits: number; backorderUnits: number; reasons: Array<{ code: string }> }>;
      reallocation: Array<{ lineId: string; gainedUnits: number }>;
      promises: Array<{ lineId: string; promisedBucket: number; status: string }>;
    };
    const line = (id: string) => out.lines.find((l) => l.lineId === id);
    // Key account protected: its 30 units are kept although lines due earlier wait.
    expect(line('SO-3')).toMatchObject({ onTimeUnits: 30, backorderUnits: 0 });
    // 100 − 30 protected = 70 shared 80:50 → 43 and 27.
    expect(line('SO-1')?.onTimeUnits).toBe(43);
    expect(line('SO-2')?.onTimeUnits).toBe(27);
    expect(out.lines.every((l) => l.reasons.length > 0)).toBe(true);
    expect(out.reallocation).toEqual([expect.objectContaining({ lineId: 'SO-4', gainedUnits: 20 })]);
    expect(out.promises[0]).toMatchObject({ lineId: 'SO-5', promisedBucket: 3, status: 'late' });
  });

  it('explains in French', async () => {
    const run = await runCli(['allocate', '--input', 'examples/allocation/shortage.json'], { language: 'fr' });
    expect(run.stdout).toContain('réservé aux clients stratégiques');
  });
});
