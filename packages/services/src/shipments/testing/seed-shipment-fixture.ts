import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';

/**
 * A small shipments world for tests (services, CLI, routes), hand-checkable:
 * - FG-A (GTIN 4006381333931, 2.5 kg) at WH in lots F-0 (5, expired 2026-11-01), F-1 (20, expires 2027-01-31, made by
 *   MO-1 at PL from 40 of RM-X lot R-1 and transferred to WH) and F-2 (50, expires 2027-03-31, opening balance);
 *   FG-B (no GTIN, no lot) 10 at WH; RM-X lot R-1 received 100 from supplier S1 on PO-1/1 at PL, 60 left.
 * - Sales orders: SO-1 (C1, GLN 0614141000012) line 1 FG-A × 30 and line 2 FG-B × 4 from WH; SO-2 (C2) line 1 FG-A × 10
 *   from WH; SO-3 (C1) line 1 FG-A × 5 from WH2. The organization's GS1 Company Prefix is 0614141 unless told otherwise.
 */
export async function seedShipmentFixture(handle: DatabaseHandle, organizationId: string, options: { companyPrefix?: string | null } = {}): Promise<void> {
  const org = organizationId;
  const db = handle.db;
  await sql`insert into organization (id, name) values (${org}, ${`Org ${org}`}) on conflict (id) do nothing`.execute(db);
  const prefix = options.companyPrefix === undefined ? '0614141' : options.companyPrefix;
  await sql`update organization set gs1_company_prefix = ${prefix} where id = ${org}`.execute(db);
  await sql`insert into unit_of_measure (organization_id, code, name, dimension) values (${org}, 'EA', 'each', 'count')`.execute(db);
  await sql`insert into item (organization_id, code, name, item_type, uom_code, make_or_buy, standard_cost, weight_kg, shelf_life_days, gtin) values
    (${org}, 'FG-A', 'Widget A', 'finished_good', 'EA', 'make', 12, 2.5, 365, '4006381333931'),
    (${org}, 'FG-B', 'Widget B', 'finished_good', 'EA', 'make', 8, null, null, null),
    (${org}, 'RM-X', 'Resin X', 'raw_material', 'EA', 'buy', 1.5, 0.5, null, null)`.execute(db);
  await sql`insert into location (organization_id, code, name, location_type, city, postal_code) values
    (${org}, 'WH', 'Lyon warehouse', 'warehouse', 'Lyon', '69007'), (${org}, 'WH2', 'Lille warehouse', 'warehouse', 'Lille', '59000'), (${org}, 'PL', 'Plant', 'plant', 'Vienne', '38200')`.execute(db);
  await sql`insert into customer (organization_id, code, name, city, postal_code, gln) values
    (${org}, 'C1', 'Boulangerie Martin', 'Paris', '75011', '0614141000012'), (${org}, 'C2', 'Café du Port', 'Marseille', '13002', null)`.execute(db);
  await sql`insert into supplier (organization_id, code, name, country) values (${org}, 'S1', 'Resins SA', 'FR')`.execute(db);
  await sql`insert into purchase_order (organization_id, order_number, supplier_code, order_date, status) values (${org}, 'PO-1', 'S1', '2026-09-20', 'received')`.execute(db);
  await sql`insert into purchase_order_line (organization_id, order_number, line_number, item_code, location_code, quantity, received_quantity, unit_price, due_date)
    values (${org}, 'PO-1', 1, 'RM-X', 'PL', 100, 100, 1.5, '2026-10-01')`.execute(db);
  await sql`insert into production_order (organization_id, order_number, item_code, location_code, quantity, completed_quantity, start_date, due_date, status)
    values (${org}, 'MO-1', 'FG-A', 'PL', 20, 20, '2026-10-05', '2026-10-06', 'completed')`.execute(db);
  const move = (item: string, location: string, lot: string, type: string, quantity: number, date: string, reference: string | null) =>
    sql`insert into inventory_movement (organization_id, item_code, location_code, lot_number, movement_type, quantity, occurred_at, reference)
      values (${org}, ${item}, ${location}, ${lot}, ${type}, ${quantity}, ${date}::timestamptz, ${reference})`.execute(db);
  await move('RM-X', 'PL', 'R-1', 'receipt', 100, '2026-10-01', 'PO-1/1');
  await move('RM-X', 'PL', 'R-1', 'consumption', -40, '2026-10-05', 'MO-1');
  await move('FG-A', 'PL', 'F-1', 'production_receipt', 20, '2026-10-06', 'MO-1');
  await move('FG-A', 'PL', 'F-1', 'transfer_out', -20, '2026-10-07', 'TR-1');
  await move('FG-A', 'WH', 'F-1', 'transfer_in', 20, '2026-10-07', 'TR-1');
  await move('FG-A', 'WH', 'F-2', 'opening_balance', 50, '2026-10-01', null);
  await move('FG-A', 'WH', 'F-0', 'opening_balance', 5, '2026-10-01', null);
  await move('FG-B', 'WH', '', 'opening_balance', 10, '2026-10-01', null);
  await sql`insert into stock_lot (organization_id, item_code, location_code, lot_number, quantity, expiry_date, received_date) values
    (${org}, 'RM-X', 'PL', 'R-1', 60, null, '2026-10-01'),
    (${org}, 'FG-A', 'WH', 'F-1', 20, '2027-01-31', '2026-10-07'),
    (${org}, 'FG-A', 'WH', 'F-2', 50, '2027-03-31', '2026-10-01'),
    (${org}, 'FG-A', 'WH', 'F-0', 5, '2026-11-01', '2026-09-01'),
    (${org}, 'FG-B', 'WH', '', 10, null, '2026-10-01')`.execute(db);
  await sql`insert into sales_order (organization_id, order_number, customer_code, order_date, status) values
    (${org}, 'SO-1', 'C1', '2026-11-20', 'confirmed'), (${org}, 'SO-2', 'C2', '2026-11-21', 'open'), (${org}, 'SO-3', 'C1', '2026-11-21', 'open')`.execute(db);
  await sql`insert into sales_order_line (organization_id, order_number, line_number, item_code, location_code, quantity, requested_date) values
    (${org}, 'SO-1', 1, 'FG-A', 'WH', 30, '2026-11-26'), (${org}, 'SO-1', 2, 'FG-B', 'WH', 4, '2026-11-26'),
    (${org}, 'SO-2', 1, 'FG-A', 'WH', 10, '2026-11-27'), (${org}, 'SO-3', 1, 'FG-A', 'WH2', 5, '2026-11-27')`.execute(db);
}
