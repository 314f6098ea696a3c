import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { checkLoad } from '@flowpilot/core';
import { createShipment, getShipment, loadShipmentsOnVehicle } from './run-shipments';
import { planShipmentLoad } from './plan-shipment-load';
import { ShipmentError } from './shipment-error';
import { seedShipmentFixture } from './testing/seed-shipment-fixture';

// Two shipments of the shipment fixture loaded with the core 3D packer: SH-P (SO-2, 5 × FG-A on one parcel) is the
// first stop, SH-Q (SO-1: 10 × FG-A and 4 × FG-B, one pallet per line) the second.
let handle: DatabaseHandle;
const org = 'org-load';
const base = { organizationId: org, warehouseCode: 'WH', shipDate: '2026-11-24', recordedAt: '2026-11-24T08:00:00Z' };

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedShipmentFixture(handle, org);
  // FG-A: 10 litres a unit; FG-B keeps no volume (its pallet gets the default size).
  await sql`update item set volume_m3 = 0.01 where organization_id = ${org} and code = 'FG-A'`.execute(handle.db);
  await createShipment(handle, { ...base, shipmentNumber: 'SH-P', packageType: 'parcel', packing: 'single', lines: [{ orderNumber: 'SO-2', lineNumber: 1, quantity: 5 }] });
  await createShipment(handle, { ...base, shipmentNumber: 'SH-Q', packageType: 'pallet', lines: [{ orderNumber: 'SO-1', lineNumber: 1, quantity: 10 }, { orderNumber: 'SO-1', lineNumber: 2, quantity: 4 }] });
  // A 2 m³ van (body 65.4 × 170 × 180 cm: a EUR pallet cannot stand in it) and a 12 m³ van (392.2 cm long).
  await sql`insert into vehicle (organization_id, code, location_code, vehicle_type, capacity_kg, capacity_m3, capacity_pallets) values
    (${org}, 'VAN-2', 'WH', 'van', 800, 2, 4), (${org}, 'VAN-12', 'WH', 'van', 1200, 12, 4), (${org}, 'NOBODY', 'WH', 'van', 1200, null, 4)`.execute(handle.db);
  // Vehicles with a recorded body (migration 0019): a 2 m³ van whose real body is 130 × 170 × 100 cm, and one with a
  // body but no capacity_m3.
  await sql`insert into vehicle (organization_id, code, location_code, vehicle_type, capacity_kg, capacity_m3, capacity_pallets, body_length_cm, body_width_cm, body_height_cm) values
    (${org}, 'VAN-2B', 'WH', 'van', 800, 2, 4, 130, 170, 100), (${org}, 'BOX-ONLY', 'WH', 'van', 1200, null, 4, 320, 170, 190)`.execute(handle.db);
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

describe('planShipmentLoad (3D load of a vehicle)', () => {
  it('sizes each package, places all of them with full support and the stop order, checks and draws the load', async () => {
    const plan = await planShipmentLoad(handle, { organizationId: org, shipmentNumbers: ['SH-P', 'SH-Q'], vehicleCode: 'VAN-12' });
    // Body from capacity_m3: 12 000 000 cm³ / (170 × 180) = 392.2 cm.
    expect(plan.container).toMatchObject({ lengthCm: 392.2, widthCm: 170, heightCm: 180, maxPayloadKg: 1200 });
    // Parcel: 5 × 0.01 m³ = 0.05 m³ → cube of ⌈∛0.05 × 100⌉ = 37 cm. Pallet 1: 0.1 m³ over 0.96 m² = 10.4 cm of goods,
    // raised to the 20 cm minimum, + 14.4 cm deck = 34.4 cm. Pallet 2 (FG-B, no volume): 120 + 14.4 = 134.4 cm.
    expect(plan.boxes.map((b) => [b.id, b.lengthCm, b.widthCm, b.heightCm, b.stopSequence, b.sizeSource])).toEqual([
      ['SH-P#1', 37, 37, 37, 1, 'volume'], ['SH-Q#1', 120, 80, 34.4, 2, 'volume'], ['SH-Q#2', 120, 80, 134.4, 2, 'default'],
    ]);
    expect(plan.status).toBe('all_packed');
    expect(plan.placements).toHaveLength(3);
    expect(plan.issues).toEqual([]);
    // The independent checker agrees (inside, no overlap, orientation, weight, support, loading order).
    expect(checkLoad({ container: plan.container, boxTypes: plan.boxes }, plan.placements, { support: 'full' })).toEqual([]);
    // First stop nearest the door (x grows towards the door): the parcel is not behind a pallet of the second stop.
    const parcel = plan.placements.find((p) => p.boxTypeId === 'SH-P#1')!;
    for (const pallet of plan.placements.filter((p) => p.stopSequence === 2)) expect(parcel.xCm + parcel.sizeXCm).toBeGreaterThanOrEqual(pallet.xCm + pallet.sizeXCm);
    expect(plan.svg).toContain('<svg');
    expect(plan.assumptions.join(' ')).toContain('default size (no item volume_m3) for SH-Q#2');
    expect(plan.assumptions).toContain('body 392.2 × 170 × 180 cm from capacity_m3 12 (van width and height)');
    // Same input, same plan.
    expect((await planShipmentLoad(handle, { organizationId: org, shipmentNumbers: ['SH-P', 'SH-Q'], vehicleCode: 'VAN-12' })).placements).toEqual(plan.placements);
  });

  it('uses the recorded body dimensions instead of the capacity_m3 assumption, and states no body assumption', async () => {
    // VAN-2B holds 2 m³ like VAN-2 (assumed 65.4 cm long: no pallet fits) but its body is 130 × 170 × 100 cm: the
    // 34.4 cm pallet (120 × 80) and the 37 cm parcel fit; the 134.4 cm pallet is taller than the body (too_large).
    const plan = await planShipmentLoad(handle, { organizationId: org, shipmentNumbers: ['SH-P', 'SH-Q'], vehicleCode: 'VAN-2B' });
    expect(plan.container).toEqual({ id: 'VAN-2B', lengthCm: 130, widthCm: 170, heightCm: 100, maxPayloadKg: 800 });
    expect(plan.unpacked.map((u) => [u.shipmentNumber, u.packageNumber, u.reason])).toEqual([['SH-Q', 2, 'too_large']]);
    expect(plan.placements.map((p) => p.boxTypeId).sort()).toEqual(['SH-P#1', 'SH-Q#1']);
    expect(plan.issues).toEqual([]);
    expect(plan.assumptions.filter((a) => a.startsWith('body'))).toEqual([]);
    // A body without capacity_m3 is enough for the 3D load (no vehicleNoVolume refusal).
    const boxOnly = await planShipmentLoad(handle, { organizationId: org, shipmentNumbers: ['SH-P', 'SH-Q'], vehicleCode: 'BOX-ONLY' });
    expect(boxOnly.container).toMatchObject({ lengthCm: 320, widthCm: 170, heightCm: 190 });
    expect(boxOnly.status).toBe('all_packed');
    // The vehicle table refuses a partial body (all three dimensions or none).
    await expect(sql`insert into vehicle (organization_id, code, location_code, vehicle_type, capacity_kg, body_length_cm, body_width_cm) values (${org}, 'HALF', 'WH', 'van', 800, 300, 170)`.execute(handle.db)).rejects.toThrow(/vehicle_body_all_or_none/);
  });

  it('refuses a load the 3D packer cannot place, then loads the shipments on a vehicle where they fit', async () => {
    const small = await planShipmentLoad(handle, { organizationId: org, shipmentNumbers: ['SH-P', 'SH-Q'], vehicleCode: 'VAN-2' });
    expect(small.status).toBe('partial');
    expect(small.unpacked.map((u) => [u.shipmentNumber, u.packageNumber, u.reason])).toEqual([['SH-Q', 1, 'too_large'], ['SH-Q', 2, 'too_large']]);
    expect(await rejection(loadShipmentsOnVehicle(handle, { organizationId: org, shipmentNumbers: ['SH-P', 'SH-Q'], vehicleCode: 'VAN-2' }))).toMatchObject({ key: 'shipments.error.vehicleSpace', params: { count: 2, packages: 'SH-Q#1, SH-Q#2' } });
    expect((await getShipment(handle, org, 'SH-P')).status).toBe('planned');
    expect(await rejection(planShipmentLoad(handle, { organizationId: org, shipmentNumbers: ['SH-P'], vehicleCode: 'NOBODY' }))).toMatchObject({ key: 'shipments.error.vehicleNoVolume' });
    const loaded = await loadShipmentsOnVehicle(handle, { organizationId: org, shipmentNumbers: ['SH-P', 'SH-Q'], vehicleCode: 'VAN-12', loadedAt: '2026-11-24T09:00:00Z' });
    expect(loaded.map((s) => s.status)).toEqual(['loaded', 'loaded']);
    expect(loaded[0]!.history.at(-1)!.note).toMatch(/^vehicle VAN-12; load SH-P \+ SH-Q; weight unknown: SH-Q; 3D load: 3 package\(s\), \d+(\.\d)? % of the body$/);
    // The placements are kept with the load (audit trail) so the picture can be drawn again.
    const audit = (await sql<{ after: { loadPlan?: { placements: unknown[] } } }>`select after from audit_log where organization_id = ${org} and action = 'shipment.load' order by id desc limit 1`.execute(handle.db)).rows[0];
    expect(audit?.after.loadPlan?.placements).toHaveLength(3);
  });
});
