import { useMemo, useState } from 'react';
import type { z } from 'zod';
import type { SopPlanPeriod, SopResponse } from '@flowpilot/contract';
import { useApi } from '../api/use-api';
import { useSession } from '../auth/session-context';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/en';
import { EChart } from '../charts/echart';
import { DataTable, gridColumns } from '../components/data-table';
import { Kpi, PageHeader, Section } from '../components/page';
import { Empty, Loaded } from '../components/states';
import { SopScenarios } from './sop-scenarios';
import { VolumeRevenueMatrix } from './volume-revenue-matrix';

type Period = z.infer<typeof SopPlanPeriod>;
type Strategy = SopResponse['families'][number]['strategies'][number];
const periodCol = gridColumns<Period>();
const strategyCol = gridColumns<Strategy>();
const PERIOD_KEYS = ['demandUnits', 'productionUnits', 'subcontractUnits', 'endingInventoryUnits', 'endingBacklogUnits', 'workforce', 'hiredWorkers', 'laidOffWorkers', 'overtimeHours'] as const;
const COST_KEYS = ['regularLabor', 'overtimeLabor', 'hiring', 'layoff', 'material', 'holding', 'backlog', 'subcontract'] as const;

/** S&OP / PIC: per product family the level, chase and optimal plans compared on cost, the monthly plan table, and the kept what-if scenarios. */
export function SopPage() {
  const { t, formatMoney, language } = useI18n();
  const sop = useApi<SopResponse>('/api/v1/sop', language);
  return (
    <>
      <PageHeader title={t('sop.title')} subtitle={sop.data ? t('sop.subtitle', { run: sop.data.runId, total: formatMoney(sop.data.totalCostEur) }) : undefined} />
      <Loaded state={sop} isEmpty={(d) => d.families.length === 0}>{(data) => <SopFamilies data={data} />}</Loaded>
      <VolumeRevenueMatrix />
    </>
  );
}

function SopFamilies({ data }: { data: SopResponse }) {
  const { t, formatNumber, formatMoney } = useI18n();
  const { can } = useSession();
  const [familyCode, setFamilyCode] = useState(data.families[0]?.familyCode ?? '');
  const family = data.families.find((f) => f.familyCode === familyCode) ?? data.families[0];
  const [strategyName, setStrategyName] = useState<string | null>(null);
  const strategy = family?.strategies.find((s) => s.strategy === (strategyName ?? family.proposedStrategy)) ?? family?.strategies[0];

  const strategyColumns = useMemo(() => strategyCol.columns([
    strategyCol.accessor('strategy', { header: t('sop.strategy'), cell: (c) => <strong>{t(`sop.strategy.${c.getValue()}` as MessageKey)}{c.getValue() === family?.proposedStrategy ? ` ★` : ''}</strong> }),
    strategyCol.accessor('status', { header: t('common.status') }),
    ...COST_KEYS.map((key) => strategyCol.accessor((s) => s.costs[key], { id: key, header: t(`sop.cost.${key}` as MessageKey), cell: (c) => formatMoney(c.getValue()) })),
    strategyCol.accessor('totalCostEur', { header: t('sop.cost.total'), cell: (c) => <strong>{formatMoney(c.getValue())}</strong> }),
  ]), [t, formatMoney, family?.proposedStrategy]);
  const periodColumns = useMemo(() => periodCol.columns([
    periodCol.accessor('period', { header: t('sop.month') }),
    ...PERIOD_KEYS.map((key) => periodCol.accessor((p) => p[key], { id: key, header: t(`sop.col.${key}` as MessageKey), cell: (c) => formatNumber(c.getValue(), 0) })),
  ]), [t, formatNumber]);

  const option = useMemo(() => strategy ? {
    grid: { left: 60, right: 60, top: 40, bottom: 30 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('sop.col.demandUnits'), t('sop.col.productionUnits'), t('sop.col.subcontractUnits'), t('sop.col.endingInventoryUnits'), t('sop.col.workforce')] },
    xAxis: { type: 'category', data: strategy.periods.map((p) => p.period) },
    yAxis: [{ type: 'value', name: t('sop.units') }, { type: 'value', name: t('sop.col.workforce'), splitLine: { show: false } }],
    series: [
      { name: t('sop.col.productionUnits'), type: 'bar', stack: 'supply', data: strategy.periods.map((p) => p.productionUnits), itemStyle: { color: '#2f6db5' } },
      { name: t('sop.col.subcontractUnits'), type: 'bar', stack: 'supply', data: strategy.periods.map((p) => p.subcontractUnits), itemStyle: { color: '#8fb3de' } },
      { name: t('sop.col.demandUnits'), type: 'line', data: strategy.periods.map((p) => p.demandUnits), itemStyle: { color: '#c0392b' } },
      { name: t('sop.col.endingInventoryUnits'), type: 'line', data: strategy.periods.map((p) => p.endingInventoryUnits), itemStyle: { color: '#27ae60' }, lineStyle: { type: 'dashed' } },
      { name: t('sop.col.workforce'), type: 'line', yAxisIndex: 1, step: 'middle', data: strategy.periods.map((p) => p.workforce), itemStyle: { color: '#555' } },
    ],
  } : null, [strategy, t]);
  if (!family) return <Empty />;
  return (
    <>
      <div className="toolbar">
        <label className="inline-field">{t('sop.family')}
          <select value={family.familyCode} onChange={(e) => { setFamilyCode(e.target.value); setStrategyName(null); }} data-testid="sop-family">
            {data.families.map((f) => <option key={f.familyCode} value={f.familyCode}>{f.familyCode}</option>)}
          </select>
        </label>
        <label className="inline-field">{t('sop.strategy')}
          <select value={strategy?.strategy ?? ''} onChange={(e) => setStrategyName(e.target.value)}>
            {family.strategies.map((s) => <option key={s.strategy} value={s.strategy}>{t(`sop.strategy.${s.strategy}` as MessageKey)}</option>)}
          </select>
        </label>
      </div>
      <div className="kpi-row">
        {family.strategies.map((s) => <Kpi key={s.strategy} label={t(`sop.strategy.${s.strategy}` as MessageKey)} value={formatMoney(s.totalCostEur)} tone={s.strategy === family.proposedStrategy ? 'good' : undefined} hint={s.strategy === family.proposedStrategy ? t('sop.proposed') : s.status} />)}
      </div>
      <Section title={t('sop.comparison')}>
        <div className="wide-grid">
          <DataTable rows={family.strategies} columns={strategyColumns} getRowId={(s) => s.strategy} caption={t('sop.comparison')} numeric={[...COST_KEYS, 'totalCostEur']} onRowActivate={(s) => setStrategyName(s.strategy)} activeRowId={strategy?.strategy ?? null} testId="sop-strategies" />
        </div>
      </Section>
      {strategy && option && (
        <>
          <Section title={t('sop.planChart', { family: family.familyCode, strategy: t(`sop.strategy.${strategy.strategy}` as MessageKey) })}>
            <EChart option={option} label={t('sop.planChart', { family: family.familyCode, strategy: strategy.strategy })} height={300} testId="sop-chart" />
          </Section>
          <Section title={t('sop.planTable')}>
            <DataTable rows={strategy.periods} columns={periodColumns} getRowId={(p) => p.period} caption={t('sop.planTable')} numeric={[...PERIOD_KEYS]} />
          </Section>
        </>
      )}
      <SopScenarios key={family.familyCode} family={family} canWrite={can('planning:write')} />
    </>
  );
}
