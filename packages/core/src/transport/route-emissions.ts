import { CoreError } from '../shared/core-error';
import { DEFAULT_EMISSION_FACTORS, type EmissionFactor } from './emission-factors';
import type { TransportMode } from './types';

export type RouteEmissionsInput = {
  mode: TransportMode;
  /** Driven segments in order, empty running included, with the load on board. */
  segments: { distanceKm: number; loadTonnes: number }[];
  /** Shipments carried: mass and shortest feasible distance from their loading to their unloading point. */
  shipments: { id: string; massTonnes: number; distanceKm: number }[];
  /** Energy used on the route (preferred by ISO 14083): quantity × WTW factor, e.g. litres of diesel. */
  energy?: { quantity: number; unit: 'l' | 'kg' | 'kWh'; wtwKgCo2ePerUnit: number; source: string };
  /** Without energy data: intensity applied to the tonne-km driven (default: the table's factor for the mode). */
  intensityGCo2ePerTonneKm?: number;
  factorId?: string;
};

export type RouteEmissionsResult = {
  method: 'energy-based' | 'activity-based';
  co2eKg: number;
  /** Σ load × km actually driven. */
  drivenTonneKm: number;
  /** Σ shipment mass × shortest feasible distance: the allocation base. */
  allocationTonneKm: number;
  /** Route emission intensity on the allocation base, g CO2e per t-km. */
  intensityGCo2ePerTonneKm: number;
  source: string;
  /** The emission factor used (activity-based with a table factor), or what stands for it: the energy data or a user intensity. */
  factor: { id: string; source: string; version: string; verified: boolean };
  shipments: { id: string; tonneKm: number; share: number; co2eKg: number }[];
};

/**
 * CO2e of one vehicle route (a multi-drop tour) and its allocation to the shipments carried, ISO 14083 style:
 * route emissions = energy × WTW factor (energy-based) or Σ segment load (t) × km × intensity (activity-based);
 * each shipment gets emissions × (mass × shortest feasible distance) / Σ (mass × shortest feasible distance).
 * Sources: ISO 14083:2023 (transport operation category intensity and tonne-km allocation); GLEC Framework v3.0.
 * Example (hand-computed): 100 l diesel × 3.24 kg/l = 324 kg; shipments A 2 t × 50 km, B 1 t × 100 km, C 4 t × 50 km
 * = 100 + 100 + 200 t-km → A 81 kg, B 81 kg, C 162 kg; route intensity 810 g/t-km.
 * Throws empty_input, not_finite, negative_value, unknown_reference (no factor for the mode).
 */
export function computeRouteEmissions(input: RouteEmissionsInput, factors: readonly EmissionFactor[] = DEFAULT_EMISSION_FACTORS): RouteEmissionsResult {
  const check = (value: number, path: string): void => {
    if (!Number.isFinite(value)) throw new CoreError('not_finite', `${path} must be finite`, { path });
    if (value < 0) throw new CoreError('negative_value', `${path} must be ≥ 0`, { path });
  };
  if (input.shipments.length === 0) throw new CoreError('empty_input', 'a route carries at least one shipment', { path: 'shipments' });
  input.segments.forEach((segment, index) => {
    check(segment.distanceKm, `segments[${index}].distanceKm`);
    check(segment.loadTonnes, `segments[${index}].loadTonnes`);
  });
  input.shipments.forEach((shipment, index) => {
    check(shipment.massTonnes, `shipments[${index}].massTonnes`);
    check(shipment.distanceKm, `shipments[${index}].distanceKm`);
  });
  const drivenTonneKm = input.segments.reduce((sum, s) => sum + s.loadTonnes * s.distanceKm, 0);
  const allocationTonneKm = input.shipments.reduce((sum, s) => sum + s.massTonnes * s.distanceKm, 0);
  let co2eKg: number;
  let method: RouteEmissionsResult['method'];
  let source: string;
  let factorRef: RouteEmissionsResult['factor'];
  if (input.energy !== undefined) {
    check(input.energy.quantity, 'energy.quantity');
    check(input.energy.wtwKgCo2ePerUnit, 'energy.wtwKgCo2ePerUnit');
    co2eKg = input.energy.quantity * input.energy.wtwKgCo2ePerUnit;
    method = 'energy-based';
    source = input.energy.source;
    factorRef = { id: `energy-${input.energy.unit}`, source: input.energy.source, version: '-', verified: true };
  } else {
    let intensity = input.intensityGCo2ePerTonneKm;
    source = 'user-supplied intensity';
    factorRef = { id: 'user-supplied', source: 'user', version: '-', verified: true };
    if (intensity === undefined) {
      const factor = input.factorId !== undefined ? factors.find((f) => f.id === input.factorId) : factors.find((f) => f.mode === input.mode);
      if (factor === undefined) throw new CoreError('unknown_reference', `no emission factor for ${input.factorId ?? input.mode}`, { path: input.factorId !== undefined ? 'factorId' : 'mode' });
      intensity = factor.intensityGCo2ePerTonneKm;
      source = `${factor.id}: ${factor.source} (${factor.version}${factor.verified ? '' : ', unverified default'})`;
      factorRef = { id: factor.id, source: factor.source, version: factor.version, verified: factor.verified };
    }
    check(intensity, 'intensityGCo2ePerTonneKm');
    co2eKg = (drivenTonneKm * intensity) / 1000;
    method = 'activity-based';
  }
  return {
    method,
    co2eKg,
    drivenTonneKm,
    allocationTonneKm,
    intensityGCo2ePerTonneKm: allocationTonneKm > 0 ? (co2eKg * 1000) / allocationTonneKm : 0,
    source,
    factor: factorRef,
    shipments: input.shipments.map((shipment) => {
      const tonneKm = shipment.massTonnes * shipment.distanceKm;
      const share = allocationTonneKm > 0 ? tonneKm / allocationTonneKm : 1 / input.shipments.length;
      return { id: shipment.id, tonneKm, share, co2eKg: co2eKg * share };
    }),
  };
}
