import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { seedImprovementFixture } from '@flowpilot/services';
import { runCli } from '../testing/run-cli';
import { createCliTestEnv, type CliTestEnv } from '../testing/cli-test-env';

// `flowpilot kpi`, `returns`, `actions`, `costs` on the hand-computed March 2026 fixture of
// packages/services/src/improvement (OTIF 1/4: see compute-kpis-from-database.test.ts).

let test: CliTestEnv;
beforeAll(async () => {
  test = await createCliTestEnv();
  const handle = await test.open();
  try {
    await seedImprovementFixture(handle, 'demo');
  } finally {
    await handle.close();
  }
});
afterAll(async () => { await test.cleanup(); });

const run = (args: string[], language: 'en' | 'fr' = 'en') => runCli(args, { env: test.env, language });
const march = ['--from', '2026-03-01', '--to', '2026-03-31'];

describe('flowpilot kpi', () => {
  it('computes the KPIs of the window from the database, as text and JSON', async () => {
    const text = await run(['kpi', ...march, '--kpi', 'otif,fill-rate-unit']);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain('On time in full (OTIF) | 2026-03 | all | 25 % | 95 % | ALERT');
    expect(text.stdout).toContain('Unit fill rate | 2026-03 | all | 80 %');
    const json = await run(['kpi', ...march, '--period', 'all', '--by', 'customer', '--json']);
    const result = JSON.parse(json.stdout) as { values: { kpiId: string; dimensionKey: string; value: number; formula: string }[] };
    expect(result.values.find((v) => v.kpiId === 'otif' && v.dimensionKey === 'C1')?.value).toBe(0.5);
  });

  it('explains a value and drills down to its records', async () => {
    const explained = await run(['kpi', ...march, '--kpi', 'otif', '--explain']);
    expect(explained.stdout).toContain('= 1 / 4');
    expect(explained.stdout).toContain('sales_order_line:SO-1/1');
    const drill = await run(['kpi', 'drill', 'otif', ...march]);
    expect(drill.exitCode).toBe(0);
    expect(drill.stdout).toContain('sales_order_line:SO-2/1 LATE in full');
    expect(drill.stdout).toContain('sales_order_line:SO-1/2 on time SHORT');
  });

  it('answers usage errors with exit 2 and the allowed values, in French too', async () => {
    const bad = await run(['kpi', '--period', 'year']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('all, month, week');
    const badFr = await run(['kpi', '--to', '2026-02-30x'], 'fr');
    expect(badFr.exitCode).toBe(2);
    expect(badFr.stderr).toContain('AAAA-MM-JJ');
    const unknown = await run(['kpi', 'drill', 'otif', ...march, '--period-key', '2027-01']);
    expect(unknown.exitCode).toBe(4);
  });
});

describe('flowpilot returns, actions, costs', () => {
  it('runs a return end to end and reports it', async () => {
    expect((await run(['returns', 'authorize', '--customer', 'C1', '--item', 'FG-A', '--quantity', '2', '--reason', 'defective', '--location', 'WH', '--date', '2026-04-02'])).stdout).toContain('Return RMA-1 authorised.');
    expect((await run(['returns', 'receive', 'RMA-1', '--date', '2026-04-03'])).stdout).toContain('2 × FG-A in quarantine at WH');
    expect((await run(['returns', 'dispose', 'RMA-1', '--disposition', 'scrap'])).exitCode).toBe(3);
    expect((await run(['returns', 'inspect', 'RMA-1', '--result', 'repairable', '--date', '2026-04-04'])).exitCode).toBe(0);
    expect((await run(['returns', 'dispose', 'RMA-1', '--disposition', 'refurbish', '--cost', '12.5', '--date', '2026-04-06'])).stdout).toContain('Return RMA-1 closed: refurbish, cost 12.50 €.');
    const list = JSON.parse((await run(['returns', 'list', '--json'])).stdout) as { items: { rmaNumber: string; status: string }[]; total: number };
    expect(list).toMatchObject({ total: 1, items: [{ rmaNumber: 'RMA-1', status: 'closed' }] });
    const report = await run(['returns', 'report', '--by', 'customer', '--from', '2026-03-01', '--to', '2026-04-30']);
    expect(report.stdout).toContain('C1 | 1 | 2 | 16 | 12.5 % | 12.50 €');
    const handle = await test.open();
    try {
      const lot = (await sql<{ status: string; quantity: string }>`select status, quantity::text from stock_lot where organization_id = 'demo' and lot_number = 'RMA-1'`.execute(handle.db)).rows;
      expect(lot).toEqual([{ status: 'available', quantity: '2.000000' }]);
    } finally {
      await handle.close();
    }
  });

  it('raises, moves and closes an action, records a meeting, and shows costs', async () => {
    const added = JSON.parse((await run(['actions', 'add', '--title', 'Daily stock check', '--owner', 'Sophie', '--due', '2026-04-30', '--kpi', 'otif', '--date', '2026-04-01', '--json'])).stdout) as { actionNumber: string; baselineValue: number };
    expect(added).toMatchObject({ actionNumber: 'ACT-1', baselineValue: 0.25 });
    expect((await run(['actions', 'update', 'ACT-1', '--status', 'do', '--date', '2026-04-01'])).stdout).toContain('[do]');
    expect((await run(['actions', 'add', '--title', 'x', '--owner', 'y', '--due', '2026-05-01'])).exitCode).toBe(3);
    expect((await run(['actions', 'meeting', '--group', 'Service', '--title', 'OTIF review', '--decision', 'ACT-1: keep the daily check', 'Review in May', '--date', '2026-04-15'])).stdout).toContain('MTG-1 recorded with 2 decision(s)');
    expect((await run(['actions', 'meetings'])).stdout).toContain('1. keep the daily check → ACT-1');
    expect((await run(['actions', 'close', 'ACT-1', '--date', '2026-04-30'])).stdout).toContain('[closed]');
    expect((await run(['actions', 'list'])).stdout).toContain('ACT-1');
    const byCustomer = await run(['costs', '--by', 'customer', ...march]);
    expect(byCustomer.stdout).toContain('C1 | 1 | 400.00 € | 50.00 € | 50.00 € | 100.00 € | 25 %');
    const byCategory = JSON.parse((await run(['costs', '--by', 'category', ...march, '--json'])).stdout) as { rows: { category: string; amountEur: number }[] };
    expect(byCategory.rows.find((r) => r.category === 'transport')?.amountEur).toBe(80);
    expect((await run(['costs', ...march])).stdout).toContain('2026-03 | handling | 0.00 € | 100.00 €');
  });
});

describe('flowpilot smed, five-s', () => {
  it('records a SMED study (Shingo: 1,800 s → 600 s) and 5S audits with their trend', async () => {
    const smedFile = join(test.dir, 'smed.json');
    writeFileSync(smedFile, JSON.stringify({
      title: 'Die change', studyDate: '2026-04-10', workCenterCode: 'WC1', changeoversPerWeek: 10,
      elements: [
        { id: 'E1', name: 'Fetch the die', type: 'internal', durationSeconds: 600, action: 'convert-to-external' },
        { id: 'E2', name: 'Unbolt', type: 'internal', durationSeconds: 300 },
        { id: 'E3', name: 'Adjust', type: 'internal', durationSeconds: 900, action: 'streamline', afterDurationSeconds: 300 },
      ],
    }));
    const recorded = await run(['smed', 'record', '--input', smedFile]);
    expect(recorded.stdout).toContain('SMED-1  2026-04-10  Die change @ WC1: changeover 1800 s → 600 s, 1200 s saved (66.7 %), 200 min');
    expect((await run(['smed', 'list', '--json'])).stdout).toContain('"changeoverSavedSeconds": 1200');
    const bad = join(test.dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ title: 'x', studyDate: '2026-04-10', elements: 'none' }));
    const refused = await run(['smed', 'record', '--input', bad]);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toContain('"elements" must be array');
    const audit = (scores: number[], date: string) => {
      const file = join(test.dir, `5s-${date}.json`);
      writeFileSync(file, JSON.stringify({ area: 'Packing', auditDate: date, maxScorePerQuestion: 4, answers: (['sort', 'sort', 'set-in-order', 'shine', 'standardise', 'sustain']).map((pillar, i) => ({ questionId: `Q${i + 1}`, pillar, score: scores[i] })) }));
      return file;
    };
    expect((await run(['five-s', 'record', '--input', audit([3, 4, 2, 4, 1, 3], '2026-03-02')])).stdout).toContain('Audit 5S-1 of Packing: 70.8 % (17/24).');
    await run(['five-s', 'record', '--input', audit([4, 4, 3, 4, 3, 3], '2026-04-06')]);
    const trend = await run(['five-s', 'trend', '--area', 'Packing']);
    expect(trend.stdout).toContain('2026-04-06  5S-2     87.5 %  (+16.7 pt)');
  });
});

