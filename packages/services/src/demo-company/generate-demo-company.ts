import { createRandom, type RandomSource } from '@flowpilot/core';
import type { EntityName } from '../data-exchange/entity-catalog';
import { FRENCH_TOWNS, townNamed } from './french-towns';
import { addDemoActuals } from './generate-demo-actuals';

/**
 * The demo company "Jardinor": a French mid-size manufacturer-distributor of garden and outdoor
 * equipment. Two plants (Vénissieux, Angers), three warehouses (Gennevilliers, Saint-Priest,
 * Mérignac), 40 finished goods in 4 families, 3-level BOMs, 12 suppliers (7 domestic, 5 overseas),
 * about 80 customers in real French towns, 3 years of daily sales with trend, yearly and weekly
 * seasonality, promotions and intermittent slow movers, open orders, lots on hand, carriers with
 * tariff grids. Everything comes from one seed: the same seed gives the same company.
 */
export type DemoCompany = {
  asOfDate: string;
  tables: Partial<Record<EntityName, Record<string, string>[]>>;
};

export const DEMO_AS_OF_DATE = '2026-11-23';
export const DEMO_ORGANIZATION_ID = 'demo';
/** Date of the ledger's opening balances: before the 26 weeks of actuals (and the orders that fed their first weeks). */
export const DEMO_OPENING_DATE = '2026-03-26';
const HISTORY_DAYS = 3 * 364 + 7;

type Row = Record<string, string>;

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function isoWeekday(iso: string): number {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

function dayOfYear(iso: string): number {
  const date = new Date(`${iso}T00:00:00Z`);
  return Math.floor((date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000);
}

const fixed = (value: number, digits: number): string => {
  const text = value.toFixed(digits);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
};

function pick<T>(random: RandomSource, list: readonly T[]): T {
  return list[random.nextInt(0, list.length)] as T;
}

/** Poisson draw (Knuth for small means, normal approximation above 30). */
function poisson(random: RandomSource, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextNormal()));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random.next();
  while (p > limit) {
    k++;
    p *= random.next();
  }
  return k;
}

/** Gamma(shape, 1) draw (Marsaglia–Tsang), for over-dispersed (negative-binomial) demand. */
function gamma(random: RandomSource, shape: number): number {
  if (shape < 1) return gamma(random, shape + 1) * Math.pow(random.next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = random.nextNormal();
    const v = Math.pow(1 + c * x, 3);
    if (v <= 0) continue;
    if (Math.log(random.next()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

const FAMILIES = [
  { code: 'PUMP', name: 'Pompes et surpresseurs', seasonPeakDay: 190, seasonAmplitude: 0.55, plant: 'PL-LYO' },
  { code: 'MOW', name: 'Tondeuses et débroussailleuses', seasonPeakDay: 130, seasonAmplitude: 0.8, plant: 'PL-ANG' },
  { code: 'TOOL', name: 'Outillage à main', seasonPeakDay: 100, seasonAmplitude: 0.25, plant: 'PL-ANG' },
  { code: 'IRRIG', name: 'Arrosage et irrigation', seasonPeakDay: 175, seasonAmplitude: 0.7, plant: 'PL-LYO' },
] as const;

const PRODUCT_NAMES: Record<string, string[]> = {
  PUMP: ['Pompe de surface 800 W', 'Pompe immergée 400 W', 'Surpresseur 1000 W', 'Pompe vide-cave 550 W', 'Pompe de puits 1100 W', 'Pompe à eau claire 750 W', 'Surpresseur compact 600 W', 'Pompe fontaine 60 W', 'Pompe de relevage 900 W', 'Pompe d’arrosage 1300 W'],
  MOW: ['Tondeuse thermique 46 cm', 'Tondeuse électrique 38 cm', 'Tondeuse batterie 42 cm', 'Débroussailleuse 33 cc', 'Coupe-bordure 500 W', 'Tondeuse tractée 51 cm', 'Scarificateur 1500 W', 'Taille-haie 600 W', 'Débroussailleuse batterie 36 V', 'Tondeuse hélicoïdale 30 cm'],
  TOOL: ['Bêche forgée', 'Râteau 14 dents', 'Sécateur ergonomique', 'Cisaille à haie', 'Binette double', 'Pelle carrée', 'Fourche à bêcher', 'Transplantoir inox', 'Coupe-branches 70 cm', 'Serfouette'],
  IRRIG: ['Tuyau 25 m 15 mm', 'Dévidoir mural', 'Pistolet multi-jets', 'Programmateur 1 voie', 'Arroseur oscillant', 'Kit goutte-à-goutte 20 m', 'Tuyau 50 m 19 mm', 'Lance télescopique', 'Programmateur 4 voies', 'Arroseur canon'],
};

const DOMESTIC_SUPPLIERS = [
  ['SUP-FR01', 'Métallerie Rhodanienne', 'Saint-Étienne'], ['SUP-FR02', 'Plasturgie de l’Ain', 'Bourg-en-Bresse'], ['SUP-FR03', 'Moteurs Électriques du Centre', 'Clermont-Ferrand'],
  ['SUP-FR04', 'Visserie Nantaise', 'Nantes'], ['SUP-FR05', 'Emballages du Nord', 'Lille'], ['SUP-FR06', 'Caoutchouc Grenoblois', 'Grenoble'], ['SUP-FR07', 'Fonderie Toulousaine', 'Toulouse'],
] as const;
const OVERSEAS_SUPPLIERS = [
  ['SUP-CN01', 'Ningbo Garden Parts Co.', 'CN', 'Ningbo', 29.8683, 121.544, 'CNY'], ['SUP-CN02', 'Zhejiang Motor Works', 'CN', 'Taizhou', 28.6564, 121.4208, 'USD'],
  ['SUP-VN01', 'Saigon Precision Plastics', 'VN', 'Ho Chi Minh City', 10.8231, 106.6297, 'USD'], ['SUP-DE01', 'Stuttgarter Antriebstechnik GmbH', 'DE', 'Stuttgart', 48.7758, 9.1829, 'EUR'],
  ['SUP-IT01', 'Componenti Idraulici Milano', 'IT', 'Milano', 45.4642, 9.19, 'EUR'],
] as const;

const COMPONENT_KINDS = [
  { prefix: 'MOT', name: 'Moteur', uom: 'EA', cost: [18, 95], weight: [1.2, 6], overseasShare: 0.6 },
  { prefix: 'CAR', name: 'Carter', uom: 'EA', cost: [3, 14], weight: [0.4, 2.5], overseasShare: 0.4 },
  { prefix: 'ROU', name: 'Roue / turbine', uom: 'EA', cost: [0.8, 6], weight: [0.1, 0.8], overseasShare: 0.5 },
  { prefix: 'JNT', name: 'Joint', uom: 'EA', cost: [0.05, 0.9], weight: [0.005, 0.05], overseasShare: 0.3, shelfLifeDays: 730 },
  { prefix: 'VIS', name: 'Visserie', uom: 'EA', cost: [0.01, 0.2], weight: [0.002, 0.02], overseasShare: 0.2 },
  { prefix: 'CAB', name: 'Câble', uom: 'M', cost: [0.3, 1.5], weight: [0.05, 0.12], overseasShare: 0.3 },
  { prefix: 'TUB', name: 'Tube acier', uom: 'M', cost: [1.5, 6], weight: [0.6, 1.8], overseasShare: 0.2 },
  { prefix: 'PEH', name: 'Granulé PEHD', uom: 'KG', cost: [1.1, 2.2], weight: [1, 1], overseasShare: 0.1, raw: true },
  { prefix: 'ACI', name: 'Tôle acier', uom: 'KG', cost: [0.9, 1.6], weight: [1, 1], overseasShare: 0.1, raw: true },
  { prefix: 'LUB', name: 'Lubrifiant', uom: 'L', cost: [3, 9], weight: [0.9, 0.9], overseasShare: 0, raw: true, shelfLifeDays: 540 },
  { prefix: 'EMB', name: 'Emballage carton', uom: 'EA', cost: [0.4, 2.5], weight: [0.2, 0.9], overseasShare: 0 },
  { prefix: 'BAT', name: 'Batterie lithium', uom: 'EA', cost: [25, 70], weight: [0.8, 2.2], overseasShare: 0.9, shelfLifeDays: 900 },
  { prefix: 'LAM', name: 'Lame', uom: 'EA', cost: [2, 12], weight: [0.2, 1], overseasShare: 0.5 },
  { prefix: 'MAN', name: 'Manche bois', uom: 'EA', cost: [1, 4], weight: [0.4, 1], overseasShare: 0.2 },
] as const;

const HOLIDAYS = ['2026-01-01', '2026-04-06', '2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25', '2026-07-14', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25',
  '2027-01-01', '2027-03-29', '2027-05-01', '2027-05-06', '2027-05-08', '2027-05-17', '2027-07-14', '2027-08-15', '2027-11-01', '2027-11-11', '2027-12-25'];

/** Generates the demo company from a seed (default 2026). */
export function generateDemoCompany(seed = 2026): DemoCompany {
  const random = createRandom(seed);
  const t: Record<string, Row[]> = {};
  const add = (entity: EntityName, row: Row): void => { (t[entity] ??= []).push(row); };
  const between = (low: number, high: number): number => low + (high - low) * random.next();

  for (const [code, name, dimension] of [['EA', 'Unité', 'count'], ['KG', 'Kilogramme', 'mass'], ['G', 'Gramme', 'mass'], ['M', 'Mètre', 'length'], ['L', 'Litre', 'volume'], ['CAR', 'Carton', 'count'], ['PAL', 'Palette', 'count']] as const) {
    add('unit_of_measure', { code, name, dimension });
  }
  add('uom_conversion', { item_code: '', from_uom_code: 'KG', to_uom_code: 'G', factor: '1000' });

  // Locations: two plants, three warehouses.
  const locations = [
    { code: 'PL-LYO', name: 'Usine de Vénissieux', type: 'plant', town: 'Vénissieux' },
    { code: 'PL-ANG', name: 'Usine d’Angers', type: 'plant', town: 'Angers' },
    { code: 'WH-PAR', name: 'Entrepôt de Gennevilliers', type: 'distribution_center', town: 'Gennevilliers' },
    { code: 'WH-LYO', name: 'Entrepôt de Saint-Priest', type: 'warehouse', town: 'Saint-Priest' },
    { code: 'WH-BDX', name: 'Entrepôt de Mérignac', type: 'warehouse', town: 'Mérignac' },
  ];
  for (const l of locations) {
    const town = townNamed(l.town);
    add('location', { code: l.code, name: l.name, location_type: l.type, city: town.city, postal_code: town.postalCode, country: 'FR', latitude: fixed(town.latitude, 4), longitude: fixed(town.longitude, 4) });
  }
  const warehouses = ['WH-PAR', 'WH-LYO', 'WH-BDX'];

  // Calendars: two shifts in Vénissieux, one in Angers; French public holidays.
  add('calendar', { code: 'CAL-2x8', name: 'Deux équipes (5h–13h, 13h–21h), lundi–vendredi' });
  add('calendar', { code: 'CAL-1x8', name: 'Une équipe (7h30–15h30), lundi–vendredi' });
  for (let weekday = 1; weekday <= 5; weekday++) {
    add('calendar_shift', { calendar_code: 'CAL-2x8', weekday: String(weekday), shift_code: 'MATIN', start_time: '05:00', end_time: '13:00' });
    add('calendar_shift', { calendar_code: 'CAL-2x8', weekday: String(weekday), shift_code: 'APREM', start_time: '13:00', end_time: '21:00' });
    add('calendar_shift', { calendar_code: 'CAL-1x8', weekday: String(weekday), shift_code: 'JOUR', start_time: '07:30', end_time: '15:30' });
  }
  for (const calendar of ['CAL-2x8', 'CAL-1x8']) for (const day of HOLIDAYS) add('calendar_exception', { calendar_code: calendar, exception_date: day, available_hours: '0', reason: 'Jour férié' });
  add('calendar_exception', { calendar_code: 'CAL-1x8', exception_date: '2026-12-28', available_hours: '4', reason: 'Inventaire annuel' });

  const workCenters = [
    { code: 'WC-LYO-USI', name: 'Usinage Vénissieux', plant: 'PL-LYO', calendar: 'CAL-2x8', machines: 3, cost: 62 },
    { code: 'WC-LYO-MON', name: 'Montage pompes et arrosage', plant: 'PL-LYO', calendar: 'CAL-2x8', machines: 2, cost: 48 },
    { code: 'WC-LYO-ESS', name: 'Banc d’essai', plant: 'PL-LYO', calendar: 'CAL-2x8', machines: 2, cost: 40 },
    { code: 'WC-ANG-DEC', name: 'Découpe et emboutissage', plant: 'PL-ANG', calendar: 'CAL-1x8', machines: 3, cost: 58 },
    { code: 'WC-ANG-PEI', name: 'Peinture poudre', plant: 'PL-ANG', calendar: 'CAL-1x8', machines: 2, cost: 52 },
    { code: 'WC-ANG-MON', name: 'Montage motoculture', plant: 'PL-ANG', calendar: 'CAL-1x8', machines: 4, cost: 45 },
  ];
  for (const w of workCenters) add('work_center', { code: w.code, name: w.name, location_code: w.plant, calendar_code: w.calendar, machine_count: String(w.machines), efficiency: '0.95', utilization: '0.9', cost_per_hour: String(w.cost) });

  // Suppliers.
  type SupplierInfo = { code: string; overseas: boolean; leadTimeDays: number; leadTimeStdDays: number; currency: string };
  const suppliers: SupplierInfo[] = [];
  for (const [code, name, city] of DOMESTIC_SUPPLIERS) {
    const town = townNamed(city);
    const leadTimeDays = Math.round(between(5, 15));
    suppliers.push({ code, overseas: false, leadTimeDays, leadTimeStdDays: Math.round(between(1, 3) * 10) / 10, currency: 'EUR' });
    add('supplier', { code, name, country: 'FR', city, latitude: fixed(town.latitude, 4), longitude: fixed(town.longitude, 4), currency: 'EUR' });
  }
  for (const [code, name, country, city, lat, lon, currency] of OVERSEAS_SUPPLIERS) {
    const leadTimeDays = country === 'DE' || country === 'IT' ? Math.round(between(10, 20)) : Math.round(between(42, 60));
    suppliers.push({ code, overseas: country !== 'DE' && country !== 'IT', leadTimeDays, leadTimeStdDays: Math.round(between(3, 9) * 10) / 10, currency });
    add('supplier', { code, name, country, city, latitude: fixed(lat, 4), longitude: fixed(lon, 4), currency });
  }

  for (const f of FAMILIES) add('item_family', { code: f.code, name: f.name });

  // Purchased components and raw materials (~150).
  type Component = { code: string; cost: number; raw: boolean; uom: string; kind: string };
  const components: Component[] = [];
  const planners = ['PLN-SOPHIE', 'PLN-KARIM'];
  const buyers = ['ACH-LUCIE', 'ACH-MARC', 'ACH-INES'];
  let componentIndex = 0;
  for (const kind of COMPONENT_KINDS) {
    const count = 'raw' in kind && kind.raw ? 4 : 12;
    for (let i = 1; i <= count; i++) {
      componentIndex++;
      const code = `${kind.prefix}-${String(i).padStart(3, '0')}`;
      const cost = Math.round(between(kind.cost[0], kind.cost[1]) * 100) / 100;
      const weight = between(kind.weight[0], kind.weight[1]);
      const raw = 'raw' in kind && kind.raw === true;
      const overseas = random.next() < kind.overseasShare;
      const candidates = suppliers.filter((s) => s.overseas === overseas || (!overseas && !s.overseas));
      const primary = pick(random, candidates);
      const shelfLife = 'shelfLifeDays' in kind ? String(kind.shelfLifeDays) : '';
      const moq = raw ? 500 : cost > 20 ? 20 : cost > 2 ? 100 : 1000;
      const multiple = raw ? 25 : cost > 20 ? 10 : cost > 2 ? 50 : 500;
      components.push({ code, cost, raw, uom: kind.uom, kind: kind.prefix });
      add('item', {
        code, name: `${kind.name} ${i}`, item_type: raw ? 'raw_material' : 'component', uom_code: kind.uom, family_code: '', make_or_buy: 'buy',
        standard_cost: fixed(cost, 4), sale_price: '', weight_kg: fixed(weight, 4), volume_m3: fixed(weight * 0.002, 6), shelf_life_days: shelfLife,
        lead_time_days: String(primary.leadTimeDays), safety_stock_qty: '0',
        lot_size_rule: componentIndex % 3 === 0 ? 'eoq' : componentIndex % 3 === 1 ? 'periods_of_supply' : 'lot_for_lot', lot_size_qty: componentIndex % 3 === 1 ? '4' : '',
        min_order_qty: String(moq), order_multiple: String(multiple), yield_rate: '1', planner_code: '', buyer_code: buyers[componentIndex % buyers.length] ?? '', active: 'true',
      });
      add('supply_term', { item_code: code, supplier_code: primary.code, lead_time_days: String(primary.leadTimeDays), lead_time_std_days: fixed(primary.leadTimeStdDays, 1), min_order_qty: String(moq), order_multiple: String(multiple), unit_price: fixed(cost, 4), currency: 'EUR', preferred: 'true' });
      if (cost > 1 && random.next() < 0.5) {
        add('price_break', { item_code: code, supplier_code: primary.code, min_quantity: String(moq * 5), unit_price: fixed(cost * 0.95, 4) });
        add('price_break', { item_code: code, supplier_code: primary.code, min_quantity: String(moq * 20), unit_price: fixed(cost * 0.9, 4) });
      }
      if (random.next() < 0.3) {
        const second = pick(random, suppliers.filter((s) => s.code !== primary.code));
        add('supply_term', { item_code: code, supplier_code: second.code, lead_time_days: String(second.leadTimeDays), lead_time_std_days: fixed(second.leadTimeStdDays, 1), min_order_qty: String(moq), order_multiple: String(multiple), unit_price: fixed(cost * (second.overseas ? 0.82 : 1.08), 4), currency: 'EUR', preferred: 'false' });
      }
    }
  }
  const byKind = (prefix: string): Component[] => components.filter((c) => c.kind === prefix);

  // Semi-finished assemblies (5 per family) and finished goods (10 per family), each with routing and BOM.
  type FinishedGood = { code: string; family: (typeof FAMILIES)[number]; baseDaily: number; intermittent: boolean; trendPerYear: number; warehouses: string[]; price: number };
  const finishedGoods: FinishedGood[] = [];
  const bomLines = (parent: string, lines: { component: string; quantity: number; scrap?: number }[]): void => {
    add('bom', { parent_item_code: parent, version: 'V1', status: 'active', valid_from: '2020-01-01', valid_to: '' });
    lines.forEach((line, index) => add('bom_line', { parent_item_code: parent, bom_version: 'V1', line_number: String((index + 1) * 10), component_item_code: line.component, quantity_per: fixed(line.quantity, 6), scrap_rate: fixed(line.scrap ?? 0, 6), valid_from: '', valid_to: '' }));
  };
  const mainCenter = (plant: string, kind: 'machining' | 'assembly' | 'test'): string => {
    if (plant === 'PL-LYO') return kind === 'machining' ? 'WC-LYO-USI' : kind === 'assembly' ? 'WC-LYO-MON' : 'WC-LYO-ESS';
    return kind === 'machining' ? 'WC-ANG-DEC' : kind === 'assembly' ? 'WC-ANG-MON' : 'WC-ANG-PEI';
  };
  for (const family of FAMILIES) {
    const subassemblies: { code: string; cost: number }[] = [];
    for (let i = 1; i <= 5; i++) {
      const code = `SF-${family.code}-${i}`;
      const parts = [pick(random, byKind('CAR')), pick(random, byKind('VIS')), pick(random, family.code === 'TOOL' ? byKind('ACI') : byKind('PEH')), pick(random, byKind('JNT'))];
      const quantities = [1, Math.round(between(4, 12)), Math.round(between(0.3, 2.5) * 100) / 100, Math.round(between(1, 3))];
      const cost = parts.reduce((sum, part, k) => sum + part.cost * (quantities[k] ?? 1), 0) * 1.25;
      subassemblies.push({ code, cost });
      add('item', {
        code, name: `Sous-ensemble ${family.name.split(' ')[0]?.toLowerCase()} ${i}`, item_type: 'semi_finished', uom_code: 'EA', family_code: family.code, make_or_buy: 'make',
        standard_cost: fixed(cost, 4), sale_price: '', weight_kg: fixed(between(0.5, 3), 4), volume_m3: fixed(between(0.002, 0.01), 6), shelf_life_days: '',
        lead_time_days: '3', safety_stock_qty: '0', lot_size_rule: 'fixed_quantity', lot_size_qty: String(Math.round(between(2, 6)) * 50), min_order_qty: '', order_multiple: '', yield_rate: '0.98',
        planner_code: planners[FAMILIES.indexOf(family) % 2] ?? '', buyer_code: '', active: 'true',
      });
      bomLines(code, parts.map((part, k) => ({ component: part.code, quantity: quantities[k] ?? 1, scrap: part.kind === 'PEH' || part.kind === 'ACI' ? 0.03 : 0 })));
      add('routing_operation', { item_code: code, operation_number: '10', work_center_code: mainCenter(family.plant, 'machining'), description: 'Usinage / mise en forme', setup_hours: fixed(between(0.5, 2), 2), run_hours_per_unit: fixed(between(0.01, 0.05), 4) });
    }
    const names = PRODUCT_NAMES[family.code] ?? [];
    for (let i = 1; i <= 10; i++) {
      const code = `FG-${family.code}-${String(i).padStart(2, '0')}`;
      const sub = pick(random, subassemblies);
      const lines: { component: string; quantity: number; scrap?: number }[] = [{ component: sub.code, quantity: 1 }];
      if (family.code === 'PUMP' || family.code === 'MOW') lines.push({ component: pick(random, family.code === 'MOW' && i % 3 === 0 ? byKind('BAT') : byKind('MOT')).code, quantity: 1 });
      if (family.code === 'MOW' || family.code === 'TOOL') lines.push({ component: pick(random, byKind('LAM')).code, quantity: 1 });
      if (family.code === 'TOOL') lines.push({ component: pick(random, byKind('MAN')).code, quantity: 1 });
      if (family.code === 'IRRIG') lines.push({ component: pick(random, byKind('TUB')).code, quantity: Math.round(between(1, 5)) }, { component: pick(random, byKind('ROU')).code, quantity: 1 });
      if (family.code === 'PUMP') lines.push({ component: pick(random, byKind('ROU')).code, quantity: 1 }, { component: pick(random, byKind('CAB')).code, quantity: Math.round(between(2, 10)) });
      lines.push({ component: pick(random, byKind('EMB')).code, quantity: 1 }, { component: pick(random, byKind('VIS')).code, quantity: Math.round(between(2, 8)) });
      if (family.code !== 'TOOL') lines.push({ component: pick(random, byKind('LUB')).code, quantity: Math.round(between(0.05, 0.4) * 100) / 100 });
      const materialCost = lines.reduce((sum, line) => sum + (components.find((c) => c.code === line.component)?.cost ?? subassemblies.find((s) => s.code === line.component)?.cost ?? 0) * line.quantity, 0);
      const cost = materialCost * 1.3 + between(2, 8);
      const price = cost * between(1.6, 2.3);
      const slowMover = i >= 9;
      const baseDaily = slowMover ? between(0.15, 0.6) : family.code === 'TOOL' ? between(8, 25) : between(3, 14);
      const warehouseCount = slowMover ? 1 : i <= 3 ? 3 : 2;
      const fgWarehouses = warehouses.slice(0, warehouseCount);
      finishedGoods.push({ code, family, baseDaily, intermittent: slowMover, trendPerYear: between(-0.08, 0.15), warehouses: fgWarehouses, price });
      add('item', {
        code, name: names[i - 1] ?? code, item_type: 'finished_good', uom_code: 'EA', family_code: family.code, make_or_buy: 'make',
        standard_cost: fixed(cost, 4), sale_price: fixed(price, 2), weight_kg: fixed(between(0.5, 25), 3), volume_m3: fixed(between(0.004, 0.2), 5), shelf_life_days: '',
        lead_time_days: String(Math.round(between(2, 5))), safety_stock_qty: '0', lot_size_rule: slowMover ? 'lot_for_lot' : i % 2 === 0 ? 'wagner_whitin' : 'periods_of_supply', lot_size_qty: slowMover || i % 2 === 0 ? '' : '2',
        min_order_qty: '', order_multiple: slowMover ? '' : '10', yield_rate: '1', planner_code: planners[FAMILIES.indexOf(family) % 2] ?? '', buyer_code: '', active: 'true',
      });
      bomLines(code, lines);
      add('routing_operation', { item_code: code, operation_number: '10', work_center_code: mainCenter(family.plant, 'assembly'), description: 'Montage', setup_hours: fixed(between(0.5, 1.5), 2), run_hours_per_unit: fixed(between(0.017, 0.083), 4) });
      if (family.code !== 'TOOL') add('routing_operation', { item_code: code, operation_number: '20', work_center_code: mainCenter(family.plant, 'test'), description: family.plant === 'PL-LYO' ? 'Essai' : 'Finition', setup_hours: '0.25', run_hours_per_unit: fixed(between(0.02, 0.08), 4) });
      // Service target and review type come from the item's ABC × XYZ segment; the slow movers carry an explicit
      // override (90 % cycle service, reviewed every two weeks) to show a stock point's own setting winning.
      for (const warehouse of fgWarehouses) {
        add('stock_point', { item_code: code, location_code: warehouse, safety_stock_qty: '', reorder_point_qty: '', max_stock_qty: '', review_period_days: slowMover ? '14' : '', target_service_level: slowMover ? '0.9' : '' });
      }
      // Distribution network (DRP): the family's plant ships to the central warehouse at Gennevilliers.
      add('distribution_lane', { to_location_code: 'WH-PAR', item_code: code, from_location_code: family.plant, transit_lead_time_days: family.plant === 'PL-LYO' ? '2' : '1', fixed_shipment_qty: '', min_shipment_qty: '', shipment_multiple: '' });
    }
  }

  // The regional warehouses are replenished from Gennevilliers (every item), by multiples of 10.
  for (const regional of ['WH-LYO', 'WH-BDX']) {
    add('distribution_lane', { to_location_code: regional, item_code: '', from_location_code: 'WH-PAR', transit_lead_time_days: '2', fixed_shipment_qty: '', min_shipment_qty: '', shipment_multiple: '10' });
  }

  // Customers in real French towns.
  const customerTowns = FRENCH_TOWNS.filter((town) => !['Vénissieux', 'Gennevilliers', 'Saint-Priest', 'Mérignac'].includes(town.city)).slice(0, 80);
  const kinds = ['Jardinerie', 'Brico', 'Coopérative agricole', 'Paysagiste', 'Quincaillerie', 'Centre de motoculture'];
  const customers = customerTowns.map((town, index) => {
    const code = `CUS-${String(index + 1).padStart(3, '0')}`;
    const priority = index % 10 === 0 ? 'A' : index % 3 === 0 ? 'C' : 'B';
    const start = pick(random, ['07:00', '08:00', '08:30', '09:00']);
    const end = pick(random, ['12:00', '16:00', '17:00', '18:00']);
    add('customer', { code, name: `${pick(random, kinds)} ${town.city}`, city: town.city, postal_code: town.postalCode, country: 'FR', latitude: fixed(town.latitude, 4), longitude: fixed(town.longitude, 4), priority_class: priority, delivery_window_start: start, delivery_window_end: end, service_minutes: String(pick(random, [10, 15, 20, 30])) });
    const warehouse = town.longitude < 0.8 && town.latitude < 46.5 ? 'WH-BDX' : town.longitude > 3.8 && town.latitude < 47 ? 'WH-LYO' : 'WH-PAR';
    return { code, warehouse, town };
  });

  // Three years of daily sales per item × warehouse.
  const start = addDays(DEMO_AS_OF_DATE, -HISTORY_DAYS);
  const weekdayFactor = [0, 1.15, 1.1, 1.05, 1.05, 1.2, 0.45, 0];
  for (const fg of finishedGoods) {
    const promotions = new Set<string>();
    for (let year = 0; year < 3; year++) {
      if (fg.intermittent) continue;
      const promoStart = addDays(start, year * 364 + Math.round(between(40, 300)));
      const promoLength = random.nextInt(7, 15);
      for (let d = 0; d < promoLength; d++) promotions.add(addDays(promoStart, d));
    }
    fg.warehouses.forEach((warehouse, wIndex) => {
      const share = wIndex === 0 ? 1 : wIndex === 1 ? 0.6 : 0.35;
      for (let d = 0; d < HISTORY_DAYS; d++) {
        const day = addDays(start, d);
        const weekday = isoWeekday(day);
        if (weekday === 7) continue;
        const years = d / 364;
        const season = 1 + fg.family.seasonAmplitude * Math.cos((2 * Math.PI * (dayOfYear(day) - fg.family.seasonPeakDay)) / 365.25);
        const promo = promotions.has(day);
        const mean = fg.baseDaily * share * Math.max(0.05, 1 + fg.trendPerYear * years) * season * (weekdayFactor[weekday] ?? 1) * (promo ? between(1.6, 2.4) : 1);
        let quantity: number;
        if (fg.intermittent) {
          quantity = random.next() < Math.min(0.9, mean) ? 1 + poisson(random, 1.5) : 0;
        } else {
          const shape = 4;
          quantity = poisson(random, mean * gamma(random, shape) / shape);
        }
        if (quantity === 0) continue;
        add('sales_history', { item_code: fg.code, location_code: warehouse, sale_date: day, quantity: String(quantity), promotion: promo ? 'true' : 'false' });
      }
    });
  }

  // Open sales orders over the next six weeks.
  let orderNumber = 0;
  for (let o = 0; o < 160; o++) {
    orderNumber++;
    const customer = pick(random, customers);
    const number = `SO-${String(26000 + orderNumber)}`;
    const orderDate = addDays(DEMO_AS_OF_DATE, -random.nextInt(0, 14));
    add('sales_order', { order_number: number, customer_code: customer.code, order_date: orderDate, status: random.next() < 0.7 ? 'confirmed' : 'open' });
    const lineCount = random.nextInt(1, 5);
    const used = new Set<string>();
    for (let l = 1; l <= lineCount; l++) {
      const candidates = finishedGoods.filter((fg) => fg.warehouses.includes(customer.warehouse) && !used.has(fg.code));
      if (candidates.length === 0) break;
      const fg = pick(random, candidates);
      used.add(fg.code);
      const requested = addDays(DEMO_AS_OF_DATE, random.nextInt(1, 42));
      add('sales_order_line', { order_number: number, line_number: String(l), item_code: fg.code, location_code: customer.warehouse, quantity: String(fg.intermittent ? random.nextInt(1, 4) : random.nextInt(5, 60)), shipped_quantity: '0', requested_date: requested, promised_date: '', priority: customer.code.endsWith('0') ? '1' : '3', unit_price: fixed(fg.price * between(0.9, 1), 2) });
    }
  }

  // Open purchase orders (some past due) and firm production orders.
  const supplyTerms = (t.supply_term ?? []).filter((s) => s.preferred === 'true');
  for (let p = 1; p <= 45; p++) {
    const term = supplyTerms[(p * 7) % supplyTerms.length] as Row;
    const number = `PO-${String(81000 + p)}`;
    const orderDate = addDays(DEMO_AS_OF_DATE, -random.nextInt(5, 50));
    const due = addDays(orderDate, Math.round(Number(term.lead_time_days)) + random.nextInt(-3, 6));
    add('purchase_order', { order_number: number, supplier_code: term.supplier_code ?? '', order_date: orderDate, status: 'sent', currency: 'EUR' });
    const component = components.find((c) => c.code === term.item_code);
    const plant = component && ['MOT', 'ROU', 'CAB', 'TUB', 'LUB'].includes(component.kind) ? 'PL-LYO' : 'PL-ANG';
    add('purchase_order_line', { order_number: number, line_number: '1', item_code: term.item_code ?? '', location_code: plant, quantity: String(Number(term.min_order_qty) * random.nextInt(1, 4)), received_quantity: '0', unit_price: term.unit_price ?? '0', due_date: due });
  }
  for (let m = 1; m <= 16; m++) {
    const fg = finishedGoods[(m * 5) % finishedGoods.length] as FinishedGood;
    const startDate = addDays(DEMO_AS_OF_DATE, random.nextInt(-3, 10));
    add('production_order', { order_number: `OF-${String(5000 + m)}`, item_code: fg.code, location_code: fg.family.plant, quantity: String(random.nextInt(5, 30) * 10), completed_quantity: '0', start_date: startDate, due_date: addDays(startDate, 4), status: m % 4 === 0 ? 'released' : 'firm' });
  }
  for (let r = 1; r <= 6; r++) {
    const fg = finishedGoods[r * 3] as FinishedGood;
    const shipDate = addDays(DEMO_AS_OF_DATE, random.nextInt(0, 7));
    add('transfer_order', { order_number: `TR-${String(700 + r)}`, item_code: fg.code, from_location_code: 'WH-PAR', to_location_code: r % 2 ? 'WH-LYO' : 'WH-BDX', quantity: String(random.nextInt(2, 12) * 10), ship_date: shipDate, due_date: addDays(shipDate, 2), status: 'planned' });
  }

  // On-hand stock by lot, with the ledger's opening balances (dated before the actuals history, which nets to zero).
  const asOfStamp = DEMO_OPENING_DATE;
  let lotCounter = 0;
  const addLot = (item: string, location: string, quantity: number, unitCost: number, shelfLifeDays: number | undefined): void => {
    if (quantity <= 0) return;
    lotCounter++;
    const lot = `L${String(26000 + lotCounter)}`;
    const received = addDays(DEMO_AS_OF_DATE, -random.nextInt(3, 120));
    const expiry = shelfLifeDays ? addDays(received, shelfLifeDays) : '';
    add('stock_lot', { item_code: item, location_code: location, lot_number: lot, serial_number: '', quantity: String(quantity), expiry_date: expiry, received_date: received, status: 'available' });
    add('inventory_movement', { item_code: item, location_code: location, lot_number: lot, movement_type: 'opening_balance', quantity: String(quantity), unit_cost: fixed(unitCost, 4), occurred_at: asOfStamp, reference: 'OUVERTURE', reason: 'Solde d’ouverture de la démo' });
  };
  for (const fg of finishedGoods) {
    for (const warehouse of fg.warehouses) {
      const days = fg.intermittent ? random.nextInt(10, 60) : random.nextInt(4, 25);
      const lots = fg.intermittent ? 1 : random.nextInt(1, 3);
      for (let k = 0; k < lots; k++) addLot(fg.code, warehouse, Math.round((fg.baseDaily * days) / lots) + (fg.intermittent ? 1 : 0), 0, undefined);
    }
  }
  for (const component of components) {
    const kind = COMPONENT_KINDS.find((k) => k.prefix === component.kind);
    const plant = ['MOT', 'ROU', 'CAB', 'TUB', 'LUB'].includes(component.kind) ? 'PL-LYO' : 'PL-ANG';
    const quantity = component.raw ? random.nextInt(200, 3000) : component.cost > 20 ? random.nextInt(10, 200) : random.nextInt(100, 5000);
    addLot(component.code, plant, quantity, component.cost, kind && 'shelfLifeDays' in kind ? kind.shelfLifeDays : undefined);
  }
  // Fix the unit costs of finished-good opening balances to their standard cost.
  const costOf = new Map((t.item ?? []).map((item) => [item.code, item.standard_cost]));
  for (const movement of t.inventory_movement ?? []) if (movement.unit_cost === '0') movement.unit_cost = costOf.get(movement.item_code ?? '') ?? '0';

  // Carriers and their tariff grids by département group.
  const carriers = [
    { code: 'CAR-GEO', name: 'Géodis Messagerie', mode: 'road_ltl', fuel: 0.142, onTime: 0.94 },
    { code: 'CAR-DBS', name: 'DB Schenker France', mode: 'road_ltl', fuel: 0.151, onTime: 0.92 },
    { code: 'CAR-FTL', name: 'Transports Mazet', mode: 'road_ftl', fuel: 0.128, onTime: 0.96 },
    { code: 'CAR-COL', name: 'Colissimo Entreprise', mode: 'parcel', fuel: 0.09, onTime: 0.97 },
    { code: 'CAR-CMA', name: 'CMA CGM', mode: 'sea', fuel: 0.2, onTime: 0.85 },
  ];
  const zones = [...new Set(FRENCH_TOWNS.map((town) => town.department))].sort();
  const breaks = [[0, 100], [100, 500], [500, 1000], [1000, 3000], [3000, 24000]] as const;
  for (const carrier of carriers) {
    add('carrier', { code: carrier.code, name: carrier.name, transport_mode: carrier.mode, fuel_surcharge_rate: fixed(carrier.fuel, 3), on_time_rate: fixed(carrier.onTime, 2) });
    if (carrier.mode === 'sea') continue;
    for (const zone of zones) {
      const remoteness = ['29', '64', '66', '06', '2A', '2B', '65', '15'].includes(zone) ? 1.25 : 1;
      breaks.forEach(([low, high], b) => {
        if (carrier.mode === 'parcel' && low >= 100) return;
        if (carrier.mode === 'road_ftl' && low < 3000) return;
        const basePer100 = carrier.mode === 'parcel' ? 38 : carrier.mode === 'road_ftl' ? 4.2 : [22, 16, 12, 9, 6.5][b] ?? 6;
        const carrierFactor = carrier.code === 'CAR-DBS' ? 0.96 : 1;
        add('carrier_tariff', { carrier_code: carrier.code, zone, min_weight_kg: String(low), max_weight_kg: String(high), price_per_100kg: fixed(basePer100 * remoteness * carrierFactor, 2), minimum_charge: carrier.mode === 'road_ftl' ? '450' : carrier.mode === 'parcel' ? '9.5' : '35', transit_days: String(carrier.mode === 'road_ftl' ? 1 : remoteness > 1 ? 3 : 2) });
      });
    }
  }
  const vehicles = [
    ['VH-PAR-1', 'WH-PAR', 'Porteur 19 t', 9000, 45, 18, 180, 0.95, 0.84], ['VH-PAR-2', 'WH-PAR', 'Porteur 19 t', 9000, 45, 18, 180, 0.95, 0.84],
    ['VH-PAR-3', 'WH-PAR', 'Porteur 12 t', 5500, 35, 14, 150, 0.85, 0.68], ['VH-PAR-4', 'WH-PAR', 'Fourgon 3,5 t', 1200, 20, 6, 90, 0.55, 0.29],
    ['VH-LYO-1', 'WH-LYO', 'Porteur 19 t', 9000, 45, 18, 180, 0.95, 0.84], ['VH-LYO-2', 'WH-LYO', 'Porteur 12 t', 5500, 35, 14, 150, 0.85, 0.68],
    ['VH-LYO-3', 'WH-LYO', 'Fourgon 3,5 t', 1200, 20, 6, 90, 0.55, 0.29], ['VH-BDX-1', 'WH-BDX', 'Porteur 12 t', 5500, 35, 14, 150, 0.85, 0.68],
    ['VH-BDX-2', 'WH-BDX', 'Fourgon 3,5 t', 1200, 20, 6, 90, 0.55, 0.29],
  ] as const;
  // Inner bodies (cm, length × width × height) matching each type's volume and pallet places (EUR pallets 120 × 80):
  // rigid 19 t 750 × 245 × 245 (45 m³, 6 rows of 3), rigid 12 t 600 × 245 × 240 (35 m³), 3.5 t van 420 × 205 × 230 (20 m³).
  const bodyCm: Record<string, readonly [number, number, number]> = { 'Porteur 19 t': [750, 245, 245], 'Porteur 12 t': [600, 245, 240], 'Fourgon 3,5 t': [420, 205, 230] };
  for (const [code, location, type, kg, m3, pallets, fixedCost, perKm, co2] of vehicles) {
    const [length, width, height] = bodyCm[type]!;
    add('vehicle', {
      code, location_code: location, carrier_code: '', vehicle_type: type, capacity_kg: String(kg), capacity_m3: String(m3), capacity_pallets: String(pallets), fixed_cost_per_day: String(fixedCost), cost_per_km: fixed(perKm, 2), co2_kg_per_km: fixed(co2, 3), max_route_hours: '10',
      body_length_cm: String(length), body_width_cm: String(width), body_height_cm: String(height),
    });
  }

  // Recent shipments (last four weeks) and a few returns.
  for (let s = 1; s <= 60; s++) {
    const customer = pick(random, customers);
    const shipDate = addDays(DEMO_AS_OF_DATE, -random.nextInt(1, 28));
    const carrier = pick(random, carriers.filter((c) => c.mode !== 'sea'));
    const delivered = random.next() < carrier.onTime ? addDays(shipDate, 2) : addDays(shipDate, 3 + random.nextInt(0, 3));
    const number = `SH-${String(90000 + s)}`;
    const candidates = finishedGoods.filter((fg) => fg.warehouses.includes(customer.warehouse));
    const fg = pick(random, candidates);
    const quantity = fg.intermittent ? random.nextInt(1, 3) : random.nextInt(4, 40);
    add('shipment', { shipment_number: number, from_location_code: customer.warehouse, customer_code: customer.code, carrier_code: carrier.code, ship_date: shipDate, planned_delivery_date: addDays(shipDate, 2), delivered_date: delivered <= DEMO_AS_OF_DATE ? delivered : '', status: delivered <= DEMO_AS_OF_DATE ? 'delivered' : 'dispatched', weight_kg: fixed(quantity * 5, 2), freight_cost: '', co2_kg: '' });
    add('shipment_line', { shipment_number: number, line_number: '1', sales_order_number: '', sales_order_line_number: '', item_code: fg.code, lot_number: '', quantity: String(quantity) });
  }
  const reasons = ['damaged', 'defective', 'wrong_item', 'not_needed'];
  for (let r = 1; r <= 12; r++) {
    const customer = pick(random, customers);
    const fg = pick(random, finishedGoods.filter((f) => f.warehouses.includes(customer.warehouse)));
    const authorized = addDays(DEMO_AS_OF_DATE, -random.nextInt(1, 40));
    const drawnReceipt = r % 3 === 0 ? '' : addDays(authorized, random.nextInt(2, 8));
    // A return not yet arrived by the as-of date is still only authorised; one is inspected the day after its receipt.
    const received = drawnReceipt && drawnReceipt <= DEMO_AS_OF_DATE ? drawnReceipt : '';
    const quantity = String(random.nextInt(1, 5));
    const reason = pick(random, reasons);
    const drawnDisposition = drawnReceipt && r % 2 ? pick(random, ['restock', 'refurbish', 'scrap']) : '';
    const inspected = received && drawnDisposition && addDays(received, 1) <= DEMO_AS_OF_DATE ? addDays(received, 1) : '';
    const disposition = inspected ? drawnDisposition : '';
    add('return_order', {
      rma_number: `RMA-${String(3000 + r)}`, customer_code: customer.code, item_code: fg.code, lot_number: '', quantity, reason,
      status: inspected ? 'inspected' : received ? 'received' : 'authorized', disposition, authorized_date: authorized, received_date: received, location_code: customer.warehouse,
      inspected_date: inspected, inspection_result: disposition === 'restock' ? 'as_new' : disposition === 'refurbish' ? 'repairable' : disposition === 'scrap' ? 'unusable' : '',
      inspection_note: '', disposed_date: '', return_cost_eur: '', credit_amount_eur: '',
    });
  }

  addDemoActuals(t, {
    asOfDate: DEMO_AS_OF_DATE, openingDate: DEMO_OPENING_DATE, seed,
    finishedGoods: finishedGoods.map((fg) => ({ code: fg.code, plant: fg.family.plant, warehouses: fg.warehouses, intermittent: fg.intermittent })),
    customers: customers.map((c) => ({ code: c.code, warehouse: c.warehouse })),
  });

  return { asOfDate: DEMO_AS_OF_DATE, tables: t as DemoCompany['tables'] };
}
