import { mkdirSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { toDbError } from '@flowpilot/db';

export type IntegrationErpExportKind = 'purchase_orders' | 'purchase_proposals';

export type IntegrationErpExportOptions = {
  organizationId: string;
  kind: IntegrationErpExportKind;
  /** Folder the ERP picks files up from. */
  outDir: string;
  /** The caller's clock: names the file (`purchase_orders-20261124T0600Z.csv`). */
  now: Date;
  /** Export again what was already exported (default: only what is new since the last export). */
  all?: boolean;
};

export type IntegrationErpExportResult = { file: string | null; documentCount: number; rowCount: number };

export const ERP_PURCHASE_ORDER_COLUMNS = ['order_number', 'supplier_code', 'order_date', 'status', 'currency', 'line_number', 'item_code', 'location_code', 'quantity', 'unit_price', 'due_date'] as const;
export const ERP_PROPOSAL_COLUMNS = ['run_id', 'supplier_code', 'planned_order_id', 'item_code', 'location_code', 'quantity', 'unit_price', 'currency', 'release_date', 'due_date', 'price_basis'] as const;

/**
 * Exports approved purchase orders (status approved or sent) or the open proposals of the latest
 * proposals run to a CSV file for the ERP — by default only documents not exported before. The file is
 * written aside and renamed (a reader never sees half a file) and the export log is written in one
 * transaction with it, so a scheduled run (cron, job) never sends a document twice.
 */
export async function runIntegrationErpExport(handle: DatabaseHandle, options: IntegrationErpExportOptions): Promise<IntegrationErpExportResult> {
  const org = options.organizationId;
  const all = options.all === true;
  try {
    return await handle.db.transaction().execute(async (trx) => {
      let rows: Record<string, string | number | null>[];
      let keyOf: (row: Record<string, string | number | null>) => string;
      let kind: 'purchase_order' | 'purchase_proposal';
      if (options.kind === 'purchase_orders') {
        kind = 'purchase_order';
        rows = (await sql<Record<string, string | number | null>>`select o.order_number, o.supplier_code, o.order_date::text, o.status, o.currency, l.line_number, l.item_code, l.location_code,
            trim_scale(l.quantity)::text as quantity, trim_scale(l.unit_price)::text as unit_price, l.due_date::text
          from purchase_order o join purchase_order_line l on l.organization_id = o.organization_id and l.order_number = o.order_number
          where o.organization_id = ${org} and o.status in ('approved','sent')
            and (${all} or not exists (select 1 from erp_export_log x where x.organization_id = o.organization_id and x.kind = 'purchase_order' and x.document_key = o.order_number))
          order by o.order_number, l.line_number`.execute(trx)).rows;
        keyOf = (r) => String(r.order_number);
      } else {
        kind = 'purchase_proposal';
        rows = (await sql<Record<string, string | number | null>>`select p.run_id, p.supplier_code, p.planned_order_id, p.item_code, p.location_code, trim_scale(p.quantity)::text as quantity, trim_scale(p.unit_price)::text as unit_price,
            p.currency, p.release_date::text, p.due_date::text, p.price_basis
          from purchase_proposal_line p where p.organization_id = ${org} and p.status = 'proposed'
            and p.run_id = (select id from planning_run where organization_id = ${org} and run_type = 'proposals' and status = 'succeeded' order by created_at desc, id desc limit 1)
            and (${all} or not exists (select 1 from erp_export_log x where x.organization_id = p.organization_id and x.kind = 'purchase_proposal' and x.document_key = p.run_id || '/' || p.planned_order_id))
          order by p.supplier_code, p.due_date, p.item_code, p.planned_order_id`.execute(trx)).rows;
        keyOf = (r) => `${r.run_id}/${r.planned_order_id}`;
      }
      if (rows.length === 0) return { file: null, documentCount: 0, rowCount: 0 };
      const stamp = options.now.toISOString().replace(/[-:]/g, '').slice(0, 13) + 'Z';
      const fileName = `${options.kind}-${stamp}.csv`;
      const columns = options.kind === 'purchase_orders' ? ERP_PURCHASE_ORDER_COLUMNS : ERP_PROPOSAL_COLUMNS;
      const text = Papa.unparse({ fields: [...columns], data: rows.map((r) => columns.map((c) => r[c] ?? '')) }, { newline: '\n' }) + '\n';
      const keys = [...new Set(rows.map(keyOf))];
      for (const key of keys) {
        await sql`insert into erp_export_log (organization_id, kind, document_key, file_name) values (${org}, ${kind}, ${key}, ${fileName})
          on conflict (organization_id, kind, document_key) do update set file_name = excluded.file_name, exported_at = now()`.execute(trx);
      }
      mkdirSync(options.outDir, { recursive: true });
      const path = join(options.outDir, fileName);
      writeFileSync(`${path}.part`, text);
      renameSync(`${path}.part`, path);
      return { file: path, documentCount: keys.length, rowCount: rows.length };
    });
  } catch (error) {
    throw toDbError(error);
  }
}
