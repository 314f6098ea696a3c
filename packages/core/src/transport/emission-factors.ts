import { CoreError } from '../shared/core-error';
import type { TransportMode } from './types';

/** One emission intensity: grams CO2e per tonne-km, well-to-wheel, with where it comes from. */
export type EmissionFactor = {
  id: string;
  mode: TransportMode;
  description: string;
  intensityGCo2ePerTonneKm: number;
  scope: 'well-to-wheel';
  /** True when the intensity already includes typical empty running and average load (GLEC defaults do). */
  includesEmptyRunning: boolean;
  source: string;
  version: string;
  /** False until someone has checked the value against the cited table; such values are placeholders to override. */
  verified: boolean;
  note?: string;
};

const GLEC_V3 = 'Smart Freight Centre, GLEC Framework for Logistics Emissions Accounting and Reporting v3.0 (2023), default WTW emission intensities';

/**
 * Default emission intensities (WTW, g CO2e per t-km). They are DEFAULTS meant to be replaced by carrier-specific
 * or modelled values (ISO 14083 prefers primary data). The numbers are indicative values of the cited framework's
 * order of magnitude, entered without the table at hand: every row is `verified: false` until checked against the
 * GLEC v3 tables (or replaced by ADEME Base Carbone values); pass your own table to computeTransportEmissions.
 */
export const DEFAULT_EMISSION_FACTORS: readonly EmissionFactor[] = [
  { id: 'road-articulated-34-40t-diesel', mode: 'road-ftl', description: 'Articulated truck 34–40 t GVW, diesel, average load, Europe', intensityGCo2ePerTonneKm: 80, scope: 'well-to-wheel', includesEmptyRunning: true, source: GLEC_V3, version: 'GLEC v3.0 (2023)', verified: false, note: 'GLEC v3 Table 8 (Europe road) gives a WTT part of 22 g/t-km for this category (as listed by climatiq.io); with diesel WTT ≈ 18 % of WTW (EN 16258: 0.57 of 3.24 kg CO2e/l) the WTW default is likely nearer 120 g/t-km: check the table before use' },
  { id: 'road-rigid-12-20t-diesel', mode: 'road-ltl', description: 'Rigid truck 12–20 t GVW, diesel, groupage/LTL, Europe', intensityGCo2ePerTonneKm: 160, scope: 'well-to-wheel', includesEmptyRunning: true, source: GLEC_V3, version: 'GLEC v3.0 (2023)', verified: false },
  { id: 'road-van-3.5t-diesel', mode: 'parcel', description: 'Van ≤ 3.5 t, diesel, parcel delivery', intensityGCo2ePerTonneKm: 700, scope: 'well-to-wheel', includesEmptyRunning: true, source: GLEC_V3, version: 'GLEC v3.0 (2023)', verified: false },
  { id: 'rail-freight-average-eu', mode: 'rail', description: 'Rail freight, average electric/diesel traction mix, Europe', intensityGCo2ePerTonneKm: 20, scope: 'well-to-wheel', includesEmptyRunning: true, source: GLEC_V3, version: 'GLEC v3.0 (2023)', verified: false },
  { id: 'sea-container-deep-sea-average', mode: 'sea', description: 'Container ship, deep-sea trade lane average', intensityGCo2ePerTonneKm: 13, scope: 'well-to-wheel', includesEmptyRunning: true, source: GLEC_V3, version: 'GLEC v3.0 (2023)', verified: false },
  { id: 'inland-waterway-motor-vessel', mode: 'inland-waterway', description: 'Inland waterway motor vessel, dry bulk/container average', intensityGCo2ePerTonneKm: 35, scope: 'well-to-wheel', includesEmptyRunning: true, source: GLEC_V3, version: 'GLEC v3.0 (2023)', verified: false },
  { id: 'air-freight-long-haul-average', mode: 'air', description: 'Air cargo, long haul, belly/freighter average', intensityGCo2ePerTonneKm: 800, scope: 'well-to-wheel', includesEmptyRunning: true, source: GLEC_V3, version: 'GLEC v3.0 (2023)', verified: false },
];

/** One leg of a transport chain for ISO 14083 accounting. */
export type EmissionLeg = {
  mode: TransportMode;
  /** Mass of the consignment in tonnes (actual, not chargeable, weight). */
  massTonnes: number;
  distanceKm: number;
  /** Factor to use; default: the first factor of the table with this mode. */
  factorId?: string;
  /** Overrides the table with a carrier-specific intensity (g CO2e per t-km, WTW). */
  intensityGCo2ePerTonneKm?: number;
  /** Converts the given distance to the distance to account (e.g. shortest feasible → actual); default 1. */
  distanceAdjustmentFactor?: number;
  /** Empty km per loaded km, applied only when the intensity does not already include empty running; default 0. */
  emptyRunningShare?: number;
  label?: string;
};

export type EmissionLegResult = {
  label?: string;
  mode: TransportMode;
  tonneKm: number;
  intensityGCo2ePerTonneKm: number;
  emptyRunningUplift: number;
  co2eKg: number;
  factor: { id: string; source: string; version: string; verified: boolean } | { id: 'user-supplied'; source: 'user'; version: '-'; verified: true };
};

export type TransportEmissionsResult = { legs: EmissionLegResult[]; tonneKm: number; co2eKg: number; method: string };

/**
 * CO2e of a transport chain (per shipment or per route), ISO 14083:2023 / GLEC Framework v3 method:
 * per leg, activity = mass (t) × distance (km) × distance adjustment factor; emissions = activity × intensity
 * (g CO2e/t-km, WTW) × (1 + empty-running share when the intensity excludes it); chain = Σ legs.
 * Sources: ISO 14083:2023 §6 and §12 (transport operation categories, intensity × activity); GLEC Framework v3.0.
 * Example (hand-computed): 12 t by truck 80 g/t-km over 500 km → 6 000 t-km, 480 kg; then 12 t by rail
 * 20 g/t-km over 800 km → 9 600 t-km, 192 kg; chain 15 600 t-km, 672 kg CO2e.
 * Throws empty_input, not_finite, negative_value, unknown_reference (factor id or mode without a factor).
 */
export function computeTransportEmissions(legs: readonly EmissionLeg[], factors: readonly EmissionFactor[] = DEFAULT_EMISSION_FACTORS): TransportEmissionsResult {
  if (legs.length === 0) throw new CoreError('empty_input', 'at least one leg is needed', { path: 'legs' });
  const results = legs.map((leg, index): EmissionLegResult => {
    const path = `legs[${index}]`;
    for (const field of ['massTonnes', 'distanceKm', 'intensityGCo2ePerTonneKm', 'distanceAdjustmentFactor', 'emptyRunningShare'] as const) {
      const value = leg[field];
      if (value === undefined) continue;
      if (!Number.isFinite(value)) throw new CoreError('not_finite', `${field} must be finite`, { path: `${path}.${field}` });
      if (value < 0) throw new CoreError('negative_value', `${field} must be ≥ 0`, { path: `${path}.${field}` });
    }
    let intensity: number;
    let includesEmptyRunning: boolean;
    let factor: EmissionLegResult['factor'];
    if (leg.intensityGCo2ePerTonneKm !== undefined) {
      intensity = leg.intensityGCo2ePerTonneKm;
      includesEmptyRunning = false;
      factor = { id: 'user-supplied', source: 'user', version: '-', verified: true };
    } else {
      const found = leg.factorId !== undefined ? factors.find((f) => f.id === leg.factorId) : factors.find((f) => f.mode === leg.mode);
      if (found === undefined) throw new CoreError('unknown_reference', leg.factorId !== undefined ? `unknown emission factor ${leg.factorId}` : `no emission factor for mode ${leg.mode}`, { path: `${path}.${leg.factorId !== undefined ? 'factorId' : 'mode'}` });
      intensity = found.intensityGCo2ePerTonneKm;
      includesEmptyRunning = found.includesEmptyRunning;
      factor = { id: found.id, source: found.source, version: found.version, verified: found.verified };
    }
    const tonneKm = leg.massTonnes * leg.distanceKm * (leg.distanceAdjustmentFactor ?? 1);
    const emptyRunningUplift = includesEmptyRunning ? 0 : (leg.emptyRunningShare ?? 0);
    const co2eKg = (tonneKm * intensity * (1 + emptyRunningUplift)) / 1000;
    return { ...(leg.label === undefined ? {} : { label: leg.label }), mode: leg.mode, tonneKm, intensityGCo2ePerTonneKm: intensity, emptyRunningUplift, co2eKg, factor };
  });
  return {
    legs: results,
    tonneKm: results.reduce((sum, leg) => sum + leg.tonneKm, 0),
    co2eKg: results.reduce((sum, leg) => sum + leg.co2eKg, 0),
    method: 'ISO 14083:2023 / GLEC Framework v3: tonne-km × WTW intensity',
  };
}
