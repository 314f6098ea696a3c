import { describe, expect, it } from 'vitest';
import { catchCoreError as errorOf } from './internal/expect-core-error';
import { A_N32_K5_VRP } from './internal/test-instances';
import { parseTsplibVrp } from './parse-tsplib-vrp';

describe('parseTsplibVrp', () => {
  it('reads CVRPLIB A-n32-k5 (Augerat 1995) with TSPLIB EUC_2D rounding', () => {
    const instance = parseTsplibVrp(A_N32_K5_VRP);
    expect(instance.name).toBe('A-n32-k5');
    expect(instance.nodes).toHaveLength(32);
    expect(instance.nodes[0]).toMatchObject({ id: '1', kind: 'depot', demand: 0 });
    expect(instance.nodes[1]).toMatchObject({ id: '2', kind: 'customer', demand: 19 });
    expect(instance.vehicleTypes[0]).toMatchObject({ capacity: 100, count: null, depotId: '1' });
    // Node 1 (82, 76) to node 2 (96, 44): √(14² + 32²) = 34.93 → nint 35.
    expect(instance.distanceMatrix[0]![1]).toBe(35);
    expect(instance.nodes.reduce((sum, node) => sum + node.demand, 0)).toBe(410);
  });

  it('reads an EXPLICIT LOWER_ROW matrix', () => {
    const text = ['NAME : tiny', 'TYPE : CVRP', 'DIMENSION : 3', 'EDGE_WEIGHT_TYPE : EXPLICIT', 'EDGE_WEIGHT_FORMAT : LOWER_ROW', 'CAPACITY : 10',
      'EDGE_WEIGHT_SECTION', '4', '5 3', 'DEMAND_SECTION', '1 0', '2 4', '3 5', 'DEPOT_SECTION', '1', '-1', 'EOF'].join('\n');
    const instance = parseTsplibVrp(text);
    expect(instance.distanceMatrix).toEqual([[0, 4, 5], [4, 0, 3], [5, 3, 0]]);
  });

  it('refuses a bad demand with its line number', () => {
    const broken = A_N32_K5_VRP.replace(/\n2 19 /, '\n2 nineteen ');
    const line = broken.split('\n').findIndex((text) => text.includes('nineteen')) + 1;
    const error = errorOf(() => parseTsplibVrp(broken));
    expect(error.path).toBe(`line ${line}`);
    expect(error.message).toContain('demand');
  });

  it('refuses a node without demand, an unknown section and a missing CAPACITY', () => {
    expect(errorOf(() => parseTsplibVrp(A_N32_K5_VRP.replace(/\n32 9 *\n/, '\n'))).message).toContain('node 32 has no demand');
    expect(errorOf(() => parseTsplibVrp(A_N32_K5_VRP.replace('DEPOT_SECTION', 'FOO_SECTION'))).code).toBe('unsupported');
    expect(errorOf(() => parseTsplibVrp(A_N32_K5_VRP.replace(/CAPACITY : 100 *\n/, ''))).message).toContain('CAPACITY');
  });
});
