import { sql } from 'kysely';
import { disaggregateFamilyPlan, planLotSizes, planMasterSchedule, type LotSizingMethod, type MasterScheduleInput, type MasterScheduleResult } from '@flowpilot/core';
import type { DatabaseHandle } from '@flowpilot/db';
import { createWeeklyBuckets, sumForecastsByItem } from './weekly-buckets';
import { finishPlanningRun, hashInputs, startPlanningRun } from './planning-run-store';
import { planDistribution } from './plan-distribution';

export type MpsStepOptions = {
  organizationId: string;
  asOfDate: string;
  horizonWeeks: number;
  forecasts: Map<string, number[]>;
  forecastRunId?: string | undefined;
  /** Frozen zone in weeks (customer orders only; default 2). */
  demandTimeFenceWeeks?: number;
  /** Slushy zone end in weeks (new quantities need approval; default 6). */
  planningTimeFenceWeeks?: number;
  /** Safety stock per end item from the inventory-policy step; replaces the stored figures when given. */
  safetyStockByItem?: Map<string, number>;
  policyRunId?: string | undefined;
  /**
   * The S&OP plan to follow (PIC → PDP): per family and calendar month, the units to supply. Each
   * finished good gets its share of its family's month by its share of the family forecast in that
   * month, spread evenly over the month's weeks; the MPS follows it beyond the planning time fence.
   */
  familyPlan?: { sopRunId: string; months: string[]; supplyUnitsByFamily: Map<string, number[]> } | undefined;
};

export type MpsStepResult = {
  runId: string;
  itemCount: number;
  exceptionCount: number;
  durationMs: number;
  /** MPS quantity (firm + planned receipts) per end item and week: what MRP explodes. */
  masterSchedule: Map<string, number[]>;
};

/**
 * Master production schedule (PDP) per finished good on weekly buckets: forecast (all locations, or
 * with distribution lanes the locations DRP does not net plus DRP's planned shipments from the plant) and
 * customer orders, forecast consumed by orders (backward 1 week, forward 2), time fences, projected
 * available balance, discrete and cumulative ATP; lot sizing from the item (fixed quantity or lot for
 * lot, with its minimum and multiple). Firm production orders are kept as firm MPS receipts.
 * The whole schedule (every period of every item) is stored in the run's summary.
 */
export async function runMpsStep(handle: DatabaseHandle, options: MpsStepOptions): Promise<MpsStepResult> {
  const org = options.organizationId;
  const H = options.horizonWeeks;
  const buckets = createWeeklyBuckets(options.asOfDate, H);
  const items = (await sql<{ code: string; family_code: string | null; lot_size_rule: string; lot_size_qty: string | null; min_order_qty: string | null; order_multiple: string | null; safety: string; on_hand: string; standard_cost: string; setup_cost: string | null }>`
    select i.code, i.family_code, i.lot_size_rule, i.lot_size_qty::text, i.min_order_qty::text, i.order_multiple::text, i.standard_cost::text,
      (select sum(r.setup_hours * coalesce(w.cost_per_hour, 0))::text from routing_operation r join work_center w on w.organization_id = r.organization_id and w.code = r.work_center_code
        where r.organization_id = i.organization_id and r.item_code = i.code) as setup_cost,
      (i.safety_stock_qty + coalesce((select sum(sp.safety_stock_qty) from stock_point sp where sp.organization_id = i.organization_id and sp.item_code = i.code), 0))::text as safety,
      coalesce((select sum(l.quantity) from stock_lot l where l.organization_id = i.organization_id and l.item_code = i.code and l.status = 'available'), 0)::text as on_hand
    from item i where i.organization_id = ${org} and i.active and i.item_type = 'finished_good' order by i.code`.execute(handle.db)).rows;
  // DRP (when the organization has distribution lanes) nets the replenished warehouses; the MPS plans the plant for the rest and for their transfers.
  const distribution = await planDistribution(handle, { organizationId: org, buckets, horizonWeeks: H, forecasts: options.forecasts, itemCodes: new Set(items.map((i) => i.code)) });
  const drpPlanned = distribution?.plannedStockPoints ?? new Set<string>();
  const orders = (await sql<{ item_code: string; location_code: string; due: string; quantity: string }>`
    select l.item_code, l.location_code, coalesce(l.promised_date, l.requested_date)::text as due, (l.quantity - l.shipped_quantity)::text as quantity
    from sales_order_line l join sales_order o on o.organization_id = l.organization_id and o.order_number = l.order_number
    where l.organization_id = ${org} and o.status in ('open','confirmed','partially_shipped') and l.quantity > l.shipped_quantity`.execute(handle.db)).rows;
  const firm = (await sql<{ item_code: string; due: string; quantity: string }>`
    select item_code, due_date::text as due, (quantity - completed_quantity)::text as quantity from production_order
    where organization_id = ${org} and status in ('firm','released') and quantity > completed_quantity`.execute(handle.db)).rows;
  const perItem = (rows: { item_code: string; due: string; quantity: string }[]): Map<string, number[]> => {
    const map = new Map<string, number[]>();
    for (const row of rows) {
      const p = Math.max(0, buckets.periodOf(row.due));
      if (p >= H) continue;
      const list = map.get(row.item_code) ?? new Array<number>(H).fill(0);
      list[p] = (list[p] ?? 0) + Number(row.quantity);
      map.set(row.item_code, list);
    }
    return map;
  };
  const ordersByItem = perItem(orders.filter((o) => !drpPlanned.has(`${o.item_code}@${o.location_code}`)));
  const firmByItem = perItem(firm);
  const forecastByItem = sumForecastsByItem(options.forecasts, H);
  // Plant demand: forecast at the locations DRP does not net + DRP's planned shipments from the plant.
  const demandForecastByItem = distribution ? sumForecastsByItem(new Map([...options.forecasts].filter(([key]) => !drpPlanned.has(key))), H) : forecastByItem;
  for (const [item, shipments] of distribution?.sourceDemandByItem ?? []) {
    const total = demandForecastByItem.get(item) ?? new Array<number>(H).fill(0);
    demandForecastByItem.set(item, total.map((v, p) => v + (shipments[p] ?? 0)));
  }
  const timeFences = { demandTimeFencePeriods: options.demandTimeFenceWeeks ?? 2, planningTimeFencePeriods: options.planningTimeFenceWeeks ?? 6 };
  const periodLabels = Array.from({ length: H }, (_, p) => buckets.startOf(p));
  const productionPlanByItem = options.familyPlan ? disaggregateFamilyPlanToWeeks(items, forecastByItem, periodLabels, options.familyPlan) : new Map<string, number[]>();
  const inputs = items.map((item) => {
    const fixed = item.lot_size_rule === 'fixed_quantity' && item.lot_size_qty ? Number(item.lot_size_qty) : undefined;
    return {
      itemId: item.code, periodLabels,
      forecastUnits: (demandForecastByItem.get(item.code) ?? new Array<number>(H).fill(0)).map((v) => Math.round(v * 100) / 100),
      customerOrdersUnits: ordersByItem.get(item.code) ?? new Array<number>(H).fill(0),
      // Stock and safety stock at DRP-netted warehouses serve those warehouses only.
      onHandUnits: Math.max(0, Number(item.on_hand) - (distribution?.heldByItem.get(item.code)?.onHandQuantity ?? 0)),
      safetyStockUnits: Math.max(0, (options.safetyStockByItem?.get(item.code) ?? Number(item.safety)) - (distribution?.heldByItem.get(item.code)?.safetyStockQuantity ?? 0)),
      firmReceiptsUnits: firmByItem.get(item.code) ?? new Array<number>(H).fill(0),
      lotSizing: {
        rule: fixed ? 'fixed-quantity' as const : 'lot-for-lot' as const, ...(fixed ? { lotSizeUnits: fixed } : {}),
        ...(Number(item.min_order_qty ?? 0) > 0 ? { minimumLotUnits: Number(item.min_order_qty) } : {}),
        lotMultipleUnits: Number(item.order_multiple ?? 0) > 0 ? Number(item.order_multiple) : 1,
      },
      timeFences, demandPolicy: 'consume-forecast' as const, consumption: { backwardPeriods: 1, forwardPeriods: 2 },
      ...(productionPlanByItem.has(item.code) ? { productionPlanUnits: productionPlanByItem.get(item.code) } : {}),
    };
  });
  const parameters = { horizonWeeks: H, timeFences, demandPolicy: 'consume-forecast', consumption: { backwardPeriods: 1, forwardPeriods: 2 }, forecastRunId: options.forecastRunId ?? null, policyRunId: options.policyRunId ?? null, safetyStock: options.safetyStockByItem ? 'from the inventory-policy run' : 'stored on items and stock points', firstWeek: buckets.firstMonday, sopRunId: options.familyPlan?.sopRunId ?? null,
    distribution: distribution ? `DRP nets ${drpPlanned.size} item × warehouse point(s) on ${distribution.input.lanes.length} lane(s); their planned shipments are plant demand` : 'none: all locations pooled',
    productionPlan: options.familyPlan ? 'S&OP supply per family and month × the item\'s share of the family forecast that month ÷ the month\'s weeks (weeks belong to the month they start in); followed beyond the planning time fence' : 'none: MPS from netting only',
    annualHoldingRate: ANNUAL_HOLDING_RATE, lotSizing: 'item rule beyond the frozen zone (setup = routing setup hours × work-centre rate; holding = standard cost × rate / 52)' };
  const run = await startPlanningRun(handle, { organizationId: org, runType: 'mps', asOfDate: options.asOfDate, parameters });
  try {
    const results: MasterScheduleResult[] = inputs.map((input, k) => planWithItemLotSizing(input, items[k]!, timeFences.demandTimeFencePeriods));
    const masterSchedule = new Map(results.map((r) => [r.itemId, r.periods.map((p) => p.masterScheduleUnits)]));
    const exceptions = results.flatMap((r) => r.exceptions.map((e) => ({ itemId: r.itemId, ...e })));
    const summary = {
      itemCount: results.length, exceptionCount: exceptions.length,
      exceptionsByCode: exceptions.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.code]: (acc[e.code] ?? 0) + 1 }), {}),
      schedules: results.map((r) => ({ itemId: r.itemId, status: r.status, periods: r.periods })),
    };
    const durationMs = await finishPlanningRun(handle, run, { status: 'succeeded', inputsHash: hashInputs(inputs), summary, exceptions });
    return { runId: run.id, itemCount: results.length, exceptionCount: exceptions.length, durationMs, masterSchedule };
  } catch (error) {
    await finishPlanningRun(handle, run, { status: 'failed', summary: { error: error instanceof Error ? error.message : String(error) } });
    throw error;
  }
}

const ANNUAL_HOLDING_RATE = 0.25;

/**
 * PIC → PDP: each item's weekly share of its family's monthly supply. Item share of month m =
 * the item's forecast in m ÷ the family's forecast in m (even split when the family has none);
 * the item's month quantity is spread evenly over the weeks of m (a week belongs to the month it
 * starts in, as in the S&OP step). Uses the core disaggregation one month at a time (the mix moves).
 */
function disaggregateFamilyPlanToWeeks(
  items: readonly { code: string; family_code: string | null }[], forecastByItem: Map<string, number[]>, periodLabels: readonly string[],
  plan: NonNullable<MpsStepOptions['familyPlan']>,
): Map<string, number[]> {
  const result = new Map<string, number[]>();
  const byFamily = new Map<string, string[]>();
  for (const item of items) if (item.family_code && plan.supplyUnitsByFamily.has(item.family_code)) byFamily.set(item.family_code, [...(byFamily.get(item.family_code) ?? []), item.code]);
  const weeksOfMonth = new Map<string, number[]>();
  periodLabels.forEach((label, week) => weeksOfMonth.set(label.slice(0, 7), [...(weeksOfMonth.get(label.slice(0, 7)) ?? []), week]));
  for (const [family, codes] of byFamily) {
    const supply = plan.supplyUnitsByFamily.get(family) ?? [];
    for (const code of codes) result.set(code, new Array<number>(periodLabels.length).fill(0));
    plan.months.forEach((month, m) => {
      const weeks = weeksOfMonth.get(month);
      if (!weeks || weeks.length === 0 || !((supply[m] ?? 0) > 0)) return;
      const forecastOf = (code: string): number => weeks.reduce((sum, w) => sum + (forecastByItem.get(code)?.[w] ?? 0), 0);
      const familyForecast = codes.reduce((sum, code) => sum + forecastOf(code), 0);
      const split = disaggregateFamilyPlan({
        familyPlanUnits: [supply[m] ?? 0], periodsPerFamilyPeriod: weeks.length,
        mix: codes.map((code) => ({ itemId: code, share: familyForecast > 0 ? forecastOf(code) : 1 })),
      });
      for (const row of split.items) {
        const target = result.get(row.itemId);
        if (target) weeks.forEach((week, k) => { target[week] = Math.round((row.quantitiesUnits[k] ?? 0) * 100) / 100; });
      }
    });
  }
  return result;
}

const COST_RULES: Record<string, LotSizingMethod> = {
  eoq: 'economic-order-quantity', periods_of_supply: 'period-order-quantity', wagner_whitin: 'wagner-whitin',
  silver_meal: 'silver-meal', least_unit_cost: 'least-unit-cost', part_period_balancing: 'part-period-balancing',
};

/**
 * The MPS of one item with its own lot-sizing rule. A first lot-for-lot pass gives the net requirements
 * (fences, consumption and safety stock applied); beyond the frozen zone they are grouped by the item's
 * rule (core `planLotSizes`), then a second pass recomputes projected available and ATP with those
 * quantities. Lot-for-lot and fixed-quantity items keep the single pass. New quantities in the slushy zone
 * keep their "needs planner approval" exceptions from the first pass.
 */
export function planWithItemLotSizing(input: MasterScheduleInput, item: { lot_size_rule: string; lot_size_qty: string | null; standard_cost: string; setup_cost: string | null }, frozenPeriods: number): MasterScheduleResult {
  const first = planMasterSchedule(input);
  const method = COST_RULES[item.lot_size_rule];
  if (!method) return first;
  const net = first.periods.map((p) => p.plannedReceiptsUnits);
  const frozen = Math.min(frozenPeriods, net.length);
  const free = net.slice(frozen);
  if (free.every((q) => q <= 0)) return first;
  const lots = planLotSizes({
    demand: free, method,
    setupCost: Math.max(Number(item.setup_cost ?? 0), 1),
    holdingCostPerUnitPerPeriod: Math.max((Number(item.standard_cost) * ANNUAL_HOLDING_RATE) / 52, 1e-6),
    ...(method === 'period-order-quantity' && item.lot_size_qty ? { periodsOfSupply: Math.max(1, Math.round(Number(item.lot_size_qty))) } : {}),
    ...(input.lotSizing?.minimumLotUnits ? { minimumQuantity: input.lotSizing.minimumLotUnits } : {}),
    ...(input.lotSizing?.lotMultipleUnits ? { multipleQuantity: input.lotSizing.lotMultipleUnits } : {}),
  });
  const planned = [...net.slice(0, frozen), ...lots.orderQuantities];
  const firm = input.firmReceiptsUnits ?? new Array<number>(net.length).fill(0);
  const { productionPlanUnits, ...rest } = input;
  const second = planMasterSchedule({ ...rest, firmReceiptsUnits: firm.map((q, p) => q + (planned[p] ?? 0)) });
  return {
    ...second,
    // Receipts that came from lot sizing are planned, not firm: show them so.
    periods: second.periods.map((p, index) => ({ ...p, firmReceiptsUnits: firm[index] ?? 0, plannedReceiptsUnits: p.masterScheduleUnits - (firm[index] ?? 0), productionPlanUnits: productionPlanUnits?.[index] ?? 0 })),
    exceptions: [...first.exceptions.filter((e) => e.code === 'needs_planner_approval' || e.code === 'above_production_plan'), ...second.exceptions.filter((e) => e.code !== 'needs_planner_approval' && e.code !== 'above_production_plan')],
    status: first.status === 'exceptions' || second.status === 'exceptions' ? 'exceptions' : 'ok',
  };
}
