import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MrpReport } from '@flowpilot/core';
import { runCli } from '../testing/run-cli';

const model = 'examples/mrp/jacobs-chase-model.json';

describe('flowpilot mrp-file', () => {
  it('runs the textbook model (Jacobs & Chase MRP problem) and prints the report as JSON', async () => {
    const run = await runCli(['mrp-file', '--input', model, '--records', '--pegging', '--json']);
    expect(run.exitCode).toBe(0);
    const report = JSON.parse(run.stdout) as MrpReport;
    expect(report.status).toBe('ok');
    expect(report.plannedOrders.map((o) => [o.itemId, o.releasePeriod + 1, o.releaseQuantity])).toEqual([
      ['A', 8, 20],
      ['C', 7, 20],
      ['B', 5, 40],
      ['B', 6, 40],
      ['D', 2, 160],
      ['F', 4, 40],
      ['E', 5, 80],
    ]);
    expect(report.records?.find((r) => r.itemId === 'E')?.plannedOrderReleases[4]).toBe(80);
    expect(report.pegging?.length).toBeGreaterThan(0);
  });

  it('human output in French with translated action messages and owners', async () => {
    const run = await runCli(['mrp-file', '--input', model], { language: 'fr' });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('CBN : 6 articles, 7 ordres planifiés');
    expect(run.stdout).toContain('[P1] reporter');
  });

  it('net change: a new order of A re-plans A and everything below it', async () => {
    const run = await runCli(['mrp-file', '--input', model, '--net-change', 'examples/mrp/net-change-new-order.json', '--json']);
    expect(run.exitCode).toBe(0);
    const out = JSON.parse(run.stdout) as MrpReport & { replannedItemIds: string[] };
    expect(out.replannedItemIds).toEqual(['A', 'C', 'B', 'D', 'F', 'E']);
    expect(out.plannedOrders.filter((o) => o.itemId === 'A').length).toBeGreaterThan(0);
  });

  it('a BOM cycle exits with 3 and names the items', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowpilot-mrp-'));
    const path = join(dir, 'cycle.json');
    writeFileSync(path, JSON.stringify({
      horizonPeriods: 3,
      items: [{ id: 'X', leadTimePeriods: 1 }, { id: 'Y', leadTimePeriods: 1 }],
      bomLines: [{ parentId: 'X', componentId: 'Y', quantityPer: 1 }, { parentId: 'Y', componentId: 'X', quantityPer: 1 }],
    }));
    const run = await runCli(['mrp-file', '--input', path, '--json']);
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toMatch(/X -> Y -> X|Y -> X -> Y/);
  });
});
