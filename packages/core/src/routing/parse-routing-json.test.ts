import { describe, expect, it } from 'vitest';
import { computeHaversineKm } from './compute-distance';
import { catchCoreError } from './internal/expect-core-error';
import { parseRoutingInstance } from './parse-routing-instance';
import { parseRoutingJson } from './parse-routing-json';

const haversineInstance = `{
  "name": "paris-demo",
  "distance": { "kind": "haversine", "roadFactor": 1.3, "speedKmPerHour": 60 },
  "depots": [{ "id": "DEPOT", "lat": 48.8566, "lon": 2.3522, "openMinute": 360, "closeMinute": 1200 }],
  "stops": [
    { "id": "C1", "lat": 48.8666, "lon": 2.3522, "demand": 4, "serviceMinutes": 10, "windowStartMinute": 480, "windowEndMinute": 600 },
    { "id": "C2", "lat": 48.8466, "lon": 2.3622, "demand": 3 }
  ],
  "vehicles": [{ "id": "van", "count": 2, "capacity": 10, "fixedCost": 40, "costPerDistance": 0.5, "maxRouteMinutes": 480,
    "breaks": [{ "durationMinutes": 30, "earliestStartMinute": 690, "latestStartMinute": 780 }] }]
}`;

describe('parseRoutingJson', () => {
  it('builds haversine × road factor distances (km) and minutes from the speed', () => {
    const instance = parseRoutingJson(haversineInstance);
    const km = 1.3 * computeHaversineKm(48.8566, 2.3522, 48.8666, 2.3522);
    expect(instance.distanceUnit).toBe('km');
    expect(instance.distanceMatrix[0]![1]).toBeCloseTo(km, 12);
    expect(instance.travelTimeMatrix[0]![1]).toBeCloseTo((km / 60) * 60, 12);
    expect(instance.nodes.map((node) => node.id)).toEqual(['DEPOT', 'C1', 'C2']);
    expect(instance.nodes[2]).toMatchObject({ timeWindowStart: 0, timeWindowEnd: Number.POSITIVE_INFINITY, serviceDuration: 0 });
    expect(instance.vehicleTypes[0]).toMatchObject({ count: 2, fixedCost: 40, costPerDistance: 0.5, maxRouteDuration: 480, depotId: 'DEPOT' });
    expect(instance.vehicleTypes[0]!.breaks).toEqual([{ duration: 30, earliestStart: 690, latestStart: 780 }]);
  });

  it('reads a matrix instance; travel times default to the distances', () => {
    const instance = parseRoutingJson(JSON.stringify({
      distance: { kind: 'matrix', distances: [[0, 2, 3], [2, 0, 4], [3, 4, 0]] },
      depots: [{ id: 'D' }],
      stops: [{ id: 1, demand: 1 }, { id: 2, demand: 1 }],
      vehicles: [{ id: 'truck', capacity: 5 }],
    }));
    expect(instance.nodes.map((node) => node.id)).toEqual(['D', '1', '2']);
    expect(instance.travelTimeMatrix).toEqual([[0, 2, 3], [2, 0, 4], [3, 4, 0]]);
    expect(instance.vehicleTypes[0]!.count).toBeNull();
  });

  it('names the line of a semantic error', () => {
    const broken = haversineInstance.replace('"demand": 3', '"demand": -3');
    const error = catchCoreError(() => parseRoutingJson(broken));
    expect(error.path).toBe('line 7');
    expect(error.code).toBe('negative_value');
    expect(error.message).toContain('stops[1].demand');
  });

  it('names the line of a syntax error and of a wrong matrix size', () => {
    expect(catchCoreError(() => parseRoutingJson('{\n  "depots": [\n    { "id": "D" },\n  ]\n}')).path).toBe('line 4');
    const wrongSize = '{\n"distance": { "kind": "matrix",\n "distances": [[0, 1], [1, 0]] },\n"depots": [{ "id": "D" }],\n"stops": [{ "id": "A" }, { "id": "B" }],\n"vehicles": [{ "id": "v", "capacity": 1 }]\n}';
    const error = catchCoreError(() => parseRoutingJson(wrongSize));
    expect(error.code).toBe('length_mismatch');
    expect(error.path).toBe('line 3');
  });

  it('refuses an unknown depot reference', () => {
    const broken = haversineInstance.replace('"id": "van",', '"id": "van", "depotId": "NOWHERE",');
    expect(catchCoreError(() => parseRoutingJson(broken)).code).toBe('unknown_reference');
  });

  it('detects the format from the name or the text', () => {
    expect(parseRoutingInstance(haversineInstance, 'x.json').name).toBe('paris-demo');
    expect(parseRoutingInstance(haversineInstance).name).toBe('paris-demo');
    expect(catchCoreError(() => parseRoutingInstance('hello')).code).toBe('unsupported');
  });
});
