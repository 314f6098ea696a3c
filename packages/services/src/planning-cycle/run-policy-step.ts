import { sql } from 'kysely';
import {
  computeDependentDemandVariability, computeEconomicOrderQuantity, computeSafetyStock, DEFAULT_SEGMENT_POLICIES, segmentItems,
  type SegmentPolicy, type SegmentationItem, type ServiceTarget,
} from '@flowpilot/core';
import type { DatabaseHandle } from '@flowpilot/db';
import { createWeeklyBuckets, leadTimeWeeks } from './weekly-buckets';
import { finishPlanningRun, hashInputs, startPlanningRun } from './planning-run-store';
import { loadSupplierLeadTimeStatistics, type SupplierLeadTimeStatistics } from '../counting/supplier-performance';
import { recordAuditEntry } from '../auth/audit';
import { planPolicyParameters, type PolicyParameterRow } from './plan-policy-parameters';

export { loadPolicyParameterPoints, type PolicyParameterPoint, type PolicyParameterRow, type PolicyParameterValue } from './plan-policy-parameters';

export type PolicyStepOptions = {
  organizationId: string;
  asOfDate: string;
  forecasts: Map<string, number[]>;
  errorStandardDeviations: Map<string, { value: number; source: 'holdout_rmse' | 'history_std' }>;
  forecastRunId?: string | undefined;
  /** Weeks of forecast averaged into the mean weekly demand (default 13). */
  meanWeeks?: number;
  /** Cycle service level of a purchased component whose stock point sets none (default 0.95). */
  defaultServiceLevel?: number;
  /** Received purchase order lines (over the last 365 days) an item needs before its measured lead-time spread is used (default 5). */
  minReceiptLinesForLeadTimeSpread?: number;
  /** Policies per ABC × XYZ segment, merged over core's DEFAULT_SEGMENT_POLICIES. */
  segmentPolicies?: Record<string, SegmentPolicy>;
  /** Weeks of sales history behind the ABC (usage value) and XYZ (coefficient of variation) classes (default 52). */
  segmentationHistoryWeeks?: number;
  /** Cost of one purchase order, for the EOQ lot of continuous review (default 40, as the MRP step). */
  purchaseOrderCost?: number;
  /** Annual holding cost rate on the standard cost, for the EOQ lot (default 0.25, as the MRP step). */
  annualHoldingRate?: number;
  /** Days of mean dependent demand a purchased component keeps when its demand variability is unknown (default 5; 0 for none). */
  componentCoverageDays?: number;
  /** Days between two looks of the proposals step at a policy stock point: the planning cycle (default 7). */
  policyCycleDays?: number;
};

export type PolicyStepResult = {
  runId: string;
  stockPointCount: number;
  totalSafetyStockUnits: number;
  durationMs: number;
  /** Finished goods: safety stock per item (all warehouses), netted by the MPS. */
  safetyStockByItem: Map<string, number>;
  /** Purchased components: safety stock per item as computed by this run (written on stock points, netted by the MRP). */
  componentSafetyStockByItem: Map<string, number>;
  /** Policy items (reorder point, periodic review): stock points whose s, Q or S this run computed. */
  policyParameterCount: number;
};

type StockPointRow = {
  item_code: string; location_code: string; target_service_level: string | null; review_period_days: number | null; service_target_type: 'cycle_service_level' | 'fill_rate' | null;
  review_type: 'continuous' | 'periodic' | null; lead_time_days: number; standard_cost: string; make_or_buy: 'make' | 'buy'; lot_size_rule: string; lot_size_qty: string | null;
  min_order_qty: string | null; order_multiple: string | null; setup_cost: string | null;
  replenishment_method: 'mrp' | 'reorder_point' | 'periodic_review'; review_anchor_date: string | null;
};

type ComponentRow = {
  code: string; lead_time_days: number; supplier_lead_time_days: number | null; item_safety_stock: string; standard_cost: string;
  manual_stock_point_safety: string | null; computed_location: string | null; first_location: string | null; target_service_level: string | null;
  service_target_type: 'cycle_service_level' | 'fill_rate' | null; home_location: string | null;
};

type TargetChoice = { target: ServiceTarget; type: 'cycle-service-level' | 'fill-rate'; value: number; source: 'stock_point' | 'segment' | 'default' };

/**
 * Safety stocks of the planning cycle, explained per stock point.
 * Finished goods (per warehouse): demand per week ~ gamma(mean = average forecast of the next 13 weeks, sd = forecast
 * error sd). Each item is classed ABC (usage value of the last 52 weeks' sales) × XYZ (their coefficient of variation);
 * its segment's policy (core DEFAULT_SEGMENT_POLICIES, or options.segmentPolicies) gives the service target type
 * (cycle service level α or fill rate β), its value and the review type; the stock point's service_target_type,
 * target_service_level (α unless service_target_type says fill_rate), review_type and review_period_days (periodic
 * review) override them. Continuous review (s, Q): protection L,
 * Q = fixed lot or EOQ (sqrt(2 K μ / h)), α: s = F⁻¹(α), β: n(s) − n(s + Q) = (1 − β) Q. Periodic review (R, S):
 * protection L + R, α: S = F⁻¹(α), β: n_{L+R}(S) − n_L(S) = (1 − β) μ R. SS = level − mean over the protection
 * interval (core computeSafetyStock; Silver, Pyke & Thomas 2017, ch. 6), rounded up to whole units; the MPS nets the
 * total per item. With enough received lines, the supplier's measured σ_LT joins the variance: E[P] σ² + μ² σ_LT².
 * Purchased components (MRP-planned, bought): dependent demand = end items' weekly forecast exploded through the
 * active BOMs (core computeDependentDemandVariability: mean Σ a μ, variance Σ a² σ² with independent end items),
 * periodic review of one week (the MRP bucket) over the purchase lead time, α from the stock point or
 * defaultServiceLevel; when the variability is zero, a coverage rule: SS = coverage days × mean daily demand.
 * The component's safety stock is written on one of its stock points (safety_stock_run_id = this run,
 * computed_safety_stock_qty = the figure) so that the MRP nets it; a safety stock set by a person (on the item, or on a
 * stock point no run wrote or whose figure was changed since) is kept and reported as manual.
 * Items replenished by a policy (replenishment_method reorder_point / periodic_review, bought): s, Q or S of their
 * stock points for the weekly look of the proposals step (plan-policy-parameters.ts), written where the field is empty
 * or still holds the run's own last figure; a person's figure is kept.
 * Every input, source, formula and result is kept in the run.
 */
export async function runPolicyStep(handle: DatabaseHandle, options: PolicyStepOptions): Promise<PolicyStepResult> {
  const org = options.organizationId;
  const meanWeeks = options.meanWeeks ?? 13;
  const defaultServiceLevel = options.defaultServiceLevel ?? 0.95;
  const historyWeeks = options.segmentationHistoryWeeks ?? 52;
  const purchaseOrderCost = options.purchaseOrderCost ?? 40;
  const annualHoldingRate = options.annualHoldingRate ?? 0.25;
  const coverageDays = options.componentCoverageDays ?? 5;
  const policyCycleDays = options.policyCycleDays ?? 7;
  const points = (await sql<StockPointRow>`
    select sp.item_code, sp.location_code, sp.target_service_level::text, sp.review_period_days, sp.service_target_type, sp.review_type, i.lead_time_days,
      i.standard_cost::text, i.make_or_buy, i.lot_size_rule, i.lot_size_qty::text, i.min_order_qty::text, i.order_multiple::text,
      i.replenishment_method, sp.review_anchor_date::text,
      (select sum(r.setup_hours * coalesce(w.cost_per_hour, 0))::text from routing_operation r join work_center w on w.organization_id = r.organization_id and w.code = r.work_center_code
        where r.organization_id = i.organization_id and r.item_code = i.code) as setup_cost
    from stock_point sp join item i on i.organization_id = sp.organization_id and i.code = sp.item_code
    where sp.organization_id = ${org} and i.active and i.item_type = 'finished_good' order by 1, 2`.execute(handle.db)).rows;
  const minReceiptLines = options.minReceiptLinesForLeadTimeSpread ?? 5;
  const leadTimeSpread = await loadSupplierLeadTimeStatistics(handle, { organizationId: org, asOfDate: options.asOfDate, minReceiptLines });
  const segments = await segmentFinishedGoods(handle, org, options.asOfDate, historyWeeks, points, options.forecasts, options.segmentPolicies);
  const parameters = {
    meanWeeks, defaultServiceLevel, demandDistribution: 'gamma', policy: 'per ABC × XYZ segment: (s, Q) or (R, S), α or β; stock point overrides', forecastRunId: options.forecastRunId ?? null,
    minReceiptLinesForLeadTimeSpread: minReceiptLines, segmentationHistoryWeeks: historyWeeks, segmentPolicies: { ...DEFAULT_SEGMENT_POLICIES, ...(options.segmentPolicies ?? {}) },
    purchaseOrderCost, annualHoldingRate, componentRule: 'dependent-demand variability (BOM explosion of the forecast error), else coverage days', componentCoverageDays: coverageDays,
    policyCycleDays,
  };
  const run = await startPlanningRun(handle, { organizationId: org, runType: 'inventory_policy', asOfDate: options.asOfDate, parameters });
  try {
    const estimates = points.map((point) => {
      const key = `${point.item_code}@${point.location_code}`;
      const forecast = options.forecasts.get(key) ?? [];
      const window = forecast.slice(0, meanWeeks);
      const meanPerWeek = window.length > 0 ? window.reduce((sum, v) => sum + v, 0) / window.length : 0;
      const error = options.errorStandardDeviations.get(key) ?? { value: 0, source: 'history_std' as const };
      const segment = segments.get(point.item_code)!;
      const target = chooseTarget(point.service_target_type, point.target_service_level, segment.policy);
      const { reviewType, reviewWeeks, reviewTypeSource, reviewTypeBasis } = reviewOf(point, segment.policy, policyCycleDays);
      const leadWeeks = leadTimeWeeks(point.lead_time_days);
      const spread = leadTimeSpread.get(point.item_code);
      const leadTimeStdWeeks = spread ? round(spread.leadTimeStdDays / 7, 4) : 0;
      const lot = reviewType === 'continuous' ? orderQuantityOf(point, meanPerWeek, purchaseOrderCost, annualHoldingRate) : undefined;
      const base = {
        itemCode: point.item_code, locationCode: point.location_code, abcClass: segment.abcClass, xyzClass: segment.xyzClass, segment: segment.segment,
        policy: reviewType === 'continuous' ? 's-Q' as const : 'R-S' as const, reviewType, reviewTypeSource, ...(reviewTypeBasis ? { reviewTypeBasis } : {}),
        serviceTarget: { type: target.type, value: target.value, source: target.source },
        meanPerWeek: round(meanPerWeek, 3), errorStandardDeviationPerWeek: round(error.value, 3), errorSource: error.source, leadTimeWeeks: leadWeeks, leadTimeStdWeeks,
        leadTimeStdSource: leadTimeSource(spread), reviewWeeks,
        ...(lot ? { orderQuantityUnits: lot.units, orderQuantitySource: lot.source } : {}),
      };
      if (meanPerWeek <= 0 || error.value <= 0) {
        const level = Math.ceil(meanPerWeek * (leadWeeks + reviewWeeks));
        return { ...base, cycleServiceLevel: target.type === 'cycle-service-level' ? target.value : 1, safetyStockUnits: 0, reorderLevelUnits: level, orderUpToLevelUnits: level + (lot?.units ?? 0), formula: 'no demand or no variability: no safety stock', note: 'no demand or no variability: no safety stock' };
      }
      const result = computeSafetyStock({
        demand: { distribution: 'gamma', meanPerPeriod: meanPerWeek, standardDeviationPerPeriod: error.value },
        leadTime: { meanPeriods: leadWeeks, standardDeviationPeriods: leadTimeStdWeeks }, reviewPeriods: reviewWeeks, target: target.target,
        ...(lot ? { orderQuantity: lot.units } : {}),
      });
      const safetyStockUnits = Math.max(0, Math.ceil(result.safetyStock - 1e-9));
      const reorderLevelUnits = Math.ceil(result.reorderLevel - 1e-9);
      return {
        ...base, cycleServiceLevel: round(result.cycleServiceLevel, 4), safetyStockUnits, reorderLevelUnits, orderUpToLevelUnits: reorderLevelUnits + (lot?.units ?? 0),
        protectionWeeks: result.protectionIntervalPeriods, protectionMeanUnits: round(result.protectionMean, 3), protectionStandardDeviationUnits: round(result.protectionStandardDeviation, 3),
        safetyFactor: round(result.safetyFactor, 4), expectedFillRate: round(result.fillRate, 4), formula: formulaOf(reviewType, target.type),
      };
    });
    const components = await planComponentSafetyStocks(handle, {
      organizationId: org, asOfDate: options.asOfDate, runId: run.id, forecasts: options.forecasts, errorStandardDeviations: options.errorStandardDeviations, meanWeeks,
      leadTimeSpread, defaultServiceLevel, coverageDays,
    });
    const policyParameters = await planPolicyParameters(handle, {
      organizationId: org, runId: run.id, forecasts: options.forecasts, errorStandardDeviations: options.errorStandardDeviations, meanWeeks, componentDemand: components.demandByItem,
      finishedGoodTargets: new Map(estimates.map((r) => [`${r.itemCode}@${r.locationCode}`, r.serviceTarget])), leadTimeSpread, defaultServiceLevel, purchaseOrderCost, annualHoldingRate,
      cycleDays: policyCycleDays,
    });
    const policyParameterCount = policyParameters.filter((p) => p.status === 'computed').length;
    // A bought finished good on a policy holds the levels the proposals step orders with (one s or S per stock point).
    const computedParameters = new Map(policyParameters.filter((p) => p.status === 'computed').map((p) => [`${p.itemCode}@${p.locationCode}`, p]));
    const results = estimates.map((r) => withPolicyLevels(r, computedParameters.get(`${r.itemCode}@${r.locationCode}`)));
    const safetyStockByItem = new Map<string, number>();
    for (const r of results) safetyStockByItem.set(r.itemCode, (safetyStockByItem.get(r.itemCode) ?? 0) + r.safetyStockUnits);
    const totalSafetyStockUnits = results.reduce((sum, r) => sum + r.safetyStockUnits, 0);
    const summary = {
      stockPointCount: results.length, totalSafetyStockUnits,
      formula: 'SS = level − mean over the protection interval; gamma demand over P = L (continuous) or L + R (periodic), variance E[P] σ² + μ² σ_LT²; α: level = F⁻¹(α); β: expected shortage per cycle = (1 − β) × demand per cycle',
      stockPoints: results,
      componentCount: components.results.length, componentSafetyStockUnits: components.results.reduce((sum, c) => sum + c.safetyStockUnits, 0), components: components.results,
      policyParameterCount, policyParameters,
    };
    const durationMs = await finishPlanningRun(handle, run, {
      status: 'succeeded',
      inputsHash: hashInputs({
        meanWeeks, defaultServiceLevel, historyWeeks, segmentPolicies: parameters.segmentPolicies, purchaseOrderCost, annualHoldingRate, coverageDays,
        stockPoints: results.map(({ safetyStockUnits: _s, orderUpToLevelUnits: _o, reorderLevelUnits: _r, ...inputs }) => inputs),
        components: components.results.map(({ safetyStockUnits: _s, ...inputs }) => inputs),
        policyParameters: policyParameters.map((p) => ({ itemCode: p.itemCode, locationCode: p.locationCode, method: p.method, demand: p.demand, leadTimeWeeks: p.leadTimeWeeks, leadTimeStdWeeks: p.leadTimeStdWeeks, reviewWeeks: p.reviewWeeks, serviceTarget: p.serviceTarget })),
      }),
      summary,
    });
    return { runId: run.id, stockPointCount: results.length, totalSafetyStockUnits, durationMs, safetyStockByItem, componentSafetyStockByItem: components.byItem, policyParameterCount };
  } catch (error) {
    await finishPlanningRun(handle, run, { status: 'failed', summary: { error: error instanceof Error ? error.message : String(error) } });
    throw error;
  }
}

/**
 * Review type and period of a finished good's safety stock. An item replenished by a policy is sized as the proposals
 * step orders it: reorder_point → continuous (s, Q); periodic_review → (R, S) with R = review_period_days when a
 * review_anchor_date is set (not shorter than the cycle), else one planning cycle (reviewed at every cycle), as
 * plan-policy-parameters.ts. Otherwise the stock point's review_type / review_period_days (a period alone means
 * periodic), else the segment's.
 */
function reviewOf(point: StockPointRow, policy: SegmentPolicy, cycleDays: number): {
  reviewType: 'continuous' | 'periodic'; reviewWeeks: number; reviewTypeSource: 'item_replenishment_method' | 'stock_point' | 'segment'; reviewTypeBasis?: string;
} {
  const cycleWeeks = Math.max(cycleDays, 1) / 7;
  if (point.replenishment_method === 'reorder_point') {
    const ignored = point.review_type === 'periodic' || point.review_period_days !== null ? '; the stock point\'s periodic review is not used' : '';
    return { reviewType: 'continuous', reviewWeeks: 0, reviewTypeSource: 'item_replenishment_method', reviewTypeBasis: `item replenished by reorder point: (s, Q)${ignored}` };
  }
  if (point.replenishment_method === 'periodic_review') {
    const anchored = point.review_anchor_date !== null && point.review_period_days !== null && point.review_period_days > 0;
    const reviewWeeks = anchored ? Math.max(point.review_period_days! / 7, cycleWeeks) : cycleWeeks;
    const basis = anchored
      ? `item replenished by periodic review every ${point.review_period_days} days from ${point.review_anchor_date}: (R, S), R = ${round(reviewWeeks, 3)} weeks`
      : `item replenished by periodic review without a review anchor date: reviewed at every planning cycle, R = ${round(cycleWeeks, 3)} weeks`;
    return { reviewType: 'periodic', reviewWeeks, reviewTypeSource: 'item_replenishment_method', reviewTypeBasis: basis };
  }
  // A review period on the stock point means periodic review unless its review_type says otherwise.
  const reviewType = point.review_type ?? (point.review_period_days !== null ? 'periodic' : policy.reviewType);
  const reviewWeeks = reviewType === 'continuous' ? 0 : point.review_period_days !== null ? Math.max(1, point.review_period_days / 7) : Math.max(1, policy.reviewPeriods ?? 1);
  return { reviewType, reviewWeeks, reviewTypeSource: point.review_type !== null || point.review_period_days !== null ? 'stock_point' : 'segment' };
}

type StockPointEstimate = {
  itemCode: string; locationCode: string; policy: 's-Q' | 'R-S'; reviewTypeBasis?: string; leadTimeWeeks: number; orderQuantityUnits?: number; safetyStockUnits: number;
  reorderLevelUnits: number; orderUpToLevelUnits: number; cycleServiceLevel: number; expectedFillRate?: number; protectionWeeks?: number; protectionMeanUnits?: number; formula: string;
  protectionStandardDeviationUnits?: number | undefined; safetyFactor?: number | undefined;
};

/**
 * A finished good whose s and Q, or S, this run computed (plan-policy-parameters.ts: the position is looked at once
 * per cycle, so the protection is L + c, or L + R) takes those levels, and its safety stock = level − μ × protection,
 * so the MPS nets the buffer the policy holds and the page shows one s per stock point.
 */
function withPolicyLevels<T extends StockPointEstimate>(point: T, row: PolicyParameterRow | undefined): T {
  if (!row?.computed || row.safetyStockUnits === undefined) return point;
  const q = row.sizedForOrderQuantity ?? row.computed.orderQuantity;
  const level = row.computed.reorderPoint ?? row.computed.orderUpToLevel!;
  return {
    ...point, policy: row.method === 'reorder_point' ? 's-Q' : 'R-S', leadTimeWeeks: row.leadTimeWeeks ?? point.leadTimeWeeks,
    ...(q !== undefined ? { orderQuantityUnits: q } : {}), safetyStockUnits: Math.max(0, Math.ceil(row.safetyStockUnits - 1e-9)), reorderLevelUnits: level,
    orderUpToLevelUnits: level + (row.method === 'reorder_point' ? q ?? 0 : 0), cycleServiceLevel: row.expectedCycleServiceLevel ?? point.cycleServiceLevel,
    ...(row.expectedFillRate !== undefined ? { expectedFillRate: row.expectedFillRate } : {}), ...(row.protectionWeeks !== undefined ? { protectionWeeks: row.protectionWeeks, protectionMeanUnits: row.protectionMeanUnits } : {}),
    // The (s, Q)-over-L figures of the first estimate no longer describe the level.
    protectionStandardDeviationUnits: undefined, safetyFactor: undefined,
    formula: `${row.formula ?? ''}; SS = level − μ × protection (${row.protectionWeeks} weeks)`,
    reviewTypeBasis: `${point.reviewTypeBasis ?? ''}; levels = the policy parameters this run computed (the proposals step looks once per cycle)`,
  };
}

type ItemSegment = { abcClass: string; xyzClass: string | null; segment: string; policy: SegmentPolicy };

/**
 * ABC × XYZ of the finished goods the step plans: usage value = units sold over the last `historyWeeks` weeks ×
 * standard cost (the next `historyWeeks` weeks of forecast for an item without sales), XYZ on the weekly sales.
 */
async function segmentFinishedGoods(
  handle: DatabaseHandle, org: string, asOfDate: string, historyWeeks: number, points: StockPointRow[], forecasts: Map<string, number[]>, policies: Record<string, SegmentPolicy> | undefined,
): Promise<Map<string, ItemSegment>> {
  const itemCodes = [...new Set(points.map((p) => p.item_code))];
  if (itemCodes.length === 0) return new Map();
  const buckets = createWeeklyBuckets(asOfDate, 0);
  const from = buckets.startOf(-historyWeeks);
  const rows = (await sql<{ item_code: string; week: string; quantity: string }>`
    select item_code, date_trunc('week', sale_date)::date::text as week, sum(quantity)::text as quantity from sales_history
    where organization_id = ${org} and sale_date >= ${from} and sale_date < ${buckets.firstMonday} and item_code in (${sql.join(itemCodes)}) group by 1, 2 order by 1, 2`.execute(handle.db)).rows;
  const histories = new Map<string, number[]>();
  for (const row of rows) {
    const history = histories.get(row.item_code) ?? new Array<number>(historyWeeks).fill(0);
    const index = buckets.periodOf(row.week) + historyWeeks;
    if (index >= 0 && index < historyWeeks) history[index] = (history[index] ?? 0) + Number(row.quantity);
    histories.set(row.item_code, history);
  }
  const costs = new Map(points.map((p) => [p.item_code, Number(p.standard_cost)]));
  const planned = new Map<string, number>();
  for (const [key, values] of forecasts) {
    const code = key.split('@')[0] as string;
    planned.set(code, (planned.get(code) ?? 0) + values.slice(0, historyWeeks).reduce((sum, v) => sum + v, 0));
  }
  const items: SegmentationItem[] = itemCodes.map((code) => {
    const history = histories.get(code);
    const sold = history ? history.reduce((sum, q) => sum + Math.max(q, 0), 0) : 0;
    return { itemId: code, annualDemandUnits: sold > 0 ? sold : planned.get(code) ?? 0, unitCost: costs.get(code) ?? 0, ...(history && sold > 0 ? { demandHistory: history.map((q) => Math.max(q, 0)) } : {}) };
  });
  const result = segmentItems({ items, ...(policies ? { policies } : {}) });
  return new Map(result.items.map((row) => [row.itemId, { abcClass: row.abcClass, xyzClass: row.xyzClass, segment: row.segment, policy: row.policy }]));
}

/**
 * The service target. A stock point's service_target_type wins (with its level, else the segment's level for that
 * type); a level without a type is a cycle service level, as target_service_level has always meant; with neither,
 * the segment's type and level apply.
 */
function chooseTarget(pointType: StockPointRow['service_target_type'], pointLevel: string | null, policy: SegmentPolicy): TargetChoice {
  let type: TargetChoice['type'];
  let value: number;
  let source: TargetChoice['source'] = 'stock_point';
  if (pointType !== null) {
    type = pointType === 'fill_rate' ? 'fill-rate' : 'cycle-service-level';
    // A stock point that asks for a fill rate in a segment without one takes the segment's level as its value.
    value = pointLevel !== null ? Number(pointLevel) : type === 'fill-rate' ? policy.fillRate ?? policy.cycleServiceLevel : policy.cycleServiceLevel;
  } else if (pointLevel !== null) {
    type = 'cycle-service-level';
    value = Number(pointLevel);
  } else {
    type = policy.serviceTargetType ?? 'cycle-service-level';
    value = type === 'fill-rate' ? policy.fillRate ?? policy.cycleServiceLevel : policy.cycleServiceLevel;
    source = 'segment';
  }
  return { target: type === 'fill-rate' ? { fillRate: value } : { cycleServiceLevel: value }, type, value, source };
}

/** Q for continuous review: the item's fixed lot, else EOQ sqrt(2 K μ / h) per week (K purchase order or setup cost, h = cost × rate / 52), then MOQ and multiple; one week of demand without costs. */
function orderQuantityOf(point: StockPointRow, meanPerWeek: number, purchaseOrderCost: number, annualHoldingRate: number): { units: number; source: string } {
  const holdingPerWeek = (Number(point.standard_cost) * annualHoldingRate) / 52;
  const orderCost = point.make_or_buy === 'buy' ? purchaseOrderCost : Number(point.setup_cost ?? 0);
  let units: number;
  let source: string;
  if (point.lot_size_rule === 'fixed_quantity' && point.lot_size_qty !== null && Number(point.lot_size_qty) > 0) {
    units = Number(point.lot_size_qty);
    source = 'item fixed lot size';
  } else if (meanPerWeek > 0 && holdingPerWeek > 0 && orderCost > 0) {
    units = computeEconomicOrderQuantity({ orderCost, holdingCostPerUnitPerYear: holdingPerWeek, demandPerYear: meanPerWeek }).orderQuantity;
    source = `EOQ sqrt(2 × ${orderCost} × ${round(meanPerWeek, 3)} / ${round(holdingPerWeek, 4)})`;
  } else {
    units = Math.max(meanPerWeek, 1);
    source = 'one week of demand (no ordering or holding cost)';
  }
  const minimum = Number(point.min_order_qty ?? 0);
  if (minimum > units) { units = minimum; source += ', raised to the minimum order quantity'; }
  const multiple = Number(point.order_multiple ?? 0);
  units = multiple > 0 ? Math.ceil(units / multiple - 1e-9) * multiple : Math.ceil(units - 1e-9);
  return { units, source };
}

function formulaOf(reviewType: 'continuous' | 'periodic', type: 'cycle-service-level' | 'fill-rate'): string {
  if (reviewType === 'continuous') return type === 'fill-rate' ? '(s, Q), β: n(s) − n(s + Q) = (1 − β) Q over P = L; SS = s − μ L' : '(s, Q), α: s = F⁻¹(α) over P = L; SS = s − μ L';
  return type === 'fill-rate' ? '(R, S), β: n_{L+R}(S) − n_L(S) = (1 − β) μ R; SS = S − μ (L + R)' : '(R, S), α: S = F⁻¹(α) over P = L + R; SS = S − μ (L + R)';
}

function leadTimeSource(spread: SupplierLeadTimeStatistics | undefined): { supplierCode: string; receiptLines: number; leadTimeMeanDays: number; leadTimeStdDays: number } | null {
  return spread ? { supplierCode: spread.supplierCode, receiptLines: spread.receiptLines, leadTimeMeanDays: spread.leadTimeMeanDays, leadTimeStdDays: spread.leadTimeStdDays } : null;
}

type ComponentResult = {
  itemCode: string; locationCode: string | null; rule: 'dependent-demand-variability' | 'coverage-days' | 'manual' | 'no-demand'; meanPerWeek: number; standardDeviationPerWeek: number;
  unitsPerEndItem: { endItemId: string; units: number }[]; leadTimeWeeks: number; leadTimeStdWeeks: number; leadTimeStdSource: ReturnType<typeof leadTimeSource>; reviewWeeks: number;
  serviceTarget: { type: 'cycle-service-level' | 'fill-rate'; value: number; source: 'stock_point' | 'default' } | null; coverageDays: number | null;
  safetyStockUnits: number; formula: string; note?: string;
};

/**
 * Purchased components: dependent-demand safety stock (or coverage days), written on a stock point for the MRP.
 * Components of no active BOM reached by a forecast end item get 0 (a previous run's value is cleared).
 */
async function planComponentSafetyStocks(handle: DatabaseHandle, options: {
  organizationId: string; asOfDate: string; runId: string; forecasts: Map<string, number[]>; errorStandardDeviations: PolicyStepOptions['errorStandardDeviations'];
  meanWeeks: number; leadTimeSpread: Map<string, SupplierLeadTimeStatistics>; defaultServiceLevel: number; coverageDays: number;
}): Promise<{ results: ComponentResult[]; byItem: Map<string, number>; demandByItem: Map<string, { meanPerWeek: number; standardDeviationPerWeek: number; locationCode: string | null }> }> {
  const org = options.organizationId;
  const components = (await sql<ComponentRow>`
    select i.code, i.lead_time_days, (select st.lead_time_days::float8 from supply_term st where st.organization_id = i.organization_id and st.item_code = i.code order by st.preferred desc, st.unit_price, st.supplier_code limit 1) as supplier_lead_time_days,
      i.safety_stock_qty::text as item_safety_stock, i.standard_cost::text,
      (select sum(sp.safety_stock_qty)::text from stock_point sp where sp.organization_id = i.organization_id and sp.item_code = i.code and sp.safety_stock_qty is not null and (sp.safety_stock_run_id is null or sp.computed_safety_stock_qty is distinct from sp.safety_stock_qty)) as manual_stock_point_safety,
      (select sp.location_code from stock_point sp where sp.organization_id = i.organization_id and sp.item_code = i.code and sp.safety_stock_run_id is not null and sp.computed_safety_stock_qty is not distinct from sp.safety_stock_qty order by sp.location_code limit 1) as computed_location,
      (select sp.location_code from stock_point sp where sp.organization_id = i.organization_id and sp.item_code = i.code order by sp.location_code limit 1) as first_location,
      (select sp.target_service_level::text from stock_point sp where sp.organization_id = i.organization_id and sp.item_code = i.code and sp.target_service_level is not null order by sp.location_code limit 1) as target_service_level,
      (select sp.service_target_type from stock_point sp where sp.organization_id = i.organization_id and sp.item_code = i.code and sp.service_target_type is not null order by sp.location_code limit 1) as service_target_type,
      coalesce((select l.location_code from stock_lot l where l.organization_id = i.organization_id and l.item_code = i.code order by l.quantity desc, l.location_code limit 1),
        (select l.code from location l where l.organization_id = i.organization_id order by (l.location_type = 'plant') desc, l.code limit 1)) as home_location
    from item i where i.organization_id = ${org} and i.active and i.make_or_buy = 'buy' and i.item_type in ('component', 'raw_material') order by i.code`.execute(handle.db)).rows;
  if (components.length === 0) return { results: [], byItem: new Map(), demandByItem: new Map() };
  // End items: the finished goods' forecast mean and error per week, all locations together (errors independent across locations).
  const endItems = new Map<string, { mean: number; variance: number }>();
  for (const [key, values] of options.forecasts) {
    const [itemCode] = key.split('@') as [string];
    const window = values.slice(0, options.meanWeeks);
    const mean = window.length > 0 ? window.reduce((sum, v) => sum + v, 0) / window.length : 0;
    const sd = options.errorStandardDeviations.get(key)?.value ?? 0;
    const total = endItems.get(itemCode) ?? { mean: 0, variance: 0 };
    endItems.set(itemCode, { mean: total.mean + mean, variance: total.variance + sd * sd });
  }
  const bomLines = (await sql<{ parent_item_code: string; component_item_code: string; quantity_per: string; scrap_rate: string }>`
    select l.parent_item_code, l.component_item_code, sum(l.quantity_per)::text as quantity_per, max(l.scrap_rate)::text as scrap_rate
    from bom_line l join bom b on b.organization_id = l.organization_id and b.parent_item_code = l.parent_item_code and b.version = l.bom_version
    where l.organization_id = ${org} and b.status = 'active'
      and coalesce(l.valid_from, b.valid_from, ${options.asOfDate}::date) <= ${options.asOfDate}::date and coalesce(l.valid_to, b.valid_to, ${options.asOfDate}::date) >= ${options.asOfDate}::date
    group by 1, 2 order by 1, 2`.execute(handle.db)).rows;
  const yields = Object.fromEntries((await sql<{ code: string; yield_rate: string }>`select code, yield_rate::text from item where organization_id = ${org} and yield_rate < 1`.execute(handle.db)).rows.map((r) => [r.code, Number(r.yield_rate)]));
  const exploded = new Map(computeDependentDemandVariability({
    endItems: [...endItems].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([itemId, d]) => ({ itemId, meanPerPeriod: d.mean, standardDeviationPerPeriod: Math.sqrt(d.variance) })),
    bomLines: bomLines.map((l) => ({ parentId: l.parent_item_code, componentId: l.component_item_code, quantityPer: Number(l.quantity_per), scrapFraction: Number(l.scrap_rate) })),
    yieldFractionByItem: yields,
  }).map((row) => [row.itemId, row]));

  const results: ComponentResult[] = [];
  const byItem = new Map<string, number>();
  const demandByItem = new Map<string, { meanPerWeek: number; standardDeviationPerWeek: number; locationCode: string | null }>();
  const writes: { itemCode: string; locationCode: string; units: number }[] = [];
  const clears: string[] = [];
  for (const component of components) {
    const demand = exploded.get(component.code);
    const mean = demand?.meanPerPeriod ?? 0;
    const sd = demand?.standardDeviationPerPeriod ?? 0;
    const leadWeeks = leadTimeWeeks(component.supplier_lead_time_days ?? component.lead_time_days);
    const spread = options.leadTimeSpread.get(component.code);
    const leadTimeStdWeeks = spread ? round(spread.leadTimeStdDays / 7, 4) : 0;
    const location = component.computed_location ?? component.first_location ?? component.home_location;
    demandByItem.set(component.code, { meanPerWeek: mean, standardDeviationPerWeek: sd, locationCode: location });
    const base = {
      itemCode: component.code, locationCode: location, meanPerWeek: round(mean, 3), standardDeviationPerWeek: round(sd, 3), unitsPerEndItem: demand?.unitsPerEndItem ?? [],
      leadTimeWeeks: leadWeeks, leadTimeStdWeeks, leadTimeStdSource: leadTimeSource(spread), reviewWeeks: 1,
    };
    const manual = Number(component.item_safety_stock) > 0 || component.manual_stock_point_safety !== null;
    if (manual) {
      const units = Number(component.item_safety_stock) + Number(component.manual_stock_point_safety ?? 0);
      results.push({ ...base, rule: 'manual', serviceTarget: null, coverageDays: null, safetyStockUnits: units, formula: 'set by a person on the item or a stock point: kept', note: 'manual safety stock kept' });
      // What an earlier run wrote would add to the person's figure in the MRP: cleared.
      if (component.computed_location !== null) clears.push(component.code);
      continue;
    }
    let result: ComponentResult;
    if (mean <= 0) {
      result = { ...base, rule: 'no-demand', serviceTarget: null, coverageDays: null, safetyStockUnits: 0, formula: 'no dependent demand from the forecast end items: no safety stock' };
    } else if (sd > 0) {
      const type = component.service_target_type === 'fill_rate' ? 'fill-rate' as const : 'cycle-service-level' as const;
      const value = component.target_service_level !== null ? Number(component.target_service_level) : options.defaultServiceLevel;
      const stock = computeSafetyStock({
        demand: { distribution: 'gamma', meanPerPeriod: mean, standardDeviationPerPeriod: sd },
        leadTime: { meanPeriods: leadWeeks, standardDeviationPeriods: leadTimeStdWeeks }, reviewPeriods: 1, target: type === 'fill-rate' ? { fillRate: value } : { cycleServiceLevel: value },
      });
      result = {
        ...base, rule: 'dependent-demand-variability', serviceTarget: { type, value, source: component.target_service_level !== null || component.service_target_type !== null ? 'stock_point' : 'default' }, coverageDays: null,
        safetyStockUnits: Math.max(0, Math.ceil(stock.safetyStock - 1e-9)), formula: `${formulaOf('periodic', type)}; σ = sqrt(Σ a² σ_end²) over the BOM`,
      };
    } else {
      result = {
        ...base, rule: 'coverage-days', serviceTarget: null, coverageDays: options.coverageDays, safetyStockUnits: Math.max(0, Math.ceil((options.coverageDays * mean) / 7 - 1e-9)),
        formula: `SS = ${options.coverageDays} days × mean daily demand (${round(mean / 7, 3)}): the end items' forecast error is unknown`,
      };
    }
    if (location === null) result.note = 'no location to hold the stock: not written';
    // A stock point is created only for a safety stock > 0; an earlier run's figure is always brought up to date.
    else if (result.safetyStockUnits > 0 || component.computed_location !== null) writes.push({ itemCode: component.code, locationCode: location, units: result.safetyStockUnits });
    byItem.set(component.code, result.safetyStockUnits);
    results.push(result);
  }
  await writeComponentSafetyStocks(handle, org, options.runId, writes, clears);
  return { results, byItem, demandByItem };
}

/**
 * Writes each component's safety stock on its stock point (created when missing) with this run's id, clears
 * what an earlier run wrote on the item's other stock points, and records each change in the audit trail.
 */
async function writeComponentSafetyStocks(handle: DatabaseHandle, org: string, runId: string, writes: { itemCode: string; locationCode: string; units: number }[], clears: string[]): Promise<void> {
  if (writes.length === 0 && clears.length === 0) return;
  await handle.db.transaction().execute(async (trx) => {
    for (const itemCode of clears) {
      await sql`update stock_point set safety_stock_qty = null, safety_stock_run_id = null, computed_safety_stock_qty = null
        where organization_id = ${org} and item_code = ${itemCode} and safety_stock_run_id is not null and computed_safety_stock_qty is not distinct from safety_stock_qty`.execute(trx);
      await recordAuditEntry(trx, { organizationId: org, actor: { userId: null, email: null, via: 'system' }, action: 'inventory_policy.safety_stock', entity: 'stock_point', entityKey: `${itemCode}@*`, after: { safetyStockQty: null, runId, reason: 'a manual safety stock is set' } });
    }
    for (const write of writes) {
      const before = (await sql<{ safety_stock_qty: string | null }>`select safety_stock_qty::text from stock_point where organization_id = ${org} and item_code = ${write.itemCode} and location_code = ${write.locationCode}`.execute(trx)).rows[0];
      await sql`insert into stock_point (organization_id, item_code, location_code, safety_stock_qty, safety_stock_run_id, computed_safety_stock_qty)
        values (${org}, ${write.itemCode}, ${write.locationCode}, ${write.units}, ${runId}, ${write.units})
        on conflict (organization_id, item_code, location_code) do update
        set safety_stock_qty = excluded.safety_stock_qty, safety_stock_run_id = excluded.safety_stock_run_id, computed_safety_stock_qty = excluded.computed_safety_stock_qty`.execute(trx);
      await sql`update stock_point set safety_stock_qty = null, safety_stock_run_id = null, computed_safety_stock_qty = null
        where organization_id = ${org} and item_code = ${write.itemCode} and location_code <> ${write.locationCode} and safety_stock_run_id is not null
          and computed_safety_stock_qty is not distinct from safety_stock_qty`.execute(trx);
      const previous = before?.safety_stock_qty === null || before === undefined ? null : Number(before.safety_stock_qty);
      if (previous !== write.units) {
        await recordAuditEntry(trx, {
          organizationId: org, actor: { userId: null, email: null, via: 'system' }, action: 'inventory_policy.safety_stock', entity: 'stock_point', entityKey: `${write.itemCode}@${write.locationCode}`,
          before: { safetyStockQty: previous }, after: { safetyStockQty: write.units, runId },
        });
      }
    }
  });
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
