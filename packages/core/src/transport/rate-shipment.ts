import { CoreError, assertNever } from '../shared/core-error';
import { DEFAULT_VOLUMETRIC_KG_PER_M3, computeChargeableWeightKg } from './chargeable-weight';
import { validateTariff } from './validate-tariff';
import type { Shipment, ShipmentRate, Tariff, WeightBreakTariff } from './types';

function resolveZone(tariff: WeightBreakTariff, shipment: Shipment): string {
  if (shipment.zone !== undefined) {
    if (!tariff.zones.some((zone) => zone.zone === shipment.zone)) throw new CoreError('unknown_reference', `zone ${shipment.zone} is not in the tariff of ${tariff.carrierId}`, { path: 'shipment.zone' });
    return shipment.zone;
  }
  const postal = shipment.destinationPostalCode ?? shipment.destination;
  if (postal !== undefined && tariff.zoneMap !== undefined) {
    let best: { prefix: string; zone: string } | undefined;
    for (const entry of tariff.zoneMap) {
      if (postal.startsWith(entry.prefix) && (best === undefined || entry.prefix.length > best.prefix.length)) best = entry;
    }
    if (best !== undefined) return best.zone;
  }
  if (tariff.zones.length === 1) return tariff.zones[0]!.zone;
  throw new CoreError('unknown_reference', `no zone of ${tariff.carrierId} matches destination ${postal ?? '(none)'}`, { path: 'shipment.destinationPostalCode' });
}

function bandCharge(basis: WeightBreakTariff['basis'], rate: number, quantity: number): number {
  switch (basis) {
    case 'per-100kg':
      return (rate * quantity) / 100;
    case 'per-kg':
    case 'per-pallet':
      return rate * quantity;
    case 'per-shipment':
      return rate;
    default:
      return assertNever(basis, 'tariff basis');
  }
}

/**
 * Prices one shipment with one carrier tariff: base charge, minimum, fuel surcharge and options.
 * Weight-break grid: band i holds breaks[i] ≤ q < breaks[i+1]; base = rate_i × q / 100 (per-100kg), × q (per-kg,
 * per-pallet) or rate_i (per-shipment); deficit weight rule: if a higher band k priced at its lower bound,
 * rate_k × breaks[k], is cheaper, that price applies. q = chargeable weight = max(actual, volume × kg/m³).
 * Per-km (FTL): trips = ⌈max(weight / capacityKg, pallets / capacityPallets)⌉; base = trips × (fixed + perKm × km).
 * Per-tonne-km: base = chargeable t × km × rate + fixed. Lane: base = per shipment + per tonne × chargeable t.
 * Then base = max(base, minimum); fuel = base × fuelSurchargeFraction; options: fixed, per 100 kg, or fraction of base.
 * Source: classic LTL rating (Coyle, Bardi & Novack, Transportation, ch. 7: weight breaks and deficit weight).
 * Example: grid breaks [0, 100, 500] kg, zone Z1 rates [12, 10, 8] per 100 kg, 450 kg → 45.00 vs 500 kg at 8 = 40.00:
 * deficit weight applies, base 40; fuel 12 % → 4.80; tail lift 25 → total 69.80.
 * Throws the validation errors of validateTariff, unknown_reference (zone or lane), invalid_input (missing distance).
 */
export function rateShipment(tariffInput: Tariff, shipment: Shipment): ShipmentRate {
  const tariff = validateTariff(tariffInput);
  for (const field of ['weightKg', 'volumeM3', 'pallets', 'distanceKm'] as const) {
    const value = shipment[field];
    if (value === undefined && field !== 'weightKg') continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new CoreError('not_finite', `${field} must be a finite number`, { path: `shipment.${field}` });
    if (value < 0) throw new CoreError('negative_value', `${field} must be ≥ 0`, { path: `shipment.${field}` });
  }
  const kgPerM3 = tariff.volumetricKgPerM3 ?? DEFAULT_VOLUMETRIC_KG_PER_M3[tariff.mode];
  const chargeableWeightKg = computeChargeableWeightKg(shipment.weightKg, shipment.volumeM3 ?? 0, kgPerM3);
  const needDistance = (): number => {
    if (shipment.distanceKm === undefined) throw new CoreError('invalid_input', `a ${tariff.kind} tariff needs the shipment distanceKm`, { path: 'shipment.distanceKm' });
    return shipment.distanceKm;
  };
  let base: number;
  let billedQuantity: number;
  let unitRate: number;
  let deficitWeightApplied = false;
  let zoneName: string | undefined;
  let minimum = tariff.minimumCharge ?? 0;
  let transitDays = tariff.transitDays;
  let trips: number | undefined;
  switch (tariff.kind) {
    case 'weight-break': {
      zoneName = resolveZone(tariff, shipment);
      const zone = tariff.zones.find((z) => z.zone === zoneName)!;
      if (zone.minimumCharge !== undefined) minimum = zone.minimumCharge;
      if (zone.transitDays !== undefined) transitDays = zone.transitDays;
      const quantity = tariff.basis === 'per-pallet' ? (shipment.pallets ?? 0) : chargeableWeightKg;
      if (tariff.basis === 'per-pallet' && shipment.pallets === undefined) throw new CoreError('invalid_input', 'a per-pallet tariff needs shipment.pallets', { path: 'shipment.pallets' });
      let band = 0;
      while (band + 1 < tariff.breaks.length && tariff.breaks[band + 1]! <= quantity) band += 1;
      base = bandCharge(tariff.basis, zone.rates[band]!, quantity);
      billedQuantity = quantity;
      unitRate = zone.rates[band]!;
      if (tariff.basis !== 'per-shipment') {
        for (let higher = band + 1; higher < tariff.breaks.length; higher += 1) {
          const asWeight = bandCharge(tariff.basis, zone.rates[higher]!, tariff.breaks[higher]!);
          if (asWeight < base - 1e-9) {
            base = asWeight;
            billedQuantity = tariff.breaks[higher]!;
            unitRate = zone.rates[higher]!;
            deficitWeightApplied = true;
          }
        }
      }
      break;
    }
    case 'per-km': {
      const distanceKm = needDistance();
      const byWeight = shipment.weightKg / tariff.vehicleCapacityKg;
      const byPallets = tariff.vehicleCapacityPallets && shipment.pallets !== undefined ? shipment.pallets / tariff.vehicleCapacityPallets : 0;
      trips = Math.max(1, Math.ceil(Math.max(byWeight, byPallets) - 1e-9));
      unitRate = tariff.fixedPerTrip + tariff.perKm * distanceKm;
      billedQuantity = trips;
      base = trips * unitRate;
      transitDays ??= Math.max(1, Math.ceil(distanceKm / (tariff.kmPerDay ?? 600)));
      break;
    }
    case 'per-tonne-km': {
      const distanceKm = needDistance();
      billedQuantity = (chargeableWeightKg / 1000) * distanceKm;
      unitRate = tariff.ratePerTonneKm;
      base = billedQuantity * unitRate + (tariff.fixedPerShipment ?? 0);
      break;
    }
    case 'lane': {
      const lane = tariff.lanes.find((l) => l.origin === shipment.origin && l.destination === shipment.destination);
      if (lane === undefined) throw new CoreError('unknown_reference', `${tariff.carrierId} has no lane ${shipment.origin ?? '?'} → ${shipment.destination ?? '?'}`, { path: 'shipment.destination' });
      zoneName = `${lane.origin}→${lane.destination}`;
      billedQuantity = chargeableWeightKg / 1000;
      unitRate = lane.pricePerTonne ?? 0;
      base = (lane.pricePerShipment ?? 0) + unitRate * billedQuantity;
      if (lane.transitDays !== undefined) transitDays = lane.transitDays;
      break;
    }
    default:
      return assertNever(tariff, 'tariff kind');
  }
  const minimumApplied = base < minimum;
  const baseCharge = Math.max(base, minimum);
  const fuelSurcharge = baseCharge * (tariff.fuelSurchargeFraction ?? 0);
  const optionCharges = (shipment.options ?? []).map((code, index) => {
    const option = (tariff.options ?? []).find((o) => o.code === code);
    if (option === undefined) throw new CoreError('unknown_reference', `${tariff.carrierId} does not offer option ${code}`, { path: `shipment.options[${index}]` });
    const amount = option.kind === 'fixed' ? option.amount : option.kind === 'per-100kg' ? (option.amount * chargeableWeightKg) / 100 : option.amount * baseCharge;
    return { code, amount };
  });
  const totalCharge = baseCharge + fuelSurcharge + optionCharges.reduce((sum, o) => sum + o.amount, 0);
  return {
    carrierId: tariff.carrierId,
    mode: tariff.mode,
    currency: tariff.currency,
    chargeableWeightKg,
    ...(zoneName === undefined ? {} : { zone: zoneName }),
    billedQuantity,
    unitRate,
    deficitWeightApplied,
    minimumApplied,
    baseCharge,
    fuelSurcharge,
    optionCharges,
    totalCharge,
    ...(transitDays === undefined ? {} : { transitDays }),
    ...(trips === undefined ? {} : { trips }),
  };
}
