import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'flowpilot-kpi-file-'));
const write = (name: string, value: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};

type Row = { kpiId: string; periodKey: string; dimensionKey: string; value: number | null; status: string; recordIds?: string[]; recordCount?: number };

describe('flowpilot kpi-file', () => {
  it('computes every KPI of examples/kpi/small-actuals.json (hand-checked values)', async () => {
    const run = await runCli(['kpi-file', '--input', 'examples/kpi/small-actuals.json', '--json']);
    expect(run.exitCode).toBe(0);
    const out = JSON.parse(run.stdout) as { rows: Row[]; definitions: Array<{ id: string }> };
    const value = (id: string) => out.rows.find((row) => row.kpiId === id)!.value;
    expect(out.rows).toHaveLength(23);
    expect(out.definitions).toHaveLength(23);
    // 3 of 5 lines OTIF (L2 late, L3 short); 280 of 300 units; SO-1..4 cycle 6+6+5+6 days.
    expect(value('otif')).toBe(0.6);
    expect(value('fill-rate-unit')).toBeCloseTo(280 / 300, 12);
    expect(value('order-cycle-time')).toBe(5.75);
    // Counts 99/100 within the file's 2 % tolerance, 90/100 not.
    expect(value('inventory-record-accuracy')).toBe(0.5);
    expect(value('oee')).toBeCloseTo(0.7479, 4);
    expect(value('logistics-cost-per-order')).toBe(400);
    expect(out.rows.find((row) => row.kpiId === 'logistics-cost-per-order')!.status).toBe('warning');
    expect(value('cash-to-cash-cycle')).toBeCloseTo(46.5 + 6000 / 10500 * 31 - 15.5, 9);
    expect(out.rows[0]!.recordCount).toBe(5);
  });

  it('groups by month and customer and explains each value with its records', async () => {
    const run = await runCli(['kpi-file', '--input', 'examples/kpi/small-actuals.json', '--period', 'month', '--by', 'customer', '--kpi', 'otif', '--explain', '--json']);
    expect(run.exitCode).toBe(0);
    const rows = (JSON.parse(run.stdout) as { rows: Row[] }).rows;
    expect(rows.map((row) => [row.periodKey, row.dimensionKey, row.value, row.recordIds])).toEqual([
      ['2026-03', 'C-NORTH', 0, ['L3']],
      ['2026-03', 'C-STATE', 0.5, ['L1', 'L2']],
      ['2026-04', 'C-NORTH', 1, ['L4']],
      ['2026-04', 'C-STATE', 1, ['L5']],
    ]);
  });

  it('--as-of leaves out lines not yet due', async () => {
    const input = write('open.json', { orderLines: [
      { id: 'A', orderId: 'O1', orderDate: '2026-03-01', requestedDate: '2026-03-05', deliveredDate: '2026-03-05', orderedQuantity: 1, deliveredQuantity: 1 },
      { id: 'B', orderId: 'O2', orderDate: '2026-03-01', requestedDate: '2026-04-05', orderedQuantity: 1, deliveredQuantity: 0 },
    ] });
    const all = JSON.parse((await runCli(['kpi-file', '--input', input, '--kpi', 'otif', '--json'])).stdout) as { rows: Row[] };
    expect(all.rows[0]!.value).toBe(0.5);
    const asOf = JSON.parse((await runCli(['kpi-file', '--input', input, '--kpi', 'otif', '--as-of', '2026-03-31', '--json'])).stdout) as { rows: Row[] };
    expect(asOf.rows[0]!.value).toBe(1);
  });

  it('prints a table in French', async () => {
    const run = await runCli(['kpi-file', '--input', 'examples/kpi/small-actuals.json', '--kpi', 'otif,oee'], { language: 'fr' });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Service OTIF (à l’heure, en totalité) | all | all | 60 % | 95 % | ALERTE');
    expect(run.stdout).toContain('Taux de rendement synthétique (TRS)');
  });

  it('exit codes: 2 bad option, 3 bad record or shape, 4 missing file', async () => {
    expect((await runCli(['kpi-file', '--input', 'examples/kpi/small-actuals.json', '--period', 'year'])).exitCode).toBe(2);
    expect((await runCli(['kpi-file', '--input', 'examples/kpi/small-actuals.json', '--by', 'planet'])).exitCode).toBe(2);
    expect((await runCli(['kpi-file', '--input', 'examples/kpi/small-actuals.json', '--kpi', 'happiness'])).exitCode).toBe(2);
    expect((await runCli(['kpi-file', '--input', join(dir, 'none.json')])).exitCode).toBe(4);
    expect((await runCli(['kpi-file', '--input', write('shape.json', { orderLines: {} })])).exitCode).toBe(3);
    expect((await runCli(['kpi-file', '--input', write('key.json', { orderLine: [] })])).exitCode).toBe(3);
    const bad = await runCli(['kpi-file', '--input', write('date.json', { shipments: [{ id: 's', date: '2026-02-30', quantityUnits: 1, co2Kg: 1 }] }), '--period', 'month']);
    expect(bad.exitCode).toBe(3);
    expect(bad.stderr).toContain('shipments[0].date');
    const empty = await runCli(['kpi-file', '--input', write('empty.json', {})]);
    expect(empty.exitCode).toBe(0);
    expect(empty.stdout).toContain('No KPI');
  });
});
