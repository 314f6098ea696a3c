import { sql, type Kysely } from 'kysely';
import type { Database, DatabaseHandle } from '@flowpilot/db';
import { DbError, toDbError } from '@flowpilot/db';
import {
  buildContrlMessage, tokenizeEdifact, validateEdifactEnvelope, writeEdifactInterchange,
  type EdiIssue, type EdiParty, type EdifactInterchange,
} from '@flowpilot/core';
import { ensureOrganization } from '../organizations/ensure-organization';
import { planInboundEdiMessage, type InboundMessagePlan } from './map-inbound-edi-message';
import { recordAuditEntry, type AuditActor } from '../auth/audit';
import { INTEGRATION_CLI_ACTOR } from './webhooks';
import { ediStampOf, newIntegrationId, nextIntegrationCounter, ourEdiParty } from './integration-ids';

export type IntegrationReceiveOptions = {
  organizationId: string;
  /** The interchange as text (already decoded; see `integrationDecodeEdiBytes`). */
  text: string;
  fileName?: string;
  receivedBy?: string;
  /** Who posted it, for the audit trail (the command line when absent). */
  actor?: AuditActor;
  /** The caller's clock: stamps the CONTRL answer. */
  now: Date;
};

export type IntegrationReceivedMessage = { reference: string; type: string; documentNumber: string; status: 'accepted' | 'rejected'; entity: string | null; entityKey: string | null };

export type IntegrationReceiveResult = {
  interchangeId: string;
  /** accepted: every message applied; rejected: nothing applied; duplicate: this interchange was already accepted, nothing applied again. */
  status: 'accepted' | 'rejected' | 'duplicate';
  sender: EdiParty;
  controlReference: string;
  messages: IntegrationReceivedMessage[];
  issues: EdiIssue[];
  /** The CONTRL interchange answering it (the stored one for a duplicate). */
  acknowledgement: string;
};

/** Decodes interchange bytes: UTF-8 when valid (UNOW/UNOY or plain ASCII), else ISO 8859-1 (UNOC and the other Latin sets). */
export function integrationDecodeEdiBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

/**
 * Receives one EDIFACT interchange exactly once, all-or-nothing:
 * 1. syntax (UNA, release character, character set) and envelope (UNB/UNZ, UNH/UNT counts and references);
 * 2. an interchange already accepted from the same sender with the same control reference is a duplicate:
 *    nothing is applied again and the CONTRL sent the first time is returned;
 * 3. each message is read (ORDERS → sales order, DESADV → expected receipts, INVOIC → supplier invoice,
 *    RECADV → receiving advice and shipment delivered, CONTRL → stored) and mapped to our master data;
 *    a document number already accepted from that sender is a duplicate message;
 * 4. with any issue, nothing is applied and the interchange is kept as rejected with its issues; else the
 *    interchange, its messages and every domain row are written in one transaction.
 * A CONTRL answers either way: UCI/UCM action 7 (acknowledged) or 4 (rejected) with UCS/UCD positions.
 */
export async function runReceiveEdiInterchange(handle: DatabaseHandle, options: IntegrationReceiveOptions): Promise<IntegrationReceiveResult> {
  const org = options.organizationId;
  const tokens = tokenizeEdifact(options.text);
  const envelope = validateEdifactEnvelope(tokens.segments);
  const interchange = envelope.interchange;
  const issues: EdiIssue[] = tokens.issues.length > 0 ? tokens.issues : envelope.issues;
  const readable = tokens.issues.length === 0;
  await ensureOrganization(handle.db, org);
  // An interchange addressed to another GLN was misrouted: refuse it rather than book someone else's orders.
  const us = await ourEdiParty(handle.db, org);
  if (readable && us.qualifier === '14' && interchange.recipient.id !== '' && interchange.recipient.id !== us.id) {
    issues.push({ code: 'wrong_recipient', segmentTag: 'UNB', segmentPosition: 1, elementPosition: 3, componentPosition: 1, messageReference: null, params: { value: interchange.recipient.id, expected: us.id } });
  }

  if (interchange.controlReference !== '' && interchange.sender.id !== '') {
    const duplicate = await findAcceptedInterchange(handle.db, org, interchange);
    if (duplicate) {
      return duplicateOf(handle.db, interchange, duplicate);
    }
  }

  const plans: InboundMessagePlan[] = [];
  if (readable) {
    const seen = new Set<string>();
    for (const message of interchange.messages) {
      const plan = await planInboundEdiMessage(handle.db, org, interchange, message);
      if (plan.documentNumber !== '') {
        const key = `${plan.type}\u0001${plan.documentNumber}`;
        const already = seen.has(key) || (await sql<{ n: string }>`select count(*)::text as n from edi_message where organization_id = ${org} and direction = 'in' and sender_id = ${interchange.sender.id}
          and message_type = ${plan.type} and document_number = ${plan.documentNumber} and status = 'accepted'`.execute(handle.db)).rows[0]?.n !== '0';
        seen.add(key);
        if (already) {
          const bgm = message.segments.find((s) => s.tag === 'BGM');
          // The duplicate is the reason: other findings (e.g. the order number now taken by the first copy) would only mislead.
          plan.issues.splice(0, plan.issues.length);
          plan.issues.push({ code: 'duplicate_message', segmentTag: bgm?.tag ?? 'UNH', segmentPosition: bgm?.position ?? message.headerPosition, elementPosition: 2, componentPosition: 1, messageReference: message.reference, params: { value: plan.documentNumber } });
          plan.write = null;
        }
      }
      plans.push(plan);
    }
    for (const plan of plans) issues.push(...plan.issues.filter((i) => !issues.includes(i)));
  }
  const status = issues.length > 0 ? 'rejected' : 'accepted';
  const interchangeId = newIntegrationId('edi');
  const messages: IntegrationReceivedMessage[] = interchange.messages.map((m, i) => {
    const plan = plans[i];
    const rejected = status === 'rejected';
    return { reference: m.reference, type: m.type, documentNumber: plan?.documentNumber ?? '', status: rejected ? 'rejected' : 'accepted', entity: rejected ? null : plan?.entity ?? null, entityKey: rejected ? null : plan?.entityKey ?? null };
  });
  try {
    const written = await handle.db.transaction().execute(async (trx) => {
      if (interchange.controlReference !== '' && interchange.sender.id !== '') {
        // Two receptions of one interchange at once: the second waits here, then finds the first accepted (its messages may
        // already have been seen as duplicates while planning; the interchange is the duplicate, not a rejection).
        await sql`select pg_advisory_xact_lock(hashtext(${`edi-in\u0001${org}\u0001${interchange.sender.id}\u0001${interchange.controlReference}`}))`.execute(trx);
        const first = await findAcceptedInterchange(trx, org, interchange);
        if (first !== undefined) return { kind: 'duplicate' as const, first };
      }
      const acknowledgement = await writeAcknowledgement(trx, org, interchange, issues, options.now);
      await sql`insert into edi_interchange (id, organization_id, direction, sender_id, sender_qualifier, recipient_id, recipient_qualifier, control_reference, syntax_identifier, status, message_count, issues, content, acknowledgement, file_name, created_by)
        values (${interchangeId}, ${org}, 'in', ${interchange.sender.id}, ${interchange.sender.qualifier}, ${interchange.recipient.id}, ${interchange.recipient.qualifier}, ${interchange.controlReference}, ${interchange.syntaxIdentifier},
          ${status}, ${interchange.messages.length}, ${JSON.stringify(issues)}::jsonb, ${options.text}, ${acknowledgement}, ${options.fileName ?? null}, ${options.receivedBy ?? null})`.execute(trx);
      for (const [i, message] of messages.entries()) {
        const own = issues.filter((issue) => issue.messageReference === message.reference);
        await sql`insert into edi_message (interchange_id, message_reference, organization_id, direction, sender_id, message_type, document_number, status, entity, entity_key, issues)
          values (${interchangeId}, ${message.reference}, ${org}, 'in', ${interchange.sender.id}, ${message.type}, ${message.documentNumber}, ${message.status}, ${message.entity}, ${message.entityKey}, ${JSON.stringify(own)}::jsonb)
          on conflict (interchange_id, message_reference) do nothing`.execute(trx);
        if (status === 'accepted') await plans[i]?.write?.(trx, interchangeId);
      }
      await recordAuditEntry(trx, { organizationId: org, actor: options.actor ?? INTEGRATION_CLI_ACTOR, action: 'receive', entity: 'edi_interchange', entityKey: interchangeId,
        after: { status, senderId: interchange.sender.id, controlReference: interchange.controlReference, fileName: options.fileName ?? null, messages: messages.map((m) => ({ type: m.type, documentNumber: m.documentNumber, status: m.status, entity: m.entity, entityKey: m.entityKey })), issueCount: issues.length } });
      return { kind: 'written' as const, acknowledgement };
    });
    if (written.kind === 'duplicate') return duplicateOf(handle.db, interchange, written.first);
    const acknowledgement = written.acknowledgement;
    return { interchangeId, status, sender: interchange.sender, controlReference: interchange.controlReference, messages, issues, acknowledgement };
  } catch (error) {
    const dbError = error instanceof DbError ? error : toDbError(error);
    // Received twice at the same moment: the unique index let one through; the other is a duplicate.
    if (dbError.kind === 'unique_violation' && status === 'accepted') {
      const duplicate = await findAcceptedInterchange(handle.db, org, interchange);
      if (duplicate) return duplicateOf(handle.db, interchange, duplicate);
    }
    throw dbError;
  }
}

/** The answer for an interchange already accepted: counted as received again, nothing applied, its stored CONTRL returned. */
async function duplicateOf(db: Kysely<Database>, interchange: EdifactInterchange, first: { id: string; acknowledgement: string | null }): Promise<IntegrationReceiveResult> {
  await sql`update edi_interchange set duplicate_count = duplicate_count + 1 where id = ${first.id}`.execute(db);
  return { interchangeId: first.id, status: 'duplicate', sender: interchange.sender, controlReference: interchange.controlReference, messages: await loadMessages(db, first.id), issues: [], acknowledgement: first.acknowledgement ?? '' };
}

async function findAcceptedInterchange(db: Kysely<Database>, org: string, interchange: EdifactInterchange): Promise<{ id: string; acknowledgement: string | null } | undefined> {
  return (await sql<{ id: string; acknowledgement: string | null }>`select id, acknowledgement from edi_interchange where organization_id = ${org} and direction = 'in'
    and sender_id = ${interchange.sender.id} and control_reference = ${interchange.controlReference} and status = 'accepted'`.execute(db)).rows[0];
}

async function loadMessages(db: Kysely<Database>, interchangeId: string): Promise<IntegrationReceivedMessage[]> {
  const rows = (await sql<{ message_reference: string; message_type: string; document_number: string; status: 'accepted' | 'rejected'; entity: string | null; entity_key: string | null }>`
    select message_reference, message_type, document_number, status, entity, entity_key from edi_message where interchange_id = ${interchangeId} order by message_reference`.execute(db)).rows;
  return rows.map((r) => ({ reference: r.message_reference, type: r.message_type, documentNumber: r.document_number, status: r.status, entity: r.entity, entityKey: r.entity_key }));
}

/** The CONTRL interchange answering `interchange`, from its recipient back to its sender, with our next control reference. */
async function writeAcknowledgement(trx: Kysely<Database>, org: string, interchange: EdifactInterchange, issues: readonly EdiIssue[], now: Date): Promise<string> {
  const number = await nextIntegrationCounter(trx, org, 'contrl');
  const stamp = ediStampOf(now);
  const recipient = interchange.sender.id === '' ? { id: 'UNKNOWN', qualifier: 'ZZZ' } : interchange.sender;
  const sender = interchange.recipient.id === '' ? { id: org, qualifier: 'ZZZ' } : interchange.recipient;
  return writeEdifactInterchange({
    sender, recipient, controlReference: `C${number}`, preparedDate: stamp.date, preparedTime: stamp.time, syntaxIdentifier: 'UNOC',
    messages: [buildContrlMessage(interchange, issues, '1')],
  });
}
