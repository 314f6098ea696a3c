import { CoreError } from '../shared/core-error';
import type { Tariff, TransportMode } from './types';

export const TRANSPORT_MODES: readonly TransportMode[] = ['road-ftl', 'road-ltl', 'parcel', 'rail', 'sea', 'inland-waterway', 'air'];
const BASES = ['per-100kg', 'per-kg', 'per-pallet', 'per-shipment'] as const;
const OPTION_KINDS = ['fixed', 'per-100kg', 'fraction-of-base'] as const;

function nonNegative(value: unknown, path: string, required: boolean): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new CoreError('not_finite', `${path} must be a finite number`, { path });
  if (value < 0) throw new CoreError('negative_value', `${path} must be ≥ 0`, { path });
}

function nonEmptyString(value: unknown, path: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw new CoreError('invalid_input', `${path} must be a non-empty string`, { path });
}

/**
 * Checks a tariff (any kind) and throws the first problem as a CoreError whose path names the field,
 * prefixed by `prefix` (e.g. `tariffs[2]`). Returns the same tariff typed.
 * Example: validateTariff({ kind: 'weight-break', breaks: [0, 100], zones: [{ zone: 'Z1', rates: [10] }], … })
 * throws length_mismatch at `zones[0].rates`.
 */
export function validateTariff(value: unknown, prefix = ''): Tariff {
  const at = (field: string): string => (prefix === '' ? field : `${prefix}.${field}`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CoreError('invalid_input', 'a tariff must be an object', { path: prefix || 'tariff' });
  const tariff = value as Record<string, unknown>;
  nonEmptyString(tariff.carrierId, at('carrierId'));
  if (!TRANSPORT_MODES.includes(tariff.mode as TransportMode)) throw new CoreError('invalid_input', `mode must be one of ${TRANSPORT_MODES.join(', ')}`, { path: at('mode') });
  nonEmptyString(tariff.currency, at('currency'));
  nonNegative(tariff.minimumCharge, at('minimumCharge'), false);
  nonNegative(tariff.fuelSurchargeFraction, at('fuelSurchargeFraction'), false);
  nonNegative(tariff.volumetricKgPerM3, at('volumetricKgPerM3'), false);
  nonNegative(tariff.transitDays, at('transitDays'), false);
  if (tariff.options !== undefined) {
    if (!Array.isArray(tariff.options)) throw new CoreError('invalid_input', 'options must be an array', { path: at('options') });
    tariff.options.forEach((option: Record<string, unknown>, index: number) => {
      nonEmptyString(option.code, at(`options[${index}].code`));
      if (!OPTION_KINDS.includes(option.kind as (typeof OPTION_KINDS)[number])) throw new CoreError('invalid_input', `option kind must be one of ${OPTION_KINDS.join(', ')}`, { path: at(`options[${index}].kind`) });
      nonNegative(option.amount, at(`options[${index}].amount`), true);
    });
  }
  switch (tariff.kind) {
    case 'weight-break': {
      if (!BASES.includes(tariff.basis as (typeof BASES)[number])) throw new CoreError('invalid_input', `basis must be one of ${BASES.join(', ')}`, { path: at('basis') });
      const breaks = tariff.breaks;
      if (!Array.isArray(breaks) || breaks.length === 0) throw new CoreError('empty_input', 'breaks must list at least one lower bound', { path: at('breaks') });
      breaks.forEach((b: unknown, index: number) => {
        nonNegative(b, at(`breaks[${index}]`), true);
        if (index > 0 && (b as number) <= (breaks[index - 1] as number)) throw new CoreError('invalid_input', 'breaks must increase strictly', { path: at(`breaks[${index}]`) });
      });
      if (breaks[0] !== 0) throw new CoreError('invalid_input', 'the first break must be 0 so every weight has a band', { path: at('breaks[0]') });
      if (!Array.isArray(tariff.zones) || tariff.zones.length === 0) throw new CoreError('empty_input', 'zones must not be empty', { path: at('zones') });
      const zoneNames = new Set<string>();
      tariff.zones.forEach((zone: Record<string, unknown>, index: number) => {
        nonEmptyString(zone.zone, at(`zones[${index}].zone`));
        if (zoneNames.has(zone.zone as string)) throw new CoreError('invalid_input', `duplicate zone ${String(zone.zone)}`, { path: at(`zones[${index}].zone`) });
        zoneNames.add(zone.zone as string);
        if (!Array.isArray(zone.rates) || zone.rates.length !== breaks.length) {
          throw new CoreError('length_mismatch', `zone ${String(zone.zone)} needs ${breaks.length} rates, one per break`, { path: at(`zones[${index}].rates`) });
        }
        zone.rates.forEach((rate: unknown, r: number) => nonNegative(rate, at(`zones[${index}].rates[${r}]`), true));
        nonNegative(zone.minimumCharge, at(`zones[${index}].minimumCharge`), false);
        nonNegative(zone.transitDays, at(`zones[${index}].transitDays`), false);
      });
      if (tariff.zoneMap !== undefined) {
        if (!Array.isArray(tariff.zoneMap)) throw new CoreError('invalid_input', 'zoneMap must be an array', { path: at('zoneMap') });
        tariff.zoneMap.forEach((entry: Record<string, unknown>, index: number) => {
          nonEmptyString(entry.prefix, at(`zoneMap[${index}].prefix`));
          if (!zoneNames.has(entry.zone as string)) throw new CoreError('unknown_reference', `zone map points to unknown zone ${String(entry.zone)}`, { path: at(`zoneMap[${index}].zone`) });
        });
      }
      break;
    }
    case 'per-km':
      nonNegative(tariff.fixedPerTrip, at('fixedPerTrip'), true);
      nonNegative(tariff.perKm, at('perKm'), true);
      nonNegative(tariff.vehicleCapacityKg, at('vehicleCapacityKg'), true);
      if ((tariff.vehicleCapacityKg as number) <= 0) throw new CoreError('out_of_range', 'vehicleCapacityKg must be positive', { path: at('vehicleCapacityKg') });
      nonNegative(tariff.vehicleCapacityPallets, at('vehicleCapacityPallets'), false);
      nonNegative(tariff.kmPerDay, at('kmPerDay'), false);
      break;
    case 'per-tonne-km':
      nonNegative(tariff.ratePerTonneKm, at('ratePerTonneKm'), true);
      nonNegative(tariff.fixedPerShipment, at('fixedPerShipment'), false);
      break;
    case 'lane':
      if (!Array.isArray(tariff.lanes) || tariff.lanes.length === 0) throw new CoreError('empty_input', 'lanes must not be empty', { path: at('lanes') });
      tariff.lanes.forEach((lane: Record<string, unknown>, index: number) => {
        nonEmptyString(lane.origin, at(`lanes[${index}].origin`));
        nonEmptyString(lane.destination, at(`lanes[${index}].destination`));
        nonNegative(lane.pricePerShipment, at(`lanes[${index}].pricePerShipment`), false);
        nonNegative(lane.pricePerTonne, at(`lanes[${index}].pricePerTonne`), false);
        nonNegative(lane.transitDays, at(`lanes[${index}].transitDays`), false);
        if (lane.pricePerShipment === undefined && lane.pricePerTonne === undefined) {
          throw new CoreError('invalid_input', 'a lane needs pricePerShipment or pricePerTonne', { path: at(`lanes[${index}]`) });
        }
      });
      break;
    default:
      throw new CoreError('invalid_input', 'kind must be weight-break, per-km, per-tonne-km or lane', { path: at('kind') });
  }
  return value as Tariff;
}
