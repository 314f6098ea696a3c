// Public surface of the transport module: named re-exports only.
export type {
  LaneTariff,
  PerKmTariff,
  Shipment,
  ShipmentRate,
  Tariff,
  TariffBasis,
  TariffOption,
  TariffZone,
  TonneKmTariff,
  TransportMode,
  WeightBreakTariff,
} from './types';
export { DEFAULT_VOLUMETRIC_KG_PER_M3, computeChargeableWeightKg } from './chargeable-weight';
export { TRANSPORT_MODES, validateTariff } from './validate-tariff';
export { rateShipment } from './rate-shipment';
export { parseTariffCsv, parseTariffJson } from './parse-tariff';
export {
  DEFAULT_EMISSION_FACTORS,
  computeTransportEmissions,
  type EmissionFactor,
  type EmissionLeg,
  type EmissionLegResult,
  type TransportEmissionsResult,
} from './emission-factors';
export { compareTransportModes, type CompareTransportModesResult, type TransportAlternative, type TransportAlternativeResult } from './compare-transport-modes';
export { rankCarrierBids, type CarrierBid, type RankCarrierBidsResult, type RankedBid, type TenderLane, type TenderWeights } from './rank-carrier-bids';
export { computeTransportBudget, type TransportBudgetLane, type TransportBudgetResult, type TransportFlow } from './transport-budget';
export { buildFlowMatrix, toFlowMapSvg, type FlowCell, type FlowMatrix, type FlowRecord, type FlowSite } from './flow-matrix';
export { computeRouteEmissions, type RouteEmissionsInput, type RouteEmissionsResult } from './route-emissions';
