import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { startCount } from './start-count';
import { enterCounts } from './enter-counts';
import { closeCount } from './close-count';
import { getCountSheet, toCountSheetCsv } from './get-count-sheet';
import { runCountPlan } from './run-count-plan';
import { analyzeCountVariances, computeRecordAccuracyFromDatabase, listInventoryCounts } from './count-reports';
import { CountingError } from './counting-error';
import type { CountClassSettingsByClass } from './counting-settings';

const ORG = 'org-a';
const SETTINGS: CountClassSettingsByClass = {
  A: { countsPerYear: 12, quantityTolerance: 0, valueToleranceEur: 50 },
  B: { countsPerYear: 4, quantityTolerance: 0.02, valueToleranceEur: 200 },
  C: { countsPerYear: 1, quantityTolerance: 0.05, valueToleranceEur: 500 },
};

let handle: DatabaseHandle;

/** Items P1 (2.50 EUR), P2 (10 EUR, lots L1 20 and L2 10), P3 (1 EUR, no stock) at W1; P1 also at W2. */
async function seed(db: DatabaseHandle['db']): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`insert into organization (id, name) values ('${ORG}', 'A'), ('org-b', 'B')`);
  for (const org of [ORG, 'org-b']) {
    await run(`insert into unit_of_measure (organization_id, code, name, dimension) values ('${org}', 'EA', 'Each', 'count')`);
    await run(`insert into item (organization_id, code, name, item_type, uom_code, make_or_buy, standard_cost) values ('${org}', 'P1', 'Bolt', 'component', 'EA', 'buy', 2.5), ('${org}', 'P2', 'Gear', 'component', 'EA', 'buy', 10), ('${org}', 'P3', 'Washer', 'component', 'EA', 'buy', 1)`);
    await run(`insert into location (organization_id, code, name, location_type) values ('${org}', 'W1', 'Main', 'warehouse'), ('${org}', 'W2', 'Second', 'warehouse')`);
    await run(`insert into stock_point (organization_id, item_code, location_code) values ('${org}', 'P3', 'W1')`);
    await run(`insert into inventory_movement (organization_id, item_code, location_code, lot_number, movement_type, quantity, unit_cost, occurred_at, reference) values
      ('${org}', 'P1', 'W1', '', 'opening_balance', 100, 2.5, '2026-11-01T00:00:00Z', 'OPEN'),
      ('${org}', 'P2', 'W1', 'L1', 'opening_balance', 20, 10, '2026-11-01T00:00:00Z', 'OPEN'),
      ('${org}', 'P2', 'W1', 'L2', 'opening_balance', 10, 10, '2026-11-01T00:00:00Z', 'OPEN'),
      ('${org}', 'P1', 'W2', '', 'opening_balance', 40, 2.5, '2026-11-01T00:00:00Z', 'OPEN')`);
    await run(`insert into stock_lot (organization_id, item_code, location_code, lot_number, quantity) values ('${org}', 'P1', 'W1', '', 100), ('${org}', 'P2', 'W1', 'L1', 20), ('${org}', 'P2', 'W1', 'L2', 10), ('${org}', 'P1', 'W2', '', 40)`);
  }
}

async function ledger(): Promise<{ item_code: string; location_code: string; lot_number: string; movement_type: string; quantity: string; reference: string | null; reason: string | null }[]> {
  return (await sql<{ item_code: string; location_code: string; lot_number: string; movement_type: string; quantity: string; reference: string | null; reason: string | null }>`
    select item_code, location_code, lot_number, movement_type, quantity::text, reference, reason from inventory_movement where organization_id = ${ORG} order by id`.execute(handle.db)).rows;
}

const start = (startedAt = '2026-11-24T08:00:00Z') => startCount(handle, { organizationId: ORG, locationCode: 'W1', countDate: '2026-11-24', startedAt, settings: SETTINGS, createdBy: 'lea' });
const enter = (text: string, countNumber: string, countedAt = '2026-11-24T10:00:00Z') => enterCounts(handle, { organizationId: ORG, countNumber, file: 'counts.csv', text, countedAt, countedBy: 'lea' });

beforeEach(async () => {
  handle = await createTestDatabase();
  await seed(handle.db);
});
afterEach(async () => {
  await handle.close();
});

describe('cycle count end to end (hand-computed variance and record accuracy)', () => {
  it('starts a blind count, asks for a recount outside tolerance, posts the variances and measures accuracy', async () => {
    const sheet = await start();
    expect(sheet.countNumber).toBe('CNT-2026-11-24-W1-01');
    expect(sheet.lines.map((l) => [l.lineNumber, l.itemCode, l.lotNumber])).toEqual([[1, 'P1', ''], [2, 'P2', 'L1'], [3, 'P2', 'L2'], [4, 'P3', '']]);
    // Blind: neither the sheet nor its CSV carries the book quantity.
    expect(JSON.stringify(sheet)).not.toMatch(/snapshot|expected|100/);
    expect(toCountSheetCsv(sheet).split('\n')[1]).toBe('CNT-2026-11-24-W1-01,1,W1,,P1,Bolt,,EA,,');

    // C tolerance 5 %: P1 −3 of 100 is within (≤ 5), P2/L2 −2 of 10 is not (> 0.5) → recount.
    const first = await enter('item_code,lot_number,counted_quantity\nP1,,97\nP2,L1,20\nP2,L2,8\nP3,,0\n', sheet.countNumber);
    expect(first).toEqual({ countNumber: sheet.countNumber, linesEntered: 4, linesToRecount: [{ lineNumber: 3, binCode: '', itemCode: 'P2', lotNumber: 'L2' }], linesRemaining: 0 });
    await expect(closeCount(handle, { organizationId: ORG, countNumber: sheet.countNumber, approvedBy: 'marc' })).rejects.toThrow(/lines 3 \(P2\/L2: recount\)/);
    expect((await getCountSheet(handle, { organizationId: ORG, countNumber: sheet.countNumber, onlyRecount: true })).lines.map((l) => l.lineNumber)).toEqual([3]);

    const second = await enter('item_code,lot_number,counted_quantity,cause_code\nP2,L2,9,damage\n', sheet.countNumber, '2026-11-24T11:00:00Z');
    expect(second.linesToRecount).toEqual([]);

    const review = await closeCount(handle, { organizationId: ORG, countNumber: sheet.countNumber, approvedBy: 'marc', dryRun: true });
    expect(review.adjustmentsPosted).toBe(0);
    expect((await ledger()).length).toBe(4);

    const closed = await closeCount(handle, { organizationId: ORG, countNumber: sheet.countNumber, approvedBy: 'marc' });
    expect(closed.lines.map((l) => [l.lineNumber, l.expectedQuantity, l.firstCountQuantity, l.countedQuantity, l.varianceQuantity, l.varianceValueEur, l.withinTolerance])).toEqual([
      [1, 100, 97, 97, -3, -7.5, true], [2, 20, 20, 20, 0, 0, true], [3, 10, 8, 9, -1, -10, false], [4, 0, 0, 0, 0, 0, true],
    ]);
    // IRA = 3 accurate / 4 counted = 0.75; exact 2 / 4 = 0.5. Net −7.50 − 10.00 = −17.50 EUR.
    expect(closed.accuracy).toEqual({ linesCounted: 4, linesAccurate: 3, linesExact: 2, accuracy: 0.75, exactAccuracy: 0.5 });
    expect(closed.summary.overall.netVarianceValueEur).toBe(-17.5);
    expect(closed.summary.byCause).toMatchObject({ damage: { lines: 1, netVarianceValueEur: -10 }, unexplained: { lines: 1, netVarianceValueEur: -7.5 }, none: { lines: 2 } });
    expect((await ledger()).slice(4)).toEqual([
      { item_code: 'P1', location_code: 'W1', lot_number: '', movement_type: 'count_adjustment', quantity: '-3.000000', reference: `${sheet.countNumber}/1`, reason: 'unexplained' },
      { item_code: 'P2', location_code: 'W1', lot_number: 'L2', movement_type: 'count_adjustment', quantity: '-1.000000', reference: `${sheet.countNumber}/3`, reason: 'damage' },
    ]);
    const lots = (await sql<{ item_code: string; lot_number: string; quantity: string }>`select item_code, lot_number, quantity::text from stock_lot where organization_id = ${ORG} and location_code = 'W1' order by 1, 2`.execute(handle.db)).rows;
    expect(lots.map((l) => [l.item_code, l.lot_number, Number(l.quantity)])).toEqual([['P1', '', 97], ['P2', 'L1', 20], ['P2', 'L2', 9]]);

    const accuracy = await computeRecordAccuracyFromDatabase(handle, { organizationId: ORG, from: '2026-11-01', to: '2026-11-30' });
    expect(accuracy.overall.accuracy).toBe(0.75);
    expect(accuracy.byMonth).toEqual([{ month: '2026-11', linesCounted: 4, linesAccurate: 3, linesExact: 2, accuracy: 0.75, exactAccuracy: 0.5 }]);
    expect((await analyzeCountVariances(handle, { organizationId: ORG })).byClass.C!.absoluteVarianceValueEur).toBe(17.5);
    expect((await listInventoryCounts(handle, { organizationId: ORG })).items[0]).toMatchObject({ countNumber: sheet.countNumber, status: 'closed', approvedBy: 'marc', lineCount: 4 });
    await expect(enter('item_code,counted_quantity\nP1,1\n', sheet.countNumber)).rejects.toThrow(/is closed/);
  });
});

describe('a count with errors is refused and the ledger is unchanged (issue 5 done-when)', () => {
  it('refuses an unknown location, a negative quantity and an item counted twice, naming file, row and column', async () => {
    const sheet = await start();
    const before = await ledger();
    const text = 'location_code,item_code,lot_number,counted_quantity\nW1,P1,,97\nW9,P2,L1,20\nW1,P2,L2,-4\nW1,P1,,3\n';
    const error = await enter(text, sheet.countNumber).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CountingError);
    const refused = error as CountingError;
    expect(refused.kind).toBe('invalid_input');
    expect(refused.message).toMatch(/counts\.csv refused .* 3 problem\(s\), nothing was recorded/);
    expect(refused.issues.map((i) => [i.row, i.column, i.value, i.code])).toEqual([
      [3, 'location_code', 'W9', 'counting.issue.unknownLocation'],
      [4, 'counted_quantity', '-4', 'counting.issue.negativeQuantity'],
      [5, 'item_code', 'P1', 'counting.issue.countedTwice'],
    ]);
    expect(await ledger()).toEqual(before);
    const statuses = (await sql<{ status: string }>`select distinct status from inventory_count_line where organization_id = ${ORG}`.execute(handle.db)).rows;
    expect(statuses).toEqual([{ status: 'to_count' }]);
  });
  it('refuses a missing column, an item not on the sheet and a count of another organization', async () => {
    const sheet = await start();
    await expect(enter('item_code,quantity\nP1,1\n', sheet.countNumber)).rejects.toMatchObject({ issues: [{ row: 1, column: 'counted_quantity', code: 'counting.issue.missingColumn' }, { row: 1, column: 'quantity', code: 'counting.issue.unknownColumn' }] });
    const other = await startCount(handle, { organizationId: ORG, locationCode: 'W2', countDate: '2026-11-24', startedAt: '2026-11-24T08:00:00Z', settings: SETTINGS });
    await expect(enter('item_code,counted_quantity\nP2,1\n', other.countNumber)).rejects.toMatchObject({ issues: [{ row: 2, code: 'counting.issue.itemNotOnSheet' }] });
    await expect(getCountSheet(handle, { organizationId: 'org-b', countNumber: sheet.countNumber })).rejects.toMatchObject({ kind: 'not_found' });
    await expect(start()).rejects.toMatchObject({ kind: 'invalid_state', key: 'counting.error.itemInOpenCount' });
  });
});

describe('a lot the sheet did not list', () => {
  it('becomes a new line with its snapshot from the frozen ledger; a counted_at before the start is refused', async () => {
    const sheet = await start();
    await expect(enter('item_code,lot_number,counted_quantity,counted_at\nP2,L1,20,2026-11-24T07:00:00Z\n', sheet.countNumber)).rejects.toMatchObject({ issues: [{ row: 2, column: 'counted_at', code: 'counting.issue.beforeStart' }] });
    const entered = await enter('item_code,lot_number,counted_quantity\nP1,,100\nP2,L1,20\nP2,L2,10\nP2,L9,4\nP3,,0\n', sheet.countNumber);
    // L9: book 0, counted 4 → outside C's 5 % of 0 → recount.
    expect(entered.linesToRecount).toEqual([{ lineNumber: 5, binCode: '', itemCode: 'P2', lotNumber: 'L9' }]);
    await enter('item_code,lot_number,counted_quantity,cause_code\nP2,L9,4,unrecorded_receipt\n', sheet.countNumber);
    const closed = await closeCount(handle, { organizationId: ORG, countNumber: sheet.countNumber, approvedBy: 'marc' });
    expect(closed.lines.at(-1)).toMatchObject({ lineNumber: 5, lotNumber: 'L9', snapshotQuantity: 0, countedQuantity: 4, varianceQuantity: 4, varianceValueEur: 40, causeCode: 'unrecorded_receipt' });
    const lot = (await sql<{ quantity: string }>`select quantity::text from stock_lot where organization_id = ${ORG} and item_code = 'P2' and lot_number = 'L9'`.execute(handle.db)).rows;
    expect(lot.map((l) => Number(l.quantity))).toEqual([4]);
  });
});

describe('snapshot reconciliation: stock moving during the count does not corrupt it', () => {
  it('an issue posted during the count is reconciled; one after the counted time is not', async () => {
    const sheet = await startCount(handle, { organizationId: ORG, locationCode: 'W1', countDate: '2026-11-24', startedAt: '2026-11-24T08:00:00Z', itemCodes: ['P1'], settings: SETTINGS });
    const post = (quantity: number, at: string) => sql`insert into inventory_movement (organization_id, item_code, location_code, movement_type, quantity, occurred_at, reference) values (${ORG}, 'P1', 'W1', 'issue', ${quantity}, ${at}, 'PICK')`.execute(handle.db);
    await post(-20, '2026-11-24T09:00:00Z'); // picked while counters walk the aisles
    // Physically 80 when counted at 10:00: the book snapshot (100) would show −20, the reconciled book shows none.
    const entered = await enter('item_code,counted_quantity\nP1,80\n', sheet.countNumber);
    expect(entered.linesToRecount).toEqual([]);
    await post(-5, '2026-11-24T11:00:00Z'); // after the count: not part of it
    const closed = await closeCount(handle, { organizationId: ORG, countNumber: sheet.countNumber, approvedBy: 'marc' });
    expect(closed.lines[0]).toMatchObject({ snapshotQuantity: 100, movementsDuringCountQuantity: -20, expectedQuantity: 80, countedQuantity: 80, varianceQuantity: 0, adjustmentMovementId: null });
    expect(closed.adjustmentsPosted).toBe(0);
    const balance = (await sql<{ q: string }>`select sum(quantity)::text as q from inventory_movement where organization_id = ${ORG} and item_code = 'P1' and location_code = 'W1'`.execute(handle.db)).rows[0]!.q;
    expect(Number(balance)).toBe(75);
  });
});

/** Usage over the year before 2026-12-01: P2@W1 30 × 10 = 300, P1@W1 40 × 2.5 = 100, P1@W2 8 × 2.5 = 20, P3@W1 none. */
async function addUsage(): Promise<void> {
  await sql`insert into inventory_movement (organization_id, item_code, location_code, lot_number, movement_type, quantity, occurred_at) values
    (${ORG}, 'P2', 'W1', 'L1', 'shipment', -30, '2026-11-10T00:00:00Z'), (${ORG}, 'P1', 'W1', '', 'issue', -40, '2026-11-10T00:00:00Z'),
    (${ORG}, 'P1', 'W2', '', 'consumption', -8, '2026-11-10T00:00:00Z'), (${ORG}, 'P2', 'W1', 'L1', 'receipt', 30, '2026-11-11T00:00:00Z'),
    (${ORG}, 'P1', 'W1', '', 'receipt', 40, '2026-11-11T00:00:00Z'), (${ORG}, 'P1', 'W2', '', 'receipt', 8, '2026-11-11T00:00:00Z')`.execute(handle.db);
}

describe('runCountPlan', () => {
  it('ranks stock points by the ledger usage value and stores the plan; a count starts from it', async () => {
    await addUsage();
    const plan = await runCountPlan(handle, { organizationId: ORG, fromDate: '2026-12-01', months: 1, settings: { ...SETTINGS, A: { countsPerYear: 12, quantityTolerance: 0.01, valueToleranceEur: 20 } } });
    expect(plan.planNumber).toBe('CP-2026-12-01-ALL');
    // A class holds a stock point when the cumulative share BEFORE it is under 80 %: P2 (0) and P1@W1 (300/420 = 0.71) are A;
    // P1@W2 starts at 400/420 = 0.952 ≥ 0.95 → C, P3 (no usage) → C. Two per class over December's 23 weekdays: days 0 and 11 → 1 and 16 Dec.
    expect(plan.lines.map((l) => [l.itemCode, l.locationCode, l.abcClass, l.annualUsageValue, l.scheduledDate])).toEqual([
      ['P2', 'W1', 'A', 300, '2026-12-01'], ['P1', 'W2', 'C', 20, '2026-12-01'], ['P1', 'W1', 'A', 100, '2026-12-16'], ['P3', 'W1', 'C', 0, '2026-12-16'],
    ]);
    expect(plan.usageSources).toEqual({ ledger: 3, sales_history: 0, none: 1 });
    const sheet = await startCount(handle, { organizationId: ORG, locationCode: 'W1', countDate: '2026-12-01', startedAt: '2026-12-01T07:00:00Z', planNumber: plan.planNumber });
    // No settings given: the count keeps the plan's (A at 1 % and 20 EUR).
    expect((await sql<{ tolerances: unknown }>`select tolerances from inventory_count where count_number = ${sheet.countNumber}`.execute(handle.db)).rows[0]!.tolerances).toEqual({ ...SETTINGS, A: { countsPerYear: 12, quantityTolerance: 0.01, valueToleranceEur: 20 } });
    expect(sheet.lines.map((l) => `${l.itemCode}/${l.lotNumber}`)).toEqual(['P2/L1', 'P2/L2']);
    const classes = (await sql<{ abc_class: string }>`select abc_class from inventory_count_line where count_number = ${sheet.countNumber} order by line_number`.execute(handle.db)).rows.map((r) => r.abc_class);
    expect(classes).toEqual(['A', 'A']);
    // An ad-hoc count takes the class of the latest plan: P3 is C there.
    const adHoc = await startCount(handle, { organizationId: ORG, locationCode: 'W1', countDate: '2026-12-01', startedAt: '2026-12-01T07:00:00Z', itemCodes: ['P3'], settings: SETTINGS });
    expect((await sql<{ abc_class: string }>`select abc_class from inventory_count_line where count_number = ${adHoc.countNumber}`.execute(handle.db)).rows).toEqual([{ abc_class: 'C' }]);
    await expect(startCount(handle, { organizationId: ORG, locationCode: 'W1', countDate: '2026-12-02', startedAt: '2026-12-02T07:00:00Z', planNumber: plan.planNumber, settings: SETTINGS })).rejects.toMatchObject({ key: 'counting.error.nothingToCount' });
  });

  it('limited to chosen items: only their stock points are planned, each keeping the class it has among all (hand-computed)', async () => {
    await addUsage();
    const plan = await runCountPlan(handle, { organizationId: ORG, fromDate: '2026-12-01', months: 1, settings: SETTINGS, itemCodes: ['P3', 'P1', 'P1'] });
    // Ranked over all four stock points (see above): P1@W1 A, P1@W2 C, P3@W1 C. Ranked among the chosen three alone, P1@W2
    // would start at 100/120 = 0.83 → B; it stays C. C's two points spread over December's 23 weekdays: days 0, 11 → 1, 16 Dec.
    expect(plan.lines.map((l) => [l.itemCode, l.locationCode, l.abcClass, l.scheduledDate])).toEqual([
      ['P1', 'W1', 'A', '2026-12-01'], ['P1', 'W2', 'C', '2026-12-01'], ['P3', 'W1', 'C', '2026-12-16'],
    ]);
    expect(plan.classes).toEqual({ A: { stockPoints: 1, countsPerYear: 12, cycleMonths: 1, countsPlanned: 1 }, C: { stockPoints: 2, countsPerYear: 1, cycleMonths: 12, countsPlanned: 2 } });
    expect(plan.itemsWithoutStockPoint).toEqual([]);
    const stored = (await sql<{ item_codes: unknown }>`select parameters->'itemCodes' as item_codes from count_plan where plan_number = ${plan.planNumber}`.execute(handle.db)).rows[0]!.item_codes;
    expect(stored).toEqual(['P1', 'P3']);
    const sheet = await startCount(handle, { organizationId: ORG, locationCode: 'W1', countDate: '2026-12-01', startedAt: '2026-12-01T07:00:00Z', planNumber: plan.planNumber });
    expect(sheet.lines.map((l) => l.itemCode)).toEqual(['P1']);
  });

  it('limited to chosen items: names the items without a stock point in scope, refuses when none has one', async () => {
    const atW2 = await runCountPlan(handle, { organizationId: ORG, fromDate: '2026-12-01', months: 1, locationCode: 'W2', settings: SETTINGS, itemCodes: ['P1', 'P2'] });
    expect(atW2.lines.map((l) => `${l.itemCode}@${l.locationCode}`)).toEqual(['P1@W2']);
    expect(atW2.itemsWithoutStockPoint).toEqual(['P2']);
    await expect(runCountPlan(handle, { organizationId: ORG, fromDate: '2026-12-01', locationCode: 'W2', settings: SETTINGS, itemCodes: ['P3', 'P2'] }))
      .rejects.toThrow('None of the chosen items (P2, P3) has a stock point at location W2: choose other items or another location.');
  });

  it('refuses unknown item codes, naming every one; an item of another organization is unknown here', async () => {
    await sql`insert into item (organization_id, code, name, item_type, uom_code, make_or_buy, standard_cost) values ('org-b', 'B9', 'Other', 'component', 'EA', 'buy', 1)`.execute(handle.db);
    await expect(runCountPlan(handle, { organizationId: ORG, fromDate: '2026-12-01', settings: SETTINGS, itemCodes: ['P1', 'ZZ-9', 'B9'] }))
      .rejects.toMatchObject({ kind: 'not_found', key: 'counting.error.unknownItems', message: '2 items do not exist: B9, ZZ-9. Check the codes.' });
    await expect(runCountPlan(handle, { organizationId: ORG, fromDate: '2026-12-01', settings: SETTINGS, itemCodes: ['B9'] })).rejects.toThrow('Item B9 does not exist: check the code.');
    await expect(startCount(handle, { organizationId: ORG, locationCode: 'W1', countDate: '2026-12-01', startedAt: '2026-12-01T07:00:00Z', itemCodes: ['P1', 'B9', 'Q'] }))
      .rejects.toThrow('2 items do not exist: B9, Q. Check the codes.');
    expect((await runCountPlan(handle, { organizationId: 'org-b', fromDate: '2026-12-01', settings: SETTINGS, itemCodes: ['B9', 'P1'] })).itemsWithoutStockPoint).toEqual(['B9']);
  });
});
