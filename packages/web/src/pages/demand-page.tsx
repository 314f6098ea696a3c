import { useMemo, useState } from 'react';
import type { z } from 'zod';
import type { ForecastSeries } from '@flowpilot/contract';
import { useAllPages } from '../api/use-all-pages';
import { useApi } from '../api/use-api';
import { withQuery } from '../api/api-client';
import { useSession } from '../auth/session-context';
import { useLatestRuns } from '../api/latest-runs';
import { useI18n } from '../i18n/i18n-context';
import { EChart } from '../charts/echart';
import { DataTable, gridColumns } from '../components/data-table';
import { NoRun, PageHeader, RunNote, Section } from '../components/page';
import { Empty, ErrorMessage, Loading } from '../components/states';
import { ForecastOverrides, overrideRowsOf, type Override } from './forecast-overrides';

type Series = z.infer<typeof ForecastSeries>;
const seriesCol = gridColumns<Series>();
const keyOf = (s: Series) => `${s.itemCode}@${s.locationCode}`;
type Accuracy = { model: string; smapePercent: number };
const accuracyCol = gridColumns<Accuracy>();

/**
 * Weekly forecasts per item × location with their 80 % and 95 % prediction intervals, the backtest accuracy of each model,
 * and the planners' judgmental overrides (author, reason, overridden vs statistical value) on the chart and in a table.
 */
export function DemandPage() {
  const { t, formatNumber, formatDate, language } = useI18n();
  const { can } = useSession();
  const runs = useLatestRuns();
  const run = runs.latest('forecast');
  const list = useAllPages<Series>(run ? `/api/v1/planning-runs/${encodeURIComponent(run.id)}/forecasts` : null, {}, language);
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const rows = useMemo(() => (list.items ?? []).filter((s) => !filter || keyOf(s).toLowerCase().includes(filter.toLowerCase())), [list.items, filter]);
  const selected = (list.items ?? []).find((s) => keyOf(s) === selectedKey) ?? rows[0];
  const overrides = useApi<{ items: Override[] }>(selected ? withQuery('/api/v1/forecast-overrides', { itemCode: selected.itemCode }) : null, language);
  const overrideRows = useMemo(() => (selected && overrides.data ? overrideRowsOf(selected, overrides.data.items) : []), [selected, overrides.data]);

  // The 13-week total comes right after the series' key so a laptop (1280 px: the list is ~390 px wide) shows it without
  // scrolling; the descriptive columns follow, reached by scrolling the table sideways with the item column kept in view.
  const columns = useMemo(() => seriesCol.columns([
    seriesCol.accessor('itemCode', { header: t('common.item') }),
    seriesCol.accessor('locationCode', { header: t('common.location') }),
    seriesCol.accessor((s) => s.values.slice(0, 13).reduce((sum, v) => sum + Number(v.forecast), 0), { id: 'next13', header: t('demand.next13'), cell: (c) => formatNumber(c.getValue(), 0) }),
    seriesCol.accessor('demandClass', { header: t('demand.class'), cell: (c) => c.getValue() ?? '—' }),
    seriesCol.accessor('method', { header: t('demand.method'), cell: (c) => <span className="ellipsis" title={c.getValue()}>{c.getValue().replace(/^auto:/, '')}</span> }),
  ]), [t, formatNumber]);

  const option = useMemo(() => {
    if (!selected) return null;
    const x = selected.values.map((v) => formatDate(v.periodStart));
    const n = (v: string | null) => (v === null ? null : Number(v));
    const lower95 = selected.values.map((v) => n(v.lower95));
    const lower80 = selected.values.map((v) => n(v.lower80));
    const band = (upper: (string | null)[], lower: (number | null)[]) => upper.map((u, i) => (u === null || lower[i] === null ? null : Number(u) - (lower[i] ?? 0)));
    // the model's figure where an override replaced it in this run, and the active overrides (used from the next run on)
    const statistical = selected.values.map((v) => (v.statisticalForecast === null || v.statisticalForecast === undefined || (!v.overrideId && Number(v.statisticalForecast) === Number(v.forecast)) ? null : Number(v.statisticalForecast)));
    const overrideOfWeek = new Map(overrideRows.map((o) => [o.weekStart.slice(0, 10), o]));
    const overridePoints = selected.values.map((v) => {
      const o = overrideOfWeek.get(v.periodStart.slice(0, 10));
      return o ? { value: Number(o.quantity), reason: o.reason, author: o.authorEmail ?? '—' } : null;
    });
    const hasStatistical = statistical.some((v) => v !== null);
    const hasOverrides = overridePoints.some((p) => p !== null);
    return {
      grid: { left: 50, right: 20, top: hasStatistical || hasOverrides ? 56 : 30, bottom: 50 },
      tooltip: { trigger: 'axis' },
      legend: { data: [t('demand.forecast'), t('demand.interval95'), t('demand.interval80'), ...(hasStatistical ? [t('demand.statistical')] : []), ...(hasOverrides ? [t('demand.override.point')] : [])], top: 0 },
      xAxis: { type: 'category', data: x, boundaryGap: false, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', name: t('demand.unitsPerWeek') },
      series: [
        { name: 'base95', type: 'line', data: lower95, stack: 'b95', lineStyle: { opacity: 0 }, symbol: 'none', tooltip: { show: false } },
        { name: t('demand.interval95'), type: 'line', data: band(selected.values.map((v) => v.upper95), lower95), stack: 'b95', lineStyle: { opacity: 0 }, symbol: 'none', areaStyle: { color: 'rgba(47,109,181,0.15)' }, itemStyle: { color: 'rgba(47,109,181,0.25)' } },
        { name: 'base80', type: 'line', data: lower80, stack: 'b80', lineStyle: { opacity: 0 }, symbol: 'none', tooltip: { show: false } },
        { name: t('demand.interval80'), type: 'line', data: band(selected.values.map((v) => v.upper80), lower80), stack: 'b80', lineStyle: { opacity: 0 }, symbol: 'none', areaStyle: { color: 'rgba(47,109,181,0.3)' }, itemStyle: { color: 'rgba(47,109,181,0.45)' } },
        { name: t('demand.forecast'), type: 'line', data: selected.values.map((v) => Number(v.forecast)), itemStyle: { color: '#1d4f91' }, symbolSize: 4 },
        ...(hasStatistical ? [{ name: t('demand.statistical'), type: 'line', data: statistical, connectNulls: false, lineStyle: { type: 'dashed' }, itemStyle: { color: '#7f8c8d' }, symbolSize: 7 }] : []),
        ...(hasOverrides ? [{
          name: t('demand.override.point'), type: 'scatter', symbol: 'diamond', symbolSize: 12, itemStyle: { color: '#c77800' },
          data: overridePoints.map((p) => (p ? p.value : null)),
          tooltip: { formatter: (params: { dataIndex: number }) => {
            const p = overridePoints[params.dataIndex];
            return p ? t('demand.override.tooltip', { value: formatNumber(p.value, 1), author: p.author, reason: p.reason }) : '';
          } },
        }] : []),
      ],
    };
  }, [selected, overrideRows, t, formatDate, formatNumber]);

  const accuracy: Accuracy[] = useMemo(() => Object.entries(selected?.parameters ?? {})
    .filter(([k, v]) => k.startsWith('backtest_smape_') && typeof v === 'number')
    .map(([k, v]) => ({ model: k.replace('backtest_smape_', ''), smapePercent: v as number }))
    .sort((a, b) => a.smapePercent - b.smapePercent), [selected]);
  const accuracyColumns = useMemo(() => accuracyCol.columns([
    accuracyCol.accessor('model', { header: t('demand.model'), cell: (c) => (c.getValue() === selected?.parameters.chosen ? <strong>{c.getValue()} ✓</strong> : c.getValue()) }),
    accuracyCol.accessor('smapePercent', { header: t('demand.smape'), cell: (c) => `${formatNumber(c.getValue(), 1)} %` }),
  ]), [t, formatNumber, selected]);

  if (runs.status === 'loading' && !run) return <Loading />;
  return (
    <>
      <PageHeader title={t('demand.title')} subtitle={<RunNote run={run} />} />
      {!run ? <NoRun runType="forecast" /> : list.status === 'error' && list.error ? <ErrorMessage error={list.error} onRetry={list.reload} /> : !list.items ? <Loading /> : list.items.length === 0 ? <Empty /> : (
        <div className="two-cols wide-right">
          <Section title={t('demand.series', { count: list.items.length })} actions={<label className="inline-field">{t('common.filter')}<input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} /></label>}>
            <div className="wide-grid">
              <DataTable rows={rows} columns={columns} getRowId={keyOf} caption={t('demand.seriesCaption')} numeric={['next13']} onRowActivate={(s) => setSelectedKey(keyOf(s))} activeRowId={selected ? keyOf(selected) : null} maxHeightPx={420} testId="forecast-series" />
            </div>
          </Section>
          <div>
            <Section title={selected ? t('demand.chartTitle', { item: selected.itemCode, location: selected.locationCode }) : t('demand.forecast')}>
              {option && selected ? (
                <>
                  <EChart option={option} label={t('demand.chartLabel', { item: selected.itemCode })} height={340} testId="forecast-chart" />
                  <p className="muted small">{t('demand.explain', { method: selected.method, history: selected.historyPeriods, klass: selected.demandClass ?? '—' })}</p>
                </>
              ) : <Empty />}
            </Section>
            {selected && overrides.status === 'error' && overrides.error ? <ErrorMessage error={overrides.error} onRetry={overrides.reload} /> : null}
            {selected && overrides.data && <ForecastOverrides key={keyOf(selected)} series={selected} overrides={overrides.data.items} canWrite={can('forecast:write')} onChanged={overrides.reload} />}
            <Section title={t('demand.accuracy')}>
              {accuracy.length === 0 ? <Empty>{t('demand.noAccuracy')}</Empty> : <DataTable rows={accuracy} columns={accuracyColumns} getRowId={(a) => a.model} caption={t('demand.accuracy')} numeric={['smapePercent']} maxHeightPx={240} />}
            </Section>
          </div>
        </div>
      )}
    </>
  );
}
