import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { buildSscc, isValidGs1Key } from '@flowpilot/core';
import { cancelShipment, createShipment, deliverShipment, dispatchShipment, getShipment, listShipments, loadShipmentsOnVehicle } from './run-shipments';
import { getShipmentDeliveryNote, renderShipmentLabels, toShipmentDeliveryNoteCsv } from './shipment-documents';
import { traceLotForward, traceShipmentBackward } from './trace-lots';
import { ShipmentError } from './shipment-error';
import { seedShipmentFixture } from './testing/seed-shipment-fixture';

let handle: DatabaseHandle;
const org = 'org-ship';
const base = { organizationId: org, warehouseCode: 'WH', shipDate: '2026-11-24', recordedAt: '2026-11-24T08:00:00Z' };

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedShipmentFixture(handle, org);
});
afterAll(async () => { await handle.close(); });

async function rejection(promise: Promise<unknown>): Promise<ShipmentError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ShipmentError) return error;
    throw error;
  }
  throw new Error('expected a ShipmentError');
}

const count = async (table: string): Promise<number> => Number((await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)} where organization_id = ${org}`.execute(handle.db)).rows[0]?.n);
const lotQuantity = async (item: string, lot: string): Promise<string | undefined> => (await sql<{ q: string }>`select quantity::text as q from stock_lot where organization_id = ${org} and item_code = ${item} and location_code = 'WH' and lot_number = ${lot}`.execute(handle.db)).rows[0]?.q;

describe('shipment creation, labels, dispatch, delivery', () => {
  it('refuses bad input with where and what, and writes nothing', async () => {
    const before = [await count('shipment'), await count('integration_counter')];
    expect(await rejection(createShipment(handle, { ...base, lines: [{ orderNumber: 'SO-9', lineNumber: 1 }] }))).toMatchObject({ kind: 'not_found', key: 'shipments.error.unknownOrderLine', path: 'lines[0]' });
    expect(await rejection(createShipment(handle, { ...base, lines: [{ orderNumber: 'SO-2', lineNumber: 1, quantity: 11 }] }))).toMatchObject({ key: 'shipments.error.moreThanOpen', params: { quantity: 11, open: 10 }, path: 'lines[0].quantity' });
    expect(await rejection(createShipment(handle, { ...base, lines: [{ orderNumber: 'SO-1', lineNumber: 1 }, { orderNumber: 'SO-2', lineNumber: 1 }] }))).toMatchObject({ key: 'shipments.error.severalCustomers', path: 'lines[1]' });
    expect(await rejection(createShipment(handle, { ...base, lines: [{ orderNumber: 'SO-3', lineNumber: 1 }] }))).toMatchObject({ key: 'shipments.error.wrongWarehouse' });
    expect(await rejection(createShipment(handle, { ...base, lines: [{ orderNumber: 'SO-1', lineNumber: 1, quantity: 21, lotNumber: 'F-1' }] }))).toMatchObject({ key: 'shipments.error.notEnoughLot', params: { available: 20, quantity: 21 } });
    expect(await rejection(createShipment(handle, { ...base, lines: [{ orderNumber: 'SO-1', lineNumber: 1, quantity: 0 }] }))).toMatchObject({ key: 'shipments.error.quantity', path: 'lines[0].quantity' });
    expect(await rejection(createShipment(handle, { ...base, companyPrefix: '123', lines: [{ orderNumber: 'SO-1', lineNumber: 1 }] }))).toMatchObject({ key: 'shipments.error.companyPrefix' });
    expect(await rejection(createShipment(handle, { ...base, lines: [] }))).toMatchObject({ key: 'shipments.error.noLines' });
    expect(await rejection(createShipment(handle, { ...base, warehouseCode: 'XX', lines: [{ orderNumber: 'SO-1', lineNumber: 1 }] }))).toMatchObject({ kind: 'not_found', key: 'shipments.error.unknownWarehouse' });
    expect([await count('shipment'), await count('integration_counter')]).toEqual(before);
  });

  it('creates SH-1 from SO-1: FEFO picks F-1 (20, expires first) then F-2 (10), skips expired F-0; packages of ≤ 20 each get an SSCC', async () => {
    const shipment = await createShipment(handle, { ...base, lines: [{ orderNumber: 'SO-1', lineNumber: 1 }, { orderNumber: 'SO-1', lineNumber: 2 }], maxQuantityPerPackage: 20, carrierCode: undefined });
    expect(shipment).toMatchObject({ shipmentNumber: 'SH-1', customerCode: 'C1', status: 'planned', weightKg: null });
    expect(shipment.lines.map((l) => [l.lineNumber, l.orderNumber, l.orderLineNumber, l.itemCode, l.lotNumber, l.quantity, l.packageNumber])).toEqual([
      [1, 'SO-1', 1, 'FG-A', 'F-1', 20, 1],
      [2, 'SO-1', 1, 'FG-A', 'F-2', 10, 2],
      [3, 'SO-1', 2, 'FG-B', '', 4, 3],
    ]);
    // SSCC = extension 0 + prefix 0614141 + serial 1, 2, 3 from the organization's counter + check digit (GS1 GenSpecs §2.2.1).
    expect(shipment.packages.map((p) => p.sscc)).toEqual([1, 2, 3].map((serial) => buildSscc({ extensionDigit: 0, companyPrefix: '0614141', serialReference: serial }).sscc));
    expect(shipment.packages.every((p) => isValidGs1Key(p.sscc, 'sscc'))).toBe(true);
    expect(shipment.packages[0]).toMatchObject({ packageType: 'pallet', grossWeightKg: 50, lineNumbers: [1] });
    expect(shipment.lines.map((l) => l.sscc)).toEqual(shipment.packages.map((p) => p.sscc));
    expect(shipment.history).toEqual([{ eventNumber: 1, status: 'planned', occurredAt: '2026-11-24T08:00:00Z', recordedBy: 'system', note: 'FEFO, 3 pallet(s)' }]);
    // Nothing left open on SO-1 while SH-1 is planned; stock has not moved yet.
    expect(await rejection(createShipment(handle, { ...base, lines: [{ orderNumber: 'SO-1', lineNumber: 1 }] }))).toMatchObject({ key: 'shipments.error.nothingOpen', params: { planned: 30 } });
    expect(await lotQuantity('FG-A', 'F-1')).toBe('20.000000');
  });

  it('labels: the homogeneous pallet carries (410) ship-to, (02)+(37)+(10)+(17)+(3102) content and (00) SSCC; the note lists lots and SSCCs', async () => {
    const labels = await renderShipmentLabels(handle, org, 'SH-1');
    expect(labels).toHaveLength(3);
    const first = labels[0]!;
    expect(first.symbols.map((s) => [s.purpose, s.humanReadable])).toEqual([
      ['ship_to', '(410)0614141000012'],
      ['content', '(02)04006381333931(17)270131(3102)005000(37)20(10)F-1'],
      ['sscc', `(00)${first.sscc}`],
    ]);
    expect(first.text).toContain('TO:   Boulangerie Martin, 75011 Paris, FR, GLN 0614141000012');
    expect(first.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="100mm" height="150mm"')).toBe(true);
    expect(first.svg).toContain(`(00)${first.sscc}`);
    expect(labels[2]!.warnings).toContain('item FG-B has no GTIN: no AI (02)/(37)');
    expect(labels[2]!.symbols.map((s) => s.purpose)).toEqual(['ship_to', 'sscc']);

    const note = await getShipmentDeliveryNote(handle, org, 'SH-1');
    expect(note.totals).toEqual({ lineCount: 3, packageCount: 3, quantityByUom: { EA: 34 }, weightKg: null });
    const csv = toShipmentDeliveryNoteCsv(note).split('\n');
    expect(csv[0]).toBe('shipment_number,ship_date,customer_code,line_number,order_number,order_line_number,item_code,item_name,lot_number,expiry_date,quantity,uom_code,package_number,sscc');
    expect(csv[1]).toBe(`SH-1,2026-11-24,C1,1,SO-1,1,FG-A,Widget A,F-1,2027-01-31,20,EA,1,${first.sscc}`);
  });

  it('holds planned lots: SO-2 gets F-2 (F-1 is held by SH-1); a dispatch that finds too little stock writes nothing', async () => {
    const sh2 = await createShipment(handle, { ...base, lines: [{ orderNumber: 'SO-2', lineNumber: 1 }], packing: 'single', packageType: 'parcel' });
    expect(sh2.lines.map((l) => [l.lotNumber, l.quantity])).toEqual([['F-2', 10]]);
    expect(sh2.packages.map((p) => p.packageType)).toEqual(['parcel']);
    await sql`update stock_lot set status = 'blocked' where organization_id = ${org} and item_code = 'FG-A' and lot_number = 'F-2'`.execute(handle.db);
    const movementsBefore = await count('inventory_movement');
    expect(await rejection(dispatchShipment(handle, { organizationId: org, shipmentNumber: 'SH-2', dispatchedAt: '2026-11-24T09:00:00Z' }))).toMatchObject({ key: 'shipments.error.notEnoughLotAtDispatch', params: { lot: 'F-2', available: 0 } });
    await sql`update stock_lot set status = 'available' where organization_id = ${org} and item_code = 'FG-A' and lot_number = 'F-2'`.execute(handle.db);
    expect(await count('inventory_movement')).toBe(movementsBefore);
    expect((await getShipment(handle, org, 'SH-2')).status).toBe('planned');
    expect(await rejection(loadShipmentsOnVehicle(handle, { organizationId: org, shipmentNumbers: ['SH-2'], vehicleCode: 'TRUCK-9' }))).toMatchObject({ kind: 'not_found', key: 'shipments.error.unknownVehicle' });
    await sql`insert into vehicle (organization_id, code, location_code, vehicle_type, capacity_kg, capacity_pallets) values (${org}, 'VAN', 'WH', 'van', 60, 3)`.execute(handle.db);
    // SH-1 (3 pallets: 20 + 10 FG-A × 2.5 kg = 75 kg; FG-B has no weight) + SH-2 (1 parcel, 10 × 2.5 = 25 kg): 100 kg > 60 kg.
    expect(await rejection(loadShipmentsOnVehicle(handle, { organizationId: org, shipmentNumbers: ['SH-2', 'SH-1'], vehicleCode: 'VAN' }))).toMatchObject({ key: 'shipments.error.vehicleWeight', params: { weight: 100, capacity: 60 } });
    await sql`update vehicle set capacity_kg = 100, capacity_pallets = 2 where organization_id = ${org} and code = 'VAN'`.execute(handle.db);
    expect(await rejection(loadShipmentsOnVehicle(handle, { organizationId: org, shipmentNumbers: ['SH-2', 'SH-1'], vehicleCode: 'VAN' }))).toMatchObject({ key: 'shipments.error.vehiclePallets', params: { pallets: 3, capacity: 2 } });
    expect(await rejection(loadShipmentsOnVehicle(handle, { organizationId: org, shipmentNumbers: ['SH-2', 'SH-2'] }))).toMatchObject({ key: 'shipments.error.shipmentTwice' });
    const [loaded] = await loadShipmentsOnVehicle(handle, { organizationId: org, shipmentNumbers: ['SH-2'], vehicleCode: 'VAN', loadedAt: '2026-11-24T09:01:00Z' });
    expect(loaded!.status).toBe('loaded');
    expect(await rejection(loadShipmentsOnVehicle(handle, { organizationId: org, shipmentNumbers: ['SH-2'] }))).toMatchObject({ kind: 'invalid_state', key: 'shipments.error.notPlanned' });
    const cancelled = await cancelShipment(handle, { organizationId: org, shipmentNumber: 'SH-2', cancelledAt: '2026-11-24T09:05:00Z', reason: 'customer asked to wait' });
    expect(cancelled.history.map((h) => [h.status, h.note])).toEqual([['planned', 'FEFO, 1 parcel(s)'], ['loaded', 'vehicle VAN; no 3D load: the vehicle has no capacity_m3'], ['cancelled', 'customer asked to wait']]);
    expect(await rejection(dispatchShipment(handle, { organizationId: org, shipmentNumber: 'SH-2' }))).toMatchObject({ key: 'shipments.error.cancelled' });
  });

  it('dispatch posts one shipment movement per line and lot, lowers the lots, ships the order and emits the webhook, all at once; twice is refused', async () => {
    const dispatched = await dispatchShipment(handle, { organizationId: org, shipmentNumber: 'SH-1', dispatchedAt: '2026-11-25T06:30:00Z' });
    expect(dispatched).toMatchObject({ status: 'dispatched', shipDate: '2026-11-25' });
    const moves = (await sql<{ item_code: string; lot_number: string; movement_type: string; quantity: string; reference: string; reason: string; unit_cost: string }>`
      select item_code, lot_number, movement_type, quantity::text, reference, reason, unit_cost::text from inventory_movement where organization_id = ${org} and reference = 'SH-1' order by id`.execute(handle.db)).rows;
    expect(moves).toEqual([
      { item_code: 'FG-A', lot_number: 'F-1', movement_type: 'shipment', quantity: '-20.000000', reference: 'SH-1', reason: 'SO-1/1', unit_cost: '12.0000' },
      { item_code: 'FG-A', lot_number: 'F-2', movement_type: 'shipment', quantity: '-10.000000', reference: 'SH-1', reason: 'SO-1/1', unit_cost: '12.0000' },
      { item_code: 'FG-B', lot_number: '', movement_type: 'shipment', quantity: '-4.000000', reference: 'SH-1', reason: 'SO-1/2', unit_cost: '8.0000' },
    ]);
    expect([await lotQuantity('FG-A', 'F-1'), await lotQuantity('FG-A', 'F-2'), await lotQuantity('FG-B', '')]).toEqual([undefined, '40.000000', '6.000000']);
    const order = (await sql<{ status: string; shipped: string }>`select o.status, string_agg(l.shipped_quantity::text, ',' order by l.line_number) as shipped from sales_order o
      join sales_order_line l on l.organization_id = o.organization_id and l.order_number = o.order_number where o.organization_id = ${org} and o.order_number = 'SO-1' group by o.status`.execute(handle.db)).rows[0];
    expect(order).toEqual({ status: 'shipped', shipped: '30.000000,4.000000' });
    const events = (await sql<{ event_type: string; payload: { shipmentNumber: string; lines: unknown[] } }>`select event_type, payload from webhook_event where organization_id = ${org}`.execute(handle.db)).rows;
    expect(events.map((e) => [e.event_type, e.payload.shipmentNumber, e.payload.lines.length])).toEqual([['shipment.dispatched', 'SH-1', 3]]);
    const movementsBefore = await count('inventory_movement');
    expect(await rejection(dispatchShipment(handle, { organizationId: org, shipmentNumber: 'SH-1' }))).toMatchObject({ kind: 'invalid_state', key: 'shipments.error.alreadyDispatched' });
    expect(await count('inventory_movement')).toBe(movementsBefore);
  });

  it('proof of delivery with a damaged exception on line 1; exceptions above the quantity and a second delivery are refused', async () => {
    expect(await rejection(deliverShipment(handle, { organizationId: org, shipmentNumber: 'SH-1', deliveredAt: '2026-11-26T10:00:00Z', receivedBy: 'M. Martin', exceptions: [{ exceptionType: 'short', quantity: 21, lineNumber: 1 }] }))).toMatchObject({ key: 'shipments.error.exceptionTooLarge' });
    expect(await rejection(deliverShipment(handle, { organizationId: org, shipmentNumber: 'SH-1', deliveredAt: '2026-11-24T10:00:00Z', receivedBy: 'M. Martin' }))).toMatchObject({ key: 'shipments.error.deliveredBeforeDispatch' });
    const delivered = await deliverShipment(handle, {
      organizationId: org, shipmentNumber: 'SH-1', deliveredAt: '2026-11-26T10:15:00+01:00', receivedBy: 'M. Martin', signatureReference: 'pod-sh1.jpg',
      exceptions: [{ exceptionType: 'damaged', quantity: 2, lineNumber: 1, note: 'crushed corner' }],
    });
    expect(delivered).toMatchObject({ status: 'delivered', deliveredDate: '2026-11-26' });
    expect(delivered.delivery).toEqual({ deliveredAt: '2026-11-26T09:15:00Z', receivedBy: 'M. Martin', signatureReference: 'pod-sh1.jpg', note: null, exceptions: [{ exceptionNumber: 1, lineNumber: 1, exceptionType: 'damaged', quantity: 2, note: 'crushed corner' }] });
    expect(delivered.history.map((h) => [h.status, h.note])).toEqual([['planned', 'FEFO, 3 pallet(s)'], ['dispatched', null], ['delivered', 'damaged 2 (line 1)']]);
    expect(await rejection(deliverShipment(handle, { organizationId: org, shipmentNumber: 'SH-1', deliveredAt: '2026-11-27T10:00:00Z', receivedBy: 'x' }))).toMatchObject({ key: 'shipments.error.alreadyDelivered' });
    const list = await listShipments(handle, { organizationId: org });
    expect(list.items.map((s) => [s.shipmentNumber, s.status, s.packageCount, s.totalQuantity])).toEqual([['SH-1', 'delivered', 3, 34], ['SH-2', 'cancelled', 1, 10]]);
    expect((await listShipments(handle, { organizationId: 'org-other' })).total).toBe(0);
    expect(await rejection(getShipment(handle, 'org-other', 'SH-1'))).toMatchObject({ kind: 'not_found' });
  });
});

describe('traceability from the ledger', () => {
  it('forward: supplier lot R-1 of RM-X → consumed by MO-1 → FG-A lot F-1 → shipment SH-1 → customer C1', async () => {
    const trace = await traceLotForward(handle, { organizationId: org, itemCode: 'RM-X', lotNumber: 'R-1' });
    expect(trace.tree).toMatchObject({ receivedQuantity: 100, consumedQuantity: 40, shippedQuantity: 0, onHandQuantity: 60 });
    expect(trace.tree.productionOrders).toHaveLength(1);
    const order = trace.tree.productionOrders[0]!;
    expect(order).toMatchObject({ orderNumber: 'MO-1', consumedQuantity: 40 });
    expect(order.outputs.map((o) => [o.itemCode, o.lotNumber, o.producedQuantity, o.receivedQuantity, o.shippedQuantity, o.onHandQuantity])).toEqual([['FG-A', 'F-1', 20, 20, 20, 0]]);
    expect(order.outputs[0]!.shipments).toEqual([{ shipmentNumber: 'SH-1', customerCode: 'C1', customerName: 'Boulangerie Martin', shipDate: '2026-11-25', status: 'delivered', quantity: 20 }]);
    expect(trace.customers).toEqual([{ customerCode: 'C1', customerName: 'Boulangerie Martin', shipments: [{ shipmentNumber: 'SH-1', itemCode: 'FG-A', lotNumber: 'F-1', quantity: 20, shipDate: '2026-11-25' }] }]);
    expect(await rejection(traceLotForward(handle, { organizationId: org, itemCode: 'RM-X', lotNumber: 'NOPE' }))).toMatchObject({ kind: 'not_found', key: 'shipments.error.unknownLot' });
  });

  it('backward: shipment SH-1 → lots F-1 (MO-1 ← RM-X R-1 ← PO-1/1 of S1), F-2 and FG-B (opening balances)', async () => {
    const trace = await traceShipmentBackward(handle, { organizationId: org, shipmentNumber: 'SH-1' });
    expect(trace).toMatchObject({ source: 'ledger', customerCode: 'C1', truncated: false });
    expect(trace.lots.map((l) => [l.itemCode, l.lotNumber, l.quantity])).toEqual([['FG-A', 'F-1', 20], ['FG-A', 'F-2', 10], ['FG-B', '', 4]]);
    const f1 = trace.lots[0]!;
    expect(f1.origins).toHaveLength(1);
    const production = f1.origins[0]!;
    if (production.kind !== 'production') throw new Error('expected production');
    expect(production).toMatchObject({ orderNumber: 'MO-1', producedQuantity: 20 });
    expect(production.components.map((c) => [c.itemCode, c.lotNumber, c.quantity])).toEqual([['RM-X', 'R-1', 40]]);
    expect(production.components[0]!.origins).toEqual([{ kind: 'purchase', purchaseOrderNumber: 'PO-1', purchaseOrderLine: 1, supplierCode: 'S1', supplierName: 'Resins SA', receivedQuantity: 100, receivedAt: '2026-10-01' }]);
    expect(trace.lots[1]!.origins).toEqual([{ kind: 'other', movementType: 'opening_balance', quantity: 50, reference: null, occurredAt: '2026-10-01' }]);
    expect(trace.suppliers).toEqual([{ supplierCode: 'S1', supplierName: 'Resins SA', receipts: [{ purchaseOrderNumber: 'PO-1', purchaseOrderLine: 1, itemCode: 'RM-X', lotNumber: 'R-1', receivedQuantity: 100 }] }]);
    // Before dispatch the lines are the source (SH-2 was cancelled, its line still names F-2).
    expect((await traceShipmentBackward(handle, { organizationId: org, shipmentNumber: 'SH-2' })).source).toBe('shipment_lines');
  });
});

describe('traceability edge cases', () => {
  it('stops at a rework cycle (A → MO-B → B → MO-A → A) and shows a lot reached twice once with its branches', async () => {
    const o = 'org-cycle';
    await sql`insert into organization (id, name) values (${o}, 'Cycle')`.execute(handle.db);
    await sql`insert into unit_of_measure (organization_id, code, name, dimension) values (${o}, 'EA', 'each', 'count')`.execute(handle.db);
    await sql`insert into item (organization_id, code, name, item_type, uom_code, make_or_buy) values (${o}, 'X', 'X', 'semi_finished', 'EA', 'make'), (${o}, 'Y', 'Y', 'finished_good', 'EA', 'make')`.execute(handle.db);
    await sql`insert into location (organization_id, code, name, location_type) values (${o}, 'P', 'Plant', 'plant')`.execute(handle.db);
    const rows: [string, string, string, number, string][] = [
      ['X', 'A', 'production_receipt', 10, 'MO-A'], ['X', 'A', 'consumption', -5, 'MO-B'], ['X', 'B', 'production_receipt', 5, 'MO-B'], ['X', 'B', 'consumption', -5, 'MO-A'],
      ['X', 'A', 'consumption', -2, 'MO-C'], ['X', 'A', 'consumption', -1, 'MO-D'], ['Y', 'D', 'production_receipt', 3, 'MO-C'], ['Y', 'D', 'production_receipt', 1, 'MO-D'],
    ];
    for (const [item, lot, type, quantity, reference] of rows) {
      await sql`insert into inventory_movement (organization_id, item_code, location_code, lot_number, movement_type, quantity, occurred_at, reference) values (${o}, ${item}, 'P', ${lot}, ${type}, ${quantity}, '2026-11-01', ${reference})`.execute(handle.db);
    }
    const trace = await traceLotForward(handle, { organizationId: o, itemCode: 'X', lotNumber: 'A' });
    const byOrder = Object.fromEntries(trace.tree.productionOrders.map((p) => [p.orderNumber, p.outputs.map((out) => [out.itemCode, out.lotNumber, out.producedQuantity, out.stopped])]));
    expect(byOrder).toEqual({ 'MO-B': [['X', 'B', 5, null]], 'MO-C': [['Y', 'D', 3, null]], 'MO-D': [['Y', 'D', 1, 'repeated']] });
    const b = trace.tree.productionOrders[0]!.outputs[0]!;
    expect(b.productionOrders.map((p) => [p.orderNumber, p.outputs.map((out) => [out.lotNumber, out.stopped])])).toEqual([['MO-A', [['A', 'cycle']]]]);
    expect(trace.truncated).toBe(false);
  });
});

describe('picking rules', () => {
  it('FIFO takes the first received unexpired lot (F-2, received 2026-10-01) where FEFO takes the first expiring (F-1); a named expired lot is taken as asked', async () => {
    await seedShipmentFixture(handle, 'org-fifo');
    const fifo = await createShipment(handle, { ...base, organizationId: 'org-fifo', lines: [{ orderNumber: 'SO-2', lineNumber: 1 }], pickingRule: 'fifo' });
    expect(fifo.lines.map((l) => [l.lotNumber, l.quantity])).toEqual([['F-2', 10]]);
    const fefo = await createShipment(handle, { ...base, organizationId: 'org-fifo', lines: [{ orderNumber: 'SO-1', lineNumber: 1, quantity: 5 }] });
    expect(fefo.lines.map((l) => [l.lotNumber, l.quantity])).toEqual([['F-1', 5]]);
    const named = await createShipment(handle, { ...base, organizationId: 'org-fifo', lines: [{ orderNumber: 'SO-1', lineNumber: 1, quantity: 5, lotNumber: 'F-0' }] });
    expect(named.lines.map((l) => [l.lotNumber, l.expiryDate])).toEqual([['F-0', '2026-11-01']]);
  });
});
