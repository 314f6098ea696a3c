import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { KPI_CATALOG, type KpiId } from '@flowpilot/core';
import {
  ActionListQuery, AddActionBody, AddMeetingBody, AuthorizeReturnBody, BudgetVsActualResponse, CostBreakdownResponse, CostToServeResponse, CostWindowQuery,
  DisposeReturnBody, ErrorBody, ImprovementActionPage, ImprovementActionSchema, InspectReturnBody, KpiDashboard, KpiDrillQuery, KpiDrillResponse, KpiQuery,
  MeetingPage, MeetingSchema, PageQuery, FiveSAuditBody, FiveSAuditResultSchema, FiveSTrendResponse, SmedStudyBody, SmedStudyList, SmedStudySchema, ReceiveReturnBody, ReturnListQuery, ReturnOrder, ReturnPage, ReturnReportQuery, ReturnReportResponse, UpdateActionBody,
} from '@flowpilot/contract';
import {
  addImprovementAction, addImprovementMeeting, authorizeImprovementReturn, computeImprovementBudgetVsActual, computeImprovementCostBreakdown, computeImprovementCostToServe,
  computeKpisFromDatabase, disposeImprovementReturn, drillImprovementKpi, getImprovementAction, getImprovementReturn, inspectImprovementReturn, listImprovementActions,
  listImprovementMeetings, listImprovementReturns, computeImprovementFiveSTrend, listImprovementSmedStudies, recordImprovementFiveSAudit, recordImprovementSmedStudy, receiveImprovementReturn, reportImprovementReturns, resolveImprovementWindow, updateImprovementAction,
} from '@flowpilot/services';
import type { AppContext } from '../app';
import { HttpError } from '../error-handler';
import { organizationOf } from '../auth/request-auth';
import { actorOf } from './auth';
import { ResultCache } from '../result-cache';
import { sql } from 'kysely';

const RmaParams = z.object({ rma: z.string().min(1).max(64) });
const ActionParams = z.object({ actionNumber: z.string().min(1).max(64) });
const KpiParams = z.object({ kpiId: z.string().min(1).max(64) });
/** Longest a cached KPI dashboard is served before it is recomputed when neither its fingerprint nor a write through this server changed it. */
const KPI_DASHBOARD_REFRESH_MS = 10 * 60_000;

/** KPIs from actuals, returns, improvement actions, cost control. */
export function registerImprovementRoutes(app: FastifyInstance, context: AppContext): void {
  // Recomputed when the fingerprint or this server's write generation changes; the time to live only bounds how late an
  // edit in place made elsewhere (another server, the CLI) that leaves the fingerprint unchanged shows (10 min).
  const kpiCache = new ResultCache<z.infer<typeof KpiDashboard>>(KPI_DASHBOARD_REFRESH_MS);
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { handle } = context;
  const kpiIdsOf = (value: string | undefined): KpiId[] | undefined => {
    if (!value) return undefined;
    const ids = value.split(',').map((id) => id.trim()).filter((id) => id.length > 0);
    for (const id of ids) {
      if (!KPI_CATALOG.some((d) => d.id === id)) throw new HttpError(400, 'validation_failed', `kpi: unknown KPI "${id}", use one of ${KPI_CATALOG.map((d) => d.id).join(', ')}`);
    }
    return ids as KpiId[];
  };
  const windowOf = (query: { from?: string | undefined; to?: string | undefined }) => resolveImprovementWindow({ from: query.from, to: query.to ?? context.today() });

  typed.get('/api/v1/kpis', { config: { permission: 'kpi:read' }, schema: { tags: ['kpi'], querystring: KpiQuery, response: { 200: KpiDashboard, 400: ErrorBody, 422: ErrorBody } } }, async (request) => {
    const { period, by, kpi } = request.query;
    const kpiIds = kpiIdsOf(kpi);
    const organizationId = organizationOf(request);
    const window = windowOf(request.query);
    // The dashboard is computed from every actual record (seconds on a large company): cached per query while
    // the records behind it are unchanged (fingerprint, this server's writes) and for at most KPI_DASHBOARD_REFRESH_MS. The fingerprint itself is kept
    // per organization for dataFingerprintTtlMs (1 s) and cleared by this process's writes (DataFingerprints).
    const fingerprint = await context.dataFingerprints.get(organizationId, async () => (await sql<{ f: string }>`select concat_ws('/',
        (select max(id) from inventory_movement where organization_id = ${organizationId}),
        (select count(*) from shipment where organization_id = ${organizationId} and status = 'delivered'),
        (select count(*) from sales_order_line where organization_id = ${organizationId}),
        (select count(*) from production_event where organization_id = ${organizationId}),
        (select count(*) from cost_entry where organization_id = ${organizationId}),
        (select count(*) from kpi_target where organization_id = ${organizationId})) as f`.execute(handle.db)).rows[0]?.f ?? '');
    return kpiCache.get(JSON.stringify([organizationId, window, period, by ?? null, kpiIds ?? null]), `${context.dataFingerprints.writeGeneration(organizationId)}:${fingerprint}`, async () => {
      const result = await computeKpisFromDatabase(handle, { organizationId, ...window, period, ...(by ? { by } : {}), ...(kpiIds ? { kpiIds } : {}) });
      return { from: result.from, to: result.to, period: result.period, by: result.by, values: result.values, alerts: result.alerts };
    });
  });

  typed.get('/api/v1/kpis/:kpiId/drill', { config: { permission: 'kpi:read' }, schema: { tags: ['kpi'], params: KpiParams, querystring: KpiDrillQuery, response: { 200: KpiDrillResponse, 404: ErrorBody } } }, async (request) => {
    const [kpiId] = kpiIdsOf(request.params.kpiId) ?? [];
    const { period, by, periodKey, group, limit } = request.query;
    return drillImprovementKpi(handle, {
      organizationId: organizationOf(request), ...windowOf(request.query), period, kpiId: kpiId!, limit,
      ...(by ? { by } : {}), ...(periodKey ? { periodKey } : {}), ...(group ? { dimensionKey: group } : {}),
    });
  });

  // Returns (RMA).
  typed.get('/api/v1/returns', { config: { permission: 'returns:read' }, schema: { tags: ['returns'], querystring: ReturnListQuery, response: { 200: ReturnPage } } }, async (request) => {
    const { page, pageSize, status } = request.query;
    return listImprovementReturns(handle, { organizationId: organizationOf(request), page, pageSize, ...(status ? { status } : {}) });
  });
  typed.get('/api/v1/returns/report', { config: { permission: 'returns:read' }, schema: { tags: ['returns'], querystring: ReturnReportQuery, response: { 200: ReturnReportResponse } } }, async (request) => {
    const window = windowOf(request.query);
    return { ...window, by: request.query.by, rows: await reportImprovementReturns(handle, { organizationId: organizationOf(request), ...window, by: request.query.by }) };
  });
  typed.get('/api/v1/returns/:rma', { config: { permission: 'returns:read' }, schema: { tags: ['returns'], params: RmaParams, response: { 200: ReturnOrder, 404: ErrorBody } } }, async (request) => getImprovementReturn(handle, organizationOf(request), request.params.rma));
  typed.post('/api/v1/returns', { config: { permission: 'returns:write' }, schema: { tags: ['returns'], body: AuthorizeReturnBody, response: { 201: ReturnOrder, 404: ErrorBody, 422: ErrorBody } } }, async (request, reply) => {
    const body = request.body;
    const created = await authorizeImprovementReturn(handle, {
      organizationId: organizationOf(request), customerCode: body.customerCode, itemCode: body.itemCode, quantity: body.quantity, reason: body.reason,
      authorizedDate: body.authorizedDate ?? context.today(), actor: actorOf(request),
      ...(body.rmaNumber ? { rmaNumber: body.rmaNumber } : {}), ...(body.lotNumber ? { lotNumber: body.lotNumber } : {}), ...(body.locationCode ? { locationCode: body.locationCode } : {}),
    });
    return reply.status(201).send(created);
  });
  typed.post('/api/v1/returns/:rma/receive', { config: { permission: 'returns:write' }, schema: { tags: ['returns'], params: RmaParams, body: ReceiveReturnBody, response: { 200: ReturnOrder, 404: ErrorBody, 422: ErrorBody } } }, async (request) =>
    receiveImprovementReturn(handle, { organizationId: organizationOf(request), rmaNumber: request.params.rma, receivedDate: request.body.receivedDate ?? context.today(), actor: actorOf(request), ...(request.body.locationCode ? { locationCode: request.body.locationCode } : {}) }));
  typed.post('/api/v1/returns/:rma/inspect', { config: { permission: 'returns:write' }, schema: { tags: ['returns'], params: RmaParams, body: InspectReturnBody, response: { 200: ReturnOrder, 404: ErrorBody, 422: ErrorBody } } }, async (request) =>
    inspectImprovementReturn(handle, { organizationId: organizationOf(request), rmaNumber: request.params.rma, inspectedDate: request.body.inspectedDate ?? context.today(), result: request.body.result, actor: actorOf(request), ...(request.body.note ? { note: request.body.note } : {}) }));
  typed.post('/api/v1/returns/:rma/dispose', { config: { permission: 'returns:write' }, schema: { tags: ['returns'], params: RmaParams, body: DisposeReturnBody, response: { 200: ReturnOrder, 404: ErrorBody, 422: ErrorBody } } }, async (request) => {
    const body = request.body;
    return disposeImprovementReturn(handle, {
      organizationId: organizationOf(request), rmaNumber: request.params.rma, disposition: body.disposition, disposedDate: body.disposedDate ?? context.today(), actor: actorOf(request),
      ...(body.returnCostEur !== undefined ? { returnCostEur: body.returnCostEur } : {}), ...(body.creditAmountEur !== undefined ? { creditAmountEur: body.creditAmountEur } : {}),
    });
  });

  // Improvement actions (PDCA) and meetings.
  typed.get('/api/v1/improvement-actions', { config: { permission: 'improvement:read' }, schema: { tags: ['improvement'], querystring: ActionListQuery, response: { 200: ImprovementActionPage } } }, async (request) => {
    const { page, pageSize, status } = request.query;
    return listImprovementActions(handle, { organizationId: organizationOf(request), page, pageSize, ...(status ? { status } : {}) });
  });
  typed.get('/api/v1/improvement-actions/:actionNumber', { config: { permission: 'improvement:read' }, schema: { tags: ['improvement'], params: ActionParams, response: { 200: ImprovementActionSchema, 404: ErrorBody } } }, async (request) =>
    getImprovementAction(handle, organizationOf(request), request.params.actionNumber));
  typed.post('/api/v1/improvement-actions', { config: { permission: 'improvement:write' }, schema: { tags: ['improvement'], body: AddActionBody, response: { 201: ImprovementActionSchema, 404: ErrorBody, 422: ErrorBody } } }, async (request, reply) => {
    const body = request.body;
    const [kpiId] = kpiIdsOf(body.kpiId) ?? [];
    const created = await addImprovementAction(handle, {
      organizationId: organizationOf(request), title: body.title, owner: body.owner, dueDate: body.dueDate, asOfDate: context.today(), actor: actorOf(request),
      ...(kpiId ? { kpiId } : {}), ...(body.auditFinding ? { auditFinding: body.auditFinding } : {}), ...(body.description ? { description: body.description } : {}),
      ...(body.actionNumber ? { actionNumber: body.actionNumber } : {}), ...(body.baselineFrom ? { baselineFrom: body.baselineFrom } : {}), ...(body.baselineTo ? { baselineTo: body.baselineTo } : {}),
    });
    return reply.status(201).send(created);
  });
  typed.patch('/api/v1/improvement-actions/:actionNumber', { config: { permission: 'improvement:write' }, schema: { tags: ['improvement'], params: ActionParams, body: UpdateActionBody, response: { 200: ImprovementActionSchema, 404: ErrorBody, 422: ErrorBody } } }, async (request) => {
    const body = request.body;
    return updateImprovementAction(handle, {
      organizationId: organizationOf(request), actionNumber: request.params.actionNumber, asOfDate: context.today(), actor: actorOf(request),
      ...(body.status ? { status: body.status } : {}), ...(body.owner ? { owner: body.owner } : {}), ...(body.dueDate ? { dueDate: body.dueDate } : {}),
      ...(body.title ? { title: body.title } : {}), ...(body.description ? { description: body.description } : {}),
    });
  });
  typed.get('/api/v1/meetings', { config: { permission: 'improvement:read' }, schema: { tags: ['improvement'], querystring: PageQuery, response: { 200: MeetingPage } } }, async (request) =>
    listImprovementMeetings(handle, { organizationId: organizationOf(request), page: request.query.page, pageSize: request.query.pageSize }));
  typed.post('/api/v1/meetings', { config: { permission: 'improvement:write' }, schema: { tags: ['improvement'], body: AddMeetingBody, response: { 201: MeetingSchema, 404: ErrorBody, 422: ErrorBody } } }, async (request, reply) => {
    const body = request.body;
    const meeting = await addImprovementMeeting(handle, {
      organizationId: organizationOf(request), meetingDate: body.meetingDate, workGroup: body.workGroup, title: body.title, actor: actorOf(request),
      decisions: body.decisions.map((d) => (d.actionNumber ? { text: d.text, actionNumber: d.actionNumber } : { text: d.text })),
      ...(body.meetingNumber ? { meetingNumber: body.meetingNumber } : {}), ...(body.participants ? { participants: body.participants } : {}),
    });
    return reply.status(201).send(meeting);
  });

  // Cost control.
  typed.get('/api/v1/costs/budget', { config: { permission: 'kpi:read' }, schema: { tags: ['kpi'], querystring: CostWindowQuery, response: { 200: BudgetVsActualResponse } } }, async (request) => {
    const window = windowOf(request.query);
    return { ...window, rows: await computeImprovementBudgetVsActual(handle, { organizationId: organizationOf(request), ...window }) };
  });
  typed.get('/api/v1/costs/breakdown', { config: { permission: 'kpi:read' }, schema: { tags: ['kpi'], querystring: CostWindowQuery, response: { 200: CostBreakdownResponse } } }, async (request) => {
    const window = windowOf(request.query);
    return { ...window, rows: await computeImprovementCostBreakdown(handle, { organizationId: organizationOf(request), ...window }) };
  });
  typed.get('/api/v1/costs/cost-to-serve', { config: { permission: 'kpi:read' }, schema: { tags: ['kpi'], querystring: CostWindowQuery, response: { 200: CostToServeResponse } } }, async (request) => {
    const window = windowOf(request.query);
    return { ...window, rows: await computeImprovementCostToServe(handle, { organizationId: organizationOf(request), ...window }) };
  });

  // Lean records: SMED studies and 5S audits.
  typed.get('/api/v1/smed-studies', { config: { permission: 'improvement:read' }, schema: { tags: ['improvement'], querystring: z.object({ workCenterCode: z.string().max(64).optional() }), response: { 200: SmedStudyList } } }, async (request) =>
    ({ items: await listImprovementSmedStudies(handle, { organizationId: organizationOf(request), ...(request.query.workCenterCode ? { workCenterCode: request.query.workCenterCode } : {}) }) }));
  typed.post('/api/v1/smed-studies', { config: { permission: 'improvement:write' }, schema: { tags: ['improvement'], body: SmedStudyBody, response: { 201: SmedStudySchema, 404: ErrorBody, 422: ErrorBody } } }, async (request, reply) => {
    const { studyNumber, workCenterCode, changeoversPerWeek, elements, ...rest } = request.body;
    const study = await recordImprovementSmedStudy(handle, {
      organizationId: organizationOf(request), ...rest, actor: actorOf(request),
      elements: elements.map(({ action, afterDurationSeconds, ...element }) => ({ ...element, ...(action ? { action } : {}), ...(afterDurationSeconds !== undefined ? { afterDurationSeconds } : {}) })),
      ...(studyNumber ? { studyNumber } : {}), ...(workCenterCode ? { workCenterCode } : {}), ...(changeoversPerWeek !== undefined ? { changeoversPerWeek } : {}),
    });
    return reply.status(201).send(study);
  });
  typed.post('/api/v1/five-s-audits', { config: { permission: 'improvement:write' }, schema: { tags: ['improvement'], body: FiveSAuditBody, response: { 201: FiveSAuditResultSchema, 422: ErrorBody } } }, async (request, reply) => {
    const { auditNumber, auditor, answers, ...rest } = request.body;
    const result = await recordImprovementFiveSAudit(handle, {
      organizationId: organizationOf(request), ...rest, actor: actorOf(request),
      answers: answers.map(({ comment, ...answer }) => ({ ...answer, ...(comment ? { comment } : {}) })),
      ...(auditNumber ? { auditNumber } : {}), ...(auditor ? { auditor } : {}),
    });
    return reply.status(201).send(result);
  });
  typed.get('/api/v1/five-s-audits/trend', { config: { permission: 'improvement:read' }, schema: { tags: ['improvement'], querystring: z.object({ area: z.string().max(200).optional() }), response: { 200: FiveSTrendResponse } } }, async (request) =>
    ({ areas: await computeImprovementFiveSTrend(handle, { organizationId: organizationOf(request), ...(request.query.area ? { area: request.query.area } : {}) }) }));
}
