import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '@flowpilot/db';
import type { EdiParty } from '@flowpilot/core';

/** A new id with a prefix that tells logs what it is (edi_…, whk_…). */
export function newIntegrationId(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
}

/** Next value of a per-organization counter (outgoing interchange references, SSCC serials), inside the caller's transaction. */
export async function nextIntegrationCounter(db: Kysely<Database>, organizationId: string, name: string): Promise<number> {
  const row = (await sql<{ value: string }>`insert into integration_counter (organization_id, name, value) values (${organizationId}, ${name}, 1)
    on conflict (organization_id, name) do update set value = integration_counter.value + 1 returning value::text`.execute(db)).rows[0];
  return Number(row?.value ?? 1);
}

/** Our party in interchanges: the organization's GLN (qualifier 14) when set, else its id (ZZZ, mutually defined). */
export async function ourEdiParty(db: Kysely<Database>, organizationId: string): Promise<EdiParty & { gs1CompanyPrefix: string | null }> {
  const row = (await sql<{ gln: string | null; gs1_company_prefix: string | null }>`select gln, gs1_company_prefix from organization where id = ${organizationId}`.execute(db)).rows[0];
  return row?.gln ? { id: row.gln, qualifier: '14', gs1CompanyPrefix: row.gs1_company_prefix } : { id: organizationId, qualifier: 'ZZZ', gs1CompanyPrefix: row?.gs1_company_prefix ?? null };
}

/** A partner's party: its GLN (qualifier 14) when known, else its code (ZZZ). */
export function partnerEdiParty(code: string, gln: string | null): EdiParty {
  return gln ? { id: gln, qualifier: '14' } : { id: code, qualifier: 'ZZZ' };
}

/** 'YYYY-MM-DD' and 'HH:MM' of a Date in UTC (interchange preparation stamp). */
export function ediStampOf(now: Date): { date: string; time: string } {
  const iso = now.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}
