import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ActionMessagePage, CapacityLoadList, ErrorBody, ForecastSeriesPage, MrpRecordResponse, PlannedOrderPage, PlannedOrderQuery, ProposalLinePage, ProposalPolicyBasis, RunResultQuery,
  translate, type Language,
} from '@flowpilot/contract';
import type { AppContext } from '../app';
import { HttpError, languageOf } from '../error-handler';
import { organizationOf } from '../auth/request-auth';
import { readThroughCache } from '../result-cache';

const RunParams = z.object({ id: z.string().max(100) });

/** Results of one planning run: planned orders, action messages, forecasts, MRP records, capacity loads, purchase proposals. */
export function registerPlanResultRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const db = context.handle.db;

  /** The run must belong to the caller's organization: another organization's run is "not found". */
  const requireRun = async (org: string, runId: string, language: Language = 'en'): Promise<void> => {
    const found = (await sql<{ id: string }>`select id from planning_run where id = ${runId} and organization_id = ${org}`.execute(db)).rows[0];
    if (!found) throw new HttpError(404, 'not_found', translate(language, 'error.not_found', { detail: language === 'fr' ? `calcul ${runId}` : `planning run ${runId}` }));
  };
  const page = async <T>(org: string, table: string, runId: string, itemCode: string | undefined, order: string, pageNumber: number, pageSize: number, select: RawBuilder<unknown>): Promise<{ rows: T[]; total: number }> => {
    const where = sql`run_id = ${runId} and organization_id = ${org} and (${itemCode ?? null}::text is null or item_code = ${itemCode ?? null})`;
    const total = Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(db)).rows[0]?.n ?? 0);
    const rows = (await sql<T>`select ${select} from ${sql.table(table)} where ${where} order by ${sql.raw(order)} limit ${pageSize} offset ${(pageNumber - 1) * pageSize}`.execute(db)).rows;
    return { rows, total };
  };

  typed.get('/api/v1/planning-runs/:id/planned-orders', { config: { permission: 'planning:read' }, schema: { tags: ['planning'], params: RunParams, querystring: PlannedOrderQuery, response: { 200: PlannedOrderPage, 404: ErrorBody } } }, async (request) => readThroughCache(context.readCache, organizationOf(request), request, async () => {
    const org = organizationOf(request);
    await requireRun(org, request.params.id, languageOf(request.headers['accept-language']));
    const { page: p, pageSize, itemCode, kind } = request.query;
    // The kind filter (make, buy, transfer) narrows the same list; the item filter still applies.
    const where = sql`run_id = ${request.params.id} and organization_id = ${org} and (${itemCode ?? null}::text is null or item_code = ${itemCode ?? null}) and (${kind ?? null}::text is null or sourcing = ${kind ?? null})`;
    const total = Number((await sql<{ n: string }>`select count(*) as n from planned_order where ${where}`.execute(db)).rows[0]?.n ?? 0);
    const rows = (await sql<{ order_id: string; item_code: string; sourcing: 'make' | 'buy' | 'transfer'; location_code: string | null; supplier_code: string | null; from_location_code: string | null; release_date: string; receipt_date: string; quantity: string; release_quantity: string; pegging: { demandKind: string; demandId: string | null; quantity: number }[] }>`
      select order_id, item_code, sourcing, location_code, supplier_code, from_location_code, release_date::text, receipt_date::text, quantity::text, release_quantity::text, pegging
      from planned_order where ${where} order by receipt_date, item_code, order_id limit ${pageSize} offset ${(p - 1) * pageSize}`.execute(db)).rows;
    return { items: rows.map((r) => ({ orderId: r.order_id, itemCode: r.item_code, sourcing: r.sourcing, locationCode: r.location_code, supplierCode: r.supplier_code, fromLocationCode: r.from_location_code, releaseDate: r.release_date, receiptDate: r.receipt_date, quantity: r.quantity, releaseQuantity: r.release_quantity, pegging: r.pegging })), page: p, pageSize, total };
  }));

  typed.get('/api/v1/planning-runs/:id/action-messages', { config: { permission: 'planning:read' }, schema: { tags: ['planning'], params: RunParams, querystring: RunResultQuery, response: { 200: ActionMessagePage, 404: ErrorBody } } }, async (request) => readThroughCache(context.readCache, organizationOf(request), request, async () => {
    await requireRun(organizationOf(request), request.params.id, languageOf(request.headers['accept-language']));
    const { page: p, pageSize, itemCode } = request.query;
    const { rows, total } = await page<{ sequence: number; kind: never; item_code: string; owner_code: string | null; owner_role: 'planner' | 'buyer'; order_kind: string; order_id: string; period_date: string; suggested_date: string | null; quantity: string; suggested_quantity: string | null; reason: string; status: 'open' | 'approved' | 'dismissed' }>(
      organizationOf(request), 'action_message', request.params.id, itemCode, 'sequence', p, pageSize, sql`sequence, kind, item_code, owner_code, owner_role, order_kind, order_id, period_date::text, suggested_date::text, quantity::text, suggested_quantity::text, reason, status`);
    return { items: rows.map((r) => ({ sequence: r.sequence, kind: r.kind, itemCode: r.item_code, ownerCode: r.owner_code, ownerRole: r.owner_role, orderKind: r.order_kind, orderId: r.order_id, periodDate: r.period_date, suggestedDate: r.suggested_date, quantity: r.quantity, suggestedQuantity: r.suggested_quantity, reason: r.reason, status: r.status })), page: p, pageSize, total };
  }));

  typed.get('/api/v1/planning-runs/:id/forecasts', { config: { permission: 'forecast:read' }, schema: { tags: ['forecast'], params: RunParams, querystring: RunResultQuery, response: { 200: ForecastSeriesPage, 404: ErrorBody } } }, async (request) => {
    await requireRun(organizationOf(request), request.params.id, languageOf(request.headers['accept-language']));
    const { page: p, pageSize, itemCode } = request.query;
    const { rows, total } = await page<{ item_code: string; location_code: string; method: string; demand_class: string | null; history_periods: number; parameters: Record<string, unknown>; notes: unknown[] }>(
      organizationOf(request), 'forecast_model', request.params.id, itemCode, 'item_code, location_code', p, pageSize, sql`item_code, location_code, method, demand_class, history_periods, parameters, notes`);
    const values = rows.length === 0 ? [] : (await sql<{ item_code: string; location_code: string; step: number; period_start: string; forecast: string; lower_80: string | null; upper_80: string | null; lower_95: string | null; upper_95: string | null; statistical_forecast: string | null; override_id: string | null }>`
      select item_code, location_code, step, period_start::text, forecast::text, lower_80::text, upper_80::text, lower_95::text, upper_95::text, statistical_forecast::text, override_id::text from forecast_value
      where run_id = ${request.params.id} and (item_code, location_code) in (${sql.join(rows.map((r) => sql`(${r.item_code}, ${r.location_code})`))}) order by item_code, location_code, step`.execute(db)).rows;
    return {
      items: rows.map((r) => ({
        itemCode: r.item_code, locationCode: r.location_code, method: r.method, demandClass: r.demand_class, historyPeriods: r.history_periods, parameters: r.parameters, notes: r.notes,
        values: values.filter((v) => v.item_code === r.item_code && v.location_code === r.location_code).map((v) => ({ step: v.step, periodStart: v.period_start, forecast: v.forecast, lower80: v.lower_80, upper80: v.upper_80, lower95: v.lower_95, upper95: v.upper_95, statisticalForecast: v.statistical_forecast, overrideId: v.override_id })),
      })),
      page: p, pageSize, total,
    };
  });

  typed.get('/api/v1/planning-runs/:id/mrp-records/:itemCode', { config: { permission: 'planning:read' }, schema: { tags: ['planning'], params: RunParams.extend({ itemCode: z.string().max(64) }), response: { 200: MrpRecordResponse, 404: ErrorBody } } }, async (request) => {
    await requireRun(organizationOf(request), request.params.id, languageOf(request.headers['accept-language']));
    const row = (await sql<{ item_code: string; low_level_code: number; record: Record<string, unknown> }>`select item_code, low_level_code, record from mrp_record where run_id = ${request.params.id} and item_code = ${request.params.itemCode}`.execute(db)).rows[0];
    if (!row) throw new HttpError(404, 'not_found', translate(languageOf(request.headers['accept-language']), 'error.not_found', { detail: `${request.params.itemCode} @ ${request.params.id}` }));
    return { itemCode: row.item_code, lowLevelCode: row.low_level_code, record: row.record };
  });

  typed.get('/api/v1/planning-runs/:id/capacity-loads', { config: { permission: 'planning:read' }, schema: { tags: ['planning'], params: RunParams, querystring: z.object({ workCenterCode: z.string().max(64).optional() }), response: { 200: CapacityLoadList, 404: ErrorBody } } }, async (request) => {
    await requireRun(organizationOf(request), request.params.id, languageOf(request.headers['accept-language']));
    const wc = request.query.workCenterCode ?? null;
    const rows = (await sql<{ work_center_code: string; period_start: string; load_hours: string; available_hours: string; order_ids: string[] }>`
      select work_center_code, period_start::text, load_hours::text, available_hours::text, order_ids from capacity_load
      where run_id = ${request.params.id} and organization_id = ${organizationOf(request)} and (${wc}::text is null or work_center_code = ${wc}) order by work_center_code, period_start`.execute(db)).rows;
    return { items: rows.map((r) => ({ workCenterCode: r.work_center_code, periodStart: r.period_start, loadHours: r.load_hours, availableHours: r.available_hours, orderIds: r.order_ids })) };
  });

  typed.get('/api/v1/planning-runs/:id/purchase-proposals', { config: { permission: 'procurement:read' }, schema: { tags: ['procurement'], params: RunParams, querystring: RunResultQuery, response: { 200: ProposalLinePage, 404: ErrorBody } } }, async (request) => {
    await requireRun(organizationOf(request), request.params.id, languageOf(request.headers['accept-language']));
    const { page: p, pageSize, itemCode } = request.query;
    const { rows, total } = await page<{ supplier_code: string; planned_order_id: string; item_code: string; location_code: string | null; quantity: string; unit_price: string; price_basis: string; currency: string; release_date: string; due_date: string; status: 'proposed' | 'approved' | 'rejected'; purchase_order_number: string | null; origin: 'mrp' | 'policy'; policy_basis: z.infer<typeof ProposalPolicyBasis> | null }>(
      organizationOf(request), 'purchase_proposal_line', request.params.id, itemCode, 'supplier_code, due_date, item_code, planned_order_id', p, pageSize, sql`supplier_code, planned_order_id, item_code, location_code, quantity::text, unit_price::text, price_basis, currency, release_date::text, due_date::text, status, purchase_order_number, origin, policy_basis`);
    return { items: rows.map((r) => ({ supplierCode: r.supplier_code, plannedOrderId: r.planned_order_id, itemCode: r.item_code, locationCode: r.location_code, quantity: r.quantity, unitPrice: r.unit_price, priceBasis: r.price_basis, currency: r.currency, releaseDate: r.release_date, dueDate: r.due_date, status: r.status, purchaseOrderNumber: r.purchase_order_number, origin: r.origin, policyBasis: r.policy_basis })), page: p, pageSize, total };
  });
}
