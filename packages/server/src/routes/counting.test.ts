import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startCount } from '@flowpilot/services';
import { seedSupplierHistory } from '@flowpilot/services/testing';
import { createTestApp, type TestApp } from '../testing/test-app';

// Counting and supplier scorecard routes on the hand-computed receipt set (P1 160 and P2 43 on hand at W1) of both
// organizations; org-b also has an open count of its own.
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({
    seed: async (handle) => {
      await seedSupplierHistory(handle.db, 'org-a');
      await seedSupplierHistory(handle.db, 'org-b');
      await startCount(handle, { organizationId: 'org-b', locationCode: 'W1', countDate: '2026-11-20', startedAt: '2026-11-20T08:00:00Z' });
    },
  });
}, 120_000);
afterAll(async () => { await t?.close(); });

const ledgerSize = async (): Promise<number> => Number((await sql<{ n: string }>`select count(*)::text as n from inventory_movement where organization_id = 'org-a'`.execute(t.handle.db)).rows[0]!.n);

describe('cycle count routes', () => {
  it('plans by class (warehouse writes, planner is refused), lists plan lines, hides another organization\'s plan', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/counting/plans', headers: await t.headers('planner'), payload: { fromDate: '2026-12-01' } })).statusCode).toBe(403);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/counting/plans', headers: await t.headers('warehouse'), payload: { fromDate: '2026-12-01', months: 1 } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ planNumber: 'CP-2026-12-01-ALL', lineCount: 2, usageSources: { ledger: 2 } });
    const lines = await t.app.inject({ url: '/api/v1/counting/plans/CP-2026-12-01-ALL/lines', headers: await t.headers('viewer') });
    expect(lines.json()).toMatchObject({ total: 2, page: 1 });
    expect((await t.app.inject({ url: '/api/v1/counting/plans/CP-2026-12-01-ALL/lines', headers: await t.headers('viewer', 'org-b') })).statusCode).toBe(404);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/counting/plans', headers: await t.headers('warehouse'), payload: { fromDate: '2026-12-01', classes: { A: { countsPerYear: 5, quantityTolerance: 0, valueToleranceEur: 0 } } } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toContain('A.countsPerYear');
  });

  it('starts a blind count, refuses a bad entry with every issue and no ledger change, recounts, closes with the adjustment', async () => {
    const warehouse = await t.headers('warehouse');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/counting/counts', headers: await t.headers('viewer'), payload: { locationCode: 'W1' } })).statusCode).toBe(403);
    const started = await t.app.inject({ method: 'POST', url: '/api/v1/counting/counts', headers: warehouse, payload: { locationCode: 'W1', countDate: '2026-11-24' } });
    expect(started.statusCode).toBe(201);
    const sheet = started.json() as { countNumber: string; lines: Record<string, unknown>[] };
    expect(sheet.countNumber).toBe('CNT-2026-11-24-W1-01');
    expect(sheet.lines.map((l) => l.itemCode)).toEqual(['P1', 'P2']);
    expect(Object.keys(sheet.lines[0]!).sort()).toEqual(['binCode', 'itemCode', 'itemName', 'lineNumber', 'lotNumber', 'status', 'uomCode']);
    const url = `/api/v1/counting/counts/${sheet.countNumber}`;

    const before = await ledgerSize();
    expect((await t.app.inject({ method: 'POST', url: `${url}/entries`, headers: await t.headers('buyer'), payload: { csv: 'item_code,counted_quantity\nP1,1\n' } })).statusCode).toBe(403);
    const refused = await t.app.inject({ method: 'POST', url: `${url}/entries`, headers: warehouse, payload: { lines: [{ itemCode: 'P1', countedQuantity: -1 }, { itemCode: 'P1', countedQuantity: 3, locationCode: 'NOWHERE' }] } });
    expect(refused.statusCode).toBe(422);
    const body = refused.json() as { error: { code: string; message: string; details: { issues: { row: number; column: string; code: string; message: string }[] } } };
    expect(body.error.code).toBe('count_refused');
    expect(body.error.details.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [2, 'counted_quantity', 'counting.issue.negativeQuantity'], [3, 'location_code', 'counting.issue.unknownLocation'], [3, 'item_code', 'counting.issue.countedTwice'],
    ]);
    expect(await ledgerSize()).toBe(before);

    // The plan above made P1 class A (usage 60 EUR of 74) and P2 class B (starts at 60/74 = 0.81): B allows 2 % of 43 = 0.86,
    // so −3 asks for a recount and −2 stays outside. The variances stay hidden until every line is counted.
    const first = await t.app.inject({ method: 'POST', url: `${url}/entries`, headers: warehouse, payload: { csv: 'item_code,counted_quantity\nP1,160\nP2,40\n', countedAt: new Date(Date.now() + 1000).toISOString() } });
    expect(first.statusCode).toBe(200);
    expect(first.json().linesToRecount).toEqual([{ lineNumber: 2, binCode: '', itemCode: 'P2', lotNumber: '' }]);
    expect((await t.app.inject({ url: `${url}/variances`, headers: warehouse })).statusCode).toBe(409);
    expect((await t.app.inject({ url: `${url}/sheet?recount=true`, headers: warehouse })).json().lines.map((l: { itemCode: string }) => l.itemCode)).toEqual(['P2']);
    const csv = await t.app.inject({ url: `${url}/sheet.csv`, headers: warehouse });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[1]).toBe('CNT-2026-11-24-W1-01,1,W1,,P1,Bolt,,EA,,');

    expect((await t.app.inject({ method: 'POST', url: `${url}/entries`, headers: warehouse, payload: { lines: [{ itemCode: 'P2', countedQuantity: '41', causeCode: 'damage' }], countedAt: new Date(Date.now() + 2000).toISOString() } })).statusCode).toBe(200);
    const closed = await t.app.inject({ method: 'POST', url: `${url}/close`, headers: await t.headers('admin'), payload: {} });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', adjustmentsPosted: 1, accuracy: { linesCounted: 2, linesAccurate: 1, linesExact: 1, accuracy: 0.5 }, summary: { overall: { netVarianceValueEur: -4 } } });
    expect(await ledgerSize()).toBe(before + 1);
    const variances = (await t.app.inject({ url: `${url}/variances`, headers: await t.headers('viewer') })).json() as { lines: { itemCode: string; expectedQuantity: number; varianceQuantity: number; causeCode: string | null }[] };
    expect(variances.lines.map((l) => [l.itemCode, l.expectedQuantity, l.varianceQuantity, l.causeCode])).toEqual([['P1', 160, 0, null], ['P2', 43, -2, 'damage']]);
    expect((await t.app.inject({ url: '/api/v1/counting/accuracy?from=2026-11-01', headers: await t.headers('viewer') })).json().overall.accuracy).toBe(0.5);
    expect((await t.app.inject({ url: '/api/v1/counting/variances', headers: await t.headers('viewer') })).json().byCause.damage.netVarianceValueEur).toBe(-4);
    expect((await t.app.inject({ url: '/api/v1/counting/counts?status=closed', headers: await t.headers('viewer') })).json()).toMatchObject({ total: 1, items: [{ countNumber: sheet.countNumber, approvedBy: 'admin@org-a.test' }] });
  });

  it('answers 404 for another organization\'s count', async () => {
    const viaA = await t.app.inject({ url: '/api/v1/counting/counts/CNT-2026-11-20-W1-01/sheet', headers: await t.headers('warehouse') });
    expect(viaA.statusCode).toBe(404);
    expect(viaA.json().error.message).toContain('CNT-2026-11-20-W1-01');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/counting/counts/CNT-2026-11-20-W1-01/close', headers: await t.headers('warehouse'), payload: {} })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/counting/counts/CNT-2026-11-20-W1-01/sheet', headers: await t.headers('warehouse', 'org-b') })).statusCode).toBe(200);
  });

  it('plans only chosen items; refuses unknown codes (another organization\'s included) naming them, in the user\'s language', async () => {
    await sql`insert into item (organization_id, code, name, item_type, uom_code, make_or_buy, standard_cost) values ('org-b', 'B-ONLY', 'Other', 'component', 'EA', 'buy', 1)`.execute(t.handle.db);
    const warehouse = await t.headers('warehouse');
    const chosen = await t.app.inject({ method: 'POST', url: '/api/v1/counting/plans', headers: warehouse, payload: { fromDate: '2026-12-01', months: 1, planNumber: 'CP-CHOSEN', itemCodes: ['P2'] } });
    expect(chosen.statusCode).toBe(201);
    // P2 keeps class B, ranked with P1 (above); only its stock point is planned.
    expect(chosen.json()).toMatchObject({ planNumber: 'CP-CHOSEN', lineCount: 1, itemsWithoutStockPoint: [] });
    expect(Object.keys(chosen.json().classes)).toEqual(['B']);
    const lines = (await t.app.inject({ url: '/api/v1/counting/plans/CP-CHOSEN/lines', headers: warehouse })).json() as { items: { itemCode: string; abcClass: string }[] };
    expect(lines.items.map((l) => [l.itemCode, l.abcClass])).toEqual([['P2', 'B']]);
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/counting/plans', headers: warehouse, payload: { fromDate: '2026-12-01', itemCodes: ['P1', 'B-ONLY', 'NOPE'] } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe('2 items do not exist: B-ONLY, NOPE. Check the codes.');
    const french = await t.app.inject({ method: 'POST', url: '/api/v1/counting/counts', headers: { ...warehouse, 'accept-language': 'fr' }, payload: { locationCode: 'W1', itemCodes: ['B-ONLY'] } });
    expect(french.statusCode).toBe(404);
    expect(french.json().error.message).toBe('L\'article B-ONLY n\'existe pas : vérifiez le code.');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/counting/plans', headers: warehouse, payload: { fromDate: '2026-12-01', itemCodes: [] } })).statusCode).toBe(400);
  });
});

describe('supplier scorecard route', () => {
  it('gives the hand-computed scorecard of org-a', async () => {
    const response = await t.app.inject({ url: '/api/v1/suppliers/scorecard?from=2026-01-01&to=2026-03-31', headers: await t.headers('buyer') });
    expect(response.statusCode).toBe(200);
    expect(response.json().suppliers).toMatchObject([{ supplierCode: 'S1', linesReceived: 3, onTimeRate: 0.333333, leadTimeMeanDays: 12, leadTimeStdDays: 2, priceVarianceEur: 9 }]);
    expect((await t.app.inject({ url: '/api/v1/suppliers/scorecard?from=2026-01-01&to=2026-03-31&supplierCode=S2', headers: await t.headers('viewer') })).json().suppliers).toEqual([]);
  });
});
