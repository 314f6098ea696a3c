import type { CoreErrorCode } from '../shared/core-error';
import { computeEuclideanDistance, computeHaversineKm } from './compute-distance';
import { parseJsonWithLines } from './internal/json-with-lines';
import { lineError } from './internal/line-error';
import type { DistanceConvention, DriverBreak, RoutingInstance, RoutingNode, VehicleType } from './types';

type JsonObject = Record<string, unknown>;

/**
 * Parses the project's routing JSON (see docs/formats/routing.md): `depots`, `stops`, `vehicles` and a
 * `distance` block — either a `matrix` (distances, optional travel times; rows in the order depots then
 * stops), `euclidean` x/y coordinates, or `haversine` latitude/longitude with a road factor and a speed
 * (distance km = haversine × roadFactor; minutes = km / speedKmPerHour × 60). Times are in minutes.
 * Example: two stops 1 km apart by haversine with roadFactor 1.3 and 60 km/h → 1.3 km and 1.3 minutes.
 * Throws CoreError with `path: 'line N'` and the field name for any missing or invalid value.
 */
export function parseRoutingJson(text: string): RoutingInstance {
  const document = parseJsonWithLines(text);
  const fail = (container: object, key: string | number | undefined, message: string, code: CoreErrorCode = 'invalid_input'): never => {
    throw lineError(document.lineOf(container, key), message, code);
  };
  const asObject = (value: unknown, container: object, key: string | number, path: string): JsonObject => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(container, key, `${path} must be an object`);
    return value as JsonObject;
  };
  const asArray = (container: JsonObject, key: string, path: string, required: boolean): unknown[] => {
    const value = container[key];
    if (value === undefined && !required) return [];
    if (!Array.isArray(value)) return fail(container, key, `${path} must be an array`);
    return value;
  };
  const numberField = (object: JsonObject, key: string, path: string, fallback?: number, min = Number.NEGATIVE_INFINITY): number => {
    const value = object[key];
    if (value === undefined || value === null) {
      if (fallback !== undefined) return fallback;
      return fail(object, undefined, `${path}.${key} is required`);
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) return fail(object, key, `${path}.${key} must be a number`, 'not_finite');
    if (value < min) return fail(object, key, `${path}.${key} must be ≥ ${min}`, min === 0 ? 'negative_value' : 'out_of_range');
    return value;
  };
  const stringField = (object: JsonObject, key: string, path: string, fallback?: string): string => {
    const value = object[key];
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value !== 'string' || value === '') return fail(object, value === undefined ? undefined : key, `${path}.${key} must be a non-empty string`);
    return value;
  };

  const root = document.value;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) throw lineError(1, 'the document must be a JSON object');
  const top = root as JsonObject;
  const distanceBlock = asObject(top.distance ?? fail(top, undefined, 'distance block is required'), top, 'distance', 'distance');
  const kind = stringField(distanceBlock, 'kind', 'distance');
  if (kind !== 'matrix' && kind !== 'euclidean' && kind !== 'haversine') fail(distanceBlock, 'kind', `distance.kind must be matrix, euclidean or haversine, got ${kind}`, 'unsupported');

  type Located = { node: RoutingNode; lat?: number; lon?: number; source: JsonObject; path: string };
  const located: Located[] = [];
  const ids = new Map<string, string>();
  const readPoint = (object: JsonObject, path: string, item: Located): void => {
    if (kind === 'haversine') {
      item.lat = numberField(object, 'lat', path);
      item.lon = numberField(object, 'lon', path);
      if (Math.abs(item.lat) > 90) fail(object, 'lat', `${path}.lat must be within [-90, 90]`, 'out_of_range');
      if (Math.abs(item.lon) > 180) fail(object, 'lon', `${path}.lon must be within [-180, 180]`, 'out_of_range');
      item.node.x = item.lon;
      item.node.y = item.lat;
    } else if (kind === 'euclidean') {
      item.node.x = numberField(object, 'x', path);
      item.node.y = numberField(object, 'y', path);
    }
  };
  const register = (object: JsonObject, path: string, id: string): void => {
    if (ids.has(id)) fail(object, 'id', `${path}.id ${id} is already used by ${ids.get(id)}`);
    ids.set(id, path);
  };

  const depotsJson = asArray(top, 'depots', 'depots', true);
  if (depotsJson.length === 0) fail(top, 'depots', 'at least one depot is required', 'empty_input');
  depotsJson.forEach((value, index) => {
    const path = `depots[${index}]`;
    const object = asObject(value, depotsJson, index, path);
    const id = stringField(object, 'id', path);
    register(object, path, id);
    const open = numberField(object, 'openMinute', path, 0);
    const close = numberField(object, 'closeMinute', path, Number.POSITIVE_INFINITY);
    if (close < open) fail(object, 'closeMinute', `${path}.closeMinute is before openMinute`, 'out_of_range');
    const item: Located = { node: { id, kind: 'depot', demand: 0, serviceDuration: 0, timeWindowStart: open, timeWindowEnd: close }, source: object, path };
    readPoint(object, path, item);
    located.push(item);
  });
  const stopsJson = asArray(top, 'stops', 'stops', true);
  if (stopsJson.length === 0) fail(top, 'stops', 'at least one stop is required', 'empty_input');
  stopsJson.forEach((value, index) => {
    const path = `stops[${index}]`;
    const object = asObject(value, stopsJson, index, path);
    const id = stringField(object, 'id', path);
    register(object, path, id);
    const start = numberField(object, 'windowStartMinute', path, 0);
    const end = numberField(object, 'windowEndMinute', path, Number.POSITIVE_INFINITY);
    if (end < start) fail(object, 'windowEndMinute', `${path}.windowEndMinute is before windowStartMinute`, 'out_of_range');
    const node: RoutingNode = {
      id,
      kind: 'customer',
      demand: numberField(object, 'demand', path, 0, 0),
      serviceDuration: numberField(object, 'serviceMinutes', path, 0, 0),
      timeWindowStart: start,
      timeWindowEnd: end,
    };
    const pickup = numberField(object, 'pickupQuantity', path, 0, 0);
    if (pickup > 0) node.pickupQuantity = pickup;
    if (object.deliverToId !== undefined) node.deliverToId = stringField(object, 'deliverToId', path);
    const item: Located = { node, source: object, path };
    readPoint(object, path, item);
    located.push(item);
  });
  for (const item of located) {
    if (item.node.deliverToId !== undefined && !ids.has(item.node.deliverToId)) fail(item.source, 'deliverToId', `${item.path}.deliverToId ${item.node.deliverToId} is not a stop`, 'unknown_reference');
  }

  const n = located.length;
  let distanceMatrix: number[][];
  let travelTimeMatrix: number[][];
  let convention: DistanceConvention;
  if (kind === 'matrix') {
    const readMatrix = (key: string, required: boolean): number[][] | null => {
      if (distanceBlock[key] === undefined && !required) return null;
      const rows = asArray(distanceBlock, key, `distance.${key}`, true);
      if (rows.length !== n) fail(distanceBlock, key, `distance.${key} has ${rows.length} rows for ${n} depots and stops`, 'length_mismatch');
      return rows.map((row, i) => {
        if (!Array.isArray(row)) return fail(rows, i, `distance.${key}[${i}] must be an array`);
        if (row.length !== n) fail(rows, i, `distance.${key}[${i}] has ${row.length} values for ${n} depots and stops`, 'length_mismatch');
        return row.map((cell, j) => {
          if (typeof cell !== 'number' || !Number.isFinite(cell)) return fail(row, j, `distance.${key}[${i}][${j}] must be a number`, 'not_finite');
          if (cell < 0) fail(row, j, `distance.${key}[${i}][${j}] must be ≥ 0`, 'negative_value');
          return cell;
        });
      });
    };
    distanceMatrix = readMatrix('distances', true)!;
    travelTimeMatrix = readMatrix('travelTimes', false) ?? distanceMatrix.map((row) => [...row]);
    convention = { kind: 'matrix' };
  } else if (kind === 'euclidean') {
    const roundingValue = stringField(distanceBlock, 'rounding', 'distance', 'none');
    if (roundingValue !== 'none' && roundingValue !== 'nearest-integer') fail(distanceBlock, 'rounding', 'distance.rounding must be none or nearest-integer', 'unsupported');
    const rounding = roundingValue as 'none' | 'nearest-integer';
    const speed = numberField(distanceBlock, 'speedDistancePerMinute', 'distance', 1);
    if (!(speed > 0)) fail(distanceBlock, 'speedDistancePerMinute', 'distance.speedDistancePerMinute must be > 0', 'out_of_range');
    distanceMatrix = located.map((a) => located.map((b) => computeEuclideanDistance(a.node.x!, a.node.y!, b.node.x!, b.node.y!, rounding)));
    travelTimeMatrix = distanceMatrix.map((row) => row.map((d) => d / speed));
    convention = { kind: 'euclidean', rounding };
  } else {
    const roadFactor = numberField(distanceBlock, 'roadFactor', 'distance', 1.3);
    const speed = numberField(distanceBlock, 'speedKmPerHour', 'distance', 50);
    if (roadFactor < 1) fail(distanceBlock, 'roadFactor', 'distance.roadFactor must be ≥ 1', 'out_of_range');
    if (!(speed > 0)) fail(distanceBlock, 'speedKmPerHour', 'distance.speedKmPerHour must be > 0', 'out_of_range');
    distanceMatrix = located.map((a) => located.map((b) => roadFactor * computeHaversineKm(a.lat!, a.lon!, b.lat!, b.lon!)));
    travelTimeMatrix = distanceMatrix.map((row) => row.map((km) => (km / speed) * 60));
    convention = { kind: 'haversine', roadFactor, speedKmPerHour: speed };
  }

  const vehiclesJson = asArray(top, 'vehicles', 'vehicles', true);
  if (vehiclesJson.length === 0) fail(top, 'vehicles', 'at least one vehicle type is required', 'empty_input');
  const depotIds = new Set(located.filter((item) => item.node.kind === 'depot').map((item) => item.node.id));
  const vehicleTypes: VehicleType[] = vehiclesJson.map((value, index) => {
    const path = `vehicles[${index}]`;
    const object = asObject(value, vehiclesJson, index, path);
    const capacity = numberField(object, 'capacity', path);
    if (!(capacity > 0)) fail(object, 'capacity', `${path}.capacity must be > 0`, 'out_of_range');
    const countValue = object.count;
    const count = countValue === undefined || countValue === null ? null : numberField(object, 'count', path, undefined, 0);
    if (count !== null && !Number.isInteger(count)) fail(object, 'count', `${path}.count must be a whole number`, 'out_of_range');
    const depotId = stringField(object, 'depotId', path, [...depotIds][0]);
    if (!depotIds.has(depotId)) fail(object, 'depotId', `${path}.depotId ${depotId} is not a depot`, 'unknown_reference');
    const maxMinutes = object.maxRouteMinutes === undefined || object.maxRouteMinutes === null ? null : numberField(object, 'maxRouteMinutes', path, undefined, 0);
    const breaksJson = asArray(object, 'breaks', `${path}.breaks`, false);
    const breaks: DriverBreak[] = breaksJson.map((entry, b) => {
      const breakPath = `${path}.breaks[${b}]`;
      const breakObject = asObject(entry, breaksJson, b, breakPath);
      const rest = {
        duration: numberField(breakObject, 'durationMinutes', breakPath, undefined, 0),
        earliestStart: numberField(breakObject, 'earliestStartMinute', breakPath, 0),
        latestStart: numberField(breakObject, 'latestStartMinute', breakPath),
      };
      if (rest.latestStart < rest.earliestStart) fail(breakObject, 'latestStartMinute', `${breakPath}.latestStartMinute is before earliestStartMinute`, 'out_of_range');
      return rest;
    });
    return {
      id: stringField(object, 'id', path),
      count,
      capacity,
      fixedCost: numberField(object, 'fixedCost', path, 0, 0),
      costPerDistance: numberField(object, 'costPerDistance', path, 1, 0),
      maxRouteDuration: maxMinutes,
      depotId,
      breaks,
    };
  });
  return {
    name: typeof top.name === 'string' ? top.name : 'routing instance',
    distanceUnit: kind === 'haversine' ? 'km' : 'unit',
    timeUnit: 'minute',
    distanceConvention: convention,
    nodes: located.map((item) => item.node),
    distanceMatrix,
    travelTimeMatrix,
    vehicleTypes,
  };
}
