import { z } from 'zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody, SopScenarioList, SopScenarioParams, SopScenarioQuery, SopScenarioRecord, SopScenarioRequest, translate } from '@flowpilot/contract';
import { deleteSopScenario, listSopScenarios, runSopScenario, type SopScenarioProblem } from '@flowpilot/services';
import type { AppContext } from '../app';
import { HttpError, languageOf } from '../error-handler';
import { organizationOf } from '../auth/request-auth';
import { actorOf } from './auth';

const STATUS: Record<SopScenarioProblem, number> = { no_sop_run: 404, unknown_family: 422, name_taken: 409, not_found: 404, invalid_changes: 422 };

function problem(request: FastifyRequest, code: SopScenarioProblem, params: Record<string, string>): HttpError {
  return new HttpError(STATUS[code], code, translate(languageOf(request.headers['accept-language']), `sop.scenario.problem.${code}`, params));
}

/** S&OP what-if scenarios: run one on a family of the latest S&OP run and keep it, list them side by side, delete one. */
export function registerSopScenarioRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/api/v1/sop/scenarios', {
    config: { permission: 'planning:read' },
    schema: { tags: ['planning'], summary: 'Stored S&OP what-if scenarios (oldest first), with the base plan\'s cost beside each', querystring: SopScenarioQuery, response: { 200: SopScenarioList } },
  }, async (request) => ({ items: await listSopScenarios(context.handle, { organizationId: organizationOf(request), ...(request.query.familyCode ? { familyCode: request.query.familyCode } : {}) }) }));

  typed.post('/api/v1/sop/scenarios', {
    config: { permission: 'planning:write' },
    schema: { tags: ['planning'], summary: 'Run a what-if on one family of the latest S&OP run and keep it (audited)', body: SopScenarioRequest, response: { 201: SopScenarioRecord, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody } },
  }, async (request, reply) => {
    const body = request.body;
    const outcome = await runSopScenario(context.handle, {
      organizationId: organizationOf(request), name: body.name, familyCode: body.familyCode, strategy: body.strategy, workforceMode: body.workforceMode, changes: body.changes, actor: actorOf(request),
    });
    if (!outcome.ok) throw problem(request, outcome.problem, outcome.params);
    return reply.status(201).send(outcome.value);
  });

  typed.delete('/api/v1/sop/scenarios/:id', {
    config: { permission: 'planning:write' },
    schema: { tags: ['planning'], summary: 'Delete a stored scenario (audited)', params: SopScenarioParams, response: { 204: z.null(), 404: ErrorBody } },
  }, async (request, reply) => {
    const outcome = await deleteSopScenario(context.handle, { organizationId: organizationOf(request), id: request.params.id, actor: actorOf(request) });
    if (!outcome.ok) throw problem(request, outcome.problem, outcome.params);
    return reply.status(204).send(null);
  });
}
