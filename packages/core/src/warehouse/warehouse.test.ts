import { describe, expect, it } from 'vitest';
import { createRandom } from '../shared/random';
import { CoreError } from '../shared/core-error';
import {
  buildWarehouseLayout,
  computeDepotDistanceM,
  computeDistributionBudget,
  planOrderBatches,
  planPickRoute,
  planSlotting,
  summarizeWarehouseLayout,
  toWarehouseSvg,
  type PickOrder,
} from './index';

const layout = buildWarehouseLayout({
  aisleCount: 2,
  baysPerAisle: 3,
  levelsPerBay: 2,
  bayWidthM: 1.2,
  aisleSpacingM: 4,
  pickLocationCapacityM3: 0.5,
  extraZones: [{ id: 'in', kind: 'receiving' }, { id: 'out', kind: 'shipping' }],
  extraLocations: [{ id: 'DOCK-1', zoneId: 'in', type: 'dock', capacityM3: 80 }],
});

describe('warehouse layout', () => {
  it('builds a 2 × 3 × 2 grid: 12 pick locations, 3.6 m aisles, 6 m³ in picking (doc example)', () => {
    const summary = summarizeWarehouseLayout(layout);
    expect(summary.aisleLengthM).toBeCloseTo(3.6, 9);
    expect(summary.zones).toEqual([
      { id: 'picking', kind: 'picking', locationCount: 12, capacityM3: 6 },
      { id: 'in', kind: 'receiving', locationCount: 1, capacityM3: 80 },
      { id: 'out', kind: 'shipping', locationCount: 0, capacityM3: 0 },
    ]);
    const location = layout.locations.find((l) => l.id === 'A02-B03-L2')!;
    // |1 − 0| · 4 m + (3 − 0.5) · 1.2 m = 7 m.
    expect(computeDepotDistanceM(layout, location)).toBeCloseTo(7, 9);
  });

  it('refuses unknown zones and bad geometry with the field path', () => {
    expect(() => buildWarehouseLayout({ aisleCount: 0, baysPerAisle: 1, levelsPerBay: 1, bayWidthM: 1, aisleSpacingM: 1, pickLocationCapacityM3: 1 })).toThrow(/aisleCount/);
    try {
      summarizeWarehouseLayout({ ...layout, locations: [...layout.locations, { id: 'X', zoneId: 'nowhere', type: 'floor', capacityM3: 1 }] });
      expect.unreachable();
    } catch (error) {
      expect((error as CoreError).code).toBe('unknown_reference');
      expect((error as CoreError).path).toBe('locations[13].zoneId');
    }
  });
});

describe('planSlotting', () => {
  it('ABC puts the most picked item nearest; COI (Heskett 1963) puts the smallest storage per order nearest (doc example)', () => {
    const items = [
      { id: 'X', picksPerPeriod: 100, storageM3: 0.5, ordersPerPeriod: 25 },
      { id: 'Y', picksPerPeriod: 50, storageM3: 0.5, ordersPerPeriod: 50 },
    ];
    const abc = planSlotting({ layout, items, method: 'abc' });
    const coi = planSlotting({ layout, items, method: 'cube-per-order' });
    const nearest = 'A01-B01-L1';
    expect(abc.assignments.find((a) => a.locationId === nearest)?.itemId).toBe('X');
    expect(coi.assignments.find((a) => a.locationId === nearest)?.itemId).toBe('Y');
    expect(coi.assignments.find((a) => a.itemId === 'X')?.cubePerOrderIndex).toBeCloseTo(0.02, 12);
    expect(coi.assignments.find((a) => a.itemId === 'Y')?.cubePerOrderIndex).toBeCloseTo(0.01, 12);
  });

  it('ABC classes by cumulative pick share 80/95 %; items too big for any location are exceptions', () => {
    const items = [
      { id: 'a', picksPerPeriod: 70, storageM3: 0.1 },
      { id: 'b', picksPerPeriod: 20, storageM3: 0.1 },
      { id: 'c', picksPerPeriod: 6, storageM3: 0.1 },
      { id: 'd', picksPerPeriod: 4, storageM3: 0.1 },
      { id: 'big', picksPerPeriod: 1, storageM3: 3 },
    ];
    const result = planSlotting({ layout, items, method: 'abc' });
    expect(Object.fromEntries(result.assignments.map((a) => [a.itemId, a.abcClass]))).toEqual({ a: 'A', b: 'A', c: 'B', d: 'C' });
    expect(result.status).toBe('partial');
    expect(result.exceptions).toEqual([{ itemId: 'big', reason: 'no-location-with-capacity', storageM3: 3 }]);
  });

  it('invariant: with equal item sizes ABC (most picked nearest) walks no more than COI slotting (rearrangement inequality)', () => {
    const random = createRandom(5);
    const items = Array.from({ length: 12 }, (_, i) => ({ id: `i${i}`, picksPerPeriod: random.nextInt(1, 100), storageM3: 0.2 }));
    const abc = planSlotting({ layout, items, method: 'abc' });
    const locationsUsed = new Set(abc.assignments.map((a) => a.locationId));
    expect(locationsUsed.size).toBe(12);
    const coi = planSlotting({ layout, items, method: 'cube-per-order' });
    expect(abc.roundTripDistanceMPerPeriod).toBeLessThanOrEqual(coi.roundTripDistanceMPerPeriod + 1e-9);
  });
});

describe('planOrderBatches', () => {
  const block = { aisleCount: 3, aisleLengthM: 10, aisleSpacingM: 5 };

  it('savings batches two orders in the same aisle spot (doc example: 38 m alone, 38 m together)', () => {
    const orders: PickOrder[] = [
      { id: 'o1', lines: [{ itemId: 'i', aisleIndex: 2, positionM: 9, quantity: 1 }] },
      { id: 'o2', lines: [{ itemId: 'j', aisleIndex: 2, positionM: 9, quantity: 2 }] },
    ];
    const result = planOrderBatches({ block, orders, cartCapacity: 2, method: 'savings' });
    expect(result.singleOrderDistanceM).toBe(76);
    expect(result.batches).toHaveLength(1);
    expect(result.totalDistanceM).toBe(38);
    expect(result.batches[0]!.pickList.map((line) => line.orderId).sort()).toEqual(['o1', 'o2']);
  });

  it('invariants on random orders: capacity respected, every order once, batching never walks more than picking alone', () => {
    const random = createRandom(11);
    const orders: PickOrder[] = Array.from({ length: 24 }, (_, i) => ({
      id: `o${String(i).padStart(2, '0')}`,
      cartUnits: 1 + random.nextInt(0, 2),
      lines: Array.from({ length: 1 + random.nextInt(0, 4) }, () => ({ itemId: 'x', aisleIndex: random.nextInt(0, 3), positionM: random.nextInt(1, 10), quantity: 1 })),
    }));
    for (const method of ['first-come', 'seed', 'savings'] as const) {
      const result = planOrderBatches({ block, orders, cartCapacity: 5, method });
      const all = result.batches.flatMap((batch) => batch.orderIds).sort();
      expect(all).toEqual(orders.map((o) => o.id).sort());
      for (const batch of result.batches) {
        expect(batch.cartUnits).toBeLessThanOrEqual(5);
        expect(batch.pickList).toHaveLength(batch.orderIds.reduce((sum, id) => sum + orders.find((o) => o.id === id)!.lines.length, 0));
        expect(batch.pickList.map((line) => line.sequence)).toEqual(batch.pickList.map((_, i) => i + 1));
      }
      expect(result.totalDistanceM).toBeLessThanOrEqual(result.singleOrderDistanceM + 1e-9);
    }
    const savings = planOrderBatches({ block, orders, cartCapacity: 5, method: 'savings' });
    const fcfs = planOrderBatches({ block, orders, cartCapacity: 5, method: 'first-come' });
    expect(savings.totalDistanceM).toBeLessThanOrEqual(fcfs.totalDistanceM);
  });

  it('refuses an order larger than the cart', () => {
    expect(() => planOrderBatches({ block, orders: [{ id: 'big', cartUnits: 9, lines: [] }], cartCapacity: 5, method: 'seed' })).toThrow(CoreError);
  });
});

describe('computeDistributionBudget', () => {
  it('doc example: storage 6 000, handling 11 200, total 47 200, 0.944 per unit, 23.6 per order', () => {
    const result = computeDistributionBudget({
      unitsShipped: 50000,
      ordersShipped: 2000,
      orderLinesPicked: 8000,
      storage: { palletPositions: 1000, costPerPalletPositionPerPeriod: 6 },
      handling: { costPerUnitHandled: 0.1, costPerOrderLinePicked: 0.4, costPerOrderShipped: 1.5 },
      transportCost: 30000,
    });
    expect(result.costs.storage).toBe(6000);
    expect(result.costs.handling).toBeCloseTo(11200, 9);
    expect(result.costs.total).toBeCloseTo(47200, 9);
    expect(result.perUnit.total).toBeCloseTo(0.944, 12);
    expect(result.perOrder.total).toBeCloseTo(23.6, 12);
    expect(() => computeDistributionBudget({ unitsShipped: 0, ordersShipped: 1, storage: { palletPositions: 0, costPerPalletPositionPerPeriod: 0 }, handling: {}, transportCost: 0 })).toThrow(/unitsShipped/);
  });
});

describe('toWarehouseSvg', () => {
  it('draws every bay, the depot and the route polyline', () => {
    const route = planPickRoute({ aisleCount: 2, aisleLengthM: 3.6, aisleSpacingM: 4, picks: [{ id: 'p', aisleIndex: 1, positionM: 3 }] });
    const svg = toWarehouseSvg({ layout, heat: { 'A01-B01-L1': 10, 'A02-B03-L2': 5 }, route: route.waypoints, title: 'Heat <map>' });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<rect [^>]*stroke="#999"/g)).toHaveLength(2 * 3 * 2);
    expect(svg).toContain('<polyline');
    expect(svg).toContain('Heat &lt;map&gt;');
    expect(svg).toContain('rgb(255,55,0)');
  });
});
