import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import type { EdiIssue } from '@flowpilot/core';

export type IntegrationInterchangeRow = {
  id: string; direction: 'in' | 'out'; senderId: string; recipientId: string; controlReference: string; status: 'accepted' | 'rejected' | 'sent';
  messageCount: number; duplicateCount: number; fileName: string | null; createdAt: string;
  messages: { reference: string; type: string; documentNumber: string; status: string; entity: string | null; entityKey: string | null }[];
};

/** A page of interchanges of an organization, newest first, with their messages. */
export async function listIntegrationInterchanges(handle: DatabaseHandle, options: { organizationId: string; page: number; pageSize: number; direction?: 'in' | 'out'; status?: string }): Promise<{ items: IntegrationInterchangeRow[]; total: number }> {
  const where = sql`organization_id = ${options.organizationId} and (${options.direction ?? null}::text is null or direction = ${options.direction ?? null}) and (${options.status ?? null}::text is null or status = ${options.status ?? null})`;
  const total = Number((await sql<{ n: string }>`select count(*)::text as n from edi_interchange where ${where}`.execute(handle.db)).rows[0]?.n ?? 0);
  const rows = (await sql<{ id: string; direction: 'in' | 'out'; sender_id: string; recipient_id: string; control_reference: string; status: 'accepted' | 'rejected' | 'sent'; message_count: number; duplicate_count: number; file_name: string | null; created_at: Date }>`
    select id, direction, sender_id, recipient_id, control_reference, status, message_count, duplicate_count, file_name, created_at from edi_interchange where ${where}
    order by created_at desc, id desc limit ${options.pageSize} offset ${(options.page - 1) * options.pageSize}`.execute(handle.db)).rows;
  const ids = rows.map((r) => r.id);
  const messages = ids.length === 0 ? [] : (await sql<{ interchange_id: string; message_reference: string; message_type: string; document_number: string; status: string; entity: string | null; entity_key: string | null }>`
    select interchange_id, message_reference, message_type, document_number, status, entity, entity_key from edi_message where interchange_id in (${sql.join(ids)}) order by message_reference`.execute(handle.db)).rows;
  return {
    total,
    items: rows.map((r) => ({
      id: r.id, direction: r.direction, senderId: r.sender_id, recipientId: r.recipient_id, controlReference: r.control_reference, status: r.status, messageCount: r.message_count,
      duplicateCount: r.duplicate_count, fileName: r.file_name, createdAt: new Date(r.created_at).toISOString(),
      messages: messages.filter((m) => m.interchange_id === r.id).map((m) => ({ reference: m.message_reference, type: m.message_type, documentNumber: m.document_number, status: m.status, entity: m.entity, entityKey: m.entity_key })),
    })),
  };
}

/** One interchange of the organization with its stored text, issues and acknowledgement; null when not there. */
export async function getIntegrationInterchange(handle: DatabaseHandle, organizationId: string, id: string): Promise<{ id: string; status: string; content: string; acknowledgement: string | null; issues: EdiIssue[] } | null> {
  const row = (await sql<{ id: string; status: string; content: string; acknowledgement: string | null; issues: EdiIssue[] }>`select id, status, content, acknowledgement, issues from edi_interchange where organization_id = ${organizationId} and id = ${id}`.execute(handle.db)).rows[0];
  return row ?? null;
}
