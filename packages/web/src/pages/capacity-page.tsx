import { useMemo, useState } from 'react';
import type { z } from 'zod';
import type { CapacityLoadRow } from '@flowpilot/contract';
import { useApi } from '../api/use-api';
import { useLatestRuns } from '../api/latest-runs';
import { useI18n } from '../i18n/i18n-context';
import { EChart } from '../charts/echart';
import { DataTable, gridColumns } from '../components/data-table';
import { Kpi, NoRun, PageHeader, RunNote, Section } from '../components/page';
import { Empty, ErrorMessage, Loading } from '../components/states';

type Load = z.infer<typeof CapacityLoadRow>;
type Overload = Load & { utilisation: number; excessHours: number };
const overloadCol = gridColumns<Overload>();

/** Capacity requirements planning: load vs available hours per work centre and week, overloads listed with their orders. */
export function CapacityPage() {
  const { t, formatNumber, formatPercent, formatDate, language } = useI18n();
  const runs = useLatestRuns();
  const run = runs.latest('capacity');
  const loads = useApi<{ items: Load[] }>(run ? `/api/v1/planning-runs/${encodeURIComponent(run.id)}/capacity-loads` : null, language);
  const centres = useMemo(() => [...new Set((loads.data?.items ?? []).map((l) => l.workCenterCode))], [loads.data]);
  const [centre, setCentre] = useState<string | null>(null);
  const current = centre ?? centres[0] ?? null;
  const rows = useMemo(() => (loads.data?.items ?? []).filter((l) => l.workCenterCode === current), [loads.data, current]);
  const overloads: Overload[] = useMemo(() => (loads.data?.items ?? [])
    .map((l) => ({ ...l, utilisation: Number(l.availableHours) > 0 ? Number(l.loadHours) / Number(l.availableHours) : Infinity, excessHours: Number(l.loadHours) - Number(l.availableHours) }))
    .filter((l) => l.excessHours > 1e-9).sort((a, b) => b.utilisation - a.utilisation), [loads.data]);
  const option = useMemo(() => ({
    grid: { left: 50, right: 20, top: 30, bottom: 40 },
    tooltip: { trigger: 'axis' },
    legend: { data: [t('capacity.load'), t('capacity.available')], top: 0 },
    xAxis: { type: 'category', data: rows.map((r) => formatDate(r.periodStart)), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: t('capacity.hours') },
    series: [
      { name: t('capacity.load'), type: 'bar', data: rows.map((r) => ({ value: Number(r.loadHours), itemStyle: { color: Number(r.loadHours) > Number(r.availableHours) ? '#c0392b' : '#2f6db5' } })) },
      { name: t('capacity.available'), type: 'line', step: 'middle', data: rows.map((r) => Number(r.availableHours)), itemStyle: { color: '#333' }, symbol: 'none', lineStyle: { type: 'dashed' } },
    ],
  }), [rows, t, formatDate]);
  const columns = useMemo(() => overloadCol.columns([
    overloadCol.accessor('workCenterCode', { header: t('capacity.workCentre') }),
    overloadCol.accessor('periodStart', { header: t('capacity.week'), cell: (c) => formatDate(c.getValue()) }),
    overloadCol.accessor('loadHours', { header: t('capacity.load'), cell: (c) => formatNumber(c.getValue(), 1) }),
    overloadCol.accessor('availableHours', { header: t('capacity.available'), cell: (c) => formatNumber(c.getValue(), 1) }),
    overloadCol.accessor('utilisation', { header: t('capacity.utilisation'), cell: (c) => formatPercent(c.getValue()) }),
    overloadCol.accessor('excessHours', { header: t('capacity.excess'), cell: (c) => formatNumber(c.getValue(), 1) }),
    overloadCol.accessor((o) => o.orderIds.join(', '), { id: 'orders', header: t('capacity.orders'), cell: (c) => <span className="ellipsis" title={c.getValue()}>{c.getValue()}</span> }),
  ]), [t, formatDate, formatNumber, formatPercent]);
  const summary = run?.summary as Record<string, number | string> | undefined;

  if (runs.status === 'loading' && !run) return <Loading />;
  return (
    <>
      <PageHeader title={t('capacity.title')} subtitle={<RunNote run={run} />} />
      {!run ? <NoRun runType="capacity" /> : loads.status === 'error' ? <ErrorMessage error={loads.error} onRetry={loads.reload} /> : !loads.data ? <Loading /> : loads.data.items.length === 0 ? <Empty /> : (
        <>
          <div className="kpi-row">
            <Kpi label={t('capacity.peak')} value={formatPercent(Number(summary?.peakUtilization))} tone={Number(summary?.peakUtilization) > 1 ? 'bad' : 'good'} />
            <Kpi label={t('capacity.overloadsBefore')} value={formatNumber(Number(summary?.overloadsBefore), 0)} />
            <Kpi label={t('capacity.overloadsAfter')} value={formatNumber(Number(summary?.overloadsAfter), 0)} tone={Number(summary?.overloadsAfter) > 0 ? 'bad' : 'good'} />
            <Kpi label={t('capacity.moved')} value={formatNumber(Number(summary?.movedOrderCount), 0)} hint={String(summary?.levellingStatus ?? '')} />
          </div>
          <Section title={t('capacity.chartTitle', { centre: current ?? '' })} actions={
            <label className="inline-field">{t('capacity.workCentre')}
              <select value={current ?? ''} onChange={(e) => setCentre(e.target.value)} data-testid="work-centre">{centres.map((c) => <option key={c} value={c}>{c}</option>)}</select>
            </label>}>
            <EChart option={option} label={t('capacity.chartTitle', { centre: current ?? '' })} height={300} testId="capacity-chart" />
          </Section>
          <Section title={t('capacity.overloads', { count: overloads.length })}>
            {overloads.length === 0 ? <Empty>{t('capacity.noOverload')}</Empty> : <DataTable rows={overloads} columns={columns} getRowId={(o) => `${o.workCenterCode}/${o.periodStart}`} caption={t('capacity.overloads', { count: overloads.length })} numeric={['loadHours', 'availableHours', 'utilisation', 'excessHours']} maxHeightPx={300}
              onRowActivate={(o) => setCentre(o.workCenterCode)} />}
          </Section>
        </>
      )}
    </>
  );
}
