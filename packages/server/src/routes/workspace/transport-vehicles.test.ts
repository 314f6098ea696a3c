import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, roleCan } from '@flowpilot/contract';
import { parseCsvText, runImport } from '@flowpilot/services';
import { createTestApp, type TestApp } from '../../testing/test-app';

// GET /api/v1/transport/vehicles: org-a has a semi-trailer of a carrier with its body recorded and an own van
// without one; org-b has one van of its own, never listed to org-a.
let t: TestApp;

const files = (vehicles: string): Record<string, string> => ({
  'locations.csv': 'code,name,location_type\nW1,Warehouse,warehouse\n',
  'carriers.csv': 'code,name,transport_mode\nTR1,Transports Un,road_ftl\n',
  'vehicles.csv': `code,location_code,carrier_code,vehicle_type,capacity_kg,capacity_m3,capacity_pallets,cost_per_km,co2_kg_per_km,body_length_cm,body_width_cm,body_height_cm\n${vehicles}`,
});

beforeAll(async () => {
  t = await createTestApp({
    seed: async (handle) => {
      const seeds: [string, string][] = [
        ['org-a', 'VAN-1,W1,,van,1200,12,4,0.55,0.29,,,\nSEMI-1,W1,TR1,semi-trailer,24000,91,33,1.1,0.9,1360,248,270\n'],
        ['org-b', 'VAN-B,W1,,van,1000,10,4,0.5,0.25,,,\n'],
      ];
      for (const [organizationId, vehicles] of seeds) {
        const tables = Object.entries(files(vehicles)).map(([name, text]) => parseCsvText(text, name, name.replace(/\.csv$/, '')));
        const report = await runImport(handle, { organizationId, tables, today: '2026-11-24' });
        if (!report.written) throw new Error(`seed import failed: ${JSON.stringify(report.issues.slice(0, 3))}`);
      }
    },
  });
}, 120_000);
afterAll(async () => { await t?.close(); });

describe('GET /api/v1/transport/vehicles', () => {
  it('lists the organization\'s vehicles by code with capacities, body (null when unknown), cost and CO2 per km', async () => {
    const response = await t.app.inject({ url: '/api/v1/transport/vehicles', headers: await t.headers('transport') });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      items: [
        { code: 'SEMI-1', vehicleType: 'semi-trailer', depotCode: 'W1', carrierCode: 'TR1', payloadKg: 24000, volumeM3: 91, pallets: 33, body: { lengthCm: 1360, widthCm: 248, heightCm: 270 }, costPerKm: 1.1, co2KgPerKm: 0.9 },
        { code: 'VAN-1', vehicleType: 'van', depotCode: 'W1', carrierCode: null, payloadKg: 1200, volumeM3: 12, pallets: 4, body: null, costPerKm: 0.55, co2KgPerKm: 0.29 },
      ],
    });
    const other = (await t.app.inject({ url: '/api/v1/transport/vehicles', headers: await t.headers('viewer', 'org-b') })).json() as { items: { code: string }[] };
    expect(other.items.map((v) => v.code)).toEqual(['VAN-B']);
  });

  it('answers every role the permission table lets read transport, and 401 without a session', async () => {
    for (const role of ROLES) {
      const response = await t.app.inject({ url: '/api/v1/transport/vehicles', headers: await t.headers(role) });
      expect(response.statusCode, role).toBe(roleCan(role, 'transport:read') ? 200 : 403);
    }
    const anonymous = await t.app.inject({ url: '/api/v1/transport/vehicles' });
    expect(anonymous.statusCode).toBe(401);
  });
});
