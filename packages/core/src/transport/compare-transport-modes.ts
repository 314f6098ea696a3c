import { CoreError } from '../shared/core-error';
import { computeTransportEmissions, type EmissionFactor, type EmissionLegResult } from './emission-factors';
import { rateShipment } from './rate-shipment';
import type { Shipment, ShipmentRate, Tariff, TransportMode } from './types';

/** One way to move the shipment: one leg (road, rail, sea, air…) or several (intermodal). */
export type TransportAlternative = {
  id: string;
  legs: { tariff: Tariff; distanceKm: number; origin?: string; destination?: string; zone?: string; destinationPostalCode?: string; factorId?: string }[];
  /** Days lost at each transfer between legs (default 1). */
  transferDays?: number;
};

export type TransportAlternativeResult = {
  id: string;
  mode: TransportMode | 'intermodal';
  cost: number;
  currency: string;
  transitDays: number;
  co2eKg: number;
  /** Per leg: the rate, the CO2e and the emission factor behind it (id, source, version, verified). */
  legs: (ShipmentRate & { distanceKm: number; co2eKg: number; emissionFactor: EmissionLegResult['factor'] })[];
  cheapest: boolean;
  fastest: boolean;
  lowestCo2e: boolean;
  /** No other alternative is at least as good on cost, transit and CO2e and better on one. */
  paretoEfficient: boolean;
};

export type CompareTransportModesResult = { alternatives: TransportAlternativeResult[]; rankedBy: 'cost' };

/**
 * Compares ways to move one shipment on cost, transit days and CO2e, ranked by cost (ties: transit, CO2e, id).
 * cost = Σ legs' rateShipment totals; transit = Σ legs' transit days + transferDays × (legs − 1);
 * CO2e = Σ mass (t) × leg distance × intensity (computeTransportEmissions). Flags cheapest, fastest, lowest CO2e and
 * Pareto-efficient alternatives.
 * Source: ISO 14083:2023 for emissions; tariffs as in rateShipment.
 * Example: 12 t by FTL over 850 km (150 € + 1.2 €/km) = 1 170 €, 2 days, 816 kg CO2e; truck 50 km + rail 750 km
 * (100 € + 0.05 €/t-km) + truck 50 km = 970 €, 1 + 3 + 1 + 2 transfer days = 7 days, 276 kg: both Pareto-efficient.
 * Throws empty_input, invalid_input (mixed currencies), and the errors of rateShipment and computeTransportEmissions.
 */
export function compareTransportModes(shipment: Shipment, alternatives: readonly TransportAlternative[], factors?: readonly EmissionFactor[]): CompareTransportModesResult {
  if (alternatives.length === 0) throw new CoreError('empty_input', 'at least one alternative is needed', { path: 'alternatives' });
  const results = alternatives.map((alternative, index): TransportAlternativeResult => {
    if (alternative.legs.length === 0) throw new CoreError('empty_input', 'an alternative needs at least one leg', { path: `alternatives[${index}].legs` });
    const legs = alternative.legs.map((leg) => {
      const rate = rateShipment(leg.tariff, {
        ...shipment,
        distanceKm: leg.distanceKm,
        ...(leg.origin === undefined ? {} : { origin: leg.origin }),
        ...(leg.destination === undefined ? {} : { destination: leg.destination }),
        ...(leg.zone === undefined ? {} : { zone: leg.zone }),
        ...(leg.destinationPostalCode === undefined ? {} : { destinationPostalCode: leg.destinationPostalCode }),
      });
      const emissions = computeTransportEmissions([{ mode: leg.tariff.mode, massTonnes: shipment.weightKg / 1000, distanceKm: leg.distanceKm, ...(leg.factorId === undefined ? {} : { factorId: leg.factorId }) }], factors);
      return { ...rate, distanceKm: leg.distanceKm, co2eKg: emissions.co2eKg, emissionFactor: emissions.legs[0]!.factor };
    });
    const currency = legs[0]!.currency;
    if (legs.some((leg) => leg.currency !== currency)) throw new CoreError('invalid_input', 'all legs of an alternative must use one currency', { path: `alternatives[${index}].legs` });
    const modes = [...new Set(legs.map((leg) => leg.mode))];
    return {
      id: alternative.id,
      mode: legs.length === 1 ? modes[0]! : 'intermodal',
      cost: legs.reduce((sum, leg) => sum + leg.totalCharge, 0),
      currency,
      transitDays: legs.reduce((sum, leg) => sum + (leg.transitDays ?? 0), 0) + (alternative.transferDays ?? 1) * (legs.length - 1),
      co2eKg: legs.reduce((sum, leg) => sum + leg.co2eKg, 0),
      legs,
      cheapest: false,
      fastest: false,
      lowestCo2e: false,
      paretoEfficient: false,
    };
  });
  const currencies = new Set(results.map((r) => r.currency));
  if (currencies.size > 1) throw new CoreError('invalid_input', `alternatives use several currencies (${[...currencies].join(', ')}); convert first`, { path: 'alternatives' });
  const minCost = Math.min(...results.map((r) => r.cost));
  const minTransit = Math.min(...results.map((r) => r.transitDays));
  const minCo2 = Math.min(...results.map((r) => r.co2eKg));
  for (const result of results) {
    result.cheapest = result.cost <= minCost + 1e-9;
    result.fastest = result.transitDays <= minTransit + 1e-9;
    result.lowestCo2e = result.co2eKg <= minCo2 + 1e-9;
    result.paretoEfficient = !results.some((other) =>
      other !== result && other.cost <= result.cost && other.transitDays <= result.transitDays && other.co2eKg <= result.co2eKg &&
      (other.cost < result.cost || other.transitDays < result.transitDays || other.co2eKg < result.co2eKg));
  }
  results.sort((a, b) => a.cost - b.cost || a.transitDays - b.transitDays || a.co2eKg - b.co2eKg || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { alternatives: results, rankedBy: 'cost' };
}
