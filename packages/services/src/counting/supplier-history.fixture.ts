import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';

/**
 * The hand-computed receipt set of counting-calculations.test.ts, stored the way the demo history stores it:
 * receipts are 'receipt' movements referenced `<order>/<line>`, quality rejects 'scrap' movements with reason quality_reject.
 */
export async function seedSupplierHistory(db: DatabaseHandle['db'], org: string): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`insert into organization (id, name) values ('${org}', '${org}') on conflict do nothing`);
  await run(`insert into unit_of_measure (organization_id, code, name, dimension) values ('${org}', 'EA', 'Each', 'count')`);
  await run(`insert into item (organization_id, code, name, item_type, uom_code, make_or_buy, standard_cost) values ('${org}', 'P1', 'Bolt', 'component', 'EA', 'buy', 2), ('${org}', 'P2', 'Gear', 'component', 'EA', 'buy', 2)`);
  await run(`insert into location (organization_id, code, name, location_type) values ('${org}', 'W1', 'Main', 'warehouse')`);
  await run(`insert into supplier (organization_id, code, name, country) values ('${org}', 'S1', 'One', 'FR'), ('${org}', 'S2', 'Two', 'FR')`);
  await run(`insert into supply_term (organization_id, item_code, supplier_code, lead_time_days, unit_price, preferred) values ('${org}', 'P1', 'S1', 10, 2, true), ('${org}', 'P2', 'S1', 14, 2, true)`);
  await run(`insert into price_break (organization_id, item_code, supplier_code, min_quantity, unit_price) values ('${org}', 'P1', 'S1', 500, 1.8)`);
  await run(`insert into purchase_order (organization_id, order_number, supplier_code, order_date, status) values
    ('${org}', 'PO1', 'S1', '2026-01-01', 'received'), ('${org}', 'PO2', 'S1', '2026-02-01', 'received'), ('${org}', 'PO3', 'S1', '2026-03-01', 'received'), ('${org}', 'PO4', 'S2', '2026-03-01', 'sent')`);
  await run(`insert into purchase_order_line (organization_id, order_number, line_number, item_code, location_code, quantity, unit_price, due_date) values
    ('${org}', 'PO1', 1, 'P1', 'W1', 100, 2, '2026-01-11'), ('${org}', 'PO2', 1, 'P1', 'W1', 100, 2.1, '2026-02-11'),
    ('${org}', 'PO3', 1, 'P2', 'W1', 50, 2, '2026-03-16'), ('${org}', 'PO4', 1, 'P1', 'W1', 10, 2, '2026-03-10')`);
  await run(`insert into inventory_movement (organization_id, item_code, location_code, movement_type, quantity, occurred_at, reference, reason) values
    ('${org}', 'P1', 'W1', 'receipt', 100, '2026-01-11T14:00:00Z', 'PO1/1', null),
    ('${org}', 'P1', 'W1', 'issue', -30, '2026-01-12T09:00:00Z', 'PO1/1', null),
    ('${org}', 'P1', 'W1', 'receipt', 90, '2026-02-13T08:00:00Z', 'PO2/1', null),
    ('${org}', 'P2', 'W1', 'receipt', 30, '2026-03-15T08:00:00Z', 'PO3/1', null),
    ('${org}', 'P2', 'W1', 'receipt', 20, '2026-03-17T16:00:00Z', 'PO3/1', null),
    ('${org}', 'P2', 'W1', 'scrap', -5, '2026-03-18T08:00:00Z', 'PO3/1', 'quality_reject'),
    ('${org}', 'P2', 'W1', 'scrap', -2, '2026-03-20T08:00:00Z', 'PO3/1', 'expired')`);
}
