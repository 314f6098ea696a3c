import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ErrorBody, InventorySimulateRequest, InventorySimulateResponse, PolicyPage, PolicyQuery, SegmentationQuery, SegmentationResponse,
} from '@flowpilot/contract';
import { DEFAULT_ABC_CLASSES, segmentItems, type SimulatedDemand, type SimulatedPolicy } from '@flowpilot/core';
import { createWeeklyBuckets, findLatestRun, leadTimeWeeks, loadPolicyParameterPoints, mondayOf, runPolicySimulations, type PolicyParameterPoint } from '@flowpilot/services';
import type { AppContext } from '../../app';
import { HttpError } from '../../error-handler';
import { organizationOf } from '../../auth/request-auth';
import { matchesSearch, pageOfList, requireLatestRun, roundTo, translatorOf } from './workspace-request';

type PolicyRowOut = PolicyPage['items'][number];

/** A stock point as the inventory-policy step stores it in its run summary. */
type StoredStockPoint = {
  itemCode: string; locationCode: string; meanPerWeek: number; errorStandardDeviationPerWeek: number; errorSource: string; leadTimeWeeks: number;
  reviewWeeks: number; cycleServiceLevel: number; safetyStockUnits: number; orderUpToLevelUnits: number; protectionWeeks?: number; safetyFactor?: number;
  expectedFillRate?: number; note?: string; policy?: 'R-S' | 's-Q'; segment?: string;
  serviceTarget?: { type: 'cycle-service-level' | 'fill-rate'; value: number; source: string }; reorderLevelUnits?: number; orderQuantityUnits?: number;
};

/** First day of the month `offset` months from the month of `isoDate` (UTC). */
function monthStart(isoDate: string, offset: number): string {
  const date = new Date(`${isoDate.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + offset);
  return date.toISOString().slice(0, 10);
}

/** A policy stock point outside the safety-stock summary (a component), described by what its parameters were computed from. */
function policyPointRow(p: PolicyParameterPoint, onHandUnits: number, replenishment: NonNullable<PolicyRowOut['replenishment']>): PolicyRowOut {
  const basis = p.basis;
  const meanPerWeek = basis?.demand?.meanPerWeek ?? 0;
  const safetyStockUnits = basis?.safetyStockUnits ?? 0;
  return {
    itemCode: p.itemCode, locationCode: p.locationCode, policy: p.method === 'reorder_point' ? 's-Q' : 'R-S', segment: null, serviceTarget: basis?.serviceTarget ?? null,
    reorderLevelUnits: p.reorderPoint.units, orderQuantityUnits: p.orderQuantity.units, meanPerWeek, errorStandardDeviationPerWeek: basis?.demand?.standardDeviationPerWeek ?? 0,
    errorSource: basis?.demand?.source ?? '—', leadTimeWeeks: basis?.leadTimeWeeks ?? 0, reviewWeeks: basis?.reviewWeeks ?? basis?.cycleWeeks ?? 0,
    cycleServiceLevel: basis?.expectedCycleServiceLevel ?? 0, safetyStockUnits, orderUpToLevelUnits: p.orderUpToLevel.units ?? 0, protectionWeeks: basis?.protectionWeeks ?? null,
    safetyFactor: null, expectedFillRate: basis?.expectedFillRate ?? null, safetyStockCoverageDays: coverageDays(safetyStockUnits, meanPerWeek), onHandUnits,
    onHandCoverageDays: coverageDays(onHandUnits, meanPerWeek), note: basis?.note ?? null, replenishment,
  };
}

/** Days of demand a stock covers at the mean weekly demand: units ÷ (mean per week ÷ 7); null without demand. */
function coverageDays(units: number, meanPerWeek: number): number | null {
  return meanPerWeek > 0 ? roundTo((units / meanPerWeek) * 7, 1) : null;
}

/** Inventory: ABC × XYZ segmentation, the stored policies with coverage, and one policy simulated. */
export function registerInventoryRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const db = context.handle.db;

  typed.get('/api/v1/inventory/segmentation', {
    config: { permission: 'inventory:read' },
    schema: { tags: ['inventory'], querystring: SegmentationQuery, response: { 200: SegmentationResponse, 400: ErrorBody } },
  }, async (request) => {
    const org = organizationOf(request);
    const { page, pageSize, search, months, criterion, segment } = request.query;
    const today = context.today();
    // Whole calendar months before the current one, so a partial month does not look like a drop in demand.
    const fromDate = monthStart(today, -months);
    const toDate = monthStart(today, 0);
    const sales = (await sql<{ item_code: string; month: string; quantity: string }>`
      select item_code, to_char(sale_date, 'YYYY-MM') as month, sum(quantity)::text as quantity from sales_history
      where organization_id = ${org} and sale_date >= ${fromDate}::date and sale_date < ${toDate}::date group by 1, 2 order by 1, 2`.execute(db)).rows;
    const monthLabels = Array.from({ length: months }, (_, k) => monthStart(fromDate, k).slice(0, 7));
    const histories = new Map<string, number[]>();
    for (const row of sales) {
      const history = histories.get(row.item_code) ?? new Array<number>(months).fill(0);
      const index = monthLabels.indexOf(row.month);
      if (index >= 0) history[index] = (history[index] ?? 0) + Number(row.quantity);
      histories.set(row.item_code, history);
    }
    const items = (await sql<{ code: string; name: string; standard_cost: string }>`select code, name, standard_cost::text from item where organization_id = ${org} order by code`.execute(db)).rows
      .filter((item) => histories.has(item.code));
    const parameters = { months, criterion, fromDate, toDate, abcClasses: DEFAULT_ABC_CLASSES };
    if (items.length === 0) return { ...pageOfList([], page, pageSize), asOfDate: today, parameters, cells: [] };
    const byCode = new Map(items.map((item) => [item.code, item]));
    const result = segmentItems({
      items: items.map((item) => {
        const history = histories.get(item.code) ?? [];
        return { itemId: item.code, annualDemandUnits: history.reduce((sum, q) => sum + Math.max(q, 0), 0), unitCost: Number(item.standard_cost), demandHistory: history };
      }),
      abc: { criterion },
    });
    const total = result.items.reduce((sum, row) => sum + Math.max(row.value, 0), 0);
    const cells = new Map<string, { abcClass: string; xyzClass: string | null; segment: string; itemCount: number; value: number }>();
    for (const row of result.items) {
      const cell = cells.get(row.segment) ?? { abcClass: row.abcClass, xyzClass: row.xyzClass, segment: row.segment, itemCount: 0, value: 0 };
      cell.itemCount++;
      cell.value += Math.max(row.value, 0);
      cells.set(row.segment, cell);
    }
    const rows = result.items
      .filter((row) => (segment === undefined || row.segment === segment) && matchesSearch(search, row.itemId, byCode.get(row.itemId)?.name))
      .map((row) => {
        const item = byCode.get(row.itemId);
        const history = histories.get(row.itemId) ?? [];
        return {
          itemCode: row.itemId, itemName: item?.name ?? row.itemId, abcClass: row.abcClass, xyzClass: row.xyzClass, segment: row.segment,
          demandUnits: roundTo(history.reduce((sum, q) => sum + Math.max(q, 0), 0), 3), unitCostEur: Number(item?.standard_cost ?? 0),
          value: roundTo(row.value, 2), cumulativeShare: roundTo(row.cumulativeShare, 4),
          coefficientOfVariation: row.coefficientOfVariation === null ? null : roundTo(row.coefficientOfVariation, 4), policy: row.policy,
        };
      });
    return {
      ...pageOfList(rows, page, pageSize), asOfDate: today, parameters,
      cells: [...cells.values()]
        .sort((a, b) => (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0))
        .map((cell) => ({ ...cell, value: roundTo(cell.value, 2), valueShare: total > 0 ? roundTo(cell.value / total, 4) : 0 })),
    };
  });

  typed.get('/api/v1/inventory/policies', {
    config: { permission: 'inventory:read' },
    schema: { tags: ['inventory'], querystring: PolicyQuery, response: { 200: PolicyPage, 400: ErrorBody, 404: ErrorBody } },
  }, async (request) => {
    const org = organizationOf(request);
    const run = await requireLatestRun(context.handle, org, 'inventory_policy', request);
    const { page, pageSize, search, itemCode, locationCode } = request.query;
    const onHand = new Map((await sql<{ item_code: string; location_code: string; quantity: string }>`
      select item_code, location_code, sum(quantity)::text as quantity from stock_lot where organization_id = ${org} and status = 'available' group by 1, 2`.execute(db)).rows
      .map((r) => [`${r.item_code}@${r.location_code}`, Number(r.quantity)]));
    const selected = (p: { itemCode: string; locationCode: string }) => (itemCode === undefined || p.itemCode === itemCode) && (locationCode === undefined || p.locationCode === locationCode) && matchesSearch(search, p.itemCode, p.locationCode);
    const points = ((run.summary.stockPoints as StoredStockPoint[] | undefined) ?? []).filter(selected);
    // Policy items: s, Q, S as the stock point holds them (computed by the run or a person's), with the run's basis.
    const policyPoints = new Map((await loadPolicyParameterPoints(context.handle, org, { itemCode, locationCode })).filter(selected).map((p) => [`${p.itemCode}@${p.locationCode}`, p]));
    const replenishmentOf = (key: string) => {
      const p = policyPoints.get(key);
      return p ? { method: p.method, reorderPoint: p.reorderPoint, orderQuantity: p.orderQuantity, orderUpToLevel: p.orderUpToLevel, runId: p.runId, current: p.runId === run.id, basis: p.basis } : null;
    };
    const rows: PolicyRowOut[] = points.map((p) => {
      const onHandUnits = onHand.get(`${p.itemCode}@${p.locationCode}`) ?? 0;
      return {
        itemCode: p.itemCode, locationCode: p.locationCode, policy: p.policy ?? 'R-S', segment: p.segment ?? null,
        serviceTarget: p.serviceTarget ?? null, reorderLevelUnits: p.reorderLevelUnits ?? null, orderQuantityUnits: p.orderQuantityUnits ?? null, meanPerWeek: p.meanPerWeek, errorStandardDeviationPerWeek: p.errorStandardDeviationPerWeek,
        errorSource: p.errorSource, leadTimeWeeks: p.leadTimeWeeks, reviewWeeks: p.reviewWeeks, cycleServiceLevel: p.cycleServiceLevel,
        safetyStockUnits: p.safetyStockUnits, orderUpToLevelUnits: p.orderUpToLevelUnits, protectionWeeks: p.protectionWeeks ?? null,
        safetyFactor: p.safetyFactor ?? null, expectedFillRate: p.expectedFillRate ?? null,
        safetyStockCoverageDays: coverageDays(p.safetyStockUnits, p.meanPerWeek), onHandUnits, onHandCoverageDays: coverageDays(onHandUnits, p.meanPerWeek),
        note: p.note ?? null, replenishment: replenishmentOf(`${p.itemCode}@${p.locationCode}`),
      };
    });
    // Policy stock points the safety-stock summary does not list (purchased components): a row from the parameters' basis.
    const listed = new Set(points.map((p) => `${p.itemCode}@${p.locationCode}`));
    for (const [key, p] of policyPoints) {
      if (!listed.has(key)) rows.push(policyPointRow(p, onHand.get(key) ?? 0, replenishmentOf(key)!));
    }
    rows.sort((a, b) => (a.itemCode < b.itemCode ? -1 : a.itemCode > b.itemCode ? 1 : a.locationCode < b.locationCode ? -1 : a.locationCode > b.locationCode ? 1 : 0));
    return { ...pageOfList(rows, page, pageSize), runId: run.id, asOfDate: run.asOfDate, formula: typeof run.summary.formula === 'string' ? run.summary.formula : null, parameters: run.parameters };
  });

  typed.post('/api/v1/inventory/simulate', {
    config: { permission: 'inventory:read' },
    schema: { tags: ['inventory'], body: InventorySimulateRequest, response: { 200: InventorySimulateResponse, 400: ErrorBody, 404: ErrorBody, 422: ErrorBody } },
  }, async (request) => {
    const { t } = translatorOf(request);
    const org = organizationOf(request);
    const body = request.body;
    const item = (await sql<{ code: string; lead_time_days: number }>`select code, lead_time_days from item where organization_id = ${org} and code = ${body.itemCode}`.execute(db)).rows[0];
    if (!item) throw new HttpError(404, 'not_found', t('error.not_found', { detail: `item ${body.itemCode}` }));
    const latest = await findLatestRun(context.handle, org, 'inventory_policy');
    const stored = latest ? (await sql<{ summary: { stockPoints?: StoredStockPoint[] } }>`select summary from planning_run where id = ${latest.id}`.execute(db)).rows[0]?.summary.stockPoints ?? [] : [];
    const point = stored.find((p) => p.itemCode === body.itemCode && (body.locationCode === undefined || p.locationCode === body.locationCode));
    const locationCode = body.locationCode ?? point?.locationCode;
    if (!locationCode || (!body.policy && !point)) {
      throw new HttpError(404, 'no_policy', t('workspace.error.no_policy', { itemCode: body.itemCode, at: body.locationCode ? ` @ ${body.locationCode}` : '' }));
    }
    const policy: SimulatedPolicy = body.policy ?? (point!.policy === 's-Q' && point!.reorderLevelUnits !== undefined && (point!.orderQuantityUnits ?? 0) > 0
      ? { type: 's-Q', reorderPoint: point!.reorderLevelUnits, orderQuantity: point!.orderQuantityUnits! }
      : { type: 'R-S', reviewPeriods: Math.max(1, Math.round(point!.reviewWeeks)), orderUpToLevel: point!.orderUpToLevelUnits });
    const leadTimePeriods = body.leadTimePeriods ?? point?.leadTimeWeeks ?? leadTimeWeeks(item.lead_time_days);
    let demand: SimulatedDemand;
    let demandDescription: Record<string, unknown>;
    if (body.demand === 'history') {
      const lastMonday = mondayOf(context.today());
      const start = new Date(Date.parse(`${lastMonday}T00:00:00Z`) - body.historyWeeks * 7 * 86_400_000).toISOString().slice(0, 10);
      const buckets = createWeeklyBuckets(start, body.historyWeeks);
      const history = new Array<number>(body.historyWeeks).fill(0);
      const rows = (await sql<{ sale_date: string; quantity: string }>`select sale_date::text, quantity::text from sales_history
        where organization_id = ${org} and item_code = ${body.itemCode} and location_code = ${locationCode} and sale_date >= ${start}::date and sale_date < ${lastMonday}::date`.execute(db)).rows;
      for (const row of rows) {
        const week = buckets.periodOf(row.sale_date);
        if (week >= 0 && week < history.length) history[week] = (history[week] ?? 0) + Math.max(0, Number(row.quantity));
      }
      if (history.every((q) => q === 0)) throw new HttpError(422, 'no_history', t('workspace.error.no_history', { itemCode: body.itemCode, locationCode, weeks: body.historyWeeks, date: lastMonday }));
      demand = { history, sampling: 'bootstrap' };
      const mean = history.reduce((s, q) => s + q, 0) / history.length;
      demandDescription = { source: 'sales_history', sampling: 'bootstrap', fromDate: start, toDate: lastMonday, weeks: body.historyWeeks, meanPerWeek: roundTo(mean, 3), weeklyUnits: history };
    } else {
      if (!point || point.meanPerWeek <= 0) throw new HttpError(422, 'no_forecast_demand', t('workspace.error.no_forecast_demand', { itemCode: body.itemCode, locationCode, runId: latest?.id ?? '-' }));
      demand = point.errorStandardDeviationPerWeek > 0
        ? { distribution: { distribution: 'gamma', meanPerPeriod: point.meanPerWeek, standardDeviationPerPeriod: point.errorStandardDeviationPerWeek } }
        : { distribution: { distribution: 'poisson', meanPerPeriod: point.meanPerWeek } };
      demandDescription = { source: 'policy_run', ...demand.distribution };
    }
    const [outcome] = await runPolicySimulations([{
      itemId: body.itemCode, policy, demand, leadTimePeriods, periods: body.periods, replications: body.replications, seed: body.seed,
      ...(body.holdingCostPerUnitPerPeriod === undefined ? {} : { holdingCostPerUnitPerPeriod: body.holdingCostPerUnitPerPeriod }),
      ...(body.stockoutCostPerUnitPerPeriod === undefined ? {} : { stockoutCostPerUnitPerPeriod: body.stockoutCostPerUnitPerPeriod }),
      ...(body.orderCost === undefined ? {} : { orderCost: body.orderCost }),
    }]);
    return {
      itemCode: body.itemCode, locationCode,
      input: {
        policy, policySource: body.policy ? 'request' as const : 'policy_run' as const, policyRunId: body.policy ? null : latest?.id ?? null,
        demand: demandDescription, leadTimePeriods, periods: body.periods, replications: body.replications, seed: body.seed,
      },
      result: outcome!.result,
    };
  });
}
