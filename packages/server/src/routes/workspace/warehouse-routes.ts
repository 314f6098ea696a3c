import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ErrorBody, PickRouteRequest, PickRouteResponse, SlottingQuery, SlottingResponse, VsmRequest, VsmResponse, translate,
} from '@flowpilot/contract';
import {
  PICK_ROUTE_METHODS, buildWarehouseLayout, computeDepotDistanceM, computeValueStreamMap, planPickRoute, planSlotting, toValueStreamMapSvg,
  type PickRouteMethod, type SlottingItem, type ValueStreamMapInput, type VsmSvgLabels,
} from '@flowpilot/core';
import type { AppContext } from '../../app';
import { organizationOf } from '../../auth/request-auth';
import { computeFromBody, roundTo, translatorOf } from './workspace-request';
import type { Language } from '@flowpilot/contract';

/** The value stream map's drawing labels in the caller's language (the `flowpilot vsm` catalogue). */
function vsmLabels(language: Language): VsmSvgLabels {
  const t = (key: string): string => translate(language, `vsm.svg.${key}`);
  return {
    takt: t('takt'), dailyDemand: t('dailyDemand'), cycleTime: t('cycleTime'), changeover: t('changeover'), uptime: t('uptime'), operators: t('operators'),
    shifts: t('shifts'), leadTime: t('leadTime'), processingTime: t('processingTime'), processCycleEfficiency: t('pce'), days: t('days'), finishedGoods: t('finishedGoods'),
  };
}

/** Warehouse (pick routes, slotting heat map) and lean (value stream map). */
export function registerWarehouseRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const db = context.handle.db;

  typed.post('/api/v1/warehouse/pick-route', {
    config: { permission: 'warehouse:read' },
    schema: { tags: ['warehouse'], body: PickRouteRequest, response: { 200: PickRouteResponse, 400: ErrorBody, 422: ErrorBody } },
  }, async (request) => {
    const { methods, ...input } = request.body;
    const wanted: PickRouteMethod[] = PICK_ROUTE_METHODS.filter((m) => methods === undefined || methods.includes(m));
    const routes = wanted.map((method) => planPickRoute(input, method));
    const shortest = [...routes].sort((a, b) => a.distanceM - b.distanceM || wanted.indexOf(a.method) - wanted.indexOf(b.method))[0]!;
    return { routes, shortestMethod: shortest.method };
  });

  typed.get('/api/v1/warehouse/slotting', {
    config: { permission: 'warehouse:read' },
    schema: { tags: ['warehouse'], querystring: SlottingQuery, response: { 200: SlottingResponse, 400: ErrorBody, 422: ErrorBody } },
  }, async (request) => {
    const org = organizationOf(request);
    const query = request.query;
    const today = context.today();
    const fromDate = new Date(Date.parse(`${today}T00:00:00Z`) - query.days * 86_400_000).toISOString().slice(0, 10);
    const location = query.locationCode ?? null;
    type FrequencyRow = { item_code: string; picks: string; orders: string; quantity: string; volume_m3: string | null };
    let frequencySource: 'sales_order_lines' | 'sales_history' = 'sales_order_lines';
    let rows = (await sql<FrequencyRow>`
      select l.item_code, count(*)::text as picks, count(distinct l.order_number)::text as orders, sum(l.quantity)::text as quantity, max(i.volume_m3)::text as volume_m3
      from sales_order_line l join sales_order o on o.organization_id = l.organization_id and o.order_number = l.order_number
      join item i on i.organization_id = l.organization_id and i.code = l.item_code
      where l.organization_id = ${org} and o.order_date >= ${fromDate}::date and o.order_date < ${today}::date and (${location}::text is null or l.location_code = ${location})
      group by l.item_code order by l.item_code`.execute(db)).rows;
    if (rows.length === 0) {
      // Without order lines, each day an item sold counts as one pick (the history holds one row per item, location and day).
      frequencySource = 'sales_history';
      rows = (await sql<FrequencyRow>`
        select h.item_code, count(*)::text as picks, count(*)::text as orders, sum(h.quantity)::text as quantity, max(i.volume_m3)::text as volume_m3
        from sales_history h join item i on i.organization_id = h.organization_id and i.code = h.item_code
        where h.organization_id = ${org} and h.sale_date >= ${fromDate}::date and h.sale_date < ${today}::date and h.quantity > 0 and (${location}::text is null or h.location_code = ${location})
        group by h.item_code order by h.item_code`.execute(db)).rows;
    }
    const weeks = query.days / 7;
    const items: SlottingItem[] = rows.map((r) => ({
      id: r.item_code, picksPerPeriod: roundTo(Number(r.picks) / weeks, 4), ordersPerPeriod: roundTo(Number(r.orders) / weeks, 4),
      storageM3: roundTo((Math.max(0, Number(r.quantity)) / weeks) * Number(r.volume_m3 ?? 0), 6),
    }));
    const layout = buildWarehouseLayout({
      name: query.locationCode ?? 'warehouse', aisleCount: query.aisleCount, baysPerAisle: query.baysPerAisle, levelsPerBay: query.levelsPerBay,
      bayWidthM: query.bayWidthM, aisleSpacingM: query.aisleSpacingM, pickLocationCapacityM3: query.locationCapacityM3,
    });
    const result = planSlotting({ layout, items, method: query.method });
    const bins = new Map<string, string>();
    for (const row of (await sql<{ item_code: string; bin_code: string }>`select item_code, bin_code from storage_bin
      where organization_id = ${org} and (${location}::text is null or location_code = ${location}) order by item_code, location_code`.execute(db)).rows) {
      if (!bins.has(row.item_code)) bins.set(row.item_code, row.bin_code);
    }
    const byLocation = new Map(result.assignments.map((a) => [a.locationId, a]));
    const byItem = new Map(result.assignments.map((a) => [a.itemId, a]));
    const picksOf = new Map(items.map((i) => [i.id, i.picksPerPeriod]));
    return {
      asOfDate: today,
      parameters: { ...query, fromDate, toDate: today, period: 'week', storage: 'average weekly quantity × item volume_m3' },
      frequencySource,
      status: result.status,
      roundTripDistanceMPerWeek: roundTo(result.roundTripDistanceMPerPeriod, 2),
      cells: layout.locations.map((loc) => {
        const assigned = byLocation.get(loc.id);
        return {
          locationId: loc.id, aisleIndex: loc.aisleIndex ?? 0, bay: loc.bay ?? 0, level: loc.level ?? 0, depotDistanceM: roundTo(computeDepotDistanceM(layout, loc) ?? 0, 2),
          itemCode: assigned?.itemId ?? null, picksPerWeek: assigned ? picksOf.get(assigned.itemId) ?? 0 : 0, abcClass: assigned?.abcClass ?? null,
        };
      }),
      items: items.map((i) => {
        const assigned = byItem.get(i.id);
        return { itemCode: i.id, picksPerWeek: i.picksPerPeriod, storageM3: i.storageM3, locationId: assigned?.locationId ?? null, abcClass: assigned?.abcClass ?? null, cubePerOrderIndex: assigned?.cubePerOrderIndex ?? null, currentBinCode: bins.get(i.id) ?? null };
      }),
      exceptions: result.exceptions.map((e) => ({ itemCode: e.itemId, reason: e.reason, storageM3: e.storageM3 })),
    };
  });

  typed.post('/api/v1/lean/vsm', {
    config: { permission: 'improvement:read' },
    schema: { tags: ['improvement'], body: VsmRequest, response: { 200: VsmResponse, 400: ErrorBody, 422: ErrorBody } },
  }, async (request) => {
    const { language } = translatorOf(request);
    const result = computeFromBody(request, () => computeValueStreamMap(request.body as ValueStreamMapInput));
    return { ...result, svg: toValueStreamMapSvg(result, vsmLabels(language)) };
  });
}
