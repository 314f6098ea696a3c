import { CoreError } from '../shared/core-error';
import { computeTransportEmissions, type EmissionFactor, type EmissionLegResult } from './emission-factors';
import { rateShipment } from './rate-shipment';
import type { Shipment, Tariff } from './types';

/** A forecast flow on one lane: volumes per period (kg) shipped in shipments of a typical size. */
export type TransportFlow = {
  laneId: string;
  origin: string;
  destination: string;
  /** Carrier tariff used on the lane (by carrierId + mode in the tariff list). */
  carrierId: string;
  mode?: Tariff['mode'];
  distanceKm: number;
  /** Forecast weight per period in kg (e.g. 12 months). */
  volumeKgPerPeriod: number[];
  /** Typical shipment weight in kg; shipments per period = ⌈volume / size⌉. */
  shipmentWeightKg: number;
  /** Volume per kg (m³/kg), to price volumetric weight; default 0. */
  m3PerKg?: number;
  pallets?: number;
  zone?: string;
  destinationPostalCode?: string;
  options?: string[];
};

export type TransportBudgetLane = {
  laneId: string;
  origin: string;
  destination: string;
  carrierId: string;
  shipmentsPerPeriod: number[];
  costPerShipment: number;
  costPerPeriod: number[];
  cost: number;
  volumeKg: number;
  costPerKg: number;
  co2eKg: number;
  /** The emission factor behind co2eKg: id, source, version, verified. */
  emissionFactor: EmissionLegResult['factor'];
};

export type TransportBudgetResult = {
  currency: string;
  lanes: TransportBudgetLane[];
  costPerPeriod: number[];
  cost: number;
  volumeKg: number;
  co2eKg: number;
};

/**
 * Transport budget from forecast flows: for each lane and period, shipments = ⌈volume / shipment size⌉,
 * cost = shipments × rate of one typical shipment (rateShipment), CO2e = volume (t) × distance × intensity.
 * Totals per period and per year. Source: lanes × volumes × rates, as in Chopra & Meindl, Supply Chain
 * Management, ch. 14 (transportation cost trade-offs).
 * Example: 2 periods of 4 500 and 3 000 kg in 1 000 kg shipments at 100 €/shipment → 5 + 3 shipments = 800 €.
 * Throws empty_input, unknown_reference (no tariff for carrier), invalid_input (several currencies), and rateShipment errors.
 */
export function computeTransportBudget(input: { flows: TransportFlow[]; tariffs: Tariff[]; factors?: readonly EmissionFactor[] }): TransportBudgetResult {
  if (input.flows.length === 0) throw new CoreError('empty_input', 'no flows', { path: 'flows' });
  const periodCount = Math.max(...input.flows.map((flow) => flow.volumeKgPerPeriod.length));
  const lanes = input.flows.map((flow, index): TransportBudgetLane & { currency: string } => {
    const path = `flows[${index}]`;
    const tariff = input.tariffs.find((t) => t.carrierId === flow.carrierId && (flow.mode === undefined || t.mode === flow.mode));
    if (tariff === undefined) throw new CoreError('unknown_reference', `no tariff for carrier ${flow.carrierId}`, { path: `${path}.carrierId` });
    if (!Number.isFinite(flow.shipmentWeightKg) || flow.shipmentWeightKg <= 0) throw new CoreError('out_of_range', 'shipmentWeightKg must be positive', { path: `${path}.shipmentWeightKg` });
    flow.volumeKgPerPeriod.forEach((volume, p) => {
      if (!Number.isFinite(volume) || volume < 0) throw new CoreError('negative_value', 'volume must be a number ≥ 0', { path: `${path}.volumeKgPerPeriod[${p}]` });
    });
    const shipment: Shipment = {
      weightKg: flow.shipmentWeightKg,
      volumeM3: flow.shipmentWeightKg * (flow.m3PerKg ?? 0),
      origin: flow.origin,
      destination: flow.destination,
      distanceKm: flow.distanceKm,
      ...(flow.pallets === undefined ? {} : { pallets: flow.pallets }),
      ...(flow.zone === undefined ? {} : { zone: flow.zone }),
      ...(flow.destinationPostalCode === undefined ? {} : { destinationPostalCode: flow.destinationPostalCode }),
      ...(flow.options === undefined ? {} : { options: flow.options }),
    };
    const rate = rateShipment(tariff, shipment);
    const shipmentsPerPeriod = Array.from({ length: periodCount }, (_, p) => Math.ceil((flow.volumeKgPerPeriod[p] ?? 0) / flow.shipmentWeightKg - 1e-9));
    const costPerPeriod = shipmentsPerPeriod.map((count) => count * rate.totalCharge);
    const volumeKg = flow.volumeKgPerPeriod.reduce((sum, v) => sum + v, 0);
    const cost = costPerPeriod.reduce((sum, c) => sum + c, 0);
    const emissions = computeTransportEmissions([{ mode: tariff.mode, massTonnes: volumeKg / 1000, distanceKm: flow.distanceKm }], input.factors);
    const co2eKg = emissions.co2eKg;
    return { laneId: flow.laneId, origin: flow.origin, destination: flow.destination, carrierId: flow.carrierId, shipmentsPerPeriod, costPerShipment: rate.totalCharge, costPerPeriod, cost, volumeKg, costPerKg: volumeKg > 0 ? cost / volumeKg : 0, co2eKg, emissionFactor: emissions.legs[0]!.factor, currency: rate.currency };
  });
  const currencies = new Set(lanes.map((lane) => lane.currency));
  if (currencies.size > 1) throw new CoreError('invalid_input', `tariffs use several currencies (${[...currencies].join(', ')})`, { path: 'tariffs' });
  return {
    currency: lanes[0]!.currency,
    lanes: lanes.map(({ currency: _currency, ...lane }) => lane),
    costPerPeriod: Array.from({ length: periodCount }, (_, p) => lanes.reduce((sum, lane) => sum + lane.costPerPeriod[p]!, 0)),
    cost: lanes.reduce((sum, lane) => sum + lane.cost, 0),
    volumeKg: lanes.reduce((sum, lane) => sum + lane.volumeKg, 0),
    co2eKg: lanes.reduce((sum, lane) => sum + lane.co2eKg, 0),
  };
}
