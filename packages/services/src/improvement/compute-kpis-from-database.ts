import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import {
  CoreError, KPI_CATALOG, evaluateKpis, isLineOnTimeInFull,
  type KpiActuals, type KpiDataset, type KpiDimension, type KpiEvaluationRow, type KpiId, type KpiOrderLine, type KpiPeriodGranularity, type KpiTargetOverride,
} from '@flowpilot/core';
import { isImprovementInvoiceOpen, loadImprovementInvoices, loadImprovementKpiActuals, type ImprovementKpiWindow } from './load-kpi-actuals';

/** Default measurement window: the 26 weeks (182 days) that end on `to`. */
export const IMPROVEMENT_DEFAULT_WINDOW_DAYS = 182;

export type ImprovementKpiOptions = {
  organizationId: string;
  /** Last day measured (default today, UTC). */
  to?: string;
  /** First day measured (default `to` − 181 days). */
  from?: string;
  period?: KpiPeriodGranularity;
  by?: KpiDimension;
  kpiIds?: KpiId[];
  /** Keep the ids of the records behind every value (default false: only their count). */
  includeRecordIds?: boolean;
};

/** One KPI value with its definition, formula, source and the records behind it. */
export type ImprovementKpiValue = Omit<KpiEvaluationRow, 'recordIds'> & {
  name: { en: string; fr: string };
  definition: { en: string; fr: string };
  formula: string;
  source: string;
  datasets: KpiDataset[];
  recordCount: number;
  recordIds?: string[];
};

export type ImprovementKpiResult = {
  organizationId: string;
  from: string;
  to: string;
  period: KpiPeriodGranularity;
  by: KpiDimension | 'all';
  values: ImprovementKpiValue[];
  /** Values of the latest period whose status is 'alert' or 'warning'. */
  alerts: ImprovementKpiValue[];
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function shiftDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Resolves the window (to = today by default, from = to − 181 days) and checks the dates. */
export function resolveImprovementWindow(options: { from?: string | undefined; to?: string | undefined }, today = new Date().toISOString().slice(0, 10)): { from: string; to: string } {
  const check = (field: string, value: string): string => {
    if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new CoreError('invalid_input', `${field} must be a date YYYY-MM-DD, got "${value}"`, { path: field });
    return value;
  };
  const to = check('to', options.to ?? today);
  const from = check('from', options.from ?? shiftDays(to, -(IMPROVEMENT_DEFAULT_WINDOW_DAYS - 1)));
  if (from > to) throw new CoreError('invalid_input', `from (${from}) is after to (${to})`, { path: 'from' });
  return { from, to };
}

/** The organization's KPI targets (kpi_target) as overrides of the catalogue defaults. */
export async function loadImprovementKpiTargets(handle: DatabaseHandle, organizationId: string): Promise<Partial<Record<KpiId, KpiTargetOverride>>> {
  const rows = (await sql<{ kpi_id: string; target_value: string | null; alert_threshold: string | null }>`
    select kpi_id, target_value::text, alert_threshold::text from kpi_target where organization_id = ${organizationId} order by kpi_id`.execute(handle.db)).rows;
  const targets: Partial<Record<KpiId, KpiTargetOverride>> = {};
  for (const row of rows) {
    if (!KPI_CATALOG.some((d) => d.id === row.kpi_id)) continue;
    targets[row.kpi_id as KpiId] = { target: row.target_value === null ? null : Number(row.target_value), alertThreshold: row.alert_threshold === null ? null : Number(row.alert_threshold) };
  }
  return targets;
}

function decorate(row: KpiEvaluationRow, includeRecordIds: boolean): ImprovementKpiValue {
  const definition = KPI_CATALOG.find((d) => d.id === row.kpiId)!;
  const { recordIds, ...rest } = row;
  const value: ImprovementKpiValue = {
    ...rest, name: definition.name, definition: definition.definition, formula: definition.formula, source: definition.source, datasets: definition.datasets, recordCount: recordIds.length,
  };
  if (includeRecordIds) value.recordIds = recordIds;
  return value;
}

/** Evaluates the catalogue on loaded actuals with the organization's targets (no I/O but the targets). */
async function evaluateOnActuals(handle: DatabaseHandle, options: ImprovementKpiOptions, actuals: KpiActuals, window: { from: string; to: string }) {
  const targets = await loadImprovementKpiTargets(handle, options.organizationId);
  return evaluateKpis({
    actuals, period: options.period ?? 'all', targets,
    ...(options.by ? { by: options.by } : {}),
    ...(options.kpiIds ? { kpiIds: options.kpiIds } : {}),
    options: { delivery: { asOfDate: window.to }, window },
  });
}

/**
 * KPIs computed from the database's actuals (orders and shipments, purchase receipts in the ledger,
 * production events, stock rebuilt from the ledger, cost entries and freight, forecasts made before
 * each week, customer and supplier invoices for the cash-to-cash cycle) over a window, per
 * period and dimension, each value with its definition, formula, source, target, status and the
 * records behind it. Example: 4 order lines due in March, 3 delivered on time and in full →
 * otif 0.75 (numerator 3, denominator 4). Throws invalid_input (dates), unknown_reference (KPI id).
 */
export async function computeKpisFromDatabase(handle: DatabaseHandle, options: ImprovementKpiOptions): Promise<ImprovementKpiResult> {
  const { from, to } = resolveImprovementWindow(options);
  const actuals = await loadImprovementKpiActuals(handle, { organizationId: options.organizationId, from, to });
  const result = await evaluateOnActuals(handle, options, actuals, { from, to });
  const values = result.rows.map((row) => decorate(row, options.includeRecordIds === true));
  const lastPeriod = values.reduce((max, v) => (v.periodKey > max ? v.periodKey : max), '');
  const alerts = values.filter((v) => v.periodKey === lastPeriod && (v.status === 'alert' || v.status === 'warning'));
  return { organizationId: options.organizationId, from, to, period: result.period, by: result.by, values, alerts };
}

/**
 * One record behind a KPI value, with the dataset it comes from (order lines also say why they
 * failed). The cash-to-cash cycle also lists the invoices behind its daily receivables and payables
 * (dataset 'invoices'), each with the days of the period it was open.
 */
export type ImprovementDrillRecord = { dataset: KpiDataset | 'invoices'; id: string; record: Record<string, unknown>; onTime?: boolean; inFull?: boolean; openDays?: number };

export type ImprovementDrillResult = {
  value: ImprovementKpiValue;
  records: ImprovementDrillRecord[];
  /** Records behind the value; `records` holds the first `limit` of them. */
  totalRecords: number;
};

/**
 * The records behind one KPI value (kpi, period key, dimension key) with their fields, so the
 * value can be recomputed by hand. Throws unknown_reference when the KPI or the group has no value.
 */
export async function drillImprovementKpi(handle: DatabaseHandle, options: ImprovementKpiOptions & { kpiId: KpiId; periodKey?: string; dimensionKey?: string; limit?: number }): Promise<ImprovementDrillResult> {
  const definition = KPI_CATALOG.find((d) => d.id === options.kpiId);
  if (!definition) throw new CoreError('unknown_reference', `Unknown KPI ${options.kpiId}: use one of ${KPI_CATALOG.map((d) => d.id).join(', ')}`, { path: 'kpiId' });
  const { from, to } = resolveImprovementWindow(options);
  const actuals = await loadImprovementKpiActuals(handle, { organizationId: options.organizationId, from, to });
  const result = await evaluateOnActuals(handle, { ...options, kpiIds: [options.kpiId] }, actuals, { from, to });
  const periodKey = options.periodKey ?? 'all';
  const dimensionKey = options.dimensionKey ?? 'all';
  const row = result.rows.find((r) => r.periodKey === periodKey && r.dimensionKey === dimensionKey);
  if (!row) throw new CoreError('unknown_reference', `No value of ${options.kpiId} for period ${periodKey} and group ${dimensionKey} between ${from} and ${to}`, { path: 'periodKey' });
  const wanted = new Set(row.recordIds);
  const records: ImprovementDrillRecord[] = [];
  for (const dataset of definition.datasets) {
    for (const record of (actuals[dataset] ?? []) as unknown as ({ id: string } & Record<string, unknown>)[]) {
      if (!wanted.has(record.id)) continue;
      const drill: ImprovementDrillRecord = { dataset, id: record.id, record };
      if (dataset === 'orderLines') Object.assign(drill, isLineOnTimeInFull(record as unknown as KpiOrderLine, { asOfDate: to }));
      records.push(drill);
    }
  }
  if (options.kpiId === 'cash-to-cash-cycle') records.push(...(await drillInvoices(handle, { organizationId: options.organizationId, from, to }, records)));
  const limit = options.limit ?? 500;
  return { value: decorate(row, false), records: records.slice(0, limit), totalRecords: records.length };
}

/**
 * The invoices behind the daily receivables and payables of a cash-to-cash value: those open at the
 * end of at least one day of the value's days, with `openDays` = the number of such days, so that
 * average receivables = Σ amount × openDays / days of the period (same for payables).
 */
async function drillInvoices(handle: DatabaseHandle, window: ImprovementKpiWindow, financials: ImprovementDrillRecord[]): Promise<ImprovementDrillRecord[]> {
  const days = financials.filter((r) => r.dataset === 'financials').map((r) => String(r.record.date)).sort();
  if (days.length === 0) return [];
  const drilled: ImprovementDrillRecord[] = [];
  for (const invoice of await loadImprovementInvoices(handle, { ...window, from: days[0]!, to: days[days.length - 1]! })) {
    const openDays = days.filter((day) => isImprovementInvoiceOpen(invoice, day)).length;
    if (openDays > 0 || (invoice.side === 'receivable' && days.includes(invoice.invoiceDate))) drilled.push({ dataset: 'invoices', id: invoice.id, record: { ...invoice, openDays }, openDays });
  }
  return drilled;
}
