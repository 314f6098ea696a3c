import { describe, expect, it } from 'vitest';
import { catchCoreError } from './internal/expect-core-error';
import { C101_25_TXT } from './internal/test-instances';
import { parseSolomon } from './parse-solomon';

describe('parseSolomon', () => {
  it('reads Solomon C101 (25 customers) with real-valued Euclidean distances', () => {
    const instance = parseSolomon(C101_25_TXT);
    expect(instance.name).toBe('C101');
    expect(instance.nodes).toHaveLength(26);
    expect(instance.nodes[0]).toMatchObject({ id: '0', kind: 'depot', timeWindowStart: 0, timeWindowEnd: 1236 });
    expect(instance.nodes[1]).toMatchObject({ id: '1', demand: 10, timeWindowStart: 912, timeWindowEnd: 967, serviceDuration: 90 });
    expect(instance.vehicleTypes[0]).toMatchObject({ count: 25, capacity: 200, depotId: '0' });
    // Depot (40, 50) to customer 1 (45, 68): √(25 + 324) = 18.6815…, not rounded.
    expect(instance.distanceMatrix[0]![1]).toBeCloseTo(Math.sqrt(349), 12);
    expect(instance.travelTimeMatrix[0]![1]).toBe(instance.distanceMatrix[0]![1]);
  });

  it('refuses a row with a missing column, naming its line', () => {
    const lines = C101_25_TXT.split('\n');
    const row = lines.findIndex((line) => /^\s+3\s/.test(line));
    lines[row] = '    3      42         66         10         65        146';
    const error = catchCoreError(() => parseSolomon(lines.join('\n')));
    expect(error.path).toBe(`line ${row + 1}`);
    expect(error.message).toContain('7 columns');
  });

  it('refuses a due date before the ready time and a missing VEHICLE block', () => {
    const lines = C101_25_TXT.split('\n');
    const row = lines.findIndex((line) => /^\s+3\s/.test(line));
    lines[row] = '    3      42         66         10        165        146         90';
    expect(catchCoreError(() => parseSolomon(lines.join('\n'))).code).toBe('out_of_range');
    expect(catchCoreError(() => parseSolomon(C101_25_TXT.replace('VEHICLE', 'VEHICLES'))).path).toMatch(/^line \d+$/);
  });
});
