import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { runCli } from '../testing/run-cli';
import { createCliTestEnv, type CliTestEnv } from '../testing/cli-test-env';

// flowpilot count sheet → enter (refused, then accepted) → close, and suppliers scorecard, on a two-item warehouse.

let test: CliTestEnv;
beforeEach(async () => {
  test = await createCliTestEnv({ FLOWPILOT_NOW: '2026-11-24T08:00:00.000Z', FLOWPILOT_TODAY: '2026-11-24' });
  const handle = await test.open();
  try {
    const run = (text: string) => sql.raw(text).execute(handle.db);
    await run(`insert into organization (id, name) values ('demo', 'Demo') on conflict do nothing`);
    await run(`insert into unit_of_measure (organization_id, code, name, dimension) values ('demo', 'EA', 'Each', 'count')`);
    await run(`insert into item (organization_id, code, name, item_type, uom_code, make_or_buy, standard_cost) values ('demo', 'P1', 'Bolt', 'component', 'EA', 'buy', 2.5), ('demo', 'P2', 'Gear', 'component', 'EA', 'buy', 10)`);
    await run(`insert into location (organization_id, code, name, location_type) values ('demo', 'W1', 'Main', 'warehouse')`);
    await run(`insert into inventory_movement (organization_id, item_code, location_code, movement_type, quantity, occurred_at, reference) values
      ('demo', 'P1', 'W1', 'opening_balance', 100, '2026-11-01T00:00:00Z', 'OPEN'), ('demo', 'P2', 'W1', 'opening_balance', 12, '2026-11-01T00:00:00Z', 'OPEN')`);
    await run(`insert into stock_lot (organization_id, item_code, location_code, lot_number, quantity) values ('demo', 'P1', 'W1', '', 100), ('demo', 'P2', 'W1', '', 12)`);
  } finally {
    await handle.close();
  }
});
afterEach(async () => { await test.cleanup(); });

describe('flowpilot count', () => {
  it('prints a blind sheet by bin, refuses a bad count file with file/row/column, then enters and closes', async () => {
    const run = (args: string[]) => runCli(args, { env: test.env });
    const bins = join(test.dir, 'bins.csv');
    writeFileSync(bins, 'item_code,location_code,bin_code\nP2,W1,A-01\nP1,W1,B-07\nP9,W1,\n');
    const badBins = await run(['count', 'bins', '--file', bins]);
    expect(badBins.exitCode).toBe(3);
    expect(badBins.stderr).toContain('bins.csv, row 4, column item_code, value "P9": item P9 does not exist');
    expect(badBins.stderr).toContain('bins.csv, row 4, column bin_code: the bin code is empty');
    writeFileSync(bins, 'item_code,location_code,bin_code\nP2,W1,A-01\nP1,W1,B-07\n');
    expect((await run(['count', 'bins', '--file', bins])).stdout).toContain('2 bin(s) loaded.');
    const csvPath = join(test.dir, 'sheet.csv');
    const sheet = await run(['count', 'sheet', '--location', 'W1', '--csv', csvPath]);
    expect(sheet.exitCode).toBe(0);
    expect(sheet.stdout).toContain('COUNT SHEET CNT-2026-11-24-W1-01');
    expect(sheet.stdout.indexOf('A-01')).toBeLessThan(sheet.stdout.indexOf('B-07'));
    expect(sheet.stdout).not.toContain('100');
    const csv = readFileSync(csvPath, 'utf8').split('\n');
    expect(csv.slice(0, 3)).toEqual([
      'count_number,line_number,location_code,bin_code,item_code,item_name,lot_number,uom_code,counted_quantity,cause_code',
      'CNT-2026-11-24-W1-01,1,W1,A-01,P2,Gear,,EA,,', 'CNT-2026-11-24-W1-01,2,W1,B-07,P1,Bolt,,EA,,',
    ]);

    const bad = join(test.dir, 'bad.csv');
    writeFileSync(bad, 'location_code,item_code,counted_quantity\nW1,P1,-1\nZZ,P2,12\nW1,P1,99\n');
    const refused = await run(['count', 'enter', 'CNT-2026-11-24-W1-01', '--file', bad]);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toContain('bad.csv, row 2, column counted_quantity, value "-1": a counted quantity cannot be negative');
    expect(refused.stderr).toContain('bad.csv, row 3, column location_code, value "ZZ": location ZZ does not exist');
    expect(refused.stderr).toContain('bad.csv, row 4, column item_code, value "P1": item P1 lot - is counted twice (first on row 2)');
    const french = await runCli(['count', 'enter', 'CNT-2026-11-24-W1-01', '--file', bad], { env: test.env, language: 'fr' });
    expect(french.stderr).toContain('bad.csv, ligne 2, colonne counted_quantity, valeur "-1" : une quantité comptée ne peut pas être négative');

    const good = join(test.dir, 'good.csv');
    writeFileSync(good, 'item_code,counted_quantity,cause_code\nP1,96,unrecorded_issue\nP2,12,\n');
    const entered = await run(['count', 'enter', 'CNT-2026-11-24-W1-01', '--file', good, '--counted-at', '2026-11-24T09:00:00Z', '--json']);
    expect(entered.exitCode).toBe(0);
    expect(JSON.parse(entered.stdout)).toMatchObject({ accepted: true, linesEntered: 2, linesRemaining: 0 });
    // C tolerance by default: 5 % of 100 = 5 ≥ 4 and 10 EUR ≤ 500: no recount.
    expect(JSON.parse(entered.stdout).linesToRecount).toEqual([]);

    const closed = await run(['count', 'close', 'CNT-2026-11-24-W1-01', '--by', 'marc']);
    expect(closed.exitCode).toBe(0);
    expect(closed.stdout).toContain('1 adjustment(s) posted, record accuracy 100.0 %');
    expect(closed.stdout).toContain('line 2 P1 - [C] book 100 + moved 0 = 100, counted 96 → variance -4 (-10.00 EUR) — issue not recorded');
    const accuracy = JSON.parse((await run(['count', 'accuracy', '--json'])).stdout) as { overall: { accuracy: number; linesExact: number } };
    expect(accuracy.overall).toMatchObject({ accuracy: 1, linesExact: 1 });
    expect((await run(['count', 'close', 'CNT-2026-11-24-W1-01'])).exitCode).toBe(1);
    expect((await run(['count', 'enter', 'CNT-NONE', '--file', good])).exitCode).toBe(4);
  }, 600_000);

  it('plans counts by class and prints a supplier scorecard', async () => {
    const run = (args: string[]) => runCli(args, { env: test.env });
    const plan = await run(['count', 'plan', '--from', '2026-12-01', '--months', '1', '--json']);
    expect(plan.exitCode).toBe(0);
    const parsed = JSON.parse(plan.stdout) as { planNumber: string; lines: { itemCode: string; scheduledDate: string }[] };
    expect(parsed.planNumber).toBe('CP-2026-12-01-ALL');
    expect(parsed.lines.map((l) => l.itemCode).sort()).toEqual(['P1', 'P2']);
    expect((await run(['count', 'plan', '--from', '2026-12-01', '--classes', 'A:5'])).exitCode).toBe(3);
    const chosen = await run(['count', 'plan', '--from', '2026-12-01', '--months', '1', '--items', 'P2', '--plan-number', 'CP-P2', '--json']);
    expect(chosen.exitCode).toBe(0);
    expect((JSON.parse(chosen.stdout) as { lines: { itemCode: string }[] }).lines.map((l) => l.itemCode)).toEqual(['P2']);
    const unknown = await run(['count', 'plan', '--from', '2026-12-01', '--items', 'P2,NOPE']);
    expect(unknown.exitCode).not.toBe(0);
    expect(unknown.stderr).toContain('NOPE');
    const scorecard = await run(['suppliers', 'scorecard', '--from', '2026-01-01', '--to', '2026-03-31']);
    expect(scorecard.exitCode).toBe(0);
    expect(scorecard.stdout).toContain('No received purchase order line due in this period.');
  }, 600_000);
});
