import { z } from 'zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  EdiInterchangeDetail, EdiInterchangeListQuery, EdiInterchangePage, EdiOutboundParams, EdiOutboundResponse, EdiReceiveBody, EdiReceiveResponse, ErrorBody,
  MappingCodeParams, MappingProfileBody, MappingProfilePage, MappingProfileSchema, PageQuery, WebhookCreateBody, WebhookCreated, WebhookDeliveryPage, WebhookPage,
  translate, type Language,
} from '@flowpilot/contract';
import {
  IntegrationNotFoundError, IntegrationWebhookInputError, addIntegrationWebhook, integrationDecodeEdiBytes, deleteIntegrationMappingProfile, deleteIntegrationWebhook, formatIntegrationEdiIssue,
  formatIntegrationMappingIssue, getIntegrationInterchange, getIntegrationMappingProfile, listIntegrationInterchanges, listIntegrationMappingProfiles,
  listIntegrationWebhookDeliveries, listIntegrationWebhooks, runReceiveEdiInterchange, runSendEdiMessage, saveIntegrationMappingProfile,
  type IntegrationMappingDefinition,
} from '@flowpilot/services';
import type { EdiIssue } from '@flowpilot/core';
import type { AppContext } from '../app';
import { HttpError, languageOf } from '../error-handler';
import { authOf, organizationOf } from '../auth/request-auth';
import { actorOf } from './auth';

const languageOfRequest = (request: FastifyRequest): Language => languageOf(request.headers['accept-language']);
/** Why a change was made, optional on every integration write (kept in the audit trail). */
const Reason = z.string().trim().max(500).optional().describe('why the change is made (kept in the audit trail)');
const ReasonQuery = z.object({ reason: Reason });
const withMessages = (issues: readonly EdiIssue[], language: Language) => issues.map((issue) => ({ ...issue, message: formatIntegrationEdiIssue(issue, language) }));

/** Integration: EDI receive/list/generate, ERP mapping profiles, webhooks. Every query is scoped to the caller's organization. */
export function registerIntegrationRoutes(app: FastifyInstance, _context: AppContext): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const handleOf = () => _context.handle;

  // Partners' systems post raw interchanges as application/EDIFACT (RFC 1767); JSON { content } works too.
  if (!app.hasContentTypeParser('application/edifact')) {
    app.addContentTypeParser('application/edifact', { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_request, body, done) => {
      done(null, { content: integrationDecodeEdiBytes(body as Buffer) });
    });
  }

  typed.post('/api/v1/edi/interchanges', {
    config: { permission: 'integration:write' },
    bodyLimit: 10 * 1024 * 1024,
    schema: { tags: ['integration'], summary: 'Receive an EDIFACT interchange (JSON { content } or a raw application/EDIFACT body): exactly once, all-or-nothing; answers with the CONTRL (status rejected = nothing written)', body: EdiReceiveBody, response: { 200: EdiReceiveResponse, 400: ErrorBody } },
  }, async (request) => {
    const language = languageOfRequest(request);
    const result = await runReceiveEdiInterchange(handleOf(), { organizationId: organizationOf(request), text: request.body.content, fileName: request.body.fileName, receivedBy: authOf(request).userId, actor: actorOf(request), now: new Date() });
    return { interchangeId: result.interchangeId, status: result.status, senderId: result.sender.id, controlReference: result.controlReference, messages: result.messages, issues: withMessages(result.issues, language), acknowledgement: result.acknowledgement };
  });

  typed.get('/api/v1/edi/interchanges', {
    config: { permission: 'integration:read' },
    schema: { tags: ['integration'], summary: 'Received and sent interchanges with their status, newest first', querystring: EdiInterchangeListQuery, response: { 200: EdiInterchangePage } },
  }, async (request) => {
    const { page, pageSize, direction, status } = request.query;
    const result = await listIntegrationInterchanges(handleOf(), { organizationId: organizationOf(request), page, pageSize, ...(direction ? { direction } : {}), ...(status ? { status } : {}) });
    return { items: result.items, page, pageSize, total: result.total };
  });

  typed.get('/api/v1/edi/interchanges/:id', {
    config: { permission: 'integration:read' },
    schema: { tags: ['integration'], summary: 'One interchange: its text, issues and CONTRL', params: z.object({ id: z.string().min(1).max(100) }), response: { 200: EdiInterchangeDetail, 404: ErrorBody } },
  }, async (request) => {
    const language = languageOfRequest(request);
    const found = await getIntegrationInterchange(handleOf(), organizationOf(request), request.params.id);
    if (!found) throw new HttpError(404, 'not_found', translate(language, 'integration.interchange.not_found', { id: request.params.id }));
    return { ...found, issues: withMessages(found.issues, language) };
  });

  typed.get('/api/v1/edi/messages/:type/:id', {
    // Generating records the outgoing interchange and moves the document on (PO sent, order confirmed, shipment dispatched).
    config: { permission: 'integration:write' },
    schema: { tags: ['integration'], summary: 'Generate ORDERS (purchase order), ORDRSP (sales order, with promised dates) or DESADV (shipment)', params: EdiOutboundParams, response: { 200: EdiOutboundResponse, 404: ErrorBody } },
  }, async (request) => {
    try {
      return await runSendEdiMessage(handleOf(), { organizationId: organizationOf(request), messageType: request.params.type, documentNumber: request.params.id, now: new Date(), sentBy: authOf(request).userId, actor: actorOf(request) });
    } catch (error) {
      if (error instanceof IntegrationNotFoundError) throw new HttpError(404, 'not_found', translate(languageOfRequest(request), 'integration.send.not_found', { entity: error.entity, key: error.key }));
      throw error;
    }
  });

  typed.get('/api/v1/mapping-profiles', {
    config: { permission: 'integration:read' },
    schema: { tags: ['integration'], summary: 'ERP extract mapping profiles', querystring: PageQuery, response: { 200: MappingProfilePage } },
  }, async (request) => {
    const { page, pageSize } = request.query;
    const all = await listIntegrationMappingProfiles(handleOf(), organizationOf(request));
    return { items: all.slice((page - 1) * pageSize, page * pageSize), page, pageSize, total: all.length };
  });

  typed.get('/api/v1/mapping-profiles/:code', {
    config: { permission: 'integration:read' },
    schema: { tags: ['integration'], params: MappingCodeParams, response: { 200: MappingProfileSchema, 404: ErrorBody } },
  }, async (request) => {
    const profile = await getIntegrationMappingProfile(handleOf(), organizationOf(request), request.params.code);
    if (!profile) throw new HttpError(404, 'not_found', translate(languageOfRequest(request), 'integration.map.not_found', { code: request.params.code }));
    return profile;
  });

  typed.put('/api/v1/mapping-profiles/:code', {
    config: { permission: 'integration:write' },
    schema: { tags: ['integration'], summary: 'Create or replace a mapping profile (audited with before/after)', params: MappingCodeParams, body: MappingProfileBody.extend({ reason: Reason }), response: { 200: MappingProfileSchema, 422: ErrorBody } },
  }, async (request) => {
    const language = languageOfRequest(request);
    const organizationId = organizationOf(request);
    const definition = request.body.definition as IntegrationMappingDefinition;
    const result = await saveIntegrationMappingProfile(handleOf(), { organizationId, code: request.params.code, name: request.body.name, definition, actor: actorOf(request), reason: request.body.reason ?? null });
    if (!result.saved) {
      const details = result.issues.map((issue) => ({ ...issue, message: formatIntegrationMappingIssue(issue, language) }));
      throw new HttpError(422, 'invalid_mapping_profile', details.map((d) => d.message).join('; '), details);
    }
    return (await getIntegrationMappingProfile(handleOf(), organizationId, request.params.code))!;
  });

  typed.delete('/api/v1/mapping-profiles/:code', {
    config: { permission: 'integration:write' },
    schema: { tags: ['integration'], summary: 'Delete a mapping profile (audited)', params: MappingCodeParams, querystring: ReasonQuery, response: { 204: z.null(), 404: ErrorBody } },
  }, async (request, reply) => {
    if (!(await deleteIntegrationMappingProfile(handleOf(), organizationOf(request), request.params.code, { actor: actorOf(request), reason: request.query.reason ?? null }))) throw new HttpError(404, 'not_found', translate(languageOfRequest(request), 'integration.map.not_found', { code: request.params.code }));
    return reply.status(204).send(null);
  });

  typed.get('/api/v1/webhooks', {
    config: { permission: 'integration:read' },
    schema: { tags: ['integration'], summary: 'Webhook subscriptions (secrets are never returned)', querystring: PageQuery, response: { 200: WebhookPage } },
  }, async (request) => {
    const { page, pageSize } = request.query;
    const all = await listIntegrationWebhooks(handleOf(), organizationOf(request));
    return { items: all.slice((page - 1) * pageSize, page * pageSize), page, pageSize, total: all.length };
  });

  typed.post('/api/v1/webhooks', {
    config: { permission: 'integration:write' },
    schema: { tags: ['integration'], summary: 'Subscribe a URL to events; the response carries the HMAC secret once. The URL must be http(s), without credentials, and not a loopback/private/link-local address unless the operator allows it', body: WebhookCreateBody.extend({ reason: Reason }), response: { 201: WebhookCreated, 400: ErrorBody } },
  }, async (request, reply) => {
    try {
      const created = await addIntegrationWebhook(handleOf(), { organizationId: organizationOf(request), url: request.body.url, events: request.body.events, ...(request.body.secret ? { secret: request.body.secret } : {}), actor: actorOf(request), reason: request.body.reason ?? null, ...(_context.webhookUrlPolicy ? { urlPolicy: _context.webhookUrlPolicy } : {}) });
      return reply.status(201).send(created);
    } catch (error) {
      if (error instanceof IntegrationWebhookInputError) throw new HttpError(400, error.problem, translate(languageOfRequest(request), `integration.webhook.${error.problem}`, { value: error.value }));
      throw error;
    }
  });

  typed.delete('/api/v1/webhooks/:id', {
    config: { permission: 'integration:write' },
    schema: { tags: ['integration'], summary: 'Delete a webhook subscription (audited)', params: z.object({ id: z.string().min(1).max(100) }), querystring: ReasonQuery, response: { 204: z.null(), 404: ErrorBody } },
  }, async (request, reply) => {
    if (!(await deleteIntegrationWebhook(handleOf(), organizationOf(request), request.params.id, { actor: actorOf(request), reason: request.query.reason ?? null }))) throw new HttpError(404, 'not_found', translate(languageOfRequest(request), 'integration.webhook.not_found', { id: request.params.id }));
    return reply.status(204).send(null);
  });

  typed.get('/api/v1/webhooks/deliveries', {
    config: { permission: 'integration:read' },
    schema: { tags: ['integration'], summary: 'Delivery log: status, attempts, last HTTP status or error', querystring: PageQuery, response: { 200: WebhookDeliveryPage } },
  }, async (request) => {
    const { page, pageSize } = request.query;
    const all = await listIntegrationWebhookDeliveries(handleOf(), organizationOf(request), 1000);
    return { items: all.slice((page - 1) * pageSize, page * pageSize), page, pageSize, total: all.length };
  });
}
