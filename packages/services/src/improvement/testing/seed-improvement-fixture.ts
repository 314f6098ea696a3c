import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';

/**
 * A small organization with March 2026 actuals whose KPIs are computed by hand in
 * compute-kpis-from-database.test.ts: 3 sales orders (4 lines), 2 shipments, 2 purchase receipts
 * (one late, one with a quality reject), 1 production event, 1 handling cost, one stock position
 * that runs out on 10 March.
 */
export async function seedImprovementFixture(handle: DatabaseHandle, org: string): Promise<void> {
  const statements = [
    sql`insert into organization (id, name) values (${org}, ${`Org ${org}`}) on conflict do nothing`,
    sql`insert into unit_of_measure (organization_id, code, name, dimension) values (${org}, 'EA', 'Each', 'count')`,
    sql`insert into item_family (organization_id, code, name) values (${org}, 'F1', 'Family 1')`,
    sql`insert into item (organization_id, code, name, item_type, uom_code, family_code, make_or_buy, standard_cost, sale_price) values
      (${org}, 'FG-A', 'Finished A', 'finished_good', 'EA', 'F1', 'make', 10, 20), (${org}, 'CMP-X', 'Component X', 'component', 'EA', null, 'buy', 2, null)`,
    sql`insert into location (organization_id, code, name, location_type) values (${org}, 'WH', 'Warehouse', 'warehouse'), (${org}, 'PL', 'Plant', 'plant')`,
    sql`insert into stock_point (organization_id, item_code, location_code) values (${org}, 'FG-A', 'WH')`,
    sql`insert into customer (organization_id, code, name) values (${org}, 'C1', 'Customer 1'), (${org}, 'C2', 'Customer 2')`,
    sql`insert into carrier (organization_id, code, name, transport_mode) values (${org}, 'CR1', 'Carrier 1', 'road_ltl')`,
    sql`insert into supplier (organization_id, code, name, country) values (${org}, 'S1', 'Supplier 1', 'FR')`,
    sql`insert into calendar (organization_id, code, name) values (${org}, 'CAL', 'Calendar')`,
    sql`insert into work_center (organization_id, code, name, location_code, calendar_code) values (${org}, 'WC1', 'Assembly', 'PL', 'CAL')`,
    sql`insert into sales_order (organization_id, order_number, customer_code, order_date, status) values
      (${org}, 'SO-1', 'C1', '2026-03-01', 'closed'), (${org}, 'SO-2', 'C2', '2026-03-02', 'closed'), (${org}, 'SO-3', 'C2', '2026-03-10', 'confirmed')`,
    sql`insert into sales_order_line (organization_id, order_number, line_number, item_code, location_code, quantity, shipped_quantity, requested_date, unit_price) values
      (${org}, 'SO-1', 1, 'FG-A', 'WH', 10, 10, '2026-03-05', 20), (${org}, 'SO-1', 2, 'FG-A', 'WH', 10, 6, '2026-03-05', 20),
      (${org}, 'SO-2', 1, 'FG-A', 'WH', 20, 20, '2026-03-10', 20), (${org}, 'SO-3', 1, 'FG-A', 'WH', 5, 0, '2026-03-20', 20)`,
    sql`insert into shipment (organization_id, shipment_number, from_location_code, customer_code, carrier_code, ship_date, planned_delivery_date, delivered_date, status, freight_cost, co2_kg) values
      (${org}, 'SH-1', 'WH', 'C1', 'CR1', '2026-03-04', '2026-03-05', '2026-03-05', 'delivered', 50, 8),
      (${org}, 'SH-2', 'WH', 'C2', 'CR1', '2026-03-10', '2026-03-11', '2026-03-12', 'delivered', 30, 12)`,
    sql`insert into shipment_line (organization_id, shipment_number, line_number, sales_order_number, sales_order_line_number, item_code, quantity) values
      (${org}, 'SH-1', 1, 'SO-1', 1, 'FG-A', 10), (${org}, 'SH-1', 2, 'SO-1', 2, 'FG-A', 6), (${org}, 'SH-2', 1, 'SO-2', 1, 'FG-A', 20)`,
    sql`insert into purchase_order (organization_id, order_number, supplier_code, order_date, status) values
      (${org}, 'PO-1', 'S1', '2026-03-01', 'received'), (${org}, 'PO-2', 'S1', '2026-03-01', 'received')`,
    sql`insert into purchase_order_line (organization_id, order_number, line_number, item_code, location_code, quantity, received_quantity, unit_price, due_date) values
      (${org}, 'PO-1', 1, 'CMP-X', 'PL', 100, 100, 2, '2026-03-10'), (${org}, 'PO-2', 1, 'CMP-X', 'PL', 50, 50, 2, '2026-03-15')`,
    sql`insert into inventory_movement (organization_id, item_code, location_code, movement_type, quantity, unit_cost, occurred_at, reference, reason) values
      (${org}, 'FG-A', 'WH', 'opening_balance', 36, 10, '2026-02-01', 'OPEN', null),
      (${org}, 'FG-A', 'WH', 'shipment', -16, 10, '2026-03-04', 'SH-1', null),
      (${org}, 'FG-A', 'WH', 'shipment', -20, 10, '2026-03-10', 'SH-2', null),
      (${org}, 'CMP-X', 'PL', 'receipt', 100, 2, '2026-03-09', 'PO-1/1', null),
      (${org}, 'CMP-X', 'PL', 'receipt', 50, 2, '2026-03-18', 'PO-2/1', null),
      (${org}, 'CMP-X', 'PL', 'scrap', -5, 2, '2026-03-18', 'PO-2/1', 'quality_reject')`,
    sql`insert into stock_lot (organization_id, item_code, location_code, lot_number, quantity) values (${org}, 'CMP-X', 'PL', '', 145)`,
    sql`insert into production_event (organization_id, event_number, work_center_code, item_code, event_date, planned_minutes, downtime_minutes, ideal_cycle_minutes, total_units, good_units) values
      (${org}, 'PE-1', 'WC1', 'FG-A', '2026-03-03', 480, 48, 1, 400, 380)`,
    sql`insert into cost_entry (organization_id, entry_number, entry_date, category, amount_eur) values (${org}, 'CE-1', '2026-03-15', 'handling', 100)`,
  ];
  for (const statement of statements) await statement.execute(handle.db);
}
