import { CoreError } from '../../shared/core-error';
import type { RoutingInstance } from '../types';

/** Refuses structurally bad instances (the parsers already report line numbers; this guards direct callers). */
export function assertValidInstance(instance: RoutingInstance): void {
  const n = instance.nodes.length;
  if (n === 0) throw new CoreError('empty_input', 'the instance has no node', { path: 'nodes' });
  if (instance.distanceMatrix.length !== n) throw new CoreError('length_mismatch', `distance matrix has ${instance.distanceMatrix.length} rows for ${n} nodes`, { path: 'distanceMatrix' });
  if (instance.travelTimeMatrix.length !== n) throw new CoreError('length_mismatch', `travel time matrix has ${instance.travelTimeMatrix.length} rows for ${n} nodes`, { path: 'travelTimeMatrix' });
  for (let i = 0; i < n; i++) {
    for (const [name, matrix] of [['distanceMatrix', instance.distanceMatrix], ['travelTimeMatrix', instance.travelTimeMatrix]] as const) {
      const row = matrix[i]!;
      if (row.length !== n) throw new CoreError('length_mismatch', `${name} row ${i} has ${row.length} values for ${n} nodes`, { path: `${name}[${i}]` });
      for (let j = 0; j < n; j++) {
        const value = row[j]!;
        if (!Number.isFinite(value)) throw new CoreError('not_finite', `${name}[${i}][${j}] is not a finite number`, { path: `${name}[${i}][${j}]` });
        if (value < 0) throw new CoreError('negative_value', `${name}[${i}][${j}] is negative`, { path: `${name}[${i}][${j}]` });
      }
    }
    const node = instance.nodes[i]!;
    if (!Number.isFinite(node.demand)) throw new CoreError('not_finite', `demand of ${node.id} is not finite`, { path: `nodes[${i}].demand` });
    if (node.demand < 0) throw new CoreError('negative_value', `demand of ${node.id} is negative`, { path: `nodes[${i}].demand` });
    if (!(node.serviceDuration >= 0)) throw new CoreError('negative_value', `service duration of ${node.id} is negative`, { path: `nodes[${i}].serviceDuration` });
    if (Number.isNaN(node.timeWindowStart) || Number.isNaN(node.timeWindowEnd) || node.timeWindowStart > node.timeWindowEnd) {
      throw new CoreError('out_of_range', `time window of ${node.id} is empty or invalid`, { path: `nodes[${i}].timeWindowStart` });
    }
  }
  const ids = new Set<string>();
  instance.nodes.forEach((node, i) => {
    if (ids.has(node.id)) throw new CoreError('invalid_input', `node id ${node.id} appears twice`, { path: `nodes[${i}].id` });
    ids.add(node.id);
  });
  instance.vehicleTypes.forEach((type, t) => {
    if (!(type.capacity > 0) || !Number.isFinite(type.capacity)) throw new CoreError('out_of_range', `vehicle type ${type.id} needs a positive finite capacity`, { path: `vehicleTypes[${t}].capacity` });
    if (type.count !== null && (!Number.isInteger(type.count) || type.count < 0)) throw new CoreError('out_of_range', `vehicle count of ${type.id} must be a whole number ≥ 0`, { path: `vehicleTypes[${t}].count` });
    if (!(type.fixedCost >= 0) || !(type.costPerDistance >= 0)) throw new CoreError('negative_value', `costs of vehicle type ${type.id} must be ≥ 0`, { path: `vehicleTypes[${t}]` });
    if (!ids.has(type.depotId)) throw new CoreError('unknown_reference', `vehicle type ${type.id} starts at unknown depot ${type.depotId}`, { path: `vehicleTypes[${t}].depotId` });
  });
}
