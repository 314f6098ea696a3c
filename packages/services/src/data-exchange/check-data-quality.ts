import { sql } from 'kysely';
import { translate, type Language } from '@flowpilot/contract';
import type { DatabaseHandle } from '@flowpilot/db';
import { findGraphCycles } from './find-graph-cycles';

/** The checks `flowpilot check` runs on stored data, each with a severity. */
export type DataQualityCheck =
  | 'bom_cycle' | 'buy_item_without_supplier' | 'make_item_without_bom' | 'make_item_without_routing' | 'buy_item_zero_lead_time'
  | 'expired_stock' | 'ledger_mismatch' | 'customer_without_coordinates' | 'supplier_price_zero'
  | 'past_due_purchase' | 'past_due_sales' | 'dead_stock' | 'sales_outlier';

export type DataQualityFinding = {
  check: DataQualityCheck;
  severity: 'error' | 'warning';
  entity: string;
  key: string;
  params: Record<string, string | number>;
};

export type DataQualityReport = {
  organizationId: string;
  today: string;
  checks: { check: DataQualityCheck; severity: 'error' | 'warning'; findingCount: number }[];
  findings: DataQualityFinding[];
  errorCount: number;
  warningCount: number;
};

export function formatDataQualityFinding(finding: DataQualityFinding, language: Language): string {
  return `${finding.entity} ${finding.key}: ${translate(language, `quality.${finding.check}.finding`, finding.params)}`;
}

type CheckDefinition = {
  check: DataQualityCheck;
  severity: 'error' | 'warning';
  run(handle: DatabaseHandle, org: string, today: string): Promise<DataQualityFinding[]>;
};

const rows = async <T>(handle: DatabaseHandle, query: ReturnType<typeof sql<T>>): Promise<T[]> => (await query.execute(handle.db)).rows;

const CHECKS: CheckDefinition[] = [
  {
    check: 'bom_cycle', severity: 'error',
    async run(handle, org) {
      const edges = await rows(handle, sql<{ parent: string; component: string }>`select distinct parent_item_code as parent, component_item_code as component from bom_line where organization_id = ${org} order by 1, 2`);
      return findGraphCycles(edges.map((e) => ({ from: e.parent, to: e.component }))).map(({ nodes, closingEdge }) => ({ check: 'bom_cycle', severity: 'error', entity: 'item', key: closingEdge.to, params: { cycle: nodes.join(' → ') } }));
    },
  },
  {
    check: 'buy_item_without_supplier', severity: 'error',
    async run(handle, org) {
      const found = await rows(handle, sql<{ code: string }>`select i.code from item i where i.organization_id = ${org} and i.make_or_buy = 'buy' and i.active and not exists (select 1 from supply_term s where s.organization_id = i.organization_id and s.item_code = i.code) order by i.code`);
      return found.map((r) => ({ check: 'buy_item_without_supplier', severity: 'error', entity: 'item', key: r.code, params: {} }));
    },
  },
  {
    check: 'make_item_without_bom', severity: 'error',
    async run(handle, org) {
      const found = await rows(handle, sql<{ code: string }>`select i.code from item i where i.organization_id = ${org} and i.make_or_buy = 'make' and i.active and not exists (select 1 from bom b where b.organization_id = i.organization_id and b.parent_item_code = i.code and b.status = 'active') order by i.code`);
      return found.map((r) => ({ check: 'make_item_without_bom', severity: 'error', entity: 'item', key: r.code, params: {} }));
    },
  },
  {
    check: 'make_item_without_routing', severity: 'warning',
    async run(handle, org) {
      const found = await rows(handle, sql<{ code: string }>`select i.code from item i where i.organization_id = ${org} and i.make_or_buy = 'make' and i.active and not exists (select 1 from routing_operation r where r.organization_id = i.organization_id and r.item_code = i.code) order by i.code`);
      return found.map((r) => ({ check: 'make_item_without_routing', severity: 'warning', entity: 'item', key: r.code, params: {} }));
    },
  },
  {
    check: 'buy_item_zero_lead_time', severity: 'warning',
    async run(handle, org) {
      const found = await rows(handle, sql<{ item_code: string; supplier_code: string }>`select item_code, supplier_code from supply_term where organization_id = ${org} and lead_time_days = 0 order by 1, 2`);
      return found.map((r) => ({ check: 'buy_item_zero_lead_time', severity: 'warning', entity: 'supply_term', key: `${r.item_code}/${r.supplier_code}`, params: {} }));
    },
  },
  {
    check: 'expired_stock', severity: 'warning',
    async run(handle, org, today) {
      const found = await rows(handle, sql<{ item_code: string; location_code: string; lot_number: string; quantity: string; expiry_date: string }>`select item_code, location_code, lot_number, quantity, expiry_date from stock_lot where organization_id = ${org} and status = 'available' and expiry_date < ${today} and quantity > 0 order by 1, 2, 3`);
      return found.map((r) => ({ check: 'expired_stock', severity: 'warning', entity: 'stock_lot', key: `${r.item_code}@${r.location_code}/${r.lot_number}`, params: { quantity: Number(r.quantity), expiry: r.expiry_date } }));
    },
  },
  {
    check: 'ledger_mismatch', severity: 'error',
    async run(handle, org) {
      const found = await rows(handle, sql<{ item_code: string; location_code: string; on_hand: string; ledger: string }>`
        with lots as (select item_code, location_code, sum(quantity) as q from stock_lot where organization_id = ${org} group by 1, 2),
             moves as (select item_code, location_code, sum(quantity) as q from inventory_movement where organization_id = ${org} group by 1, 2)
        select coalesce(l.item_code, m.item_code) as item_code, coalesce(l.location_code, m.location_code) as location_code,
               coalesce(l.q, 0)::text as on_hand, coalesce(m.q, 0)::text as ledger
        from lots l full outer join moves m on m.item_code = l.item_code and m.location_code = l.location_code
        where coalesce(l.q, 0) <> coalesce(m.q, 0) order by 1, 2`);
      return found.map((r) => ({ check: 'ledger_mismatch', severity: 'error', entity: 'stock_point', key: `${r.item_code}@${r.location_code}`, params: { onHand: Number(r.on_hand), ledger: Number(r.ledger) } }));
    },
  },
  {
    check: 'customer_without_coordinates', severity: 'warning',
    async run(handle, org) {
      const found = await rows(handle, sql<{ code: string }>`select code from customer where organization_id = ${org} and (latitude is null or longitude is null) order by code`);
      return found.map((r) => ({ check: 'customer_without_coordinates', severity: 'warning', entity: 'customer', key: r.code, params: {} }));
    },
  },
  {
    check: 'supplier_price_zero', severity: 'warning',
    async run(handle, org) {
      const found = await rows(handle, sql<{ item_code: string; supplier_code: string }>`select item_code, supplier_code from supply_term where organization_id = ${org} and unit_price = 0 order by 1, 2`);
      return found.map((r) => ({ check: 'supplier_price_zero', severity: 'warning', entity: 'supply_term', key: `${r.item_code}/${r.supplier_code}`, params: {} }));
    },
  },
  {
    check: 'past_due_purchase', severity: 'warning',
    async run(handle, org, today) {
      const found = await rows(handle, sql<{ order_number: string; line_number: number; due_date: string; open_quantity: string }>`select l.order_number, l.line_number, l.due_date, (l.quantity - l.received_quantity)::text as open_quantity from purchase_order_line l join purchase_order o on o.organization_id = l.organization_id and o.order_number = l.order_number where l.organization_id = ${org} and o.status in ('approved','sent','partially_received') and l.due_date < ${today} and l.quantity > l.received_quantity order by l.due_date, 1, 2`);
      return found.map((r) => ({ check: 'past_due_purchase', severity: 'warning', entity: 'purchase_order_line', key: `${r.order_number}/${r.line_number}`, params: { due: r.due_date, quantity: Number(r.open_quantity) } }));
    },
  },
  {
    check: 'past_due_sales', severity: 'warning',
    async run(handle, org, today) {
      const found = await rows(handle, sql<{ order_number: string; line_number: number; requested_date: string; open_quantity: string }>`select l.order_number, l.line_number, l.requested_date, (l.quantity - l.shipped_quantity)::text as open_quantity from sales_order_line l join sales_order o on o.organization_id = l.organization_id and o.order_number = l.order_number where l.organization_id = ${org} and o.status in ('open','confirmed','partially_shipped') and l.requested_date < ${today} and l.quantity > l.shipped_quantity order by l.requested_date, 1, 2`);
      return found.map((r) => ({ check: 'past_due_sales', severity: 'warning', entity: 'sales_order_line', key: `${r.order_number}/${r.line_number}`, params: { due: r.requested_date, quantity: Number(r.open_quantity) } }));
    },
  },
  {
    check: 'dead_stock', severity: 'warning',
    async run(handle, org, today) {
      const found = await rows(handle, sql<{ item_code: string; location_code: string; quantity: string }>`
        select s.item_code, s.location_code, sum(s.quantity)::text as quantity from stock_lot s join item i on i.organization_id = s.organization_id and i.code = s.item_code
        where s.organization_id = ${org} and i.item_type = 'finished_good' and s.quantity > 0
          and not exists (select 1 from sales_history h where h.organization_id = s.organization_id and h.item_code = s.item_code and h.location_code = s.location_code and h.sale_date > (${today}::date - 365))
        group by 1, 2 order by 1, 2`);
      return found.map((r) => ({ check: 'dead_stock', severity: 'warning', entity: 'stock_point', key: `${r.item_code}@${r.location_code}`, params: { quantity: Number(r.quantity) } }));
    },
  },
];

/** Runs every data-quality check on an organization's stored data and lists what each found. */
export async function checkDataQuality(handle: DatabaseHandle, options: { organizationId: string; today: string }): Promise<DataQualityReport> {
  const findings: DataQualityFinding[] = [];
  const checks: DataQualityReport['checks'] = [];
  for (const definition of CHECKS) {
    const found = await definition.run(handle, options.organizationId, options.today);
    findings.push(...found);
    checks.push({ check: definition.check, severity: definition.severity, findingCount: found.length });
  }
  const errorCount = findings.filter((f) => f.severity === 'error').length;
  return { organizationId: options.organizationId, today: options.today, checks, findings, errorCount, warningCount: findings.length - errorCount };
}
