import { sql } from 'kysely';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CountAccuracyResponse, CountCloseRequest, CountEntryRequest, CountEntryResponse, CountHeaderPage, CountListQuery, CountParams, CountPeriodQuery, CountPlanLinePage,
  CountPlanLineQuery, CountPlanParams, CountPlanRequest, CountPlanResponse, CountSheetQuery, CountSheetResponse, CountStartRequest, CountVarianceAnalysisResponse,
  CountVarianceResponse, ErrorBody, SupplierScorecardQuery, SupplierScorecardResponse, translate,
} from '@flowpilot/contract';
import {
  analyzeCountVariances, closeCount, computeRecordAccuracyFromDatabase, CountingError, DEFAULT_COUNT_CLASS_SETTINGS, enterCounts, formatCountEntryIssue, getCountSheet,
  getCountVariances, listCountPlanLines, listInventoryCounts, runCountPlan, runSupplierScorecard, startCount, toCountSheetCsv, validateCountClassSettings,
  type CountClassSettingsByClass,
} from '@flowpilot/services';
import type { AppContext } from '../app';
import { HttpError, languageOf } from '../error-handler';
import { authOf, organizationOf } from '../auth/request-auth';
import { actorOf } from './auth';

const STATUS: Record<CountingError['kind'], number> = { invalid_input: 422, not_found: 404, invalid_state: 409 };

/** Runs a counting use case; a CountingError leaves as the one error body, translated, with every issue of a refused file. */
async function guarded<T>(request: FastifyRequest, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof CountingError)) throw error;
    const language = languageOf(request.headers['accept-language']);
    const details = error.issues.length > 0 ? { issues: error.issues.map((i) => ({ ...i, message: formatCountEntryIssue(i, language) })) } : undefined;
    throw new HttpError(STATUS[error.kind], error.kind === 'invalid_input' && error.issues.length > 0 ? 'count_refused' : error.kind, translate(language, error.key, error.params), details);
  }
}

function settingsOf(request: FastifyRequest, classes: CountClassSettingsByClass | undefined): CountClassSettingsByClass {
  return validateCountClassSettingsGuarded(request, classes ?? DEFAULT_COUNT_CLASS_SETTINGS);
}

function validateCountClassSettingsGuarded(request: FastifyRequest, classes: CountClassSettingsByClass): CountClassSettingsByClass {
  try {
    return validateCountClassSettings(classes);
  } catch (error) {
    if (error instanceof CountingError) throw new HttpError(422, error.kind, translate(languageOf(request.headers['accept-language']), error.key, error.params));
    throw error;
  }
}

/** JSON lines of an entry as the CSV text the count file would hold (so both go through the same checks). */
function linesToCsv(lines: NonNullable<CountEntryRequest['lines']>): string {
  const cell = (value: string): string => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const rows = lines.map((l) => [l.locationCode ?? '', l.itemCode, l.lotNumber ?? '', String(l.countedQuantity), l.causeCode ?? '', l.countedAt ?? ''].map(cell).join(','));
  return ['location_code,item_code,lot_number,counted_quantity,cause_code,counted_at', ...rows].join('\n') + '\n';
}

/** Cycle counting (plans, blind sheets, entries, close with adjustments, variances, accuracy) and supplier scorecards. */
export function registerCountingRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const handle = context.handle;
  const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

  typed.post('/api/v1/counting/plans', {
    config: { permission: 'counting:write' },
    schema: { tags: ['counting'], body: CountPlanRequest, response: { 201: CountPlanResponse, ...errors } },
  }, async (request, reply) => {
    const body = request.body;
    const settings = settingsOf(request, body.classes);
    const plan = await guarded(request, () => runCountPlan(handle, {
      organizationId: organizationOf(request), fromDate: body.fromDate, months: body.months, settings, createdBy: authOf(request).email, actor: actorOf(request),
      ...(body.locationCode ? { locationCode: body.locationCode } : {}), ...(body.abcClasses ? { abcClasses: body.abcClasses } : {}),
      ...(body.calendarCode ? { calendarCode: body.calendarCode } : {}), ...(body.planNumber ? { planNumber: body.planNumber } : {}),
      ...(body.itemCodes ? { itemCodes: body.itemCodes } : {}),
    }));
    return reply.status(201).send({
      planNumber: plan.planNumber, fromDate: plan.fromDate, toDate: plan.toDate, lineCount: plan.lines.length, classes: plan.classes, usageWindow: plan.usageWindow,
      usageSources: plan.usageSources, itemsWithoutStockPoint: plan.itemsWithoutStockPoint,
    });
  });

  typed.get('/api/v1/counting/plans/:planNumber/lines', {
    config: { permission: 'counting:read' },
    schema: { tags: ['counting'], params: CountPlanParams, querystring: CountPlanLineQuery, response: { 200: CountPlanLinePage, ...errors } },
  }, async (request) => {
    const { page, pageSize, from, to } = request.query;
    const lines = await listCountPlanLines(handle, { organizationId: organizationOf(request), planNumber: request.params.planNumber, ...(from ? { from } : {}), ...(to ? { to } : {}) });
    const plan = (await sql<{ plan_number: string }>`select plan_number from count_plan where organization_id = ${organizationOf(request)} and plan_number = ${request.params.planNumber}`.execute(handle.db)).rows[0];
    if (!plan) throw new HttpError(404, 'not_found', translate(languageOf(request.headers['accept-language']), 'counting.error.unknownPlan', { plan: request.params.planNumber }));
    return { items: lines.slice((page - 1) * pageSize, page * pageSize), page, pageSize, total: lines.length };
  });

  typed.post('/api/v1/counting/counts', {
    config: { permission: 'counting:write' },
    schema: { tags: ['counting'], body: CountStartRequest, response: { 201: CountSheetResponse, ...errors } },
  }, async (request, reply) => {
    const body = request.body;
    const settings = body.classes ? settingsOf(request, body.classes) : undefined;
    const sheet = await guarded(request, () => startCount(handle, {
      organizationId: organizationOf(request), locationCode: body.locationCode, countDate: body.countDate ?? context.today(), startedAt: new Date().toISOString(),
      createdBy: authOf(request).email, actor: actorOf(request), ...(settings ? { settings } : {}), ...(body.planNumber ? { planNumber: body.planNumber } : {}), ...(body.itemCodes ? { itemCodes: body.itemCodes } : {}),
    }));
    return reply.status(201).send(sheet);
  });

  typed.get('/api/v1/counting/counts', {
    config: { permission: 'counting:read' },
    schema: { tags: ['counting'], querystring: CountListQuery, response: { 200: CountHeaderPage, ...errors } },
  }, async (request) => {
    const { page, pageSize, status, locationCode } = request.query;
    const result = await listInventoryCounts(handle, { organizationId: organizationOf(request), page, pageSize, ...(status ? { status } : {}), ...(locationCode ? { locationCode } : {}) });
    return { items: result.items, page, pageSize, total: result.total };
  });

  typed.get('/api/v1/counting/counts/:countNumber/sheet', {
    config: { permission: 'counting:read' },
    schema: { tags: ['counting'], params: CountParams, querystring: CountSheetQuery, response: { 200: CountSheetResponse, ...errors } },
  }, async (request) => guarded(request, () => getCountSheet(handle, { organizationId: organizationOf(request), countNumber: request.params.countNumber, onlyRecount: request.query.recount === 'true' })));

  typed.get('/api/v1/counting/counts/:countNumber/sheet.csv', {
    config: { permission: 'counting:read' },
    schema: { tags: ['counting'], params: CountParams, querystring: CountSheetQuery },
  }, async (request, reply) => {
    const sheet = await guarded(request, () => getCountSheet(handle, { organizationId: organizationOf(request), countNumber: request.params.countNumber, onlyRecount: request.query.recount === 'true' }));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${sheet.countNumber}.csv"`).send(toCountSheetCsv(sheet));
  });

  typed.post('/api/v1/counting/counts/:countNumber/entries', {
    config: { permission: 'counting:write' },
    schema: { tags: ['counting'], params: CountParams, body: CountEntryRequest, response: { 200: CountEntryResponse, ...errors } },
  }, async (request) => {
    const body = request.body;
    const text = body.csv ?? linesToCsv(body.lines ?? []);
    return guarded(request, () => enterCounts(handle, {
      organizationId: organizationOf(request), countNumber: request.params.countNumber, file: body.fileName ?? (body.csv !== undefined ? 'counts.csv' : 'lines'),
      text, countedAt: body.countedAt ?? new Date().toISOString(), countedBy: authOf(request).email, actor: actorOf(request),
    }));
  });

  typed.post('/api/v1/counting/counts/:countNumber/close', {
    config: { permission: 'counting:write' },
    schema: { tags: ['counting'], params: CountParams, body: CountCloseRequest, response: { 200: CountVarianceResponse, ...errors } },
  }, async (request) => guarded(request, () => closeCount(handle, { organizationId: organizationOf(request), countNumber: request.params.countNumber, approvedBy: authOf(request).email, dryRun: request.body.dryRun, actor: actorOf(request) })));

  typed.get('/api/v1/counting/counts/:countNumber/variances', {
    config: { permission: 'counting:read' },
    schema: { tags: ['counting'], params: CountParams, response: { 200: CountVarianceResponse, ...errors } },
  }, async (request) => guarded(request, () => getCountVariances(handle, { organizationId: organizationOf(request), countNumber: request.params.countNumber })));

  typed.get('/api/v1/counting/variances', {
    config: { permission: 'counting:read' },
    schema: { tags: ['counting'], querystring: CountPeriodQuery, response: { 200: CountVarianceAnalysisResponse, ...errors } },
  }, async (request) => {
    const { from, to, locationCode } = request.query;
    return analyzeCountVariances(handle, { organizationId: organizationOf(request), ...(from ? { from } : {}), ...(to ? { to } : {}), ...(locationCode ? { locationCode } : {}) });
  });

  typed.get('/api/v1/counting/accuracy', {
    config: { permission: 'counting:read' },
    schema: { tags: ['counting'], querystring: CountPeriodQuery, response: { 200: CountAccuracyResponse, ...errors } },
  }, async (request) => {
    const { from, to, locationCode } = request.query;
    return computeRecordAccuracyFromDatabase(handle, { organizationId: organizationOf(request), ...(from ? { from } : {}), ...(to ? { to } : {}), ...(locationCode ? { locationCode } : {}) });
  });

  typed.get('/api/v1/suppliers/scorecard', {
    config: { permission: 'procurement:read' },
    schema: { tags: ['procurement'], querystring: SupplierScorecardQuery, response: { 200: SupplierScorecardResponse, ...errors } },
  }, async (request) => {
    const { supplierCode, onTimeWindowDays, inFullTolerance } = request.query;
    const to = request.query.to ?? context.today();
    const from = request.query.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10);
    return runSupplierScorecard(handle, { organizationId: organizationOf(request), from, to, onTimeWindowDays, inFullTolerance, ...(supplierCode ? { supplierCode } : {}) });
  });
}
