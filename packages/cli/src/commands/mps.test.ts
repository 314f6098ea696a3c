import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli';

describe('flowpilot mps', () => {
  it('Stevenson MPS example: MPS, projected available and ATP, plus a rough-cut check', async () => {
    const run = await runCli(['mps', '--input', 'examples/mps/stevenson.json', '--json']);
    expect(run.exitCode).toBe(0);
    const out = JSON.parse(run.stdout) as { status: string; items: Array<{ periods: Array<{ masterScheduleUnits: number; projectedAvailableUnits: number; availableToPromiseUnits: number }> }>; roughCut: { exceptions: Array<{ period: string }> } };
    const periods = out.items[0]?.periods ?? [];
    expect(periods.map((p) => p.masterScheduleUnits)).toEqual([0, 0, 70, 0, 70, 0, 70, 70]);
    expect(periods.map((p) => p.projectedAvailableUnits)).toEqual([31, 1, 41, 11, 41, 1, 31, 61]);
    expect(periods.map((p) => p.availableToPromiseUnits)).toEqual([11, 0, 56, 0, 68, 0, 70, 70]);
    // 70 units × 0.5 h a week before each MPS receipt = 35 h for 30 h available.
    expect(out.roughCut.exceptions.map((e) => e.period)).toEqual(['W2', 'W4', 'W6', 'W7']);
    expect(out.status).toBe('exceptions');
  });

  it('disaggregates a family plan into item forecasts and prints in French', async () => {
    const run = await runCli(['mps', '--input', 'examples/mps/family-disaggregation.json', '--json']);
    expect(run.exitCode).toBe(0);
    const out = JSON.parse(run.stdout) as { items: Array<{ itemId: string; periods: Array<{ forecastUnits: number; zone: string }> }> };
    const forecastTotal = out.items.reduce((sum, item) => sum + item.periods.reduce((s, p) => s + p.forecastUnits, 0), 0);
    expect(forecastTotal).toBe(2583 * 2);
    expect(out.items[0]?.periods.map((p) => p.zone).slice(0, 5)).toEqual(['frozen', 'frozen', 'slushy', 'slushy', 'liquid']);
    const human = await runCli(['mps', '--input', 'examples/mps/family-disaggregation.json'], { language: 'fr' });
    expect(human.stdout).toContain('zone gelée');
  });

  it('exit 3 on a file without items', async () => {
    expect((await runCli(['mps', '--input', 'examples/sop/red-tomato.json'])).exitCode).toBe(3);
  });
});
