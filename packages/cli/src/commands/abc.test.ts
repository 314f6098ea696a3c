import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli';

const directory = mkdtempSync(join(tmpdir(), 'flowpilot-abc-'));
function file(name: string, content: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('flowpilot abc', () => {
  it('classifies a CSV with histories into ABC x XYZ segments with default policies', async () => {
    const csv = ['itemId,unitCost,demandHistory', 'steady,10,100;110;90;100', 'lumpy,1,0;0;40;0', 'mid,2,20;25;30;10'].join('\n');
    const run = await runCli(['abc', '--input', file('items.csv', csv), '--json']);
    expect(run.exitCode).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.items.map((item: { itemId: string; segment: string }) => `${item.itemId}:${item.segment}`)).toEqual(['steady:AX', 'mid:CX', 'lumpy:CZ']);
    // 4000 of 4210 (95.01 %) sit in 'steady', so 'mid' starts beyond the 95 % bound of B.
    expect(out.classCounts).toEqual({ A: 1, B: 0, C: 2 });
  });
  it('reads JSON, takes --criterion and --classes, and prints a table', async () => {
    const input = file('items.json', { items: [{ itemId: 'a', annualDemandUnits: 10, unitCost: 1 }, { itemId: 'b', annualDemandUnits: 90, unitCost: 1 }] });
    const run = await runCli(['abc', '--input', input, '--criterion', 'volume', '--classes', 'top:0.5,rest:1']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('1 | b | 90 | 0.9 | top');
    expect((await runCli(['abc', '--input', input, '--criterion', 'weight'])).exitCode).toBe(2);
  });
});

describe('flowpilot abc: bad input', () => {
  it('exit 3 for a CSV without itemId, a negative demand or a duplicate item; 2 for bad --classes', async () => {
    expect((await runCli(['abc', '--input', file('no-id.csv', 'sku,unitCost\nx,1\n')])).exitCode).toBe(3);
    const negative = await runCli(['abc', '--input', file('negative.csv', 'itemId,unitCost,annualDemandUnits\na,1,-5\n')]);
    expect(negative.exitCode).toBe(3);
    expect(negative.stderr).toContain('items[0].annualDemandUnits');
    expect((await runCli(['abc', '--input', file('dup.csv', 'itemId;unitCost;annualDemandUnits\na;1;5\na;2;3\n')])).exitCode).toBe(3);
    expect((await runCli(['abc', '--input', file('ok.csv', 'itemId,unitCost,annualDemandUnits\na,1,5\n'), '--classes', 'A=0.8'])).exitCode).toBe(2);
  });
});
