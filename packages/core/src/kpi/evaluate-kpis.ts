import { CoreError, assertNever } from '../shared/core-error';
import type { KpiActuals, KpiDimension, KpiMeasurement } from './types';
import { KPI_CATALOG, KPI_DATASET_DATE_FIELDS, type KpiDataset, type KpiDefinition, type KpiDirection, type KpiId, type KpiUnit } from './kpi-catalog';
import { computeOnTimeInFull, type DeliveryKpiOptions } from './on-time-in-full';
import { computeFillRate } from './fill-rate';
import { computePerfectOrderRate } from './perfect-order-rate';
import { computeOrderCycleTimeDays, computeSupplierLeadTimeDays } from './order-cycle-time';
import {
  computeForecastBias,
  computeMeanAbsolutePercentageError,
  computeMeanAbsoluteScaledError,
  computeNaiveMaeByItem,
  computeWeightedAbsolutePercentageError,
} from './forecast-accuracy';
import { computeDaysOfSupply, computeInventoryTurns } from './inventory-turns';
import { computeInventoryRecordAccuracy, computeStockOutRate, type RecordAccuracyTolerance } from './stock-out-rate';
import { computeSupplierOnTimeRate } from './supplier-on-time-rate';
import { computeCapacityUtilisation, computeOverallEquipmentEffectiveness } from './overall-equipment-effectiveness';
import { computeCo2PerUnitShipped, computeLogisticsCostPerOrder, computeLogisticsCostPerUnit, computeLogisticsCostShareOfSales } from './logistics-cost-kpis';
import { computeCashToCashCycleDays } from './cash-to-cash-cycle';
import { periodKeyDays, periodKeyDaysWithin, toIsoWeekKey, toMonthKey } from './internal/iso-date';

/** Record field read for each grouping dimension. */
export const KPI_DIMENSION_FIELDS: Record<KpiDimension, string> = {
  item: 'itemId',
  family: 'family',
  customer: 'customerId',
  supplier: 'supplierId',
  site: 'siteId',
  carrier: 'carrierId',
  resource: 'resourceId',
};

export const KPI_DIMENSIONS = Object.keys(KPI_DIMENSION_FIELDS) as KpiDimension[];

/** Period granularity: one bucket for everything, ISO months or ISO weeks. */
export type KpiPeriodGranularity = 'all' | 'month' | 'week';

/** ok: meets target; warning: between target and alert threshold; alert: beyond it. */
export type KpiStatus = 'ok' | 'warning' | 'alert' | 'no-data' | 'no-target';

export type KpiTargetOverride = { target: number | null; alertThreshold: number | null };

export type KpiEvaluationInput = {
  actuals: KpiActuals;
  /** KPIs to compute; default: every KPI whose datasets hold records. */
  kpiIds?: KpiId[];
  period?: KpiPeriodGranularity;
  /** Group by a dimension; records without the field fall in the `(none)` group. */
  by?: KpiDimension;
  targets?: Partial<Record<KpiId, KpiTargetOverride>>;
  options?: {
    delivery?: DeliveryKpiOptions;
    recordAccuracy?: RecordAccuracyTolerance;
    supplierLateToleranceDays?: number;
    maseSeasonalPeriod?: number;
    /**
     * The window the actuals were taken from (ISO dates, both included): a month or week cut by it
     * counts only its days inside when inventory turns are annualised and days of supply computed.
     */
    window?: { from: string; to: string };
  };
};

/** One KPI value of one (period, dimension) group, with everything needed to explain it. */
export type KpiEvaluationRow = {
  kpiId: KpiId;
  periodKey: string;
  dimensionKey: string;
  value: number | null;
  unit: KpiUnit;
  direction: KpiDirection;
  target: number | null;
  alertThreshold: number | null;
  status: KpiStatus;
  numerator: number;
  denominator: number;
  recordIds: string[];
  components?: Record<string, number | null>;
};

export type KpiEvaluationResult = {
  period: KpiPeriodGranularity;
  by: KpiDimension | 'all';
  rows: KpiEvaluationRow[];
};

/** The label of records that lack the grouping field. */
export const KPI_NO_DIMENSION = '(none)';

/**
 * Status of a value against target and alert threshold.
 * higher-is-better: ok if v ≥ target, alert if v < alert, else warning; lower-is-better mirrors it;
 * closer-to-zero compares |v|. Example: OTIF 0.92 with target 0.95, alert 0.90 → warning.
 */
export function computeKpiStatus(value: number | null, direction: KpiDirection, target: number | null, alertThreshold: number | null): KpiStatus {
  if (value === null) return 'no-data';
  if (target === null) return 'no-target';
  const alert = alertThreshold ?? target;
  switch (direction) {
    case 'higher-is-better':
      return value >= target ? 'ok' : value < alert ? 'alert' : 'warning';
    case 'lower-is-better':
      return value <= target ? 'ok' : value > alert ? 'alert' : 'warning';
    case 'closer-to-zero':
      return Math.abs(value) <= target ? 'ok' : Math.abs(value) > alert ? 'alert' : 'warning';
    default:
      return assertNever(direction, 'direction');
  }
}

type Group = { periodKey: string; dimensionKey: string; data: KpiActuals };

function periodKeyOf(record: Record<string, unknown>, dataset: KpiDataset, period: KpiPeriodGranularity, index: number): string {
  if (period === 'all') return 'all';
  const field = KPI_DATASET_DATE_FIELDS[dataset];
  const value = record[field];
  const path = `${dataset}[${index}].${field}`;
  if (typeof value !== 'string') throw new CoreError('invalid_input', `${path} must be an ISO date string`, { path });
  return period === 'month' ? toMonthKey(value, path) : toIsoWeekKey(value, path);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function computeFor(definition: KpiDefinition, data: KpiActuals, periodKey: string, input: KpiEvaluationInput, naiveMae: Record<string, number>): KpiMeasurement {
  const options = input.options ?? {};
  const lines = data.orderLines ?? [];
  // A period cut by the window (its first or last month) holds only its days inside; 0 days means no record, so never 0 here.
  const windowDays = options.window ? periodKeyDaysWithin(periodKey, options.window) || periodKeyDays(periodKey) : periodKeyDays(periodKey);
  switch (definition.id) {
    case 'otif':
      return computeOnTimeInFull(lines, options.delivery);
    case 'fill-rate-unit':
      return computeFillRate(lines, 'unit', options.delivery);
    case 'fill-rate-line':
      return computeFillRate(lines, 'line', options.delivery);
    case 'fill-rate-order':
      return computeFillRate(lines, 'order', options.delivery);
    case 'perfect-order-rate':
      return computePerfectOrderRate(lines, options.delivery);
    case 'order-cycle-time':
      return computeOrderCycleTimeDays(lines);
    case 'mape':
      return computeMeanAbsolutePercentageError(data.forecasts ?? []);
    case 'wape':
      return computeWeightedAbsolutePercentageError(data.forecasts ?? []);
    case 'forecast-bias':
      return computeForecastBias(data.forecasts ?? []);
    case 'mase':
      return computeMeanAbsoluteScaledError(data.forecasts ?? [], { naiveMaeByItemId: naiveMae });
    case 'inventory-turns':
      return computeInventoryTurns({ snapshots: data.inventorySnapshots ?? [], movements: data.movements ?? [], windowDays, annualise: true });
    case 'days-of-supply':
      return computeDaysOfSupply({ snapshots: data.inventorySnapshots ?? [], movements: data.movements ?? [], windowDays });
    case 'stock-out-rate':
      return computeStockOutRate(data.inventorySnapshots ?? []);
    case 'inventory-record-accuracy':
      return computeInventoryRecordAccuracy(data.counts ?? [], options.recordAccuracy);
    case 'supplier-on-time-rate':
      return computeSupplierOnTimeRate(data.supplierReceipts ?? [], { lateToleranceDays: options.supplierLateToleranceDays ?? 0 });
    case 'supplier-lead-time':
      return computeSupplierLeadTimeDays(data.supplierReceipts ?? []);
    case 'oee':
      return computeOverallEquipmentEffectiveness(data.productionEvents ?? []);
    case 'capacity-utilisation':
      return computeCapacityUtilisation(data.productionEvents ?? []);
    case 'logistics-cost-per-order':
      return computeLogisticsCostPerOrder({ costs: data.costs ?? [], orderLines: lines });
    case 'logistics-cost-per-unit':
      return computeLogisticsCostPerUnit({ costs: data.costs ?? [], orderLines: lines });
    case 'logistics-cost-share-of-sales':
      return computeLogisticsCostShareOfSales({ costs: data.costs ?? [], orderLines: lines });
    case 'cash-to-cash-cycle':
      return computeCashToCashCycleDays(data.financials ?? []);
    case 'co2-per-unit-shipped':
      return computeCo2PerUnitShipped(data.shipments ?? []);
    default:
      return assertNever(definition.id, 'KPI id');
  }
}

/**
 * Evaluates KPIs of the catalogue over actual records, grouped by period (ISO month/week of each
 * record's date field, see KPI_DATASET_DATE_FIELDS) and by a dimension, with target, status,
 * numerator/denominator and the ids of the contributing records.
 * MASE scales by the naive error of each item's whole forecast history in `actuals` (not per group).
 * Example: 4 order lines of March, 2 OTIF → row { kpiId 'otif', periodKey '2026-03', value 0.5, status 'alert' }.
 * Throws unknown_reference (KPI id), invalid_input (dates), and the errors of each KPI function.
 */
export function evaluateKpis(input: KpiEvaluationInput): KpiEvaluationResult {
  const period = input.period ?? 'all';
  if (!['all', 'month', 'week'].includes(period)) throw new CoreError('invalid_input', `Unknown period ${String(period)}`, { path: 'period' });
  if (input.by !== undefined && !(input.by in KPI_DIMENSION_FIELDS)) throw new CoreError('invalid_input', `Unknown dimension ${String(input.by)}`, { path: 'by' });
  const actuals = input.actuals ?? {};
  for (const [dataset, records] of Object.entries(actuals)) {
    if (records !== undefined && !Array.isArray(records)) throw new CoreError('invalid_input', `${dataset} must be an array of records`, { path: `actuals.${dataset}` });
  }
  const hasData = (dataset: KpiDataset) => (actuals[dataset]?.length ?? 0) > 0;
  let definitions: KpiDefinition[];
  if (input.kpiIds) {
    definitions = input.kpiIds.map((id, index) => {
      const found = KPI_CATALOG.find((definition) => definition.id === id);
      if (!found) throw new CoreError('unknown_reference', `Unknown KPI ${id}`, { path: `kpiIds[${index}]` });
      return found;
    });
  } else {
    definitions = KPI_CATALOG.filter((definition) => definition.datasets.every(hasData));
  }
  const naiveMae = (actuals.forecasts?.length ?? 0) > 0 ? computeNaiveMaeByItem(actuals.forecasts!, input.options?.maseSeasonalPeriod ?? 1) : {};
  const dimensionField = input.by === undefined ? undefined : KPI_DIMENSION_FIELDS[input.by];

  const rows: KpiEvaluationRow[] = [];
  for (const definition of definitions) {
    const groups = new Map<string, Group>();
    for (const dataset of definition.datasets) {
      const records = (actuals[dataset] ?? []) as unknown as Record<string, unknown>[];
      records.forEach((record, index) => {
        const periodKey = periodKeyOf(record, dataset, period, index);
        const raw = dimensionField === undefined ? 'all' : record[dimensionField];
        const dimensionKey = typeof raw === 'string' && raw.length > 0 ? raw : KPI_NO_DIMENSION;
        const key = `${periodKey}\u0000${dimensionKey}`;
        let group = groups.get(key);
        if (!group) {
          group = { periodKey, dimensionKey, data: {} };
          groups.set(key, group);
        }
        const list = (group.data[dataset] ?? []) as unknown[];
        list.push(record);
        (group.data as Record<string, unknown[]>)[dataset] = list;
      });
    }
    const ordered = [...groups.values()].sort((a, b) => compareText(a.periodKey, b.periodKey) || compareText(a.dimensionKey, b.dimensionKey));
    const override = input.targets?.[definition.id];
    const target = override ? override.target : definition.target;
    const alertThreshold = override ? override.alertThreshold : definition.alertThreshold;
    for (const group of ordered) {
      // A group holding only the secondary dataset (e.g. costs without orders) is measured too: its value is null.
      const measured = computeFor(definition, group.data, group.periodKey, input, naiveMae);
      const row: KpiEvaluationRow = {
        kpiId: definition.id,
        periodKey: group.periodKey,
        dimensionKey: group.dimensionKey,
        value: measured.value,
        unit: definition.unit,
        direction: definition.direction,
        target,
        alertThreshold,
        status: computeKpiStatus(measured.value, definition.direction, target, alertThreshold),
        numerator: measured.numerator,
        denominator: measured.denominator,
        recordIds: measured.recordIds,
      };
      if (measured.components) row.components = measured.components;
      rows.push(row);
    }
  }
  return { period, by: input.by ?? 'all', rows };
}
