import { z } from 'zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreateForecastOverrideBody, ErrorBody, ForecastOverrideList, ForecastOverrideQuery, ForecastOverrideRecord, WithdrawForecastOverrideBody, translate } from '@flowpilot/contract';
import { listForecastOverrides, setForecastOverride, withdrawForecastOverride, type OverrideProblem } from '@flowpilot/services';
import type { AppContext } from '../app';
import { HttpError, languageOf } from '../error-handler';
import { organizationOf } from '../auth/request-auth';
import { actorOf } from './auth';

function problem(request: FastifyRequest, code: OverrideProblem): HttpError {
  const status = code === 'not_found' ? 404 : code === 'unknown_item' || code === 'unknown_location' ? 422 : 400;
  return new HttpError(status, code, translate(languageOf(request.headers['accept-language']), `forecast.override.problem.${code}`));
}

/** Planner overrides of the forecast, with reason and author; used by the next planning run. */
export function registerForecastOverrideRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/api/v1/forecast-overrides', {
    config: { permission: 'forecast:read' },
    schema: { tags: ['forecast'], summary: 'Forecast overrides (active; includeWithdrawn=true for their history)', querystring: ForecastOverrideQuery, response: { 200: ForecastOverrideList } },
  }, async (request) => ({ items: await listForecastOverrides(context.handle, { organizationId: organizationOf(request), ...(request.query.itemCode ? { itemCode: request.query.itemCode } : {}), includeWithdrawn: request.query.includeWithdrawn === 'true' }) }));

  typed.post('/api/v1/forecast-overrides', {
    config: { permission: 'forecast:write' },
    schema: { tags: ['forecast'], summary: 'Override the forecast of one item × location × week (supersedes the active one; audited)', body: CreateForecastOverrideBody, response: { 201: ForecastOverrideRecord, 400: ErrorBody, 422: ErrorBody } },
  }, async (request, reply) => {
    const outcome = await setForecastOverride(context.handle, { organizationId: organizationOf(request), ...request.body, actor: actorOf(request) });
    if (!outcome.ok) throw problem(request, outcome.problem);
    return reply.status(201).send(outcome.value);
  });

  typed.post('/api/v1/forecast-overrides/:id/withdraw', {
    config: { permission: 'forecast:write' },
    schema: { tags: ['forecast'], summary: 'Withdraw an override (audited)', params: z.object({ id: z.string().max(30) }), body: WithdrawForecastOverrideBody, response: { 200: ForecastOverrideRecord, 404: ErrorBody } },
  }, async (request) => {
    const outcome = await withdrawForecastOverride(context.handle, { organizationId: organizationOf(request), id: request.params.id, reason: request.body?.reason ?? null, actor: actorOf(request) });
    if (!outcome.ok) throw problem(request, outcome.problem);
    return outcome.value;
  });
}
