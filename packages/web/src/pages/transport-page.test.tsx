// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { RouteSolveResponse, TransportCompareResponse, TransportVehicleList } from '@flowpilot/contract';
import { parseHash } from '../router';
import { AsRole, stubApi } from '../testing/stub-api';
import { TransportPage } from './transport-page';
import type { ShipmentLoadPreview } from './shipment-load';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const glec = { id: 'glec-road-rigid-12t', source: 'GLEC Framework', version: '3.0', verified: true };
const quote = (carrierId: string, rank: number, totalCharge: number, transitDays: number, co2eKg: number | null, verified = true): TransportCompareResponse['quotes'][number] => ({
  carrierId, mode: 'road-ltl', currency: 'EUR', chargeableWeightKg: 850, zone: '13', billedQuantity: 8.5, unitRate: 10, deficitWeightApplied: false, minimumApplied: false,
  baseCharge: totalCharge * 0.8, fuelSurcharge: totalCharge * 0.2, optionCharges: [], totalCharge, transitDays, trips: 1, co2eKg,
  emissionFactor: co2eKg === null ? null : { ...glec, id: `${glec.id}-${carrierId}`, verified }, rank,
});

/** A vehicle of GET /api/v1/transport/vehicles without a recorded body. */
const vehicle = (code: string): TransportVehicleList['items'][number] => ({ code, vehicleType: 'Fourgon 3,5 t', depotCode: 'WH-PAR', carrierCode: null, payloadKg: 1200, volumeM3: 20, pallets: 6, body: null, costPerKm: 0.55, co2KgPerKm: 0.29 });

describe('Transport page', () => {
  it('compares carriers with cost, transit, CO2e and the emission factor of each quote, and marks the cheapest, fastest and lowest-CO2 carriers', async () => {
    const compare: TransportCompareResponse = {
      source: 'stored_tariffs', unavailable: [{ carrierId: 'AIR', code: 'no_zone', message: 'AIR has no zone 13' }],
      quotes: [quote('GEO', 1, 310, 3, 48.2), quote('EXP', 2, 420, 1, 51.7, false), quote('RAIL', 3, 450, 4, 12.4)],
      cheapestCarrierId: 'GEO', fastestCarrierId: 'EXP', lowestCo2CarrierId: 'RAIL', co2Method: 'ISO 14083 activity-based (t·km × intensity)',
    };
    const calls = stubApi(({ method, path }) => (method === 'POST' && path === '/api/v1/transport/compare' ? [200, compare] : undefined));
    render(<AsRole role="transport"><TransportPage route={parseHash('#/transport?tab=carriers')} /></AsRole>);
    fireEvent.click(screen.getByTestId('compare-carriers'));
    const table = await screen.findByTestId('carrier-quotes');
    expect(calls[0]!.body).toEqual({ shipment: { weightKg: 850, distanceKm: 300, zone: '13' } });
    const row = (carrier: string) => within(table).getByText(carrier).closest('tr')!;
    expect(within(row('GEO')).getByTestId('marker-cheapest').textContent).toBe('cheapest');
    expect(within(row('EXP')).getByTestId('marker-fastest').textContent).toBe('fastest');
    expect(within(row('RAIL')).getByTestId('marker-lowest-co2').textContent).toBe('lowest CO2');
    expect(within(table).getAllByTestId('marker-fastest')).toHaveLength(1);
    expect(row('RAIL').textContent).toContain('12.4');
    expect(row('RAIL').textContent).toContain('glec-road-rigid-12t-RAIL · GLEC Framework 3.0');
    expect(row('GEO').textContent).toContain('verified');
    expect(row('EXP').textContent).toContain('unverified default');
    expect(screen.getByTestId('co2-method').textContent).toBe('CO2e method: ISO 14083 activity-based (t·km × intensity)');
    expect(screen.getByText('AIR: AIR has no zone 13')).toBeTruthy();
  });

  it('lists each route with its vehicle type, CO2 and emission factor, and says when the search stopped at the time limit', async () => {
    const stop = (sequence: number, code: string) => ({ sequence, customerCode: code, customerName: `Customer ${code}`, latitude: 48.8 + sequence / 100, longitude: 2.3, demandKg: 100, orderNumbers: [`SO-${code}`] });
    const solved: RouteSolveResponse = {
      warehouseCode: 'WH-PAR', date: '2026-11-24', depot: { code: 'WH-PAR', name: 'Paris', latitude: 48.85, longitude: 2.35 }, status: 'feasible', objective: 'distance', vehicles: 2,
      distanceKm: 120.5, costEur: 410, co2Kg: 61.3, co2Factor: { id: 'vehicle-kg-per-km', source: 'vehicles.csv co2_kg_per_km', version: 'data', verified: true },
      routes: [
        { vehicleType: 'Porteur 19 t', stops: [stop(1, 'C1'), stop(2, 'C2')], distanceKm: 80, durationMinutes: 190, loadKg: 200, costEur: 256, co2Kg: 51.2, co2Factor: { id: 'vehicle-kg-per-km', source: 'vehicles.csv co2_kg_per_km', version: 'data', verified: true } },
        { vehicleType: 'Fourgon 3,5 t', stops: [stop(1, 'C3')], distanceKm: 40.5, durationMinutes: 70, loadKg: 100, costEur: 154, co2Kg: 10.1, co2Factor: { id: 'glec-van', source: 'GLEC Framework', version: '3.0', verified: false } },
      ],
      skipped: [], exceptions: [], parameters: { stoppedAtTimeLimit: true, threads: [] }, elapsedSeconds: 2.1,
    };
    stubApi(({ method, path }) => {
      if (path === '/api/v1/transport/depots') return [200, { items: [{ code: 'WH-PAR', name: 'Paris', locationType: 'warehouse', latitude: 48.85, longitude: 2.35, vehicleCount: 4 }] }];
      if (path.startsWith('/api/v1/transport/customers')) return [200, { items: [], page: 1, pageSize: 500, total: 0 }];
      if (method === 'POST' && path === '/api/v1/transport/routes/solve') return [200, solved];
      return undefined;
    });
    render(<AsRole role="transport"><TransportPage route={parseHash('#/transport')} /></AsRole>);
    await screen.findByRole('option', { name: /WH-PAR/ });
    fireEvent.click(screen.getByTestId('solve-routes'));
    const table = await screen.findByTestId('route-table');
    expect(screen.getByTestId('route-time-limit').textContent).toContain('stopped at the time limit');
    const second = within(table).getByText('Fourgon 3,5 t').closest('tr')!;
    expect(second.textContent).toContain('10.1');
    expect(second.textContent).toContain('glec-van · GLEC Framework 3.0');
    expect(second.textContent).toContain('unverified default');
    expect(within(table).getByText('Porteur 19 t').closest('tr')!.textContent).toContain('vehicle-kg-per-km · vehicles.csv co2_kg_per_km data');
    expect(screen.getByTestId('route-summary').textContent).toContain('vehicle-kg-per-km (vehicles.csv co2_kg_per_km data)');
  });

  it('draws the load of planned shipments ticked in delivery order on the named vehicle', async () => {
    const preview: ShipmentLoadPreview = {
      vehicleCode: 'VH-PAR-4', container: { id: 'VH-PAR-4', lengthCm: 653.6, widthCm: 170, heightCm: 180, maxPayloadKg: 1200 },
      stops: [{ stopSequence: 1, shipmentNumber: 'SH-2' }, { stopSequence: 2, shipmentNumber: 'SH-1' }],
      boxes: [
        { id: 'SH-2#1', shipmentNumber: 'SH-2', packageNumber: 1, sscc: '006141410000000029', lengthCm: 120, widthCm: 80, heightCm: 134.4, weightKg: 300, sizeSource: 'default' },
        { id: 'SH-1#1', shipmentNumber: 'SH-1', packageNumber: 1, sscc: '006141410000000012', lengthCm: 120, widthCm: 80, heightCm: 134.4, weightKg: 250, sizeSource: 'default' },
        { id: 'SH-1#2', shipmentNumber: 'SH-1', packageNumber: 2, sscc: '006141410000000036', lengthCm: 120, widthCm: 80, heightCm: 240, weightKg: 100, sizeSource: 'default' },
      ],
      status: 'partial', placements: [{ boxTypeId: 'SH-2#1', stopSequence: 1 }, { boxTypeId: 'SH-1#1', stopSequence: 2 }], volumeUtilisation: 0.131, packedWeightKg: 550,
      unpacked: [{ shipmentNumber: 'SH-1', packageNumber: 2, reason: 'too_large' }], issues: [], assumptions: ['body 653.6 × 170 × 180 cm from capacity_m3 20 (van width and height)'],
      svg: '<svg xmlns="http://www.w3.org/2000/svg"><title>VH-PAR-4: SH-2 + SH-1</title></svg>',
    };
    const shipment = (shipmentNumber: string, customerCode: string) => ({ shipmentNumber, warehouseCode: 'WH-PAR', customerCode, customerName: `Customer ${customerCode}`, carrierCode: null, shipDate: '2026-11-24',
      plannedDeliveryDate: null, deliveredDate: null, status: 'planned', lineCount: 1, packageCount: 2, totalQuantity: 10 });
    const calls = stubApi(({ path }) => {
      if (path.startsWith('/api/v1/shipments?')) return [200, { items: [shipment('SH-1', 'C1'), shipment('SH-2', 'C2')], page: 1, pageSize: 200, total: 2 }];
      if (path === '/api/v1/transport/vehicles') return [200, { items: [vehicle('VH-PAR-4')] }];
      if (path.startsWith('/api/v1/shipments/loads/preview?')) return [200, preview];
      return undefined;
    });
    render(<AsRole role="viewer"><TransportPage route={parseHash('#/transport?tab=load')} /></AsRole>);
    const list = await screen.findByTestId('load-shipments');
    expect(calls[0]!.path).toBe('/api/v1/shipments?status=planned&pageSize=200');
    fireEvent.click(within(list).getByLabelText(/SH-2/));
    fireEvent.click(within(list).getByLabelText(/SH-1/));
    expect(within(list).getByLabelText(/SH-2/).closest('label')!.textContent).toContain('stop 1');
    expect(within(list).getByLabelText(/SH-1/).closest('label')!.textContent).toContain('stop 2');
    expect((screen.getByTestId('preview-load') as HTMLButtonElement).disabled).toBe(true);
    await screen.findByRole('option', { name: /^VH-PAR-4/ });
    fireEvent.change(screen.getByTestId('load-vehicle'), { target: { value: 'VH-PAR-4' } });
    fireEvent.click(screen.getByTestId('preview-load'));
    const picture = await screen.findByTestId('shipment-load-picture');
    expect(calls.at(-1)!.path).toBe('/api/v1/shipments/loads/preview?vehicle=VH-PAR-4&shipments=SH-2%2CSH-1');
    expect(decodeURIComponent((picture as HTMLImageElement).src)).toContain('VH-PAR-4: SH-2 + SH-1');
    const result = screen.getByTestId('shipment-load-result');
    expect(result.textContent).toContain('2 / 3');
    expect(result.textContent).toContain('1. SH-2 · 2. SH-1');
    expect(screen.getByTestId('load-unpacked').textContent).toBe('SH-1 package 2 stays on the dock (too_large).');
  });

  it('shows the server\'s message when the vehicle is unknown', async () => {
    stubApi(({ path }) => {
      if (path.startsWith('/api/v1/shipments?')) return [200, { items: [{ shipmentNumber: 'SH-1', warehouseCode: 'WH', customerCode: 'C1', customerName: 'C', carrierCode: null, shipDate: '2026-11-24', plannedDeliveryDate: null, deliveredDate: null, status: 'planned', lineCount: 1, packageCount: 1, totalQuantity: 1 }], page: 1, pageSize: 200, total: 1 }];
      if (path === '/api/v1/transport/vehicles') return [200, { items: [vehicle('VAN-X')] }];
      if (path.startsWith('/api/v1/shipments/loads/preview?')) return [404, { error: { code: 'not_found', message: 'Vehicle VAN-X does not exist: check the code or leave the vehicle out.' } }];
      return undefined;
    });
    render(<AsRole role="viewer"><TransportPage route={parseHash('#/transport?tab=load')} /></AsRole>);
    fireEvent.click(within(await screen.findByTestId('load-shipments')).getByLabelText(/SH-1/));
    await screen.findByRole('option', { name: /^VAN-X/ });
    fireEvent.change(screen.getByTestId('load-vehicle'), { target: { value: 'VAN-X' } });
    fireEvent.click(screen.getByTestId('preview-load'));
    expect((await screen.findByRole('alert')).textContent).toContain('Vehicle VAN-X does not exist');
  });
});
