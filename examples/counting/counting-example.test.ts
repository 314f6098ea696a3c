import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli } from '../../packages/cli/src/testing/run-cli';
import { createCliTestEnv, type CliTestEnv } from '../../packages/cli/src/testing/cli-test-env';

// The walk-through of examples/counting/README.md, with its numbers.
const here = import.meta.dirname;
let test: CliTestEnv;
beforeEach(async () => { test = await createCliTestEnv({ FLOWPILOT_ORG: 'acme', FLOWPILOT_TODAY: '2026-12-01', FLOWPILOT_NOW: '2026-12-01T07:00:00Z' }); });
afterEach(async () => { await test.cleanup(); });

describe('examples/counting', () => {
  it('plans, scores suppliers, refuses the bad file, counts, recounts and closes as the README says', async () => {
    const run = async (args: string[], exitCode = 0) => {
      const result = await runCli(args, { env: test.env });
      expect(result.exitCode, `${args.join(' ')}: ${result.stderr}`).toBe(exitCode);
      return result;
    };
    await run(['import', join(here, 'company')]);
    await run(['count', 'bins', '--file', join(here, 'bins.csv')]);
    const plan = JSON.parse((await run(['count', 'plan', '--from', '2026-12-01', '--months', '3', '--json'])).stdout) as { lines: { itemCode: string; abcClass: string; annualUsageValue: number }[] };
    const classOf = Object.fromEntries(plan.lines.map((l) => [l.itemCode, [l.abcClass, l.annualUsageValue]]));
    expect(classOf).toEqual({ 'GEAR-40': ['A', 1716], 'MOTOR-1': ['A', 1700], 'BOLT-M8': ['A', 1050], 'WASHER-8': ['C', 75] });
    const scorecard = JSON.parse((await run(['suppliers', 'scorecard', '--from', '2026-08-01', '--to', '2026-11-30', '--json'])).stdout) as { suppliers: Record<string, unknown>[] };
    expect(scorecard.suppliers).toMatchObject([
      { supplierCode: 'S-ACME', linesReceived: 4, onTimeRate: 0.75, inFullRate: 0.75, onTimeInFullRate: 0.5, leadTimeMeanDays: 12.25, leadTimeStdDays: 3.304, priceVarianceEur: 18 },
      { supplierCode: 'S-BETA', linesReceived: 2, leadTimeMeanDays: 22, leadTimeStdDays: 1.4142, priceVarianceEur: 30 },
    ]);
    await run(['count', 'sheet', '--location', 'W1']);
    const count = 'CNT-2026-12-01-W1-01';
    const refused = await run(['count', 'enter', count, '--file', join(here, 'counts-with-errors.csv')], 3);
    expect(refused.stderr.match(/counts-with-errors\.csv, row \d/g)).toEqual(['counts-with-errors.csv, row 3', 'counts-with-errors.csv, row 4', 'counts-with-errors.csv, row 5']);
    const first = JSON.parse((await run(['count', 'enter', count, '--file', join(here, 'counts-first.csv'), '--counted-at', '2026-12-01T09:00:00Z', '--json'])).stdout) as { linesToRecount: { itemCode: string }[] };
    expect(first.linesToRecount.map((l) => l.itemCode)).toEqual(['BOLT-M8', 'GEAR-40']);
    await run(['count', 'enter', count, '--file', join(here, 'counts-recount.csv'), '--counted-at', '2026-12-01T10:00:00Z']);
    const closed = JSON.parse((await run(['count', 'close', count, '--by', 'marc', '--json'])).stdout) as { adjustmentsPosted: number; accuracy: { accuracy: number }; summary: { overall: { netVarianceValueEur: number } } };
    expect([closed.adjustmentsPosted, closed.accuracy.accuracy, closed.summary.overall.netVarianceValueEur]).toEqual([2, 0.8, -13]);
  }, 600_000);
});
