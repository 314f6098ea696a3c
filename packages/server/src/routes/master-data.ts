import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DataQualityResponse, ErrorBody, ItemListQuery, ItemPage, translate } from '@flowpilot/contract';
import { checkDataQuality, formatDataQualityFinding } from '@flowpilot/services';
import type { AppContext } from '../app';
import { languageOf } from '../error-handler';
import { organizationOf } from '../auth/request-auth';
import { readThroughCache } from '../result-cache';

/** Master data lists and the data-quality report. */
export function registerMasterDataRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/api/v1/items', { config: { permission: 'master_data:read' }, schema: { tags: ['master data'], querystring: ItemListQuery, response: { 200: ItemPage, 400: ErrorBody } } }, async (request) => readThroughCache(context.readCache, organizationOf(request), request, async () => {
    const { page, pageSize, search, itemType, familyCode } = request.query;
    const org = organizationOf(request);
    const pattern = search ? `%${search.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
    const where = sql`organization_id = ${org}
      and (${pattern}::text is null or code ilike ${pattern} or name ilike ${pattern})
      and (${itemType ?? null}::text is null or item_type = ${itemType ?? null})
      and (${familyCode ?? null}::text is null or family_code = ${familyCode ?? null})`;
    const total = Number((await sql<{ n: string }>`select count(*) as n from item where ${where}`.execute(context.handle.db)).rows[0]?.n ?? 0);
    const rows = (await sql<{ code: string; name: string; item_type: string; uom_code: string; family_code: string | null; make_or_buy: string; standard_cost: string; lead_time_days: number }>`
      select code, name, item_type, uom_code, family_code, make_or_buy, standard_cost, lead_time_days from item where ${where}
      order by code limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(context.handle.db)).rows;
    return {
      items: rows.map((r) => ({ code: r.code, name: r.name, itemType: r.item_type as never, uomCode: r.uom_code, familyCode: r.family_code, makeOrBuy: r.make_or_buy as never, standardCost: r.standard_cost, leadTimeDays: r.lead_time_days })),
      page, pageSize, total,
    };
  }));

  typed.get('/api/v1/data-quality', { config: { permission: 'data_exchange:read' }, schema: { tags: ['data'], response: { 200: DataQualityResponse } } }, async (request) => {
    const language = languageOf(request.headers['accept-language']);
    const report = await checkDataQuality(context.handle, { organizationId: organizationOf(request), today: context.today() });
    return {
      organizationId: report.organizationId, today: report.today, errorCount: report.errorCount, warningCount: report.warningCount,
      checks: report.checks.map((c) => ({ ...c, title: translate(language, `quality.${c.check}.title`) })),
      findings: report.findings.map((f) => ({ check: f.check, severity: f.severity, entity: f.entity, key: f.key, message: formatDataQualityFinding(f, language) })),
    };
  });
}
