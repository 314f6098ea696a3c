import { sql } from 'kysely';
import { z } from 'zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ActionMessageBulkStatusRequest, ActionMessageStatusRequest, ActionMessageStatusResponse, ApproveProposalsRequest, ApproveProposalsResponse, ErrorBody,
  JobSummary, MpsItemDetail, MpsItemPage, MpsQuery, PlanningCycleRequest, SopResponse, VolumeRevenueMatrixResponse, VolumeRevenueQuery, roleCan, type Permission,
} from '@flowpilot/contract';
import { approvePurchaseProposals, JobError, ProposalApprovalError, recordAuditEntry } from '@flowpilot/services';
import { computeVolumeRevenueMatrix, type MasterSchedulePeriod, type MasterScheduleException } from '@flowpilot/core';
import type { AppContext } from '../../app';
import { HttpError } from '../../error-handler';
import { authOf, organizationOf } from '../../auth/request-auth';
import { matchesSearch, pageOfList, requireLatestRun, requireRunOfType, translatorOf } from './workspace-request';
import { actorOf } from '../auth';
import { answer, toSummary } from '../jobs';
import { jobQueueOf } from '../job-queue-of';

const RunParams = z.object({ id: z.string().max(100) });

type StoredSchedule = { itemId: string; status: 'ok' | 'exceptions'; periods: MasterSchedulePeriod[] };
type StoredSopPlan = { strategy: 'level' | 'chase' | 'optimal'; workforceMode: string; status: string; totalCost: number | null; costs: Record<string, number | null>; periods: unknown[] };
type StoredSopFamily = { familyId: string; strategies: StoredSopPlan[]; input: Record<string, unknown> };

/** The write permission that decides an action message: its owner's area (buyers own purchase orders, planners the rest). */
function permissionToDecide(ownerRole: 'planner' | 'buyer'): Permission {
  return ownerRole === 'buyer' ? 'procurement:write' : 'planning:write';
}

/** Approves or dismisses open action messages of a run, all-or-nothing, each checked against its owner's permission and audited. */
async function decideActionMessages(context: AppContext, request: FastifyRequest, runId: string, sequences: number[], status: 'approved' | 'dismissed', reason: string | undefined) {
  const { t } = translatorOf(request);
  const auth = authOf(request);
  const org = organizationOf(request);
  const found = (await sql<{ run_id: string }>`select id as run_id from planning_run where id = ${runId} and organization_id = ${org}`.execute(context.handle.db)).rows[0];
  if (!found) throw new HttpError(404, 'not_found', t('workspace.error.run_not_found', { runId }));
  const wanted = [...new Set(sequences)].sort((a, b) => a - b);
  return context.handle.db.transaction().execute(async (trx) => {
    const rows = (await sql<{ sequence: number; item_code: string; kind: string; owner_role: 'planner' | 'buyer'; owner_code: string | null; order_id: string; status: 'open' | 'approved' | 'dismissed' }>`
      select sequence, item_code, kind, owner_role, owner_code, order_id, status from action_message
      where run_id = ${runId} and organization_id = ${org} and sequence in (${sql.join(wanted)}) order by sequence for update`.execute(trx)).rows;
    const missing = wanted.filter((s) => !rows.some((r) => r.sequence === s));
    if (missing.length > 0) throw new HttpError(404, 'not_found', t('workspace.error.message_not_found', { sequences: missing.join(', '), runId }));
    for (const row of rows) {
      const permission = permissionToDecide(row.owner_role);
      if (!roleCan(auth.role, permission)) throw new HttpError(403, 'forbidden', t('workspace.error.message_forbidden', { sequence: row.sequence, ownerRole: row.owner_role, permission, role: auth.role }));
      if (row.status !== 'open') throw new HttpError(409, 'already_decided', t('workspace.error.already_decided', { sequence: row.sequence, runId, status: row.status }));
    }
    await sql`update action_message set status = ${status} where run_id = ${runId} and organization_id = ${org} and sequence in (${sql.join(wanted)})`.execute(trx);
    for (const row of rows) {
      await recordAuditEntry(trx, {
        organizationId: org, actor: { userId: auth.userId, email: auth.email, via: auth.via }, action: status === 'approved' ? 'approve' : 'dismiss',
        entity: 'action_message', entityKey: `${runId}#${row.sequence}`, before: { status: row.status }, after: { status, kind: row.kind, itemCode: row.item_code, orderId: row.order_id }, reason: reason ?? null,
      });
    }
    const items = rows.map((r) => ({ runId, sequence: r.sequence, itemCode: r.item_code, kind: r.kind, ownerRole: r.owner_role, ownerCode: r.owner_code, orderId: r.order_id, previousStatus: r.status, status }));
    return { items, updatedCount: items.length };
  });
}

/** Planning cycle, purchase-proposal approval, action-message decisions, S&OP and MPS views. */
export function registerPlanningRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.post('/api/v1/planning-cycle', {
    config: { permission: 'planning:write' },
    schema: {
      tags: ['planning'], summary: 'Enqueue the planning cycle as a planning_cycle job (202); follow it with GET /api/v1/jobs/:id, whose result is a PlanningCycleResponse',
      body: PlanningCycleRequest, response: { 202: JobSummary, 400: ErrorBody, 409: ErrorBody },
    },
  }, async (request, reply) => {
    const auth = authOf(request);
    const org = organizationOf(request);
    const queue = jobQueueOf(app, context);
    // One cycle at a time per organization: a second one would plan on the same data and race the first to be "latest".
    const refuse = (active: { id: string; status: string }): HttpError => {
      const { t } = translatorOf(request);
      return new HttpError(409, 'cycle_already_active', t('jobs.error.cycle_already_active', { id: active.id, status: t(`jobs.status.${active.status}`) }), { jobId: active.id, status: active.status });
    };
    const active = (await answer(request, () => queue.list(org, { kind: 'planning_cycle', pageSize: 20 }))).items.find((job) => job.status === 'queued' || job.status === 'running');
    if (active) throw refuse(active);
    const asOfDate = context.today();
    const params = {
      asOfDate,
      ...(request.body.horizonWeeks === undefined ? {} : { horizonWeeks: request.body.horizonWeeks }),
      ...(request.body.seed === undefined ? {} : { seed: request.body.seed }),
    };
    // The check above is only the quick answer: two requests at the same instant both pass it, and the enqueue
    // decides atomically (an advisory lock on the organization's planning_cycle jobs, see JobHandler.onePerOrganization).
    const job = await answer(request, async () => {
      try {
        return await queue.enqueue({ organizationId: org, kind: 'planning_cycle', params, createdBy: auth.email, today: asOfDate });
      } catch (error) {
        if (error instanceof JobError && error.messageKey === 'jobs.error.cycle_already_active') throw refuse({ id: String(error.params.id), status: String(error.params.status) });
        throw error;
      }
    });
    await recordAuditEntry(context.handle.db, { organizationId: org, actor: actorOf(request), action: 'enqueue', entity: 'planning_cycle', entityKey: job.id, after: { jobId: job.id, ...params } });
    return reply.status(202).send(toSummary(job));
  });

  typed.post('/api/v1/planning-runs/:id/purchase-proposals/approve', {
    config: { permission: 'procurement:write' },
    schema: { tags: ['procurement'], params: RunParams, body: ApproveProposalsRequest, response: { 200: ApproveProposalsResponse, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, async (request) => {
    const org = organizationOf(request);
    await requireRunOfType(context.handle, org, request.params.id, 'proposals', request);
    try {
      const result = await approvePurchaseProposals(context.handle, {
        organizationId: org, runId: request.params.id, approvedBy: authOf(request).userId, actor: actorOf(request), orderDate: context.today(),
        supplierCode: request.body.supplierCode, plannedOrderIds: request.body.plannedOrderIds,
      });
      return { runId: request.params.id, purchaseOrders: result.purchaseOrders };
    } catch (error) {
      if (!(error instanceof ProposalApprovalError)) throw error;
      throw new HttpError(error.kind === 'not_found' ? 404 : 409, error.kind, translatorOf(request).t(error.key, error.params));
    }
  });

  typed.post('/api/v1/planning-runs/:id/action-messages/:sequence/status', {
    // Deciding a message needs its owner's write permission (procurement:write or planning:write), checked per message.
    config: { permission: 'planning:read' },
    schema: { tags: ['planning'], params: RunParams.extend({ sequence: z.coerce.number().int().min(1) }), body: ActionMessageStatusRequest, response: { 200: ActionMessageStatusResponse, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, async (request) => decideActionMessages(context, request, request.params.id, [request.params.sequence], request.body.status, request.body.reason));

  typed.post('/api/v1/planning-runs/:id/action-messages/status', {
    config: { permission: 'planning:read' },
    schema: { tags: ['planning'], params: RunParams, body: ActionMessageBulkStatusRequest, response: { 200: ActionMessageStatusResponse, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, async (request) => decideActionMessages(context, request, request.params.id, request.body.sequences, request.body.status, request.body.reason));

  typed.get('/api/v1/sop/volume-revenue-matrix', {
    config: { permission: 'planning:read' },
    schema: { tags: ['planning'], querystring: VolumeRevenueQuery, response: { 200: VolumeRevenueMatrixResponse, 400: ErrorBody } },
  }, async (request) => {
    const org = organizationOf(request);
    const toDate = context.today();
    const from = new Date(`${toDate}T00:00:00Z`);
    from.setUTCMonth(from.getUTCMonth() - request.query.months);
    const fromDate = from.toISOString().slice(0, 10);
    // Order lines of the window (cancelled orders left out); revenue = quantity × line price, else the item's sale price.
    const rows = (await sql<{ item_code: string; customer_code: string; quantity: string; revenue: string }>`
      select l.item_code, o.customer_code, sum(l.quantity)::text as quantity, sum(l.quantity * coalesce(l.unit_price, i.sale_price, 0))::text as revenue
      from sales_order_line l
      join sales_order o on o.organization_id = l.organization_id and o.order_number = l.order_number
      join item i on i.organization_id = l.organization_id and i.code = l.item_code
      where l.organization_id = ${org} and o.status <> 'cancelled' and o.order_date > ${fromDate}::date and o.order_date <= ${toDate}::date
      group by 1, 2 order by 1, 2`.execute(context.handle.db)).rows;
    const lines = rows.map((r) => ({ productId: r.item_code, customerId: r.customer_code, quantityUnits: Number(r.quantity), revenue: Number(r.revenue) }));
    const source = 'sales order lines (not cancelled) ordered in the window; revenue = quantity × line unit price (else item sale price); ABC at 80 % / 95 % of the cumulative total';
    if (lines.length === 0) {
      return { fromDate, toDate, lineCount: 0, source, totalQuantityUnits: 0, totalRevenue: 0, products: [], customers: [], productVolumeByRevenue: [], customerVolumeByRevenue: [], productByCustomer: [] };
    }
    const matrix = computeVolumeRevenueMatrix({ lines });
    const cells = (list: typeof matrix.productByCustomer) => list.map(({ ids: _ids, ...cell }) => cell);
    return {
      fromDate, toDate, lineCount: rows.length, source,
      totalQuantityUnits: matrix.totalQuantityUnits, totalRevenue: matrix.totalRevenue, products: matrix.products, customers: matrix.customers,
      productVolumeByRevenue: cells(matrix.productVolumeByRevenue), customerVolumeByRevenue: cells(matrix.customerVolumeByRevenue), productByCustomer: cells(matrix.productByCustomer),
    };
  });

  typed.get('/api/v1/sop', { config: { permission: 'planning:read' }, schema: { tags: ['planning'], response: { 200: SopResponse, 404: ErrorBody } } }, async (request) => {
    const run = await requireLatestRun(context.handle, organizationOf(request), 'sop', request);
    const families = (run.summary.families as StoredSopFamily[] | undefined) ?? [];
    return {
      runId: run.id,
      asOfDate: run.asOfDate,
      months: (run.summary.months as string[] | undefined) ?? [],
      totalCostEur: Number(run.summary.totalCost ?? 0),
      parameters: run.parameters,
      families: families.map((family) => {
        const feasible = family.strategies.filter((s) => s.totalCost !== null && s.status !== 'infeasible' && s.status !== 'failed');
        const optimal = feasible.find((s) => s.strategy === 'optimal');
        const cheapest = [...feasible].sort((a, b) => (a.totalCost ?? 0) - (b.totalCost ?? 0))[0];
        const cost = (value: number | null | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
        return {
          familyCode: family.familyId,
          proposedStrategy: (optimal ?? cheapest)?.strategy ?? null,
          strategies: family.strategies.map((s) => ({
            strategy: s.strategy, workforceMode: s.workforceMode, status: s.status, totalCostEur: cost(s.totalCost),
            costs: {
              regularLabor: cost(s.costs.regularLabor), overtimeLabor: cost(s.costs.overtimeLabor), hiring: cost(s.costs.hiring), layoff: cost(s.costs.layoff),
              material: cost(s.costs.material), holding: cost(s.costs.holding), backlog: cost(s.costs.backlog), subcontract: cost(s.costs.subcontract), total: cost(s.costs.total),
            },
            periods: s.periods as never,
          })),
          input: family.input,
        };
      }),
    };
  });

  typed.get('/api/v1/mps', { config: { permission: 'planning:read' }, schema: { tags: ['planning'], querystring: MpsQuery, response: { 200: MpsItemPage, 404: ErrorBody } } }, async (request) => {
    const run = await requireLatestRun(context.handle, organizationOf(request), 'mps', request);
    const { page, pageSize, search, status } = request.query;
    const exceptionsByItem = new Map<string, number>();
    for (const e of run.exceptions as { itemId?: string }[]) if (e.itemId) exceptionsByItem.set(e.itemId, (exceptionsByItem.get(e.itemId) ?? 0) + 1);
    const schedules = ((run.summary.schedules as StoredSchedule[] | undefined) ?? [])
      .filter((s) => matchesSearch(search, s.itemId) && (status === undefined || s.status === status))
      .sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
    const sum = (periods: MasterSchedulePeriod[], pick: (p: MasterSchedulePeriod) => number): number => periods.reduce((total, p) => total + pick(p), 0);
    const items = schedules.map((s) => ({
      itemCode: s.itemId, status: s.status, exceptionCount: exceptionsByItem.get(s.itemId) ?? 0,
      totalForecastUnits: sum(s.periods, (p) => p.forecastUnits), totalCustomerOrdersUnits: sum(s.periods, (p) => p.customerOrdersUnits),
      totalMasterScheduleUnits: sum(s.periods, (p) => p.masterScheduleUnits),
      minProjectedAvailableUnits: s.periods.length === 0 ? 0 : Math.min(...s.periods.map((p) => p.projectedAvailableUnits)),
      firstPeriod: s.periods[0]?.period ?? null,
    }));
    return { ...pageOfList(items, page, pageSize), runId: run.id, asOfDate: run.asOfDate, parameters: run.parameters };
  });

  typed.get('/api/v1/mps/:itemCode', { config: { permission: 'planning:read' }, schema: { tags: ['planning'], params: z.object({ itemCode: z.string().max(64) }), response: { 200: MpsItemDetail, 404: ErrorBody } } }, async (request) => {
    const run = await requireLatestRun(context.handle, organizationOf(request), 'mps', request);
    const schedule = ((run.summary.schedules as StoredSchedule[] | undefined) ?? []).find((s) => s.itemId === request.params.itemCode);
    if (!schedule) throw new HttpError(404, 'not_found', translatorOf(request).t('workspace.error.item_not_in_run', { itemCode: request.params.itemCode, runId: run.id }));
    const fences = (run.parameters.timeFences ?? {}) as { demandTimeFencePeriods?: number; planningTimeFencePeriods?: number };
    return {
      runId: run.id, asOfDate: run.asOfDate, itemCode: schedule.itemId, status: schedule.status,
      timeFences: { demandTimeFencePeriods: fences.demandTimeFencePeriods ?? 0, planningTimeFencePeriods: fences.planningTimeFencePeriods ?? 0 },
      periods: schedule.periods,
      exceptions: (run.exceptions as (MasterScheduleException & { itemId?: string })[]).filter((e) => e.itemId === schedule.itemId).map((e) => ({ code: e.code, period: e.period, quantityUnits: e.quantityUnits, message: e.message })),
    };
  });
}
