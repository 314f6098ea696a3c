import { createRandom, type RandomSource } from '@flowpilot/core';

type Row = Record<string, string>;
type Tables = Record<string, Row[]>;

/** What the actuals need to know of the demo company beyond its tables. */
export type DemoActualsContext = {
  asOfDate: string;
  /** Day of the ledger's opening balances: before the first history movement. */
  openingDate: string;
  seed: number;
  finishedGoods: { code: string; plant: string; warehouses: string[]; intermittent: boolean }[];
  customers: { code: string; warehouse: string }[];
};

/** Weeks of actuals before the as-of date (26 weeks = 182 days, the default KPI window). */
export const DEMO_ACTUALS_WEEKS = 26;

const addDays = (iso: string, days: number): string => {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};
const weekday = (iso: string): number => {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
};
const fixed = (value: number, digits: number): string => {
  const text = value.toFixed(digits);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
};
/** Thousandths as an exact decimal string (quantities are summed in integer thousandths so the ledger nets exactly). */
const milli = (thousandths: number): string => fixed(thousandths / 1000, 3);
const pick = <T>(random: RandomSource, list: readonly T[]): T => list[random.nextInt(0, list.length)] as T;

function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/**
 * Adds 26 weeks of actuals before the as-of date to the demo tables, from its own seeded random
 * source (the rest of the company is unchanged): closed sales orders shipped by carriers (some
 * late, some short) with shipment lines linked to order lines, freight and CO2 (GLEC road factor
 * 0.1 kg CO2e per t·km over 1.3 × great-circle km); fortnightly production orders with their
 * consumption, production receipts, production events (OEE) and transfers to the warehouses;
 * four-weekly purchase orders received against the ledger (reference `<PO>/<line>`, some late,
 * some short, some quality rejects posted as 'scrap' with reason 'quality_reject'); monthly
 * logistics cost entries and budgets; KPI targets; the opening stock set to a cover consistent
 * with these flows; customer and supplier invoices with their payments (receivables and payables);
 * the forecasts made before each week (forecast snapshots).
 * Every flow is balanced per item × location (receipts before the issues they feed), so the opening
 * balances plus the history net exactly to today's on-hand stock.
 */
export function addDemoActuals(t: Tables, context: DemoActualsContext): void {
  const random = createRandom(context.seed * 7919 + 17);
  const add = (entity: string, row: Row): void => { (t[entity] ??= []).push(row); };
  const between = (low: number, high: number): number => low + (high - low) * random.next();
  const items = new Map((t.item ?? []).map((row) => [row.code ?? '', row]));
  const costOf = (code: string): number => Number(items.get(code)?.standard_cost ?? 0);
  const weightOf = (code: string): number => Number(items.get(code)?.weight_kg ?? 1);
  const coords = (row: Row | undefined) => ({ lat: Number(row?.latitude ?? 46.6), lon: Number(row?.longitude ?? 2.4) });
  const locationRow = new Map((t.location ?? []).map((row) => [row.code ?? '', row]));
  const customerRow = new Map((t.customer ?? []).map((row) => [row.code ?? '', row]));
  const priceOf = (code: string): number => Number(items.get(code)?.sale_price ?? 0);
  const start = addDays(context.asOfDate, -DEMO_ACTUALS_WEEKS * 7);
  // Orders of the first 162 days are all delivered by the as-of date. Those of the last 20 days come
  // from their own random source (so the earlier ones stay as they were) and stop where the as-of date
  // cuts them: still in transit (shipment dispatched), or not shipped yet (order confirmed, open).
  const lastOrderDay = addDays(context.asOfDate, -20);
  const tail = createRandom(context.seed * 7919 + 37);
  const carriers = (t.carrier ?? []).filter((c) => c.transport_mode !== 'sea').map((c) => ({ code: c.code ?? '', onTime: Number(c.on_time_rate ?? 0.9), mode: c.transport_mode ?? 'road_ltl' }));
  const movement = (item: string, location: string, type: string, quantity: string, date: string, reference: string, reason = ''): void => {
    add('inventory_movement', { item_code: item, location_code: location, lot_number: '', movement_type: type, quantity, unit_cost: fixed(costOf(item), 4), occurred_at: date, reference, reason });
  };

  // 1. Sales orders, shipments and their ledger issues. Shipped units per FG × warehouse × fortnight feed the replenishment.
  const shippedByPeriod = new Map<string, number>();
  const periodOf = (day: string): number => Math.floor((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / (14 * 86_400_000));
  const handlingUnits = new Map<string, number>();
  const freightByMonth = new Map<string, number>();
  let orderCounter = 0;
  let shipmentCounter = 0;
  /** One customer invoice per shipment: shipped quantity × the order line's unit price. */
  const shipmentInvoices: { shipmentNumber: string; orderNumber: string; customer: string; date: string; amountEur: number }[] = [];
  for (let day = start; day < context.asOfDate; day = addDays(day, 1)) {
    if (weekday(day) > 5) continue;
    const r = day <= lastOrderDay ? random : tail;
    const draw = (low: number, high: number): number => low + (high - low) * r.next();
    const orders = 2 + r.nextInt(0, 3);
    for (let o = 0; o < orders; o++) {
      orderCounter++;
      const customer = pick(r, context.customers);
      const orderNumber = `SO-H${String(orderCounter).padStart(4, '0')}`;
      const candidates = context.finishedGoods.filter((fg) => fg.warehouses.includes(customer.warehouse));
      const lineCount = Math.min(candidates.length, 1 + r.nextInt(0, 3));
      const chosen: typeof candidates = [];
      while (chosen.length < lineCount) {
        const fg = pick(r, candidates);
        if (!chosen.includes(fg)) chosen.push(fg);
      }
      const requested = addDays(day, 4 + r.nextInt(0, 7));
      const carrier = pick(r, carriers);
      const transitDays = carrier.mode === 'road_ftl' ? 1 : 2;
      // Orders leave a working day ahead of the transit time; some leave late (stock-outs, picking backlog).
      let shipDate = addDays(requested, -transitDays - 1);
      while (weekday(shipDate) > 5) shipDate = addDays(shipDate, -1);
      if (r.next() < 0.08) shipDate = addDays(shipDate, 1 + r.nextInt(0, 3));
      while (weekday(shipDate) > 5) shipDate = addDays(shipDate, 1);
      const carrierLate = r.next() > carrier.onTime ? 1 + r.nextInt(0, 2) : 0;
      const delivered = addDays(shipDate, transitDays + carrierLate);
      const shipped = shipDate < context.asOfDate;
      const arrived = delivered < context.asOfDate;
      shipmentCounter++;
      const shipmentNumber = `SH-H${String(shipmentCounter).padStart(4, '0')}`;
      add('sales_order', { order_number: orderNumber, customer_code: customer.code, order_date: day, status: arrived ? 'closed' : shipped ? 'shipped' : 'confirmed' });
      let weightKg = 0;
      let shipmentLine = 0;
      let invoicedEur = 0;
      chosen.forEach((fg, index) => {
        const ordered = fg.intermittent ? 1 + r.nextInt(0, 3) : 5 + r.nextInt(0, 36);
        const short = r.next() < 0.07;
        const shippedQuantity = short ? Math.max(0, Math.floor(ordered * draw(0.4, 0.9))) : ordered;
        const quantityOut = shipped ? shippedQuantity : 0;
        const unitPrice = fixed(priceOf(fg.code) * draw(0.9, 1), 2);
        add('sales_order_line', {
          order_number: orderNumber, line_number: String(index + 1), item_code: fg.code, location_code: customer.warehouse, quantity: String(ordered), shipped_quantity: String(quantityOut),
          requested_date: requested, promised_date: '', priority: '3', unit_price: unitPrice,
        });
        invoicedEur += quantityOut * Number(unitPrice);
        if (quantityOut === 0) return;
        shipmentLine++;
        add('shipment_line', { shipment_number: shipmentNumber, line_number: String(shipmentLine), sales_order_number: orderNumber, sales_order_line_number: String(index + 1), item_code: fg.code, lot_number: '', quantity: String(quantityOut) });
        movement(fg.code, customer.warehouse, 'shipment', String(-quantityOut), shipDate, shipmentNumber);
        weightKg += quantityOut * weightOf(fg.code);
        const key = `${fg.code}|${customer.warehouse}|${periodOf(shipDate)}`;
        shippedByPeriod.set(key, (shippedByPeriod.get(key) ?? 0) + quantityOut);
        handlingUnits.set(`${customer.warehouse}|${shipDate.slice(0, 7)}`, (handlingUnits.get(`${customer.warehouse}|${shipDate.slice(0, 7)}`) ?? 0) + quantityOut);
      });
      if (shipmentLine === 0) continue;
      shipmentInvoices.push({ shipmentNumber, orderNumber, customer: customer.code, date: shipDate, amountEur: Math.round(invoicedEur * 100) / 100 });
      const km = 1.3 * distanceKm(coords(locationRow.get(customer.warehouse)), coords(customerRow.get(customer.code)));
      const freight = Math.max(carrier.mode === 'parcel' ? 9.5 : 35, (weightKg / 100) * (carrier.mode === 'parcel' ? 38 : carrier.mode === 'road_ftl' ? 6 : 14) * (1 + km / 1500));
      freightByMonth.set(shipDate.slice(0, 7), (freightByMonth.get(shipDate.slice(0, 7)) ?? 0) + Math.round(freight * 100) / 100);
      add('shipment', {
        shipment_number: shipmentNumber, from_location_code: customer.warehouse, customer_code: customer.code, carrier_code: carrier.code, ship_date: shipDate,
        planned_delivery_date: addDays(shipDate, transitDays), delivered_date: arrived ? delivered : '', status: arrived ? 'delivered' : 'dispatched', weight_kg: fixed(weightKg, 2),
        freight_cost: fixed(Math.round(freight * 100) / 100, 2), co2_kg: fixed((weightKg / 1000) * km * 0.1, 3),
      });
    }
  }

  // 2. Replenishment: each fortnight starts with transfers plant → warehouse of what that fortnight ships,
  //    made the Friday before by a production order that consumes its bill of materials.
  const bomOf = new Map<string, { component: string; quantity: number; scrap: number }[]>();
  for (const line of t.bom_line ?? []) {
    const list = bomOf.get(line.parent_item_code ?? '') ?? [];
    list.push({ component: line.component_item_code ?? '', quantity: Number(line.quantity_per), scrap: Number(line.scrap_rate ?? 0) });
    bomOf.set(line.parent_item_code ?? '', list);
  }
  const routingOf = new Map<string, Row[]>();
  for (const op of t.routing_operation ?? []) routingOf.set(op.item_code ?? '', [...(routingOf.get(op.item_code ?? '') ?? []), op]);
  const componentPlant = new Map((t.stock_lot ?? []).filter((lot) => (items.get(lot.item_code ?? '')?.item_type ?? '') !== 'finished_good').map((lot) => [lot.item_code ?? '', lot.location_code ?? '']));
  /** Component consumption in thousandths per component × plant × 4-week block. */
  const consumption = new Map<string, number>();
  let moCounter = 0;
  let eventCounter = 0;
  const periods = Math.ceil((DEMO_ACTUALS_WEEKS * 7) / 14);
  const produce = (item: string, plant: string, quantity: number, startDate: string, dueDate: string): void => {
    moCounter++;
    const orderNumber = `OF-H${String(moCounter).padStart(4, '0')}`;
    add('production_order', { order_number: orderNumber, item_code: item, location_code: plant, quantity: String(quantity), completed_quantity: String(quantity), start_date: startDate, due_date: dueDate, status: 'completed' });
    for (const line of bomOf.get(item) ?? []) {
      const thousandths = Math.round(quantity * line.quantity * (1 + line.scrap) * 1000);
      if (thousandths <= 0) continue;
      const componentType = items.get(line.component)?.item_type ?? '';
      const location = componentType === 'semi_finished' ? plant : (componentPlant.get(line.component) ?? plant);
      movement(line.component, location, 'consumption', milli(-thousandths), startDate, orderNumber);
      if (componentType !== 'semi_finished') {
        const key = `${line.component}|${location}|${Math.floor(periodOf(startDate) / 2)}`;
        consumption.set(key, (consumption.get(key) ?? 0) + thousandths);
      }
    }
    // One production event per routing operation: ideal cycle 90 % of the standard run time, planned time at 85 % efficiency.
    const scrapUnits = Math.round(quantity * between(0.005, 0.04));
    for (const op of routingOf.get(item) ?? []) {
      eventCounter++;
      const runMinutes = Number(op.run_hours_per_unit) * 60;
      const total = quantity + scrapUnits;
      const planned = Math.round((Number(op.setup_hours) * 60 + runMinutes * total) / 0.85);
      add('production_event', {
        event_number: `PE-H${String(eventCounter).padStart(5, '0')}`, work_center_code: op.work_center_code ?? '', production_order_number: orderNumber, item_code: item,
        event_date: startDate, shift_code: '', planned_minutes: String(planned), downtime_minutes: String(Math.round(planned * between(0.04, 0.16))),
        ideal_cycle_minutes: fixed(runMinutes * 0.9, 4), total_units: String(total), good_units: String(quantity), available_minutes: '',
      });
    }
    movement(item, plant, 'production_receipt', String(quantity), dueDate, orderNumber);
  };
  for (let p = 0; p < periods; p++) {
    const periodStart = addDays(start, p * 14);
    const semiNeeds = new Map<string, { plant: string; quantity: number }>();
    for (const fg of context.finishedGoods) {
      let made = 0;
      for (const warehouse of fg.warehouses) {
        const quantity = shippedByPeriod.get(`${fg.code}|${warehouse}|${p}`) ?? 0;
        if (quantity === 0) continue;
        made += quantity;
        const reference = `TR-H${fg.code.slice(3)}-${String(p + 1).padStart(2, '0')}-${warehouse.slice(3)}`;
        movement(fg.code, fg.plant, 'transfer_out', String(-quantity), periodStart, reference);
        movement(fg.code, warehouse, 'transfer_in', String(quantity), periodStart, reference);
      }
      if (made === 0) continue;
      produce(fg.code, fg.plant, made, addDays(periodStart, -7), addDays(periodStart, -3));
      for (const line of bomOf.get(fg.code) ?? []) {
        if (items.get(line.component)?.item_type !== 'semi_finished') continue;
        const need = semiNeeds.get(line.component) ?? { plant: fg.plant, quantity: 0 };
        need.quantity += Math.round(made * line.quantity * 1000) / 1000;
        semiNeeds.set(line.component, need);
      }
    }
    // Sub-assemblies are made the week before the finished goods that consume them.
    for (const [semi, need] of [...semiNeeds].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (Number.isInteger(need.quantity) && need.quantity > 0) produce(semi, need.plant, need.quantity, addDays(periodStart, -14), addDays(periodStart, -10));
    }
  }

  // 3. Purchases: one order per component × plant × 4-week block, received the Friday before the block.
  const termOf = new Map((t.supply_term ?? []).filter((s) => s.preferred === 'true').map((s) => [s.item_code ?? '', s]));
  let poCounter = 0;
  const procurementByMonth = new Map<string, number>();
  /** One supplier invoice per receipt: received quantity × the supply term's unit price. */
  const receiptInvoices: { orderNumber: string; supplier: string; date: string; amountEur: number }[] = [];
  for (const [key, thousandths] of [...consumption].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const [item = '', plant = '', blockText = '0'] = key.split('|');
    const term = termOf.get(item);
    if (!term) continue;
    poCounter++;
    const orderNumber = `PO-H${String(poCounter).padStart(4, '0')}`;
    const receivedDate = addDays(start, Number(blockText) * 28 - 17);
    const late = random.next() < 0.14 ? 1 + random.nextInt(0, 6) : 0;
    const due = addDays(receivedDate, -late + (late === 0 ? random.nextInt(0, 3) : 0));
    const orderDate = addDays(due, -Math.round(Number(term.lead_time_days)));
    const short = random.next() < 0.08;
    const ordered = short ? Math.ceil((thousandths / 1000) / between(0.85, 0.95)) : thousandths / 1000;
    const reject = random.next() < 0.06 ? Math.max(1000, Math.round(thousandths * between(0.01, 0.05) / 1000) * 1000) : 0;
    add('purchase_order', { order_number: orderNumber, supplier_code: term.supplier_code ?? '', order_date: orderDate, status: 'received', currency: 'EUR' });
    add('purchase_order_line', { order_number: orderNumber, line_number: '1', item_code: item, location_code: plant, quantity: fixed(ordered, 3), received_quantity: milli(thousandths), unit_price: term.unit_price ?? '0', due_date: due });
    movement(item, plant, 'receipt', milli(thousandths + reject), receivedDate, `${orderNumber}/1`);
    if (reject > 0) movement(item, plant, 'scrap', milli(-reject), receivedDate, `${orderNumber}/1`, 'quality_reject');
    receiptInvoices.push({ orderNumber, supplier: term.supplier_code ?? '', date: receivedDate, amountEur: Math.round((thousandths / 1000) * Number(term.unit_price ?? 0) * 100) / 100 });
    procurementByMonth.set(receivedDate.slice(0, 7), (procurementByMonth.get(receivedDate.slice(0, 7)) ?? 0) + 45);
  }

  // 6-8 draw from their own random source, so the flows stay as they were. The stock is set from the
  // flows before the storage and financial costs are charged on its value.
  const finance = createRandom(context.seed * 7919 + 31);
  setStockCoverFromFlows(t, context, { start, lastShipDay: addDays(context.asOfDate, -1), shippedByPeriod, consumption, random: finance });

  // 4. Monthly logistics costs per warehouse and their budgets; transport is the freight on the shipments.
  const months = [...new Set([...handlingUnits.keys()].map((k) => k.split('|')[1] ?? ''))].sort();
  const stockValue = new Map<string, number>();
  for (const lot of t.stock_lot ?? []) stockValue.set(lot.location_code ?? '', (stockValue.get(lot.location_code ?? '') ?? 0) + Number(lot.quantity) * costOf(lot.item_code ?? ''));
  let entryCounter = 0;
  const actualByMonth = new Map<string, number>();
  // Months cut by the start of the history or by the as-of date are charged pro rata and booked by the day before the as-of date.
  const lastDay = addDays(context.asOfDate, -1);
  const coveredFraction = (month: string): number => {
    const first = `${month}-01`;
    const daysInMonth = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
    const from = first < start ? start : first;
    const monthEnd = `${month}-${String(daysInMonth).padStart(2, '0')}`;
    const to = monthEnd > lastDay ? lastDay : monthEnd;
    return Math.max(0, (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1) / daysInMonth;
  };
  const entry = (month: string, category: string, amount: number, location: string, description: string): void => {
    entryCounter++;
    const rounded = Math.round(amount * 100) / 100;
    const date = `${month}-28` > lastDay ? lastDay : `${month}-28`;
    add('cost_entry', { entry_number: `CE-H${String(entryCounter).padStart(4, '0')}`, entry_date: date, category, amount_eur: fixed(rounded, 2), customer_code: '', location_code: location, carrier_code: '', item_code: '', reference: '', description });
    actualByMonth.set(`${month}|${category}`, (actualByMonth.get(`${month}|${category}`) ?? 0) + rounded);
  };
  for (const month of months) {
    for (const location of [...stockValue.keys()].sort()) {
      const value = stockValue.get(location) ?? 0;
      entry(month, 'storage', value * 0.01 * between(0.9, 1.1) * coveredFraction(month), location, 'Loyer, énergie et assurance de l’entrepôt');
      entry(month, 'financial', ((value * 0.08) / 12) * coveredFraction(month), location, 'Coût financier du stock (8 %/an)');
      const units = handlingUnits.get(`${location}|${month}`) ?? 0;
      if (units > 0) entry(month, 'handling', units * 0.85 * between(0.9, 1.15), location, 'Préparation et manutention');
    }
    if (procurementByMonth.has(month)) entry(month, 'procurement', procurementByMonth.get(month) ?? 0, '', 'Coût administratif des commandes d’achat (45 €/commande)');
    actualByMonth.set(`${month}|transport`, Math.round((freightByMonth.get(month) ?? 0) * 100) / 100);
  }
  for (const month of months) {
    for (const category of ['procurement', 'storage', 'handling', 'transport', 'financial']) {
      const actual = actualByMonth.get(`${month}|${category}`) ?? 0;
      if (actual <= 0) continue;
      add('cost_budget', { budget_month: `${month}-01`, category, amount_eur: String(Math.round(actual * between(0.9, 1.08) / 10) * 10) });
    }
  }

  // 5. KPI targets of the company (the rest use the catalogue defaults).
  for (const [kpi, target, alert] of [['otif', '0.92', '0.85'], ['fill-rate-unit', '0.97', '0.93'], ['supplier-on-time-rate', '0.9', '0.8'], ['oee', '0.75', '0.65'], ['logistics-cost-share-of-sales', '0.08', '0.1'], ['co2-per-unit-shipped', '0.3', '0.5'],
    ['cash-to-cash-cycle', '90', '110']] as const) {
    add('kpi_target', { kpi_id: kpi, target_value: target, alert_threshold: alert });
  }

  addDemoInvoices(t, context, { start, shipmentInvoices, receiptInvoices, random: finance });
  addDemoForecastSnapshots(t, context, start);
}

/**
 * 6. Opening stock consistent with the flows (stock cover in days of the history's own demand):
 * finished goods hold 25–45 days of their average daily shipments at each warehouse (slow movers
 * 60–120 days, at least 2 units), components 20–40 days of their average daily consumption; unused
 * components keep a twentieth of their lot. With the fortnightly (finished goods) and four-weekly
 * (components) replenishment on top, finished goods turn about 7–11 times a year. The opening
 * balance movements and today's lots move together, so the ledger still nets to the lots.
 */
function setStockCoverFromFlows(
  t: Tables, context: DemoActualsContext,
  flows: { start: string; lastShipDay: string; shippedByPeriod: Map<string, number>; consumption: Map<string, number>; random: RandomSource },
): void {
  const orderDays = (Date.parse(`${flows.lastShipDay}T00:00:00Z`) - Date.parse(`${flows.start}T00:00:00Z`)) / 86_400_000 + 1;
  const shipped = new Map<string, number>();
  for (const [key, quantity] of flows.shippedByPeriod) {
    const [item = '', location = ''] = key.split('|');
    shipped.set(`${item}|${location}`, (shipped.get(`${item}|${location}`) ?? 0) + quantity);
  }
  const consumed = new Map<string, number>();
  for (const [key, thousandths] of flows.consumption) {
    const [item = '', location = ''] = key.split('|');
    consumed.set(`${item}|${location}`, (consumed.get(`${item}|${location}`) ?? 0) + thousandths);
  }
  const historyDays = DEMO_ACTUALS_WEEKS * 7;
  const finished = new Map(context.finishedGoods.map((fg) => [fg.code, fg]));
  const lotsByPosition = new Map<string, Row[]>();
  for (const lot of t.stock_lot ?? []) {
    const key = `${lot.item_code}|${lot.location_code}`;
    lotsByPosition.set(key, [...(lotsByPosition.get(key) ?? []), lot]);
  }
  const openings = new Map((t.inventory_movement ?? []).filter((m) => m.movement_type === 'opening_balance').map((m) => [`${m.item_code}|${m.location_code}|${m.lot_number}`, m]));
  for (const [key, lots] of [...lotsByPosition].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const [item = ''] = key.split('|');
    const fg = finished.get(item);
    let thousandths: number;
    if (fg) {
      const cover = fg.intermittent ? 60 + flows.random.nextInt(0, 61) : 25 + flows.random.nextInt(0, 21);
      const daily = (shipped.get(key) ?? 0) / orderDays;
      thousandths = Math.max(fg.intermittent ? 2 : 1, Math.round(daily * cover)) * 1000;
    } else if ((consumed.get(key) ?? 0) > 0) {
      const cover = 20 + flows.random.nextInt(0, 21);
      thousandths = Math.ceil(((consumed.get(key) ?? 0) / historyDays) * cover / 1000) * 1000;
    } else {
      thousandths = Math.max(1000, Math.round(lots.reduce((sum, lot) => sum + Number(lot.quantity), 0) / 20) * 1000);
    }
    // Whole units per lot, the first lot taking the remainder; every lot keeps at least one unit.
    const units = Math.max(lots.length, Math.round(thousandths / 1000));
    lots.forEach((lot, index) => {
      const quantity = String(Math.floor(units / lots.length) + (index === 0 ? units % lots.length : 0));
      lot.quantity = quantity;
      const opening = openings.get(`${key}|${lot.lot_number}`);
      if (opening) opening.quantity = quantity;
    });
  }
}

/**
 * 7. Receivables and payables as an ERP extract gives them: one customer invoice per shipment on
 * its ship date (payment terms 30, 45 or 60 days by customer, French LME cap of 60 days; most pay
 * within 3 days of the due date, a quarter 5–25 days late, one in twenty 30–60 days late), one
 * supplier invoice per purchase receipt (45 days for French suppliers, 60 for the others, paid on
 * the due date or up to 2 days after, one in ten 3–15 days late). Invoices issued before the
 * history (customers: every working day of the 60 days before, at the history's average daily
 * amount; suppliers: the first block's receipts again, 45 days earlier) make the opening balances.
 * An invoice due after the as-of date, or paid after it, is open (no payment date).
 */
function addDemoInvoices(
  t: Tables, context: DemoActualsContext,
  input: { start: string; shipmentInvoices: { shipmentNumber: string; orderNumber: string; customer: string; date: string; amountEur: number }[]; receiptInvoices: { orderNumber: string; supplier: string; date: string; amountEur: number }[]; random: RandomSource },
): void {
  const random = input.random;
  const customerIndex = new Map(context.customers.map((c, index) => [c.code, index]));
  const termsOf = (customer: string): number => [30, 45, 60][(customerIndex.get(customer) ?? 0) % 3] ?? 30;
  const supplierCountry = new Map((t.supplier ?? []).map((row) => [row.code ?? '', row.country ?? 'FR']));
  const paid = (due: string, lateDays: number): string => {
    const day = addDays(due, lateDays);
    return day < context.asOfDate ? day : '';
  };
  const customerLate = (): number => {
    const draw = random.next();
    return draw < 0.05 ? 30 + random.nextInt(0, 31) : draw < 0.3 ? 5 + random.nextInt(0, 21) : random.nextInt(-3, 4);
  };
  const customerInvoice = (number: string, customer: string, date: string, amountEur: number, orderNumber: string, shipmentNumber: string): void => {
    const due = addDays(date, termsOf(customer));
    const payment = paid(due, customerLate());
    (t.customer_invoice ??= []).push({
      invoice_number: number, customer_code: customer, invoice_date: date, due_date: due, amount_eur: fixed(amountEur, 2),
      payment_date: payment, sales_order_number: orderNumber, shipment_number: shipmentNumber,
    });
  };
  const workingDays = input.shipmentInvoices.length === 0 ? 1 : new Set(input.shipmentInvoices.map((i) => i.date)).size;
  const dailyAmount = input.shipmentInvoices.reduce((sum, i) => sum + i.amountEur, 0) / workingDays;
  let opening = 0;
  for (let day = addDays(input.start, -60); day < input.start; day = addDays(day, 1)) {
    if (weekday(day) > 5) continue;
    opening++;
    customerInvoice(`FC-O${String(opening).padStart(4, '0')}`, pick(random, context.customers).code, day, Math.round(dailyAmount * (0.7 + 0.6 * random.next()) * 100) / 100, '', '');
  }
  input.shipmentInvoices.forEach((invoice, index) => customerInvoice(`FC-H${String(index + 1).padStart(5, '0')}`, invoice.customer, invoice.date, invoice.amountEur, invoice.orderNumber, invoice.shipmentNumber));

  const supplierInvoice = (supplier: string, number: string, date: string, amountEur: number, orderNumber: string): void => {
    const invoiceDate = addDays(date, random.nextInt(0, 3));
    const due = addDays(invoiceDate, supplierCountry.get(supplier) === 'FR' ? 45 : 60);
    const late = random.next() < 0.1 ? 3 + random.nextInt(0, 13) : random.nextInt(0, 3);
    (t.supplier_invoice ??= []).push({ supplier_code: supplier, invoice_number: number, invoice_date: invoiceDate, due_date: due, amount_eur: fixed(amountEur, 2), payment_date: paid(due, late), purchase_order_number: orderNumber });
  };
  const firstBlock = input.receiptInvoices.filter((r) => r.date === input.receiptInvoices[0]?.date);
  firstBlock.forEach((receipt, index) => supplierInvoice(receipt.supplier, `FA-O${String(index + 1).padStart(4, '0')}`, addDays(receipt.date, -45), receipt.amountEur, ''));
  input.receiptInvoices.forEach((receipt, index) => supplierInvoice(receipt.supplier, `FA-H${String(index + 1).padStart(4, '0')}`, receipt.date, receipt.amountEur, receipt.orderNumber));
}

/**
 * 8. The forecasts the company made before each of the 26 weeks (forecast snapshots made on the
 * Monday morning with the sales up to the Sunday before), per finished good × warehouse:
 * regular items by a seasonal naive forecast scaled to the recent level,
 *   F(w) = (y(w−53) + y(w−52) + y(w−51)) / 3 × Σ_{k=1..8} y(w−k) / Σ_{k=1..8} y(w−52−k), the ratio kept in [0.5, 2],
 * slow movers by the mean of the last 13 weeks. Deterministic (no random draw).
 */
function addDemoForecastSnapshots(t: Tables, context: DemoActualsContext, historyStart: string): void {
  // Forecast weeks start on Mondays: the first Monday on or after the start of the history.
  let start = historyStart;
  while (weekday(start) !== 1) start = addDays(start, 1);
  const weekOf = (day: string): number => Math.floor((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / (7 * 86_400_000));
  const series = new Map<string, Map<number, number>>();
  for (const row of t.sales_history ?? []) {
    const key = `${row.item_code}|${row.location_code}`;
    const weeks = series.get(key) ?? new Map<number, number>();
    const week = weekOf(row.sale_date ?? start);
    weeks.set(week, (weeks.get(week) ?? 0) + Number(row.quantity));
    series.set(key, weeks);
  }
  const sum = (weeks: Map<number, number>, from: number, to: number): number => {
    let total = 0;
    for (let w = from; w <= to; w++) total += weeks.get(w) ?? 0;
    return total;
  };
  for (const fg of context.finishedGoods) {
    for (const warehouse of fg.warehouses) {
      const weeks = series.get(`${fg.code}|${warehouse}`) ?? new Map<number, number>();
      for (let w = 0; w < DEMO_ACTUALS_WEEKS && addDays(start, w * 7 + 6) < context.asOfDate; w++) {
        let forecast: number;
        if (fg.intermittent) forecast = sum(weeks, w - 13, w - 1) / 13;
        else {
          const lastYear = sum(weeks, w - 53, w - 51) / 3;
          const before = sum(weeks, w - 60, w - 53);
          const ratio = before > 0 ? Math.min(2, Math.max(0.5, sum(weeks, w - 8, w - 1) / before)) : 1;
          forecast = lastYear > 0 ? lastYear * ratio : sum(weeks, w - 8, w - 1) / 8;
        }
        const monday = addDays(start, w * 7);
        (t.forecast_snapshot ??= []).push({
          item_code: fg.code, location_code: warehouse, as_of_date: monday, period_start: monday, forecast_quantity: fixed(Math.round(forecast * 10) / 10, 1),
          method: fg.intermittent ? 'moving-average-13' : 'seasonal-naive-level',
        });
      }
    }
  }
}
