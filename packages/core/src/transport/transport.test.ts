import { describe, expect, it } from 'vitest';
import { CoreError } from '../shared/core-error';
import {
  DEFAULT_EMISSION_FACTORS,
  buildFlowMatrix,
  compareTransportModes,
  computeChargeableWeightKg,
  computeTransportBudget,
  computeTransportEmissions,
  parseTariffCsv,
  parseTariffJson,
  rankCarrierBids,
  rateShipment,
  toFlowMapSvg,
  type LaneTariff,
  type PerKmTariff,
  type TonneKmTariff,
  type WeightBreakTariff,
  validateTariff,
} from './index';

const ltl: WeightBreakTariff = {
  kind: 'weight-break',
  carrierId: 'ACME',
  mode: 'road-ltl',
  currency: 'EUR',
  basis: 'per-100kg',
  breaks: [0, 100, 500],
  zones: [{ zone: 'Z1', rates: [12, 10, 8], minimumCharge: 35, transitDays: 1 }, { zone: 'Z2', rates: [15, 13, 11], transitDays: 2 }],
  zoneMap: [{ prefix: '75', zone: 'Z1' }, { prefix: '7', zone: 'Z2' }],
  fuelSurchargeFraction: 0.12,
  options: [{ code: 'tail-lift', kind: 'fixed', amount: 25 }, { code: 'adr', kind: 'fraction-of-base', amount: 0.1 }],
};
const ftl: PerKmTariff = { kind: 'per-km', carrierId: 'TRUCKCO', mode: 'road-ftl', currency: 'EUR', fixedPerTrip: 150, perKm: 1.2, vehicleCapacityKg: 24000, vehicleCapacityPallets: 33 };
const rail: TonneKmTariff = { kind: 'per-tonne-km', carrierId: 'RAILCO', mode: 'rail', currency: 'EUR', ratePerTonneKm: 0.05, fixedPerShipment: 100, transitDays: 3 };
const lane: LaneTariff = { kind: 'lane', carrierId: 'SEA', mode: 'sea', currency: 'EUR', lanes: [{ origin: 'FRLEH', destination: 'USNYC', pricePerShipment: 300, pricePerTonne: 20, transitDays: 12 }] };

describe('rateShipment', () => {
  it('weight break with deficit weight, fuel and option (doc example: 450 kg → 40 + 4.80 + 25 = 69.80)', () => {
    const rate = rateShipment(ltl, { weightKg: 450, destinationPostalCode: '75011', options: ['tail-lift'] });
    expect(rate.zone).toBe('Z1');
    expect(rate.deficitWeightApplied).toBe(true);
    expect(rate.billedQuantity).toBe(500);
    expect(rate.baseCharge).toBeCloseTo(40, 9);
    expect(rate.fuelSurcharge).toBeCloseTo(4.8, 9);
    expect(rate.totalCharge).toBeCloseTo(69.8, 9);
    expect(rate.transitDays).toBe(1);
  });

  it('zone minimum, longest postal prefix, fraction-of-base option, volumetric weight at 333 kg/m³', () => {
    const small = rateShipment(ltl, { weightKg: 20, destinationPostalCode: '75001' });
    expect(small.minimumApplied).toBe(true);
    expect(small.baseCharge).toBe(35);
    // 150 kg, 0.9 m³ → 299.7 kg chargeable, zone Z2 (prefix 7), band 100–500 at 13 → 38.961; ADR 10 %.
    const bulky = rateShipment(ltl, { weightKg: 150, volumeM3: 0.9, destinationPostalCode: '79000', options: ['adr'] });
    expect(bulky.zone).toBe('Z2');
    expect(bulky.chargeableWeightKg).toBeCloseTo(299.7, 9);
    expect(bulky.baseCharge).toBeCloseTo(38.961, 9);
    expect(bulky.optionCharges).toEqual([{ code: 'adr', amount: expect.closeTo(3.8961, 9) }]);
    expect(() => rateShipment(ltl, { weightKg: 10, destinationPostalCode: '13000' })).toThrow(/no zone/);
    expect(() => rateShipment(ltl, { weightKg: 10, zone: 'Z1', options: ['crane'] })).toThrow(/crane/);
  });

  it('FTL per trip and km, rail per tonne-km, sea lane', () => {
    const truck = rateShipment(ftl, { weightKg: 30000, distanceKm: 500 });
    expect(truck.trips).toBe(2);
    expect(truck.totalCharge).toBeCloseTo(1500, 9);
    expect(truck.transitDays).toBe(1);
    expect(rateShipment(rail, { weightKg: 12000, distanceKm: 750 }).totalCharge).toBeCloseTo(550, 9);
    expect(rateShipment(lane, { weightKg: 12000, origin: 'FRLEH', destination: 'USNYC' }).totalCharge).toBeCloseTo(540, 9);
    expect(() => rateShipment(rail, { weightKg: 1 })).toThrow(/distanceKm/);
  });

  it('validateTariff (doc example): 2 breaks but 1 rate is a length_mismatch at zones[0].rates', () => {
    try {
      validateTariff({ ...ltl, breaks: [0, 100], zones: [{ zone: 'Z1', rates: [10] }], zoneMap: [] });
      expect.unreachable();
    } catch (error) {
      expect((error as CoreError).code).toBe('length_mismatch');
      expect((error as CoreError).path).toBe('zones[0].rates');
    }
  });

  it('chargeable weight: air 1:6000 (IATA) 100 kg, 1.2 m³ → 200 kg', () => {
    expect(computeChargeableWeightKg(100, 1.2, 1_000_000 / 6000)).toBeCloseTo(200, 9);
    expect(() => computeChargeableWeightKg(-1, 0, 1)).toThrow(CoreError);
  });
});

describe('computeTransportEmissions (ISO 14083 / GLEC v3 method)', () => {
  it('hand-computed chain: 12 t × 500 km × 80 g + 12 t × 800 km × 20 g = 480 + 192 = 672 kg CO2e', () => {
    const result = computeTransportEmissions([
      { mode: 'road-ftl', massTonnes: 12, distanceKm: 500, intensityGCo2ePerTonneKm: 80 },
      { mode: 'rail', massTonnes: 12, distanceKm: 800, intensityGCo2ePerTonneKm: 20 },
    ]);
    expect(result.tonneKm).toBe(15600);
    expect(result.legs.map((leg) => leg.co2eKg)).toEqual([480, 192]);
    expect(result.co2eKg).toBe(672);
  });

  it('distance adjustment and empty running (only for intensities that exclude it): 10 t × 100 km × 1.05 × 60 g × 1.25', () => {
    const result = computeTransportEmissions([{ mode: 'road-ftl', massTonnes: 10, distanceKm: 100, distanceAdjustmentFactor: 1.05, intensityGCo2ePerTonneKm: 60, emptyRunningShare: 0.25 }]);
    expect(result.co2eKg).toBeCloseTo(78.75, 9);
    const withDefault = computeTransportEmissions([{ mode: 'road-ftl', massTonnes: 10, distanceKm: 100, emptyRunningShare: 0.25 }]);
    expect(withDefault.legs[0]!.emptyRunningUplift).toBe(0);
    expect(withDefault.legs[0]!.factor.id).toBe('road-articulated-34-40t-diesel');
  });

  it('every default factor names its source and version and says whether it was verified', () => {
    for (const factor of DEFAULT_EMISSION_FACTORS) {
      expect(factor.source).toMatch(/GLEC|ADEME/);
      expect(factor.version).not.toBe('');
      expect(typeof factor.verified).toBe('boolean');
      expect(factor.scope).toBe('well-to-wheel');
    }
    expect(() => computeTransportEmissions([{ mode: 'rail', massTonnes: 1, distanceKm: 1, factorId: 'nope' }])).toThrow(/nope/);
  });
});

describe('tariff parsers', () => {
  const csv = [
    '# carrier=ACME; mode=road-ltl; currency=EUR; basis=per-100kg',
    '# fuel_surcharge_fraction=0.12; version=2026-01',
    '# zone_map=75:Z1 7:Z2',
    '# option=tail-lift:fixed:25',
    'zone,transit_days,minimum_charge,0,100,500',
    'Z1,1,35,12,10,8',
    'Z2,2,,15,13,11',
    '',
  ].join('\n');

  it('reads the CSV grid into the same tariff as the typed one', () => {
    const parsed = parseTariffCsv(csv);
    expect(parsed.breaks).toEqual([0, 100, 500]);
    expect(parsed.zones).toEqual([{ zone: 'Z1', rates: [12, 10, 8], transitDays: 1, minimumCharge: 35 }, { zone: 'Z2', rates: [15, 13, 11], transitDays: 2 }]);
    expect(parsed.version).toBe('2026-01');
    expect(rateShipment(parsed, { weightKg: 450, destinationPostalCode: '75011', options: ['tail-lift'] }).totalCharge).toBeCloseTo(69.8, 9);
  });

  const lineOf = (text: string): { line: number; message: string } => {
    try {
      parseTariffCsv(text);
    } catch (error) {
      return { line: (error as CoreError).details.line as number, message: (error as Error).message };
    }
    throw new Error('expected a refusal');
  };

  it('refuses a malformed CSV with the line number and the reason', () => {
    const lines = csv.split('\n');
    const withBadRate = [...lines.slice(0, 6), 'Z2,2,,15,abc,11'].join('\n');
    expect(lineOf(withBadRate)).toEqual({ line: 7, message: expect.stringMatching(/^line 7: rate for break 100 must be a number, got "abc"/) });
    expect(lineOf([...lines.slice(0, 6), 'Z2,2,15,13'].join('\n')).message).toMatch(/line 7: expected 6 cells/);
    expect(lineOf(csv.replace('version=2026-01', 'colour=blue')).message).toMatch(/line 2: unknown metadata key "colour"/);
    expect(lineOf(csv.replace('7:Z2', '7:Z9')).message).toMatch(/line 3: zone_map points to zone Z9/);
    expect(lineOf(csv.replace('0,100,500', '0,500,100')).message).toMatch(/line 5: breaks must increase/);
    expect(lineOf(csv.replace('Z2,2,', 'Z1,2,')).message).toMatch(/line 7: zone Z1 already defined on line 6/);
    expect(lineOf(csv.replace('mode=road-ltl', 'mode=boat')).message).toMatch(/line 1: mode must be one of/);
    expect(lineOf('# carrier=X\n').message).toMatch(/no header/);
  });

  it('reads JSON tariffs and refuses errors with their line', () => {
    const json = JSON.stringify({ tariffs: [rail, lane] }, null, 2);
    expect(parseTariffJson(json)).toHaveLength(2);
    const broken = json.replace('"ratePerTonneKm": 0.05', '"ratePerTonneKm": -0.05');
    const expectedLine = broken.split('\n').findIndex((line) => line.includes('-0.05')) + 1;
    expect(() => parseTariffJson(broken)).toThrow(new RegExp(`^line ${expectedLine}: .*ratePerTonneKm`));
    const syntax = '{\n  "kind": "lane",\n  "carrierId": "X"\n  "mode": "sea"\n}';
    expect(() => parseTariffJson(syntax)).toThrow(/^line (3|4): not valid JSON/);
  });
});

describe('compareTransportModes', () => {
  it('road FTL vs intermodal road–rail–road: cost, transit, CO2e and Pareto flags', () => {
    const shipment = { weightKg: 12000 };
    const result = compareTransportModes(shipment, [
      { id: 'ftl', legs: [{ tariff: ftl, distanceKm: 850 }] },
      { id: 'intermodal', legs: [{ tariff: ftl, distanceKm: 50 }, { tariff: rail, distanceKm: 750 }, { tariff: ftl, distanceKm: 50 }], transferDays: 1 },
    ]);
    const byId = Object.fromEntries(result.alternatives.map((a) => [a.id, a]));
    // FTL: 150 + 1.2 × 850 = 1 170; intermodal: 2 × (150 + 60) + 100 + 0.05 × 12 × 750 = 970.
    expect(byId.ftl!.cost).toBeCloseTo(1170, 9);
    expect(byId.intermodal!.cost).toBeCloseTo(970, 9);
    expect(byId.intermodal!.mode).toBe('intermodal');
    // Transit: FTL ⌈850/600⌉ = 2 d; intermodal 1 + 3 + 1 + 2 transfers = 7 d.
    expect(byId.ftl!.transitDays).toBe(2);
    expect(byId.intermodal!.transitDays).toBe(7);
    // CO2e with the default table: 12 × 850 × 80 g = 816 kg vs 12 × 100 × 80 + 12 × 750 × 20 = 96 + 180 = 276 kg.
    expect(byId.ftl!.co2eKg).toBeCloseTo(816, 9);
    expect(byId.intermodal!.co2eKg).toBeCloseTo(276, 9);
    expect(result.alternatives[0]!.id).toBe('intermodal');
    expect(byId.ftl!.fastest && byId.intermodal!.cheapest && byId.intermodal!.lowestCo2e).toBe(true);
    expect(byId.ftl!.paretoEfficient && byId.intermodal!.paretoEfficient).toBe(true);
  });
});

describe('rankCarrierBids', () => {
  it('doc example: B wins with 0.950877 against A 0.925 under weights 0.5/0.3/0.1/0.1', () => {
    const result = rankCarrierBids({
      lanes: [{ id: 'L1', shipmentsPerYear: 100 }, { id: 'L2', shipmentsPerYear: 10 }],
      bids: [
        { carrierId: 'A', laneId: 'L1', pricePerShipment: 1000, transitDays: 2, onTimeRate: 0.95, co2eKgPerShipment: 200 },
        { carrierId: 'B', laneId: 'L1', pricePerShipment: 900, transitDays: 3, onTimeRate: 0.9, co2eKgPerShipment: 150 },
      ],
      weights: { cost: 0.5, onTime: 0.3, transit: 0.1, co2e: 0.1 },
    });
    const lane1 = result.lanes[0]!;
    expect(lane1.winner).toBe('B');
    expect(lane1.bids[0]!.score).toBeCloseTo(0.950877, 6);
    expect(lane1.bids[1]!.score).toBeCloseTo(0.925, 12);
    expect(result.exceptions).toEqual([{ laneId: 'L2', reason: 'no-bid' }]);
    expect(result.annualCostOfWinners).toBe(90000);
    expect(result.carriers.map((c) => c.carrierId)).toEqual(['B', 'A']);
  });

  it('weights decide: all weight on transit makes the fastest carrier win; bad inputs are refused', () => {
    const bids = [
      { carrierId: 'A', laneId: 'L1', pricePerShipment: 1000, transitDays: 2, onTimeRate: 0.95, co2eKgPerShipment: 200 },
      { carrierId: 'B', laneId: 'L1', pricePerShipment: 900, transitDays: 3, onTimeRate: 0.9, co2eKgPerShipment: 150 },
    ];
    const lanes = [{ id: 'L1', shipmentsPerYear: 1 }];
    expect(rankCarrierBids({ lanes, bids, weights: { cost: 0, onTime: 0, transit: 1, co2e: 0 } }).lanes[0]!.winner).toBe('A');
    expect(() => rankCarrierBids({ lanes, bids, weights: { cost: 0, onTime: 0, transit: 0, co2e: 0 } })).toThrow(/weight/);
    expect(() => rankCarrierBids({ lanes, bids: [{ ...bids[0]!, onTimeRate: 95 }], weights: { cost: 1, onTime: 1, transit: 1, co2e: 1 } })).toThrow(/fraction/);
  });
});

describe('computeTransportBudget', () => {
  it('doc example: 4 500 and 3 000 kg in 1 000 kg shipments at 100 € → 5 + 3 shipments, 800 €', () => {
    const flat: LaneTariff = { kind: 'lane', carrierId: 'FLAT', mode: 'road-ltl', currency: 'EUR', lanes: [{ origin: 'P', destination: 'L', pricePerShipment: 100 }] };
    const result = computeTransportBudget({
      flows: [{ laneId: 'P-L', origin: 'P', destination: 'L', carrierId: 'FLAT', distanceKm: 400, volumeKgPerPeriod: [4500, 3000], shipmentWeightKg: 1000 }],
      tariffs: [flat],
    });
    expect(result.lanes[0]!.shipmentsPerPeriod).toEqual([5, 3]);
    expect(result.costPerPeriod).toEqual([500, 300]);
    expect(result.cost).toBe(800);
    // 7.5 t × 400 km × 160 g (default LTL factor) = 480 kg.
    expect(result.co2eKg).toBeCloseTo(480, 9);
    // The factor's source and version come with the lane's CO2e (the default stays flagged unverified).
    expect(result.lanes[0]!.emissionFactor).toMatchObject({ source: expect.stringContaining('GLEC'), version: 'GLEC v3.0 (2023)', verified: false });
    expect(() => computeTransportBudget({ flows: [{ laneId: 'x', origin: 'P', destination: 'L', carrierId: 'NONE', distanceKm: 1, volumeKgPerPeriod: [1], shipmentWeightKg: 1 }], tariffs: [flat] })).toThrow(/NONE/);
  });
});

describe('flow matrix and map', () => {
  it('doc example: A→B 2 shipments 400 kg 140 €, A→C 1 shipment 20 kg 10 €; one SVG line per cell', () => {
    const matrix = buildFlowMatrix([
      { origin: 'A', destination: 'B', weightKg: 100, cost: 50 },
      { origin: 'A', destination: 'C', weightKg: 20, cost: 10 },
      { origin: 'A', destination: 'B', weightKg: 300, cost: 90 },
    ]);
    expect(matrix.cells).toEqual([
      { origin: 'A', destination: 'B', shipments: 2, weightKg: 400, cost: 140, co2eKg: 0 },
      { origin: 'A', destination: 'C', shipments: 1, weightKg: 20, cost: 10, co2eKg: 0 },
    ]);
    expect(matrix.totals).toEqual({ shipments: 3, weightKg: 420, cost: 150, co2eKg: 0 });
    const svg = toFlowMapSvg(matrix, [
      { id: 'A', latitude: 48.85, longitude: 2.35, label: 'Paris' },
      { id: 'B', latitude: 45.76, longitude: 4.84 },
      { id: 'C', latitude: 43.3, longitude: 5.37 },
    ]);
    expect(svg.match(/<line /g)).toHaveLength(2);
    expect(svg).toContain('Paris');
    expect(() => toFlowMapSvg(matrix, [])).toThrow(/coordinates/);
  });
});
