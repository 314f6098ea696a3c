/** Transport modes. Intermodal chains are several legs, each in one of these modes. */
export type TransportMode = 'road-ftl' | 'road-ltl' | 'parcel' | 'rail' | 'sea' | 'inland-waterway' | 'air';

/** What the weight-break rate multiplies: per 100 kg, per kg, per pallet, or a flat price for the band. */
export type TariffBasis = 'per-100kg' | 'per-kg' | 'per-pallet' | 'per-shipment';

/** A surcharge for an option (tail lift, appointment, dangerous goods…). */
export type TariffOption = {
  code: string;
  kind: 'fixed' | 'per-100kg' | 'fraction-of-base';
  amount: number;
  description?: string;
};

type TariffCommon = {
  carrierId: string;
  mode: TransportMode;
  currency: string;
  /** Free text: version or validity of the price list. */
  version?: string;
  /** Charge never below this amount (before fuel and options). */
  minimumCharge?: number;
  /** Fuel surcharge as a fraction of the base charge (0.12 = 12 %). */
  fuelSurchargeFraction?: number;
  options?: TariffOption[];
  /** Chargeable weight factor in kg per m³ (see DEFAULT_VOLUMETRIC_KG_PER_M3); 0 = actual weight only. */
  volumetricKgPerM3?: number;
  /** Transit time when the tariff gives none per zone or lane. */
  transitDays?: number;
};

export type TariffZone = { zone: string; rates: number[]; minimumCharge?: number; transitDays?: number };

/** Zone × weight-break grid (LTL, parcel, air): `breaks` are the lower bounds of the bands (kg, or pallets). */
export type WeightBreakTariff = TariffCommon & {
  kind: 'weight-break';
  basis: TariffBasis;
  breaks: number[];
  zones: TariffZone[];
  /** Destination postal-code prefix → zone; the longest matching prefix wins. */
  zoneMap?: { prefix: string; zone: string }[];
};

/** Full truck load priced per trip: fixed + per km, with the vehicle capacity that decides the number of trips. */
export type PerKmTariff = TariffCommon & {
  kind: 'per-km';
  fixedPerTrip: number;
  perKm: number;
  vehicleCapacityKg: number;
  vehicleCapacityPallets?: number;
  /** Km driven per day to estimate transit when transitDays is absent (default 600). */
  kmPerDay?: number;
};

/** Rail, sea, air or waterway priced per chargeable tonne-km, plus a fixed amount per shipment. */
export type TonneKmTariff = TariffCommon & { kind: 'per-tonne-km'; ratePerTonneKm: number; fixedPerShipment?: number };

/** Lane prices: origin → destination, per shipment and/or per chargeable tonne. */
export type LaneTariff = TariffCommon & {
  kind: 'lane';
  lanes: { origin: string; destination: string; pricePerShipment?: number; pricePerTonne?: number; transitDays?: number }[];
};

export type Tariff = WeightBreakTariff | PerKmTariff | TonneKmTariff | LaneTariff;

export type Shipment = {
  id?: string;
  weightKg: number;
  volumeM3?: number;
  pallets?: number;
  origin?: string;
  destination?: string;
  /** Destination postal code, used with the tariff's zone map. */
  destinationPostalCode?: string;
  /** Zone given directly (overrides the zone map). */
  zone?: string;
  distanceKm?: number;
  /** Codes of the tariff options requested. */
  options?: string[];
};

export type ShipmentRate = {
  carrierId: string;
  mode: TransportMode;
  currency: string;
  chargeableWeightKg: number;
  /** Zone or lane used, when the tariff has them. */
  zone?: string;
  /** Quantity the rate multiplied (kg, 100 kg, pallets, tonne-km, trips…) and the unit rate. */
  billedQuantity: number;
  unitRate: number;
  /** True when a higher band at its minimum quantity was cheaper (deficit weight rule). */
  deficitWeightApplied: boolean;
  minimumApplied: boolean;
  baseCharge: number;
  fuelSurcharge: number;
  optionCharges: { code: string; amount: number }[];
  totalCharge: number;
  transitDays?: number;
  trips?: number;
};
