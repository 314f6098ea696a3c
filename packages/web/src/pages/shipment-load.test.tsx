// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { TransportVehicleList } from '@flowpilot/contract';
import { AsRole, stubApi } from '../testing/stub-api';
import { ShipmentLoad } from './shipment-load';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const vehicles: TransportVehicleList = {
  items: [
    { code: 'SEMI-1', vehicleType: 'Semi-remorque', depotCode: 'WH-PAR', carrierCode: 'CAR-FTL', payloadKg: 24000, volumeM3: 91, pallets: 33, body: { lengthCm: 1360, widthCm: 248, heightCm: 270 }, costPerKm: 1.1, co2KgPerKm: 0.9 },
    { code: 'VAN-1', vehicleType: 'Fourgon 3,5 t', depotCode: 'WH-PAR', carrierCode: null, payloadKg: 1200, volumeM3: 12, pallets: 4, body: null, costPerKm: 0.55, co2KgPerKm: 0.29 },
  ],
};
const planned = { items: [{ shipmentNumber: 'SH-1', warehouseCode: 'WH-PAR', customerCode: 'C1', customerName: 'C', carrierCode: null, shipDate: '2026-11-24', plannedDeliveryDate: null, deliveredDate: null, status: 'planned', lineCount: 1, packageCount: 1, totalQuantity: 1 }], page: 1, pageSize: 200, total: 1 };

describe('Load picture: vehicle choice', () => {
  it('offers the organization\'s vehicles with type and size (body, else the assumed volume) and previews the chosen one', async () => {
    const calls = stubApi(({ path }) => {
      if (path.startsWith('/api/v1/shipments?')) return [200, planned];
      if (path === '/api/v1/transport/vehicles') return [200, vehicles];
      if (path.startsWith('/api/v1/shipments/loads/preview?')) return [422, { error: { code: 'invalid_input', message: 'stop here' } }];
      return undefined;
    });
    render(<AsRole role="viewer"><ShipmentLoad /></AsRole>);
    const select = await screen.findByTestId('load-vehicle');
    await within(select).findByRole('option', { name: /^SEMI-1/ });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Choose a vehicle…',
      'SEMI-1 · Semi-remorque · body 1,360 × 248 × 270 cm · payload 24,000 kg',
      'VAN-1 · Fourgon 3,5 t · 12 m³ (body assumed) · payload 1,200 kg',
    ]);
    fireEvent.click(within(screen.getByTestId('load-shipments')).getByLabelText(/SH-1/));
    expect((screen.getByTestId('preview-load') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(select, { target: { value: 'VAN-1' } });
    fireEvent.click(screen.getByTestId('preview-load'));
    expect((await screen.findByRole('alert')).textContent).toContain('stop here');
    expect(calls.at(-1)!.path).toBe('/api/v1/shipments/loads/preview?vehicle=VAN-1&shipments=SH-1');
  });

  it('says there is no vehicle to choose when the organization has none', async () => {
    stubApi(({ path }) => {
      if (path.startsWith('/api/v1/shipments?')) return [200, planned];
      if (path === '/api/v1/transport/vehicles') return [200, { items: [] }];
      return undefined;
    });
    render(<AsRole role="viewer"><ShipmentLoad /></AsRole>);
    expect((await screen.findByRole('option', { name: 'No vehicle: import vehicles.csv first' })).getAttribute('value')).toBe('');
  });
});
