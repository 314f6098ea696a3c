import { useMemo, useState } from 'react';
import type { z } from 'zod';
import type { KpiDashboard, KpiDrillResponse, KpiValue } from '@flowpilot/contract';
import { ApiError } from '../api/api-client';
import { useApi } from '../api/use-api';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/en';
import { EChart } from '../charts/echart';
import { DataTable, gridColumns } from '../components/data-table';
import { Section } from '../components/page';
import { Empty, ErrorMessage, Loading } from '../components/states';

type Drill = z.infer<typeof KpiDrillResponse>;
type DrillRecord = Drill['records'][number] & { index: number };
const drillCol = gridColumns<DrillRecord>();

/** KPI tiles (last period vs target, status), the selected KPI's monthly trend with its target, alerts, and the records behind a value. */
export function KpiPanel() {
  const i18n = useI18n();
  const { t, language, formatNumber, formatPercent } = i18n;
  const dashboard = useApi<KpiDashboard>('/api/v1/kpis?period=month', language);
  const [selected, setSelected] = useState<string | null>(null);
  const [drillKey, setDrillKey] = useState<{ kpiId: string; periodKey: string } | null>(null);
  const byKpi = useMemo(() => {
    const groups = new Map<string, KpiValue[]>();
    for (const v of dashboard.data?.values ?? []) {
      if (v.dimensionKey !== 'all') continue;
      groups.set(v.kpiId, [...(groups.get(v.kpiId) ?? []), v]);
    }
    for (const list of groups.values()) list.sort((a, b) => a.periodKey.localeCompare(b.periodKey));
    return groups;
  }, [dashboard.data]);
  const current = selected ?? [...byKpi.keys()][0] ?? null;
  const trend = current ? byKpi.get(current) ?? [] : [];
  // fractions as percents; other units after the number (days, turns per year, € per order…)
  const show = (v: KpiValue | undefined, value: number | null | undefined = v?.value) => {
    if (value === null || value === undefined) return '—';
    if (v?.unit === 'fraction') return formatPercent(value);
    const unit = v?.unit && v.unit !== 'ratio' ? t(`kpi.unit.${v.unit}` as MessageKey) : '';
    return `${formatNumber(value)}${unit ? ` ${unit}` : ''}`;
  };
  const option = useMemo(() => ({
    grid: { left: 60, right: 20, top: 30, bottom: 30 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('kpi.value'), t('kpi.target')] },
    xAxis: { type: 'category', data: trend.map((v) => v.periodKey) },
    yAxis: { type: 'value', scale: true },
    series: [
      { name: t('kpi.value'), type: 'line', data: trend.map((v) => v.value), itemStyle: { color: '#1d5fa8' } },
      { name: t('kpi.target'), type: 'line', data: trend.map((v) => v.target), lineStyle: { type: 'dashed' }, symbol: 'none', itemStyle: { color: '#1e7b3c' } },
    ],
  }), [trend, t]);
  const drill = useApi<Drill>(drillKey ? `/api/v1/kpis/${encodeURIComponent(drillKey.kpiId)}/drill?period=month&periodKey=${encodeURIComponent(drillKey.periodKey)}&limit=500` : null, language);
  const drillRows = useMemo(() => (drill.data?.records ?? []).map((r, index) => ({ ...r, index })), [drill.data]);
  const drillColumns = useMemo(() => drillCol.columns([
    drillCol.accessor('dataset', { header: t('kpi.dataset') }),
    drillCol.accessor('id', { header: t('kpi.record') }),
    drillCol.accessor((r) => (r.onTime === undefined ? '—' : r.onTime ? t('common.yes') : t('common.no')), { id: 'onTime', header: t('kpi.onTime') }),
    drillCol.accessor((r) => (r.inFull === undefined ? '—' : r.inFull ? t('common.yes') : t('common.no')), { id: 'inFull', header: t('kpi.inFull') }),
    drillCol.accessor((r) => JSON.stringify(r.record), { id: 'record', header: t('kpi.details'), cell: (c) => <code className="ellipsis" title={c.getValue()}>{c.getValue()}</code> }),
  ]), [t]);

  // A server without the KPI endpoint (or with no actuals yet): the dashboard shows the planning figures only.
  if (dashboard.status === 'error' && dashboard.error instanceof ApiError && dashboard.error.status === 404) return null;
  if (dashboard.status === 'error') return <Section title={t('kpi.title')}><ErrorMessage error={dashboard.error} onRetry={dashboard.reload} /></Section>;
  if (!dashboard.data) return <Section title={t('kpi.title')}><Loading /></Section>;
  if (byKpi.size === 0) return <Section title={t('kpi.title')}><Empty>{t('kpi.none')}</Empty></Section>;
  const lang = language;
  const currentLast = trend[trend.length - 1];
  return (
    <Section title={t('kpi.title')} actions={<span className="muted small">{t('kpi.window', { from: dashboard.data.from, to: dashboard.data.to })}</span>}>
      <div className="kpi-row" data-testid="kpi-tiles">
        {[...byKpi.entries()].map(([kpiId, values]) => {
          const last = values[values.length - 1];
          if (!last) return null;
          const tone = last.status === 'ok' ? 'good' : last.status === 'warning' ? 'warn' : last.status === 'alert' ? 'bad' : undefined;
          return (
            <button key={kpiId} type="button" className={`kpi kpi-button ${tone ?? ''} ${kpiId === current ? 'selected' : ''}`} aria-pressed={kpiId === current} onClick={() => setSelected(kpiId)} title={last.definition[lang]}>
              <span className="kpi-label">{last.name[lang]}</span>
              <span className="kpi-value">{show(last)}</span>
              <span className="kpi-hint">{t('kpi.targetHint', { target: show(last, last.target), period: last.periodKey, status: t(`kpi.status.${last.status}` as MessageKey) })}</span>
            </button>
          );
        })}
      </div>
      {currentLast && (
        <div className="two-cols">
          <div>
            <h3 className="small">{currentLast.name[lang]} — {t('kpi.trend')}</h3>
            <EChart option={option} label={t('kpi.trendOf', { kpi: currentLast.name[lang] })} height={220} testId="kpi-trend"
              onClick={(p) => { const v = trend[p.dataIndex]; if (v) setDrillKey({ kpiId: v.kpiId, periodKey: v.periodKey }); }} />
            <p className="muted small">{t('kpi.explain', { formula: currentLast.formula, source: currentLast.source, numerator: formatNumber(currentLast.numerator), denominator: formatNumber(currentLast.denominator), records: formatNumber(currentLast.recordCount, 0) })}</p>
            <button type="button" onClick={() => setDrillKey({ kpiId: currentLast.kpiId, periodKey: currentLast.periodKey })} data-testid="kpi-drill">{t('kpi.drill', { period: currentLast.periodKey })}</button>
          </div>
          <div>
            <h3 className="small">{t('kpi.alerts', { count: dashboard.data.alerts.length })}</h3>
            {dashboard.data.alerts.length === 0 ? <p className="state state-ok">{t('kpi.noAlerts')}</p> : (
              <ul className="alert-list">{dashboard.data.alerts.map((a) => (
                <li key={`${a.kpiId}/${a.periodKey}/${a.dimensionKey}`}>
                  <button type="button" className="link" onClick={() => { setSelected(a.kpiId); setDrillKey({ kpiId: a.kpiId, periodKey: a.periodKey }); }}>{a.name[lang]}</button>
                  {' '}{a.dimensionKey !== 'all' ? `(${a.dimensionKey}) ` : ''}{show(a)} · {t('kpi.targetShort', { target: show(a, a.target) })} · <span className={`badge ${a.status === 'alert' ? 'error' : 'warning'}`}>{t(`kpi.status.${a.status}` as MessageKey)}</span>
                </li>
              ))}</ul>
            )}
          </div>
        </div>
      )}
      {drillKey && (
        <div data-testid="kpi-drill-records">
          <h3 className="small">{t('kpi.drillTitle', { kpi: byKpi.get(drillKey.kpiId)?.[0]?.name[lang] ?? drillKey.kpiId, period: drillKey.periodKey, total: formatNumber(drill.data?.totalRecords ?? 0, 0) })}</h3>
          {drill.status === 'error' ? <ErrorMessage error={drill.error} onRetry={drill.reload} /> : !drill.data ? <Loading /> : drillRows.length === 0 ? <Empty /> : (
            <DataTable rows={drillRows} columns={drillColumns} getRowId={(r) => String(r.index)} caption={t('kpi.details')} maxHeightPx={300} />
          )}
        </div>
      )}
    </Section>
  );
}
