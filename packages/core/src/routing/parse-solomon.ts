import { computeEuclideanDistance } from './compute-distance';
import { lineError, parseNumberToken } from './internal/line-error';
import type { RoutingInstance, RoutingNode } from './types';

/**
 * Parses a Solomon (1987) VRPTW text file: name line, VEHICLE block (`NUMBER CAPACITY`), CUSTOMER block of
 * rows `CUST NO. XCOORD. YCOORD. DEMAND READY TIME DUE DATE SERVICE TIME`; customer 0 is the depot.
 * Convention of the published best known values: Euclidean distance in double precision (not rounded),
 * travel time = distance, service added at each customer, waiting allowed, lateness forbidden.
 * Example: C101 → 101 nodes, 25 vehicles of capacity 200, customer 1 window [912, 967], service 90.
 * Throws CoreError with `path: 'line N'` for a malformed row, a missing block or a negative value.
 */
export function parseSolomon(text: string): RoutingInstance {
  const lines = text.split(/\r?\n/);
  let name = '';
  let block: 'start' | 'vehicle' | 'customer' = 'start';
  let vehicleCount: number | null = null;
  let capacity: number | null = null;
  let vehicleLine = 0;
  const nodes: RoutingNode[] = [];
  const points: { x: number; y: number }[] = [];
  const seen = new Set<string>();

  for (let k = 0; k < lines.length; k++) {
    const lineNumber = k + 1;
    const raw = lines[k]!.trim();
    if (raw === '') continue;
    const upper = raw.toUpperCase();
    if (upper === 'VEHICLE') {
      block = 'vehicle';
      vehicleLine = lineNumber;
      continue;
    }
    if (upper === 'CUSTOMER') {
      if (capacity === null) throw lineError(lineNumber, 'CUSTOMER block before the VEHICLE numbers');
      block = 'customer';
      continue;
    }
    const tokens = raw.split(/\s+/);
    const numeric = /^[-+\d.]/.test(tokens[0]!);
    if (!numeric) {
      // Column headers ("NUMBER CAPACITY", "CUST NO. …") and the name line.
      if (block === 'start' && name === '') name = raw;
      else if (!/^(NUMBER|CUST)/.test(upper)) throw lineError(lineNumber, `unexpected text ${JSON.stringify(raw)}`);
      continue;
    }
    if (block === 'vehicle') {
      if (tokens.length !== 2) throw lineError(lineNumber, `expected "NUMBER CAPACITY", got ${JSON.stringify(raw)}`);
      vehicleCount = parseNumberToken(tokens[0], lineNumber, 'vehicle number');
      capacity = parseNumberToken(tokens[1], lineNumber, 'capacity');
      if (!Number.isInteger(vehicleCount) || vehicleCount < 1) throw lineError(lineNumber, 'vehicle number must be a whole number ≥ 1', 'out_of_range');
      if (!(capacity > 0)) throw lineError(lineNumber, 'capacity must be > 0', 'out_of_range');
      continue;
    }
    if (block !== 'customer') throw lineError(lineNumber, `numbers outside the VEHICLE and CUSTOMER blocks: ${JSON.stringify(raw)}`);
    if (tokens.length !== 7) throw lineError(lineNumber, `expected 7 columns (CUST NO., XCOORD., YCOORD., DEMAND, READY TIME, DUE DATE, SERVICE TIME), got ${tokens.length}`);
    const [id, x, y, demand, ready, due, service] = tokens.map((token, column) => parseNumberToken(token, lineNumber, COLUMNS[column]!)) as [number, number, number, number, number, number, number];
    if (!Number.isInteger(id) || id < 0) throw lineError(lineNumber, `customer number ${id} must be a whole number ≥ 0`, 'out_of_range');
    if (demand < 0 || ready < 0 || service < 0) throw lineError(lineNumber, 'demand, ready time and service time must be ≥ 0', 'negative_value');
    if (due < ready) throw lineError(lineNumber, `due date ${due} is before ready time ${ready}`, 'out_of_range');
    const key = String(id);
    if (seen.has(key)) throw lineError(lineNumber, `customer ${key} appears twice`);
    if (nodes.length === 0 && id !== 0) throw lineError(lineNumber, 'the first row must be the depot (customer 0)');
    seen.add(key);
    nodes.push({ id: key, kind: id === 0 ? 'depot' : 'customer', x, y, demand: id === 0 ? 0 : demand, serviceDuration: id === 0 ? 0 : service, timeWindowStart: ready, timeWindowEnd: due });
    points.push({ x, y });
  }
  if (capacity === null) throw lineError(vehicleLine || lines.length, 'missing VEHICLE block with NUMBER and CAPACITY');
  if (nodes.length === 0) throw lineError(lines.length, 'no CUSTOMER rows', 'empty_input');
  const matrix = points.map((a) => points.map((b) => computeEuclideanDistance(a.x, a.y, b.x, b.y, 'none')));
  return {
    name: name || 'solomon',
    distanceUnit: 'unit',
    timeUnit: 'unit',
    distanceConvention: { kind: 'euclidean', rounding: 'none' },
    nodes,
    distanceMatrix: matrix,
    travelTimeMatrix: matrix.map((row) => [...row]),
    vehicleTypes: [{ id: 'vehicle', count: vehicleCount, capacity, fixedCost: 0, costPerDistance: 1, maxRouteDuration: null, depotId: '0', breaks: [] }],
  };
}

const COLUMNS = ['customer number', 'x', 'y', 'demand', 'ready time', 'due date', 'service time'];
