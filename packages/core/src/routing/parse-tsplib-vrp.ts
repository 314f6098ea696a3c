import { computeEuclideanDistance } from './compute-distance';
import { lineError, parseNumberToken } from './internal/line-error';
import type { RoutingInstance, RoutingNode } from './types';

/**
 * Parses a CVRPLIB/TSPLIB `.vrp` file (TYPE CVRP) into a routing instance.
 *
 * Supported: EDGE_WEIGHT_TYPE EUC_2D (TSPLIB nint rounding, the convention of every CVRPLIB best known
 * value), CEIL_2D, EXPLICIT (FULL_MATRIX, LOWER_ROW, LOWER_DIAG_ROW, UPPER_ROW, UPPER_DIAG_ROW);
 * sections NODE_COORD_SECTION, DEMAND_SECTION, DEPOT_SECTION, EDGE_WEIGHT_SECTION; keys CAPACITY,
 * VEHICLES (fleet size; else Augerat's "No of trucks: k" in COMMENT, the fixed fleet behind the A/B/P
 * optima; else unlimited, as for the X set), DISTANCE (maximum route length, also as duration since
 * travel time = distance), SERVICE_TIME. Node ids are kept as written (CVRPLIB: depot 1, customers 2…n).
 * Example: A-n32-k5 → 32 nodes, capacity 100, d(1,2) = nint(√((82−96)² + (76−44)²)) = 35.
 * Throws CoreError with `path: 'line N'` for any malformed line (unknown section, bad number, missing
 * demand, unsupported edge weight type, …).
 */
export function parseTsplibVrp(text: string): RoutingInstance {
  const lines = text.split(/\r?\n/);
  const header = new Map<string, { value: string; line: number }>();
  const coordinates = new Map<string, { x: number; y: number; line: number }>();
  const demands = new Map<string, number>();
  const depotIds: string[] = [];
  const weights: number[] = [];
  let weightSectionLine = 0;
  let section: 'none' | 'coords' | 'demand' | 'depot' | 'weights' | 'ignored' = 'none';
  let depotEnded = false;
  let sawEof = false;

  for (let k = 0; k < lines.length; k++) {
    const lineNumber = k + 1;
    const raw = lines[k]!.trim();
    if (raw === '') continue;
    if (sawEof) continue;
    const upper = raw.toUpperCase();
    if (upper === 'EOF') {
      sawEof = true;
      continue;
    }
    if (/^[A-Z_]+_SECTION\b/.test(upper)) {
      const name = upper.split(/\s+/)[0]!;
      if (name === 'NODE_COORD_SECTION') section = 'coords';
      else if (name === 'DEMAND_SECTION') section = 'demand';
      else if (name === 'DEPOT_SECTION') section = 'depot';
      else if (name === 'EDGE_WEIGHT_SECTION') {
        section = 'weights';
        weightSectionLine = lineNumber;
      } else if (name === 'DISPLAY_DATA_SECTION') section = 'ignored';
      else throw lineError(lineNumber, `unknown section ${name}`, 'unsupported');
      continue;
    }
    const headerMatch = /^([A-Za-z_]+)\s*:\s*(.*)$/.exec(raw);
    if (headerMatch && !/^[-+\d.]/.test(raw)) {
      header.set(headerMatch[1]!.toUpperCase(), { value: headerMatch[2]!.trim(), line: lineNumber });
      section = 'none';
      continue;
    }
    const tokens = raw.split(/\s+/);
    switch (section) {
      case 'coords': {
        if (tokens.length < 3) throw lineError(lineNumber, `expected "id x y", got ${JSON.stringify(raw)}`);
        const id = tokens[0]!;
        parseNumberToken(id, lineNumber, 'node id');
        if (coordinates.has(id)) throw lineError(lineNumber, `node ${id} has two coordinate lines`);
        coordinates.set(id, { x: parseNumberToken(tokens[1], lineNumber, 'x'), y: parseNumberToken(tokens[2], lineNumber, 'y'), line: lineNumber });
        break;
      }
      case 'demand': {
        if (tokens.length !== 2) throw lineError(lineNumber, `expected "id demand", got ${JSON.stringify(raw)}`);
        const value = parseNumberToken(tokens[1], lineNumber, 'demand');
        if (value < 0) throw lineError(lineNumber, `demand of node ${tokens[0]} is negative`, 'negative_value');
        demands.set(tokens[0]!, value);
        break;
      }
      case 'depot': {
        for (const token of tokens) {
          const value = parseNumberToken(token, lineNumber, 'depot id');
          if (value === -1) depotEnded = true;
          else if (!depotEnded) depotIds.push(token);
        }
        break;
      }
      case 'weights':
        for (const token of tokens) weights.push(parseNumberToken(token, lineNumber, 'edge weight'));
        break;
      case 'ignored':
        break;
      default:
        throw lineError(lineNumber, `unexpected line outside any section: ${JSON.stringify(raw)}`);
    }
  }

  const required = (key: string): { value: string; line: number } => {
    const entry = header.get(key);
    if (!entry) throw lineError(lines.length, `missing ${key} header`);
    return entry;
  };
  const type = header.get('TYPE');
  if (type && !/^(CVRP|VRP|TSP)$/i.test(type.value)) throw lineError(type.line, `TYPE ${type.value} is not supported (CVRP only)`, 'unsupported');
  const dimensionEntry = required('DIMENSION');
  const dimension = parseNumberToken(dimensionEntry.value, dimensionEntry.line, 'DIMENSION');
  if (!Number.isInteger(dimension) || dimension < 1) throw lineError(dimensionEntry.line, 'DIMENSION must be a whole number ≥ 1', 'out_of_range');
  const capacityEntry = required('CAPACITY');
  const capacity = parseNumberToken(capacityEntry.value, capacityEntry.line, 'CAPACITY');
  if (!(capacity > 0)) throw lineError(capacityEntry.line, 'CAPACITY must be > 0', 'out_of_range');
  const vehiclesEntry = header.get('VEHICLES');
  // Augerat's sets (A, B, P) state their fixed fleet in the comment: "No of trucks: 5" (not "Min no of trucks").
  const trucksInComment = /(?:^|[^a-z])no of trucks\s*:\s*(\d+)/i.exec(header.get('COMMENT')?.value ?? '');
  const minimumOnly = /min(?:imum)?\.? no of trucks/i.test(header.get('COMMENT')?.value ?? '');
  const vehicleCount = vehiclesEntry
    ? parseNumberToken(vehiclesEntry.value, vehiclesEntry.line, 'VEHICLES')
    : trucksInComment && !minimumOnly
      ? Number(trucksInComment[1])
      : null;
  const distanceEntry = header.get('DISTANCE');
  const maxRouteDistance = distanceEntry ? parseNumberToken(distanceEntry.value, distanceEntry.line, 'DISTANCE') : null;
  const serviceEntry = header.get('SERVICE_TIME');
  const serviceTime = serviceEntry ? parseNumberToken(serviceEntry.value, serviceEntry.line, 'SERVICE_TIME') : 0;
  const weightTypeEntry = header.get('EDGE_WEIGHT_TYPE') ?? { value: 'EUC_2D', line: 1 };
  const weightType = weightTypeEntry.value.toUpperCase();
  if (!['EUC_2D', 'CEIL_2D', 'EXPLICIT'].includes(weightType)) throw lineError(weightTypeEntry.line, `EDGE_WEIGHT_TYPE ${weightType} is not supported (EUC_2D, CEIL_2D, EXPLICIT)`, 'unsupported');

  // Node ids: from the coordinates if any, else 1..DIMENSION.
  const ids = coordinates.size > 0 ? [...coordinates.keys()] : Array.from({ length: dimension }, (_, i) => String(i + 1));
  if (ids.length !== dimension) throw lineError(dimensionEntry.line, `DIMENSION is ${dimension} but ${ids.length} nodes have coordinates`, 'length_mismatch');
  if (depotIds.length === 0) depotIds.push(ids[0]!);
  for (const id of depotIds) if (!ids.includes(id)) throw lineError(lines.length, `depot ${id} is not a node`, 'unknown_reference');
  for (const id of ids) if (!depotIds.includes(id) && !demands.has(id)) throw lineError(coordinates.get(id)?.line ?? lines.length, `node ${id} has no demand in DEMAND_SECTION`);
  for (const id of demands.keys()) if (!ids.includes(id)) throw lineError(lines.length, `DEMAND_SECTION names unknown node ${id}`, 'unknown_reference');

  const n = ids.length;
  const matrix: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  if (weightType === 'EXPLICIT') {
    const formatEntry = header.get('EDGE_WEIGHT_FORMAT') ?? { value: 'FULL_MATRIX', line: weightTypeEntry.line };
    fillExplicit(matrix, weights, formatEntry.value.toUpperCase(), formatEntry.line, weightSectionLine);
  } else {
    for (let i = 0; i < n; i++) {
      const a = coordinates.get(ids[i]!)!;
      for (let j = 0; j < n; j++) {
        const b = coordinates.get(ids[j]!)!;
        const exact = computeEuclideanDistance(a.x, a.y, b.x, b.y, 'none');
        matrix[i]![j] = weightType === 'CEIL_2D' ? Math.ceil(exact) : Math.floor(exact + 0.5);
      }
    }
  }
  const nodes: RoutingNode[] = ids.map((id) => {
    const isDepot = depotIds.includes(id);
    const point = coordinates.get(id);
    const node: RoutingNode = {
      id,
      kind: isDepot ? 'depot' : 'customer',
      demand: isDepot ? 0 : demands.get(id)!,
      serviceDuration: isDepot ? 0 : serviceTime,
      timeWindowStart: 0,
      timeWindowEnd: Number.POSITIVE_INFINITY,
    };
    if (point) {
      node.x = point.x;
      node.y = point.y;
    }
    return node;
  });
  const name = header.get('NAME')?.value ?? 'unnamed';
  return {
    name,
    distanceUnit: 'unit',
    timeUnit: 'unit',
    distanceConvention: weightType === 'EXPLICIT' ? { kind: 'matrix' } : { kind: 'euclidean', rounding: 'nearest-integer' },
    nodes,
    distanceMatrix: matrix,
    travelTimeMatrix: matrix.map((row) => [...row]),
    vehicleTypes: [
      {
        id: 'vehicle',
        count: vehicleCount,
        capacity,
        fixedCost: 0,
        costPerDistance: 1,
        maxRouteDuration: maxRouteDistance,
        depotId: depotIds[0]!,
        breaks: [],
      },
    ],
  };
}

function fillExplicit(matrix: number[][], weights: number[], format: string, formatLine: number, sectionLine: number): void {
  const n = matrix.length;
  const pairs: [number, number][] = [];
  switch (format) {
    case 'FULL_MATRIX':
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) pairs.push([i, j]);
      break;
    case 'LOWER_ROW':
      for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) pairs.push([i, j]);
      break;
    case 'LOWER_DIAG_ROW':
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) pairs.push([i, j]);
      break;
    case 'UPPER_ROW':
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push([i, j]);
      break;
    case 'UPPER_DIAG_ROW':
      for (let i = 0; i < n; i++) for (let j = i; j < n; j++) pairs.push([i, j]);
      break;
    default:
      throw lineError(formatLine, `EDGE_WEIGHT_FORMAT ${format} is not supported`, 'unsupported');
  }
  if (weights.length !== pairs.length) throw lineError(sectionLine, `EDGE_WEIGHT_SECTION has ${weights.length} values, ${format} needs ${pairs.length}`, 'length_mismatch');
  pairs.forEach(([i, j], k) => {
    const value = weights[k]!;
    if (value < 0) throw lineError(sectionLine, `negative edge weight ${value}`, 'negative_value');
    matrix[i]![j] = value;
    if (format !== 'FULL_MATRIX') matrix[j]![i] = value;
  });
}
