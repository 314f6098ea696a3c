import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ErrorBody, ShipmentCancelRequest, ShipmentCreateRequest, ShipmentDeliverRequest, ShipmentDispatchRequest, ShipmentLabelsResponse, ShipmentListQuery, ShipmentListResponse, ShipmentLoadManyRequest, ShipmentLoadRequest, ShipmentNoteResponse,
  ShipmentPackageParams, ShipmentParams, ShipmentResponse, ShipmentSummaryPage, TraceLotQuery, TraceLotResponse, TraceShipmentResponse, translate,
} from '@flowpilot/contract';
import {
  cancelShipment, createShipment, loadShipmentsOnVehicle, deliverShipment, dispatchShipment, getShipment, getShipmentDeliveryNote, listShipments, planShipmentLoad, renderShipmentLabels, ShipmentError,
  toShipmentDeliveryNoteCsv, traceLotForward, traceShipmentBackward, type AuditActor,
} from '@flowpilot/services';
import type { AppContext } from '../app';
import { HttpError, languageOf } from '../error-handler';
import { authOf, organizationOf } from '../auth/request-auth';

const STATUS: Record<ShipmentError['kind'], number> = { invalid_input: 422, not_found: 404, invalid_state: 409 };

/** Runs a shipments use case; a ShipmentError leaves as the one error body, translated, with the field at fault. */
async function guarded<T>(request: FastifyRequest, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ShipmentError)) throw error;
    const language = languageOf(request.headers['accept-language']);
    throw new HttpError(STATUS[error.kind], error.kind, translate(language, error.key, error.params), { path: error.path, key: error.key, params: error.params });
  }
}

function actorOf(request: FastifyRequest): AuditActor {
  const auth = authOf(request);
  return { userId: auth.userId, email: auth.email, via: auth.via };
}

/** `?vehicle=VAN-12&shipments=SH-1,SH-2`: shipments in delivery order (the first is unloaded first, so loaded last). */
export const ShipmentLoadPreviewQuery = z.object({
  vehicle: z.string().min(1).max(64),
  shipments: z.string().min(1).max(2000).transform((text) => text.split(',').map((n) => n.trim()).filter((n) => n.length > 0))
    .pipe(z.array(z.string().min(1).max(64)).min(1).max(200)),
});

/** The 3D load of planned shipments on one vehicle (planShipmentLoad): placements, what stays on the dock, the check, the SVG picture. */
export const ShipmentLoadPreviewResponse = z.object({
  vehicleCode: z.string(),
  container: z.object({ id: z.string().optional(), lengthCm: z.number(), widthCm: z.number(), heightCm: z.number(), maxPayloadKg: z.number().optional() }),
  stops: z.array(z.object({ stopSequence: z.number().int(), shipmentNumber: z.string() })),
  boxes: z.array(z.object({ id: z.string(), shipmentNumber: z.string(), packageNumber: z.number().int(), sscc: z.string(), lengthCm: z.number(), widthCm: z.number(), heightCm: z.number(), weightKg: z.number().optional(), stopSequence: z.number().int().optional(), sizeSource: z.enum(['volume', 'default']) })),
  status: z.enum(['all_packed', 'partial']),
  placements: z.array(z.object({ boxTypeId: z.string(), stopSequence: z.number(), xCm: z.number(), yCm: z.number(), zCm: z.number(), sizeXCm: z.number(), sizeYCm: z.number(), sizeZCm: z.number() })),
  /** Packed volume ÷ body volume, 0–1. */
  volumeUtilisation: z.number(),
  packedWeightKg: z.number(),
  unpacked: z.array(z.object({ shipmentNumber: z.string(), packageNumber: z.number().int(), reason: z.string() })),
  /** Independent check of the placements; empty when sound. */
  issues: z.array(z.object({ rule: z.string(), boxIndex: z.number().int(), otherBoxIndex: z.number().int().optional(), message: z.string() })),
  assumptions: z.array(z.string()),
  /** The load picture (side and top views), SVG text. */
  svg: z.string(),
});
export type ShipmentLoadPreviewResponse = z.infer<typeof ShipmentLoadPreviewResponse>;

/**
 * Shipments, SSCC labels, delivery status, proof of delivery, traceability.
 * Permissions: creating, loading, cancelling and printing labels are warehouse work (warehouse:write); dispatch and proof of
 * delivery are transport work (transport:write); reading shipments, notes, traces and the load preview (3D load picture) needs transport:read.
 */
export function registerShipmentRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const handle = context.handle;
  const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

  typed.post('/api/v1/shipments', {
    config: { permission: 'warehouse:write' },
    schema: { tags: ['shipments'], body: ShipmentCreateRequest, response: { 201: ShipmentResponse, ...errors } },
  }, async (request, reply) => {
    const body = request.body;
    const shipment = await guarded(request, () => createShipment(handle, {
      organizationId: organizationOf(request), warehouseCode: body.warehouseCode, shipDate: body.shipDate ?? context.today(), actor: actorOf(request),
      lines: body.lines.map((l) => ({ orderNumber: l.orderNumber, lineNumber: l.lineNumber, ...(l.quantity !== undefined ? { quantity: l.quantity } : {}), ...(l.lotNumber !== undefined ? { lotNumber: l.lotNumber } : {}) })),
      ...(body.plannedDeliveryDate ? { plannedDeliveryDate: body.plannedDeliveryDate } : {}), ...(body.carrierCode ? { carrierCode: body.carrierCode } : {}),
      ...(body.shipmentNumber ? { shipmentNumber: body.shipmentNumber } : {}), ...(body.packageType ? { packageType: body.packageType } : {}), ...(body.packing ? { packing: body.packing } : {}),
      ...(body.maxQuantityPerPackage !== undefined ? { maxQuantityPerPackage: body.maxQuantityPerPackage } : {}), ...(body.pickingRule ? { pickingRule: body.pickingRule } : {}),
      ...(body.companyPrefix ? { companyPrefix: body.companyPrefix } : {}), ...(body.extensionDigit !== undefined ? { extensionDigit: body.extensionDigit } : {}),
    }));
    return reply.status(201).send(shipment);
  });

  typed.get('/api/v1/shipments', {
    config: { permission: 'transport:read' },
    schema: { tags: ['shipments'], querystring: ShipmentListQuery, response: { 200: ShipmentSummaryPage, ...errors } },
  }, async (request) => {
    const { page, pageSize, status, customerCode } = request.query;
    return listShipments(handle, { organizationId: organizationOf(request), page, pageSize, ...(status ? { status } : {}), ...(customerCode ? { customerCode } : {}) });
  });

  typed.get('/api/v1/shipments/:shipmentNumber', {
    config: { permission: 'transport:read' },
    schema: { tags: ['shipments'], params: ShipmentParams, response: { 200: ShipmentResponse, ...errors } },
  }, async (request) => guarded(request, () => getShipment(handle, organizationOf(request), request.params.shipmentNumber)));

  typed.get('/api/v1/shipments/:shipmentNumber/labels', {
    config: { permission: 'warehouse:write' },
    schema: { tags: ['shipments'], params: ShipmentParams, response: { 200: ShipmentLabelsResponse, ...errors } },
  }, async (request) => guarded(request, () => renderShipmentLabels(handle, organizationOf(request), request.params.shipmentNumber)));

  typed.get('/api/v1/shipments/:shipmentNumber/labels/:packageNumber/svg', {
    config: { permission: 'warehouse:write' },
    schema: { tags: ['shipments'], params: ShipmentPackageParams },
  }, async (request, reply) => {
    const labels = await guarded(request, () => renderShipmentLabels(handle, organizationOf(request), request.params.shipmentNumber));
    const label = labels.find((l) => l.packageNumber === request.params.packageNumber);
    if (!label) {
      throw new HttpError(404, 'not_found', translate(languageOf(request.headers['accept-language']), 'error.not_found', { detail: `${request.params.shipmentNumber} package ${request.params.packageNumber}` }));
    }
    return reply.type('image/svg+xml').header('content-disposition', `inline; filename="${label.shipmentNumber}-${label.packageNumber}-${label.sscc}.svg"`).send(label.svg);
  });

  typed.get('/api/v1/shipments/:shipmentNumber/note', {
    config: { permission: 'transport:read' },
    schema: { tags: ['shipments'], params: ShipmentParams, response: { 200: ShipmentNoteResponse, ...errors } },
  }, async (request) => guarded(request, () => getShipmentDeliveryNote(handle, organizationOf(request), request.params.shipmentNumber)));

  typed.get('/api/v1/shipments/:shipmentNumber/note.csv', {
    config: { permission: 'transport:read' },
    schema: { tags: ['shipments'], params: ShipmentParams },
  }, async (request, reply) => {
    const note = await guarded(request, () => getShipmentDeliveryNote(handle, organizationOf(request), request.params.shipmentNumber));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${note.shipmentNumber}.csv"`).send(toShipmentDeliveryNoteCsv(note));
  });

  typed.get('/api/v1/shipments/loads/preview', {
    config: { permission: 'transport:read' },
    schema: { tags: ['shipments'], querystring: ShipmentLoadPreviewQuery, response: { 200: ShipmentLoadPreviewResponse, ...errors } },
  }, async (request) => {
    const plan = await guarded(request, () => planShipmentLoad(handle, { organizationId: organizationOf(request), vehicleCode: request.query.vehicle, shipmentNumbers: request.query.shipments }));
    return {
      vehicleCode: plan.vehicleCode, container: plan.container, stops: plan.stops, status: plan.status, placements: plan.placements, volumeUtilisation: plan.volumeUtilisation,
      packedWeightKg: plan.packedWeightKg, unpacked: plan.unpacked, issues: plan.issues, assumptions: plan.assumptions, svg: plan.svg,
      boxes: plan.boxes.map((b) => ({ id: b.id, shipmentNumber: b.shipmentNumber, packageNumber: b.packageNumber, sscc: b.sscc, lengthCm: b.lengthCm, widthCm: b.widthCm, heightCm: b.heightCm, sizeSource: b.sizeSource,
        ...(b.weightKg !== undefined ? { weightKg: b.weightKg } : {}), ...(b.stopSequence !== undefined ? { stopSequence: b.stopSequence } : {}) })),
    };
  });

  typed.post('/api/v1/shipments/loads', {
    config: { permission: 'warehouse:write' },
    schema: { tags: ['shipments'], body: ShipmentLoadManyRequest, response: { 200: ShipmentListResponse, ...errors } },
  }, async (request) => guarded(request, () => loadShipmentsOnVehicle(handle, {
    organizationId: organizationOf(request), shipmentNumbers: request.body.shipmentNumbers, loadedAt: request.body.loadedAt ?? new Date().toISOString(), actor: actorOf(request),
    ...(request.body.vehicleCode ? { vehicleCode: request.body.vehicleCode } : {}), ...(request.body.carrierCode ? { carrierCode: request.body.carrierCode } : {}),
  })));

  typed.post('/api/v1/shipments/:shipmentNumber/load', {
    config: { permission: 'warehouse:write' },
    schema: { tags: ['shipments'], params: ShipmentParams, body: ShipmentLoadRequest, response: { 200: ShipmentResponse, ...errors } },
  }, async (request) => {
    const [shipment] = await guarded(request, () => loadShipmentsOnVehicle(handle, {
      organizationId: organizationOf(request), shipmentNumbers: [request.params.shipmentNumber], loadedAt: request.body?.loadedAt ?? new Date().toISOString(), actor: actorOf(request),
      ...(request.body?.vehicleCode ? { vehicleCode: request.body.vehicleCode } : {}), ...(request.body?.carrierCode ? { carrierCode: request.body.carrierCode } : {}),
    }));
    return shipment!;
  });

  typed.post('/api/v1/shipments/:shipmentNumber/dispatch', {
    config: { permission: 'transport:write' },
    schema: { tags: ['shipments'], params: ShipmentParams, body: ShipmentDispatchRequest, response: { 200: ShipmentResponse, ...errors } },
  }, async (request) => guarded(request, () => dispatchShipment(handle, {
    organizationId: organizationOf(request), shipmentNumber: request.params.shipmentNumber, dispatchedAt: request.body?.dispatchedAt ?? new Date().toISOString(), actor: actorOf(request),
  })));

  typed.post('/api/v1/shipments/:shipmentNumber/deliver', {
    config: { permission: 'transport:write' },
    schema: { tags: ['shipments'], params: ShipmentParams, body: ShipmentDeliverRequest, response: { 200: ShipmentResponse, ...errors } },
  }, async (request) => {
    const body = request.body;
    return guarded(request, () => deliverShipment(handle, {
      organizationId: organizationOf(request), shipmentNumber: request.params.shipmentNumber, deliveredAt: body.deliveredAt ?? new Date().toISOString(), receivedBy: body.receivedBy, actor: actorOf(request),
      ...(body.signatureReference ? { signatureReference: body.signatureReference } : {}), ...(body.note ? { note: body.note } : {}),
      exceptions: (body.exceptions ?? []).map((e) => ({ exceptionType: e.exceptionType, quantity: e.quantity, ...(e.lineNumber !== undefined ? { lineNumber: e.lineNumber } : {}), ...(e.note ? { note: e.note } : {}) })),
    }));
  });

  typed.post('/api/v1/shipments/:shipmentNumber/cancel', {
    config: { permission: 'warehouse:write' },
    schema: { tags: ['shipments'], params: ShipmentParams, body: ShipmentCancelRequest, response: { 200: ShipmentResponse, ...errors } },
  }, async (request) => guarded(request, () => cancelShipment(handle, {
    organizationId: organizationOf(request), shipmentNumber: request.params.shipmentNumber, cancelledAt: new Date().toISOString(), actor: actorOf(request), ...(request.body?.reason ? { reason: request.body.reason } : {}),
  })));

  typed.get('/api/v1/trace/lots', {
    config: { permission: 'transport:read' },
    schema: { tags: ['shipments'], querystring: TraceLotQuery, response: { 200: TraceLotResponse, ...errors } },
  }, async (request) => guarded(request, () => traceLotForward(handle, { organizationId: organizationOf(request), itemCode: request.query.itemCode, lotNumber: request.query.lotNumber })));

  typed.get('/api/v1/trace/shipments/:shipmentNumber', {
    config: { permission: 'transport:read' },
    schema: { tags: ['shipments'], params: ShipmentParams, response: { 200: TraceShipmentResponse, ...errors } },
  }, async (request) => guarded(request, () => traceShipmentBackward(handle, { organizationId: organizationOf(request), shipmentNumber: request.params.shipmentNumber })));
}
