import { sql } from 'kysely';
import type { PurchasePriceBreak } from '@flowpilot/core';
import type { DatabaseHandle } from '@flowpilot/db';
import { recordAuditEntry } from '../auth/audit';
import type { SupplierLeadTimeStatistics } from '../counting/supplier-performance';
import { computePolicyOrderQuantity, computePolicyParameters } from './policy-parameters';
import { leadTimeWeeks } from './weekly-buckets';

type ServiceChoice = { type: 'cycle-service-level' | 'fill-rate'; value: number; source: string };

export type PolicyParameterOptions = {
  organizationId: string;
  runId: string;
  /** Weekly forecast per `item@location` and its error standard deviation (finished goods). */
  forecasts: Map<string, number[]>;
  errorStandardDeviations: Map<string, { value: number; source: string }>;
  meanWeeks: number;
  /** Dependent demand per week of purchased components (BOM explosion of the forecast) and the location it is planned at. */
  componentDemand: Map<string, { meanPerWeek: number; standardDeviationPerWeek: number; locationCode: string | null }>;
  /** Service target of each finished-good stock point (`item@location`) as the policy step chose it (segment or stock point). */
  finishedGoodTargets: Map<string, ServiceChoice>;
  leadTimeSpread: Map<string, SupplierLeadTimeStatistics>;
  defaultServiceLevel: number;
  purchaseOrderCost: number;
  annualHoldingRate: number;
  /** Days between two looks of the proposals step at a stock point (the planning cycle, default 7). */
  cycleDays: number;
};

type Field = 'reorderPoint' | 'orderQuantity' | 'orderUpToLevel';
const FIELDS: readonly Field[] = ['reorderPoint', 'orderQuantity', 'orderUpToLevel'];

export type PolicyParameterRow = {
  itemCode: string; locationCode: string; method: 'reorder_point' | 'periodic_review';
  status: 'computed' | 'no-demand' | 'no-demand-here';
  demand?: { distribution: 'gamma' | 'none (no variability)'; meanPerWeek: number; standardDeviationPerWeek: number; source: string };
  leadTimeWeeks?: number; leadTimeStdWeeks?: number; leadTimeSource?: string; cycleWeeks?: number; reviewWeeks?: number;
  serviceTarget?: ServiceChoice;
  orderQuantityBasis?: { units: number; basis: string; adjustments: string[] };
  /** The Q that s was sized for when a person set Q (else the computed Q). */
  sizedForOrderQuantity?: number;
  computed?: { reorderPoint?: number; orderQuantity?: number; orderUpToLevel?: number };
  /** Which figure the stock point now holds: the run's (written) or a person's (kept). */
  written: Field[]; manual: Field[];
  /** no-demand-here: the figures an earlier run had written on this stock point, removed (they would be stale). */
  cleared?: Field[];
  /** no-demand-here: the location the component's dependent demand is planned at. */
  plannedAtLocationCode?: string | null;
  protectionWeeks?: number; protectionMeanUnits?: number; safetyStockUnits?: number; expectedCycleServiceLevel?: number; expectedFillRate?: number; formula?: string; note?: string;
};

type PointRow = {
  item_code: string; location_code: string | null; item_type: string; method: 'reorder_point' | 'periodic_review'; standard_cost: string; lead_time_days: number; lot_size_rule: string; lot_size_qty: string | null;
  reorder_point_qty: string | null; order_qty: string | null; max_stock_qty: string | null; review_period_days: number | null; review_anchor_date: string | null;
  target_service_level: string | null; service_target_type: 'cycle_service_level' | 'fill_rate' | null;
  parameters_run_id: string | null; computed_reorder_point_qty: string | null; computed_order_qty: string | null; computed_max_stock_qty: string | null;
  supplier_code: string | null; supplier_lead_time_days: string | null; min_order_qty: string | null; order_multiple: string | null; unit_price: string | null;
};

const COLUMNS: Record<Field, { live: 'reorder_point_qty' | 'order_qty' | 'max_stock_qty'; computed: 'computed_reorder_point_qty' | 'computed_order_qty' | 'computed_max_stock_qty' }> = {
  reorderPoint: { live: 'reorder_point_qty', computed: 'computed_reorder_point_qty' },
  orderQuantity: { live: 'order_qty', computed: 'computed_order_qty' },
  orderUpToLevel: { live: 'max_stock_qty', computed: 'computed_max_stock_qty' },
};

/**
 * s, Q and S of the stock points of purchased items replenished by a policy (item.replenishment_method reorder_point
 * or periodic_review), computed from the forecast (finished goods: per stock point; components: the BOM-exploded
 * demand at the location the component is planned at), the lead time of the preferred supplier (with its measured
 * spread) and the service target, for the weekly look of the proposals step (computePolicyParameters).
 * Written on the stock point unless a person set the field: a field is the run's while it is empty or still equals
 * the figure the last run computed (computed_*_qty); the run's figures and basis are stored either way.
 */
export async function planPolicyParameters(handle: DatabaseHandle, options: PolicyParameterOptions): Promise<PolicyParameterRow[]> {
  const org = options.organizationId;
  const points = (await sql<PointRow>`
    select i.code as item_code, sp.location_code, i.item_type, i.replenishment_method as method, i.standard_cost::text, i.lead_time_days, i.lot_size_rule, i.lot_size_qty::text,
      sp.reorder_point_qty::text, sp.order_qty::text, sp.max_stock_qty::text, sp.review_period_days, sp.review_anchor_date::text, sp.target_service_level::text, sp.service_target_type,
      sp.parameters_run_id, sp.computed_reorder_point_qty::text, sp.computed_order_qty::text, sp.computed_max_stock_qty::text,
      st.supplier_code, st.lead_time_days::text as supplier_lead_time_days, coalesce(nullif(i.min_order_qty, 0), st.min_order_qty)::text as min_order_qty,
      coalesce(i.order_multiple, st.order_multiple)::text as order_multiple, st.unit_price::text
    from item i left join stock_point sp on sp.organization_id = i.organization_id and sp.item_code = i.code
    left join lateral (select * from supply_term s where s.organization_id = i.organization_id and s.item_code = i.code order by s.preferred desc, s.unit_price, s.supplier_code limit 1) st on true
    where i.organization_id = ${org} and i.active and i.make_or_buy = 'buy' and i.replenishment_method <> 'mrp' order by i.code, sp.location_code`.execute(handle.db)).rows;
  const breaks = (await sql<{ item_code: string; supplier_code: string; min_quantity: string; unit_price: string }>`
    select b.item_code, b.supplier_code, b.min_quantity::text, b.unit_price::text from price_break b join item i on i.organization_id = b.organization_id and i.code = b.item_code
    where b.organization_id = ${org} and i.replenishment_method <> 'mrp' order by 1, 2, 3`.execute(handle.db)).rows;
  const breaksOf = (itemCode: string, supplierCode: string | null): PurchasePriceBreak[] =>
    breaks.filter((b) => b.item_code === itemCode && b.supplier_code === supplierCode).map((b) => ({ minimumQuantity: Number(b.min_quantity), unitPrice: Number(b.unit_price) }));
  // A component is planned at one location: its stock point there is created when missing.
  for (const [itemCode, demand] of options.componentDemand) {
    const rows = points.filter((p) => p.item_code === itemCode && p.item_type !== 'finished_good');
    const template = rows[0];
    if (!template || demand.locationCode === null || rows.some((p) => p.location_code === demand.locationCode)) continue;
    const fresh: PointRow = {
      ...template, location_code: demand.locationCode, reorder_point_qty: null, order_qty: null, max_stock_qty: null, review_period_days: null, review_anchor_date: null,
      target_service_level: null, service_target_type: null, parameters_run_id: null, computed_reorder_point_qty: null, computed_order_qty: null, computed_max_stock_qty: null,
    };
    if (template.location_code === null) points.splice(points.indexOf(template), 1, fresh); else points.push(fresh);
  }
  const cycleWeeks = Math.max(options.cycleDays, 1) / 7;
  const rows: PolicyParameterRow[] = [];
  const writes: { point: PointRow; values: Partial<Record<Field, number>>; row: PolicyParameterRow }[] = [];
  for (const point of points) {
    if (point.location_code === null) continue;
    const location = point.location_code;
    const key = `${point.item_code}@${location}`;
    const base = { itemCode: point.item_code, locationCode: location, method: point.method, written: [] as Field[], manual: [] as Field[] };
    const isRuns = (field: Field): boolean => {
      const live = point[COLUMNS[field].live];
      const previous = point[COLUMNS[field].computed];
      return live === null || (point.parameters_run_id !== null && previous !== null && Number(live) === Number(previous));
    };
    let mean: number;
    let sd: number;
    let source: string;
    let target: ServiceChoice;
    if (point.item_type === 'finished_good') {
      const window = (options.forecasts.get(key) ?? []).slice(0, options.meanWeeks);
      mean = window.length > 0 ? window.reduce((sum, v) => sum + v, 0) / window.length : 0;
      const error = options.errorStandardDeviations.get(key);
      sd = error?.value ?? 0;
      source = `forecast of ${key} (mean of ${window.length} weeks), error ${error?.source ?? 'unknown'}`;
      target = options.finishedGoodTargets.get(key) ?? defaultTarget(point, options.defaultServiceLevel);
    } else {
      const demand = options.componentDemand.get(point.item_code);
      if (demand && demand.locationCode !== location) {
        // The dependent demand (and the safety stock the MRP nets) is planned at one stock point; what an earlier run
        // computed here would be stale, so it is removed; a person's figure stays (manual).
        const held = FIELDS.filter((field) => point[COLUMNS[field].live] !== null);
        const row: PolicyParameterRow = {
          ...base, status: 'no-demand-here', cleared: held.filter(isRuns), manual: held.filter((field) => !isRuns(field)), plannedAtLocationCode: demand.locationCode,
          note: `the dependent demand is planned at ${demand.locationCode ?? '—'}: no s, Q or S computed here`,
        };
        rows.push(row);
        writes.push({ point, values: {}, row });
        continue;
      }
      mean = demand?.meanPerWeek ?? 0;
      sd = demand?.standardDeviationPerWeek ?? 0;
      source = 'dependent demand (BOM explosion of the end items\' forecast)';
      target = defaultTarget(point, options.defaultServiceLevel);
    }
    if (!(mean > 0)) { rows.push({ ...base, status: 'no-demand', note: 'no forecast demand: parameters left as they are' }); continue; }
    const leadDays = point.supplier_lead_time_days !== null ? Number(point.supplier_lead_time_days) : point.lead_time_days;
    const spread = options.leadTimeSpread.get(point.item_code);
    const leadStd = spread ? Math.round((spread.leadTimeStdDays / 7) * 10_000) / 10_000 : 0;
    // (R, S): the proposals step reviews every review_period_days from the anchor date, else at every cycle.
    const reviewWeeks = point.review_anchor_date !== null && point.review_period_days !== null && point.review_period_days > 0 ? Math.max(point.review_period_days / 7, cycleWeeks) : cycleWeeks;
    const unitPrice = Number(point.unit_price ?? point.standard_cost);
    // A Q set by a person is the Q the reorder point is sized for (the fill rate depends on it).
    const personQ = point.method === 'reorder_point' && !isRuns('orderQuantity') ? Number(point.order_qty) : null;
    const lot = point.method === 'reorder_point' ? computePolicyOrderQuantity({
      meanPerWeek: mean, unitCost: Number(point.standard_cost) > 0 ? Number(point.standard_cost) : unitPrice, orderCost: options.purchaseOrderCost, annualHoldingRate: options.annualHoldingRate,
      fixedLotUnits: point.lot_size_rule === 'fixed_quantity' && point.lot_size_qty !== null ? Number(point.lot_size_qty) : null,
      minimumQuantity: Number(point.min_order_qty ?? 0), multipleQuantity: Number(point.order_multiple ?? 0), unitPrice, priceBreaks: breaksOf(point.item_code, point.supplier_code),
    }) : undefined;
    // Demand with no measured variability: a normal law with a negligible spread gives the deterministic levels.
    const result = computePolicyParameters({
      method: point.method, demand: sd > 0 ? { distribution: 'gamma', meanPerPeriod: mean, standardDeviationPerPeriod: sd } : { distribution: 'normal', meanPerPeriod: mean, standardDeviationPerPeriod: mean * 1e-6 },
      leadTimeWeeks: leadTimeWeeks(leadDays), leadTimeStdWeeks: leadStd, cycleWeeks, reviewWeeks,
      target: target.type === 'fill-rate' ? { fillRate: target.value } : { cycleServiceLevel: target.value }, ...(lot ? { orderQuantityUnits: personQ ?? lot.units } : {}),
    });
    const computed = point.method === 'reorder_point' ? { reorderPoint: result.reorderPointUnits!, orderQuantity: lot!.units } : { orderUpToLevel: result.orderUpToLevelUnits! };
    const row: PolicyParameterRow = {
      ...base, status: 'computed', demand: { distribution: sd > 0 ? 'gamma' : 'none (no variability)', meanPerWeek: round3(mean), standardDeviationPerWeek: round3(sd), source },
      leadTimeWeeks: leadTimeWeeks(leadDays), leadTimeStdWeeks: leadStd, leadTimeSource: point.supplier_lead_time_days !== null ? `supplier ${point.supplier_code}` : 'item', cycleWeeks: round3(cycleWeeks),
      ...(point.method === 'periodic_review' ? { reviewWeeks: round3(reviewWeeks) } : {}), serviceTarget: target, ...(lot ? { orderQuantityBasis: lot } : {}), ...(personQ !== null ? { sizedForOrderQuantity: personQ } : {}), computed,
      protectionWeeks: round3(result.protectionWeeks), protectionMeanUnits: result.protectionMeanUnits, safetyStockUnits: result.safetyStockUnits,
      expectedCycleServiceLevel: result.expectedCycleServiceLevel, expectedFillRate: result.expectedFillRate, formula: result.formula,
    };
    for (const field of Object.keys(computed) as Field[]) (isRuns(field) ? row.written : row.manual).push(field);
    rows.push(row);
    writes.push({ point, values: computed, row });
  }
  await writePolicyParameters(handle, org, options.runId, writes);
  return rows;
}

/** The stock point's target (its type, its level), else a cycle service level of `defaultServiceLevel`. */
function defaultTarget(point: PointRow, defaultServiceLevel: number): ServiceChoice {
  const type = point.service_target_type === 'fill_rate' ? 'fill-rate' as const : 'cycle-service-level' as const;
  const fromPoint = point.target_service_level !== null || point.service_target_type !== null;
  return { type, value: point.target_service_level !== null ? Number(point.target_service_level) : defaultServiceLevel, source: fromPoint ? 'stock_point' : 'default' };
}

/**
 * Writes the run's figures (computed_*, basis, run id) on every stock point, and the live fields that are the run's;
 * a no-demand-here stock point gets its basis, no computed figures, and the run's earlier figures cleared. Audited.
 */
async function writePolicyParameters(handle: DatabaseHandle, org: string, runId: string, writes: { point: PointRow; values: Partial<Record<Field, number>>; row: PolicyParameterRow }[]): Promise<void> {
  if (writes.length === 0) return;
  await handle.db.transaction().execute(async (trx) => {
    for (const { point, values, row } of writes) {
      const location = point.location_code!;
      await sql`insert into stock_point (organization_id, item_code, location_code) values (${org}, ${point.item_code}, ${location}) on conflict (organization_id, item_code, location_code) do nothing`.execute(trx);
      const cleared = row.cleared ?? [];
      const assignments = [
        sql`parameters_run_id = ${runId}`, sql`parameter_basis = ${JSON.stringify(row)}::jsonb`,
        ...(row.status === 'computed' ? [] : FIELDS.map((field) => sql`${sql.ref(COLUMNS[field].computed)} = null`)),
        ...(Object.entries(values) as [Field, number][]).map(([field, value]) => sql`${sql.ref(COLUMNS[field].computed)} = ${value}`),
        ...row.written.map((field) => sql`${sql.ref(COLUMNS[field].live)} = ${values[field]!}`),
        ...cleared.map((field) => sql`${sql.ref(COLUMNS[field].live)} = null`),
      ];
      await sql`update stock_point set ${sql.join(assignments)} where organization_id = ${org} and item_code = ${point.item_code} and location_code = ${location}`.execute(trx);
      const changed = [...row.written, ...cleared];
      const before = Object.fromEntries(changed.map((field) => [field, point[COLUMNS[field].live] === null ? null : Number(point[COLUMNS[field].live])]));
      const after = Object.fromEntries(changed.map((field) => [field, values[field] ?? null]));
      if (changed.some((field) => before[field] !== after[field])) {
        await recordAuditEntry(trx, {
          organizationId: org, actor: { userId: null, email: null, via: 'system' }, action: 'inventory_policy.parameters', entity: 'stock_point', entityKey: `${point.item_code}@${location}`,
          before, after: { ...after, runId },
        });
      }
    }
  });
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** One parameter as the stock point holds it: its value, whether it is the run's figure or a person's, and the run's figure. */
export type PolicyParameterValue = { units: number | null; source: 'computed' | 'manual' | null; computedUnits: number | null };

export type PolicyParameterPoint = {
  itemCode: string; locationCode: string; itemType: string; method: 'reorder_point' | 'periodic_review';
  reorderPoint: PolicyParameterValue; orderQuantity: PolicyParameterValue; orderUpToLevel: PolicyParameterValue;
  /** The inventory-policy run that last looked at the stock point, and what it stored (PolicyParameterRow). */
  runId: string | null; basis: PolicyParameterRow | null;
};

/**
 * The s, Q and S of the stock points of items replenished by a policy, as the proposals step reads them: a value is
 * `computed` while it equals the figure of the run that last looked at the stock point, else a person's (`manual`).
 */
export async function loadPolicyParameterPoints(handle: DatabaseHandle, org: string, filter: { itemCode?: string | undefined; locationCode?: string | undefined } = {}): Promise<PolicyParameterPoint[]> {
  const rows = (await sql<{
    item_code: string; location_code: string; item_type: string; method: 'reorder_point' | 'periodic_review'; parameters_run_id: string | null; parameter_basis: PolicyParameterRow | null;
    reorder_point_qty: string | null; order_qty: string | null; max_stock_qty: string | null; computed_reorder_point_qty: string | null; computed_order_qty: string | null; computed_max_stock_qty: string | null;
  }>`
    select sp.item_code, sp.location_code, i.item_type, i.replenishment_method as method, sp.parameters_run_id, sp.parameter_basis,
      sp.reorder_point_qty::text, sp.order_qty::text, sp.max_stock_qty::text, sp.computed_reorder_point_qty::text, sp.computed_order_qty::text, sp.computed_max_stock_qty::text
    from stock_point sp join item i on i.organization_id = sp.organization_id and i.code = sp.item_code
    where sp.organization_id = ${org} and i.active and i.replenishment_method <> 'mrp'
      and (${filter.itemCode ?? null}::text is null or sp.item_code = ${filter.itemCode ?? null}) and (${filter.locationCode ?? null}::text is null or sp.location_code = ${filter.locationCode ?? null})
    order by sp.item_code, sp.location_code`.execute(handle.db)).rows;
  const valueOf = (runId: string | null, live: string | null, computed: string | null): PolicyParameterValue => ({
    units: live === null ? null : Number(live),
    source: live === null ? null : runId !== null && computed !== null && Number(live) === Number(computed) ? 'computed' : 'manual',
    computedUnits: computed === null ? null : Number(computed),
  });
  return rows.map((r) => ({
    itemCode: r.item_code, locationCode: r.location_code, itemType: r.item_type, method: r.method, runId: r.parameters_run_id, basis: r.parameter_basis,
    reorderPoint: valueOf(r.parameters_run_id, r.reorder_point_qty, r.computed_reorder_point_qty),
    orderQuantity: valueOf(r.parameters_run_id, r.order_qty, r.computed_order_qty),
    orderUpToLevel: valueOf(r.parameters_run_id, r.max_stock_qty, r.computed_max_stock_qty),
  }));
}
