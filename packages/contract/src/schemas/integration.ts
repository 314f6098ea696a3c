import { z } from 'zod';
import { PageQuery, pageOf } from './common';

/** An EDI issue located in the interchange (segment position counted from UNB = 1). */
export const EdiIssueSchema = z.object({
  code: z.string().describe('closed list: syntax_error, count_mismatch, unknown_item, duplicate_message…'),
  segmentTag: z.string().nullable(),
  segmentPosition: z.number().int().nullable(),
  elementPosition: z.number().int().nullable(),
  componentPosition: z.number().int().nullable(),
  messageReference: z.string().nullable(),
  message: z.string().describe('where and why, in the caller\'s language'),
});

export const EdiReceiveBody = z.object({
  content: z.string().min(1).max(10_000_000).describe('the EDIFACT interchange text (UNA optional, UNB … UNZ)'),
  fileName: z.string().max(255).optional(),
});

export const EdiReceivedMessage = z.object({
  reference: z.string(), type: z.string(), documentNumber: z.string(), status: z.enum(['accepted', 'rejected']),
  entity: z.string().nullable(), entityKey: z.string().nullable(),
});

export const EdiReceiveResponse = z.object({
  interchangeId: z.string(),
  status: z.enum(['accepted', 'rejected', 'duplicate']).describe('rejected: nothing written; duplicate: already accepted before, nothing written again'),
  senderId: z.string(),
  controlReference: z.string(),
  messages: z.array(EdiReceivedMessage),
  issues: z.array(EdiIssueSchema),
  acknowledgement: z.string().describe('CONTRL interchange answering it'),
});
export type EdiReceiveResponse = z.infer<typeof EdiReceiveResponse>;

export const EdiInterchangeListQuery = PageQuery.extend({
  direction: z.enum(['in', 'out']).optional(),
  status: z.enum(['accepted', 'rejected', 'sent']).optional(),
});

export const EdiInterchangeSummary = z.object({
  id: z.string(), direction: z.enum(['in', 'out']), senderId: z.string(), recipientId: z.string(), controlReference: z.string(),
  status: z.enum(['accepted', 'rejected', 'sent']), messageCount: z.number().int(), duplicateCount: z.number().int(), fileName: z.string().nullable(), createdAt: z.string(),
  messages: z.array(z.object({ reference: z.string(), type: z.string(), documentNumber: z.string(), status: z.string(), entity: z.string().nullable(), entityKey: z.string().nullable() })),
});
export const EdiInterchangePage = pageOf(EdiInterchangeSummary);

export const EdiInterchangeDetail = z.object({ id: z.string(), status: z.string(), content: z.string(), acknowledgement: z.string().nullable(), issues: z.array(EdiIssueSchema) });

export const EdiOutboundParams = z.object({
  type: z.enum(['ORDERS', 'ORDRSP', 'DESADV']).describe('ORDERS: a purchase order; ORDRSP: a sales order (promised dates); DESADV: a shipment'),
  id: z.string().min(1).max(100),
});

export const EdiOutboundResponse = z.object({
  interchangeId: z.string(), controlReference: z.string(), messageType: z.enum(['ORDERS', 'ORDRSP', 'DESADV']), documentNumber: z.string(),
  recipient: z.object({ id: z.string(), qualifier: z.string() }),
  text: z.string().describe('the EDIFACT interchange to send'),
  promises: z.array(z.object({ lineNumber: z.number().int(), requestedDate: z.string(), promisedDate: z.string(), basis: z.enum(['on_hand', 'scheduled_receipt', 'lead_time']), cumulativeDemand: z.number(), cumulativeSupply: z.number() })).optional(),
  assignedSsccs: z.array(z.object({ lineNumber: z.number().int(), sscc: z.string() })).optional(),
});

export const MappingColumnSchema = z.object({
  target: z.string().min(1), source: z.string().min(1).optional(), default: z.string().optional(),
  values: z.record(z.string(), z.string()).optional(), decimalComma: z.boolean().optional(), factor: z.number().positive().optional(),
  date: z.enum(['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'YYYYMMDD', 'DD-MM-YYYY']).optional(),
});
export const MappingDefinitionSchema = z.object({ targets: z.array(z.object({ entity: z.string(), columns: z.array(MappingColumnSchema).min(1) })).min(1) });
export const MappingProfileBody = z.object({ name: z.string().min(1).max(200), definition: MappingDefinitionSchema });
export const MappingProfileSchema = z.object({ code: z.string(), name: z.string(), definition: MappingDefinitionSchema, updatedAt: z.string() });
export const MappingProfilePage = pageOf(MappingProfileSchema);
export const MappingCodeParams = z.object({ code: z.string().min(1).max(100).regex(/^[A-Za-z0-9_.-]+$/) });

export const WEBHOOK_EVENTS = ['plan.published', 'purchase_order.approved', 'shipment.dispatched'] as const;
export const WebhookCreateBody = z.object({
  url: z.string().url().max(2000), events: z.array(z.enum(WEBHOOK_EVENTS)).min(1),
  secret: z.string().min(16).max(200).optional().describe('shared HMAC secret; generated when omitted (returned once)'),
});
export const WebhookSchema = z.object({ id: z.string(), url: z.string(), events: z.array(z.enum(WEBHOOK_EVENTS)), active: z.boolean(), createdAt: z.string() });
export const WebhookCreated = WebhookSchema.extend({ secret: z.string() });
export const WebhookPage = pageOf(WebhookSchema);
export const WebhookDeliverySchema = z.object({
  id: z.string(), eventType: z.string(), eventId: z.string(), subscriptionId: z.string(), url: z.string(), status: z.string(), attemptCount: z.number().int(),
  nextAttemptAt: z.string(), lastStatusCode: z.number().int().nullable(), lastError: z.string().nullable(),
});
export const WebhookDeliveryPage = pageOf(WebhookDeliverySchema);
