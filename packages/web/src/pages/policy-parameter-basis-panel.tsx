import type { PolicyPage } from '@flowpilot/contract';
import { useI18n } from '../i18n/i18n-context';
import { FactsPanel } from '../components/facts-panel';
import { translateAdjustment } from './proposal-basis-panel';

type Replenishment = NonNullable<PolicyPage['items'][number]['replenishment']>;
type Field = 'reorderPoint' | 'orderQuantity' | 'orderUpToLevel';
type Translate = ReturnType<typeof useI18n>['t'];

export const PARAMETER_BASIS_PANEL_ID = 'policy-parameter-basis-panel';

/** The fields a policy method orders with: (s, Q) or S. */
export function fieldsOf(method: Replenishment['method']): Field[] {
  return method === 'reorder_point' ? ['reorderPoint', 'orderQuantity'] : ['orderUpToLevel'];
}

/** Label of s, Q or S (the column headers of the policies table). */
export function fieldLabel(field: Field, t: Translate): string {
  return t(field === 'reorderPoint' ? 'inventory.reorderLevel' : field === 'orderQuantity' ? 'inventory.orderQuantity' : 'inventory.orderUpTo');
}

/**
 * Why a policy stock point holds its s, Q or S: each value, whether the inventory-policy run computed it or a person
 * set it (with the run's own figure beside a person's), the run's inputs (demand, lead time, look or review period,
 * target, Q's rounding), the expected α and β and the formula; or why the run computed nothing here. A figure from an
 * earlier run than the latest is said to be so. Focused when it opens; Escape or the close button closes it.
 */
export function PolicyParameterBasisPanel({ itemCode, locationCode, replenishment, onClose }: { itemCode: string; locationCode: string; replenishment: Replenishment; onClose: () => void }) {
  const { t, formatNumber, formatPercent } = useI18n();
  const basis = replenishment.basis;
  const n = (value: number | null | undefined, digits?: number) => (value === null || value === undefined ? '—' : formatNumber(value, digits));
  const rows: [string, string][] = [];
  const add = (label: string, value: string): void => { rows.push([label, value]); };
  add(t('procurement.basis.method'), t(replenishment.method === 'reorder_point' ? 'procurement.basis.method.reorder_point' : 'procurement.basis.method.periodic_review'));
  const status = basis?.status;
  add(t('inventory.params.status'), status === undefined ? t('inventory.params.status.none')
    : status === 'no-demand-here' ? t('inventory.params.status.no-demand-here', { location: basis?.plannedAtLocationCode ?? '—' })
      : t(status === 'computed' ? 'inventory.params.status.computed' : 'inventory.params.status.no-demand', { run: replenishment.runId ?? '—' }));
  if (!replenishment.current && replenishment.runId !== null) add(t('inventory.params.run'), t('inventory.params.earlier', { run: replenishment.runId }));
  for (const field of fieldsOf(replenishment.method)) {
    const value = replenishment[field];
    const who = value.source === 'computed' ? t('inventory.params.computed') : value.source === 'manual' ? t('inventory.params.manualWith', { computed: n(value.computedUnits) }) : t('inventory.params.empty');
    add(fieldLabel(field, t), value.units === null ? who : `${n(value.units)} (${who})`);
  }
  if (basis?.cleared && basis.cleared.length > 0) add(t('inventory.params.cleared'), basis.cleared.map((f) => fieldLabel(f, t)).join(', '));
  if (basis?.demand) add(t('inventory.params.demand'), t('inventory.params.demandValue', { mean: n(basis.demand.meanPerWeek, 1), sd: n(basis.demand.standardDeviationPerWeek, 1), source: basis.demand.source }));
  if (basis?.leadTimeWeeks !== undefined) add(t('inventory.params.leadTime'), t('inventory.params.leadTimeValue', { weeks: n(basis.leadTimeWeeks), sd: n(basis.leadTimeStdWeeks ?? 0, 2), source: basis.leadTimeSource ?? '—' }));
  if (basis?.cycleWeeks !== undefined) add(t('inventory.params.look'), t('inventory.params.weeks', { weeks: n(basis.reviewWeeks ?? basis.cycleWeeks, 2) }));
  if (basis?.serviceTarget) add(t('inventory.serviceTarget'), `${basis.serviceTarget.type === 'fill-rate' ? 'β' : 'α'} ${formatPercent(basis.serviceTarget.value)} · ${t('inventory.targetSource', { source: basis.serviceTarget.source })}`);
  if (basis?.orderQuantityBasis) {
    const lot = basis.orderQuantityBasis;
    add(t('inventory.params.lot'), [`${n(lot.units)} = ${lot.basis}`, ...lot.adjustments.map((a) => translateAdjustment(a, t))].join(' ; '));
  }
  if (basis?.sizedForOrderQuantity !== undefined) add(t('inventory.params.sizedFor'), n(basis.sizedForOrderQuantity));
  if (basis?.protectionWeeks !== undefined) add(t('inventory.params.protection'), t('inventory.params.protectionValue', { weeks: n(basis.protectionWeeks, 2), mean: n(basis.protectionMeanUnits, 1) }));
  if (basis?.safetyStockUnits !== undefined) add(t('inventory.safetyStock'), n(basis.safetyStockUnits, 1));
  if (basis?.expectedCycleServiceLevel !== undefined) {
    add(t('inventory.params.expected'), `α ${formatPercent(basis.expectedCycleServiceLevel)} · β ${basis.expectedFillRate === undefined ? '—' : formatPercent(basis.expectedFillRate)}`);
  }
  return (
    <FactsPanel id={PARAMETER_BASIS_PANEL_ID} testId="policy-parameter-basis" title={t('inventory.params.title', { item: itemCode, location: locationCode })} closeLabel={t('procurement.basis.close')}
      rows={rows} formula={basis?.formula} focusKey={`${itemCode}@${locationCode}`} onClose={onClose} />
  );
}
