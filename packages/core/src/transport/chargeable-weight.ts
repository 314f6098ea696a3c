import { CoreError } from '../shared/core-error';
import type { TransportMode } from './types';

/**
 * Default volumetric (dimensional) factors in kg per m³ by mode: chargeable weight = max(actual, volume × factor).
 * air 1:6000 cm³/kg = 166.67 kg/m³ (IATA rule, TACT Rules 3.9.2.2 / IATA Resolution 502);
 * parcel 1:5000 cm³/kg = 200 kg/m³ (express couriers' common convention);
 * road LTL 1:3000 cm³/kg = 333 kg/m³ (common European groupage convention; some carriers use loading metres);
 * sea LCL and inland waterway 1 m³ = 1 t, 1 000 kg/m³ (the "weight or measure" freight-ton);
 * rail 333 kg/m³ (as road groupage); road FTL 0: a full truck is priced per trip, not per kg.
 * These are conventions, not law: a carrier's tariff (`volumetricKgPerM3`) overrides them.
 */
export const DEFAULT_VOLUMETRIC_KG_PER_M3: Readonly<Record<TransportMode, number>> = {
  air: 1_000_000 / 6000,
  parcel: 200,
  'road-ltl': 333,
  'road-ftl': 0,
  rail: 333,
  sea: 1000,
  'inland-waterway': 1000,
};

/**
 * Chargeable weight in kg: the greater of the actual weight and the volumetric weight (volumeM3 × kgPerM3).
 * Source: IATA TACT Rules (air, 6 000 cm³ per kg); carrier conventions for other modes.
 * Example: 100 kg, 1.2 m³ by air: max(100, 1.2 × 166.67) = 200 kg.
 * Throws not_finite / negative_value.
 */
export function computeChargeableWeightKg(weightKg: number, volumeM3: number, kgPerM3: number): number {
  for (const [name, value] of [['weightKg', weightKg], ['volumeM3', volumeM3], ['kgPerM3', kgPerM3]] as const) {
    if (!Number.isFinite(value)) throw new CoreError('not_finite', `${name} must be finite`, { path: name });
    if (value < 0) throw new CoreError('negative_value', `${name} must be ≥ 0`, { path: name });
  }
  return Math.max(weightKg, volumeM3 * kgPerM3);
}
