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
 * logistics cost entries and budgets; KPI targets.
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
  // Orders stop 20 days before the as-of date so every one of them is delivered by then.
  const lastOrderDay = addDays(context.asOfDate, -20);
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
  for (let day = start; day <= lastOrderDay; day = addDays(day, 1)) {
    if (weekday(day) > 5) continue;
    const orders = 2 + random.nextInt(0, 3);
    for (let o = 0; o < orders; o++) {
      orderCounter++;
      const customer = pick(random, context.customers);
      const orderNumber = `SO-H${String(orderCounter).padStart(4, '0')}`;
      const candidates = context.finishedGoods.filter((fg) => fg.warehouses.includes(customer.warehouse));
      const lineCount = Math.min(candidates.length, 1 + random.nextInt(0, 3));
      const chosen: typeof candidates = [];
      while (chosen.length < lineCount) {
        const fg = pick(random, candidates);
        if (!chosen.includes(fg)) chosen.push(fg);
      }
      const requested = addDays(day, 4 + random.nextInt(0, 7));
      const carrier = pick(random, carriers);
      const transitDays = carrier.mode === 'road_ftl' ? 1 : 2;
      // Orders leave a working day ahead of the transit time; some leave late (stock-outs, picking backlog).
      let shipDate = addDays(requested, -transitDays - 1);
      while (weekday(shipDate) > 5) shipDate = addDays(shipDate, -1);
      if (random.next() < 0.08) shipDate = addDays(shipDate, 1 + random.nextInt(0, 3));
      while (weekday(shipDate) > 5) shipDate = addDays(shipDate, 1);
      const carrierLate = random.next() > carrier.onTime ? 1 + random.nextInt(0, 2) : 0;
      const delivered = addDays(shipDate, transitDays + carrierLate);
      shipmentCounter++;
      const shipmentNumber = `SH-H${String(shipmentCounter).padStart(4, '0')}`;
      add('sales_order', { order_number: orderNumber, customer_code: customer.code, order_date: day, status: 'closed' });
      let weightKg = 0;
      let shipmentLine = 0;
      chosen.forEach((fg, index) => {
        const ordered = fg.intermittent ? 1 + random.nextInt(0, 3) : 5 + random.nextInt(0, 36);
        const short = random.next() < 0.07;
        const shipped = short ? Math.max(0, Math.floor(ordered * between(0.4, 0.9))) : ordered;
        add('sales_order_line', {
          order_number: orderNumber, line_number: String(index + 1), item_code: fg.code, location_code: customer.warehouse, quantity: String(ordered), shipped_quantity: String(shipped),
          requested_date: requested, promised_date: '', priority: '3', unit_price: fixed(priceOf(fg.code) * between(0.9, 1), 2),
        });
        if (shipped === 0) return;
        shipmentLine++;
        add('shipment_line', { shipment_number: shipmentNumber, line_number: String(shipmentLine), sales_order_number: orderNumber, sales_order_line_number: String(index + 1), item_code: fg.code, lot_number: '', quantity: String(shipped) });
        movement(fg.code, customer.warehouse, 'shipment', String(-shipped), shipDate, shipmentNumber);
        weightKg += shipped * weightOf(fg.code);
        const key = `${fg.code}|${customer.warehouse}|${periodOf(shipDate)}`;
        shippedByPeriod.set(key, (shippedByPeriod.get(key) ?? 0) + shipped);
        handlingUnits.set(`${customer.warehouse}|${shipDate.slice(0, 7)}`, (handlingUnits.get(`${customer.warehouse}|${shipDate.slice(0, 7)}`) ?? 0) + shipped);
      });
      if (shipmentLine === 0) continue;
      const km = 1.3 * distanceKm(coords(locationRow.get(customer.warehouse)), coords(customerRow.get(customer.code)));
      const freight = Math.max(carrier.mode === 'parcel' ? 9.5 : 35, (weightKg / 100) * (carrier.mode === 'parcel' ? 38 : carrier.mode === 'road_ftl' ? 6 : 14) * (1 + km / 1500));
      freightByMonth.set(shipDate.slice(0, 7), (freightByMonth.get(shipDate.slice(0, 7)) ?? 0) + Math.round(freight * 100) / 100);
      add('shipment', {
        shipment_number: shipmentNumber, from_location_code: customer.warehouse, customer_code: customer.code, carrier_code: carrier.code, ship_date: shipDate,
        planned_delivery_date: addDays(shipDate, transitDays), delivered_date: delivered, status: 'delivered', weight_kg: fixed(weightKg, 2),
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
    procurementByMonth.set(receivedDate.slice(0, 7), (procurementByMonth.get(receivedDate.slice(0, 7)) ?? 0) + 45);
  }

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
  for (const [kpi, target, alert] of [['otif', '0.92', '0.85'], ['fill-rate-unit', '0.97', '0.93'], ['supplier-on-time-rate', '0.9', '0.8'], ['oee', '0.75', '0.65'], ['logistics-cost-share-of-sales', '0.08', '0.1'], ['co2-per-unit-shipped', '0.3', '0.5']] as const) {
    add('kpi_target', { kpi_id: kpi, target_value: target, alert_threshold: alert });
  }
}
