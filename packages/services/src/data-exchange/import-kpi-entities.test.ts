import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { runImport } from './run-import';
import { parseCsvText } from './read-tables';
import { formatImportIssue } from './import-issue';

// The entities behind the cash-to-cash cycle (customer and supplier invoices), forecast accuracy
// (forecast snapshots) and returns, imported through the catalogue with English or French headers.

const today = '2026-11-24';
let handle: DatabaseHandle;
beforeEach(async () => { handle = await createTestDatabase(); });
afterEach(async () => { await handle.close(); });

const master = {
  units: 'code,name,dimension\nEA,Each,count\n',
  items: 'code,name,item_type,uom_code,make_or_buy,standard_cost,lead_time_days\nFG1,Pump,finished_good,EA,make,10,2\n',
  locations: 'code,name,location_type\nW1,Warehouse,warehouse\n',
  customers: 'code,name\nC1,Customer 1\n',
  suppliers: 'code,name,country\nS1,Supplier 1,FR\n',
};
const table = (name: string, text: string) => parseCsvText(text, `${name}.csv`, name);
const masterTables = () => Object.entries(master).map(([name, text]) => table(name, text));

describe('importing invoices, forecast snapshots and returns', () => {
  it('imports customer invoices (French headers), supplier invoices, forecast snapshots and returns with their inspection columns', async () => {
    const report = await runImport(handle, {
      organizationId: 'org-a', today, tables: [
        ...masterTables(),
        table('factures_clients', 'numero_facture;code_client;date_facture;date_echeance;montant_ht_eur;date_reglement\nF-1;C1;05/03/2026;04/04/2026;1 200,50;25/03/2026\nF-2;C1;2026-03-12;2026-04-11;-100;\n'),
        table('supplier_invoices', 'supplier_code,invoice_number,invoice_date,due_date,amount_eur,payment_date\nS1,A-77,2026-03-01,2026-04-15,800,\n'),
        table('forecast_snapshots', 'item_code,location_code,as_of_date,period_start,forecast_quantity,method\nFG1,W1,2026-03-06,2026-03-09,12.5,ses\n'),
        table('returns', 'rma_number,customer_code,item_code,quantity,reason,status,disposition,authorized_date,received_date,location_code,inspected_date,inspection_result,disposed_date,return_cost_eur,credit_amount_eur\n'
          + 'RMA-1,C1,FG1,2,damaged,closed,scrap,2026-03-02,2026-03-05,W1,2026-03-06,unusable,2026-03-07,18.5,120\n'),
      ],
    });
    expect(report.issues.filter((i) => i.severity === 'error').map((i) => formatImportIssue(i, 'en'))).toEqual([]);
    expect(report.written).toBe(true);
    expect((await sql<{ invoice_number: string; amount_eur: string; payment_date: string | null }>`select invoice_number, amount_eur::text, payment_date::text from customer_invoice order by 1`.execute(handle.db)).rows)
      .toEqual([{ invoice_number: 'F-1', amount_eur: '1200.5000', payment_date: '2026-03-25' }, { invoice_number: 'F-2', amount_eur: '-100.0000', payment_date: null }]);
    expect((await sql<{ due_date: string }>`select due_date::text from supplier_invoice`.execute(handle.db)).rows).toEqual([{ due_date: '2026-04-15' }]);
    expect((await sql<{ forecast_quantity: string }>`select forecast_quantity::text from forecast_snapshot`.execute(handle.db)).rows).toEqual([{ forecast_quantity: '12.500000' }]);
    expect((await sql<{ inspection_result: string; return_cost_eur: string; credit_amount_eur: string }>`select inspection_result, return_cost_eur::text, credit_amount_eur::text from return_order`.execute(handle.db)).rows)
      .toEqual([{ inspection_result: 'unusable', return_cost_eur: '18.5000', credit_amount_eur: '120.0000' }]);
  });

  it('rejects row by row: payment before the invoice, a forecast week not on a Monday or made after it began, returns inconsistent with their status', async () => {
    const report = await runImport(handle, {
      organizationId: 'org-a', today, tables: [
        ...masterTables(),
        table('customer_invoices', 'invoice_number,customer_code,invoice_date,due_date,amount_eur,payment_date\nF-1,C1,2026-03-05,2026-03-01,10,2026-03-04\nF-2,C9,2026-03-05,2026-04-04,10,\n'),
        table('forecast_snapshots', 'item_code,location_code,as_of_date,period_start,forecast_quantity\nFG1,W1,2026-03-06,2026-03-10,1\nFG1,W1,2026-03-10,2026-03-09,1\n'),
        table('returns', 'rma_number,customer_code,item_code,quantity,reason,status,disposition,authorized_date,received_date,location_code\n'
          + 'RMA-1,C1,FG1,1,damaged,received,,2026-03-02,,W1\nRMA-2,C1,FG1,1,damaged,authorized,restock,2026-03-02,,\nRMA-3,C1,FG1,1,damaged,closed,,2026-03-02,2026-03-04,W1\n'),
      ],
    });
    expect(report.written).toBe(false);
    const issues = report.issues.filter((i) => i.severity === 'error').map((i) => [i.file, i.row, i.column, i.code]);
    expect(issues).toEqual(expect.arrayContaining([
      ['customer_invoices.csv', 2, 'due_date', 'dates_reversed'],
      ['customer_invoices.csv', 2, 'payment_date', 'dates_reversed'],
      ['customer_invoices.csv', 3, 'customer_code', 'unknown_reference'],
      ['forecast_snapshots.csv', 2, 'period_start', 'not_a_monday'],
      ['forecast_snapshots.csv', 3, 'period_start', 'dates_reversed'],
      ['returns.csv', 2, 'received_date', 'return_status_incomplete'],
      ['returns.csv', 3, 'disposition', 'disposition_before_inspection'],
      ['returns.csv', 4, 'inspection_result', 'return_status_incomplete'],
      ['returns.csv', 4, 'disposition', 'return_status_incomplete'],
    ]));
    expect(issues).toHaveLength(9);
    const received = report.issues.find((i) => i.code === 'return_status_incomplete')!;
    expect(formatImportIssue(received, 'en')).toContain('A return with status received needs a value in received_date');
    expect(formatImportIssue(received, 'fr')).toContain('Un retour au statut received demande une valeur dans received_date');
    expect(await sql<{ n: string }>`select count(*)::text as n from customer_invoice`.execute(handle.db).then((r) => r.rows[0]?.n)).toBe('0');
  });
});
