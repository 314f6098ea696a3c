import { useMemo } from 'react';
import type { z } from 'zod';
import type { ActionMessageRow, PlanningRunSummary } from '@flowpilot/contract';
import { useAllPages } from '../api/use-all-pages';
import { useLatestRuns } from '../api/latest-runs';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/en';
import { EChart } from '../charts/echart';
import { DataTable, gridColumns } from '../components/data-table';
import { Kpi, PageHeader, Section } from '../components/page';
import { Empty, ErrorMessage, Loading } from '../components/states';
import { hrefOf } from '../router';
import { RunCycleButton } from './run-cycle-button';
import { KpiPanel } from './kpi-panel';

type Summary = Record<string, unknown>;
const runColumns = gridColumns<PlanningRunSummary>();
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The planner's morning view: what the last planning cycle found, as numbers with their source run, and what to act on. */
export function DashboardPage() {
  const { t, formatNumber, formatMoney, formatPercent, formatDateTime, formatDate, language } = useI18n();
  const runs = useLatestRuns();
  const mrp = runs.latest('mrp')?.summary as Summary | undefined;
  const capacity = runs.latest('capacity')?.summary as Summary | undefined;
  const proposals = runs.latest('proposals')?.summary as Summary | undefined;
  const quality = runs.latest('data_quality')?.summary as Summary | undefined;
  const inventory = runs.latest('inventory_policy')?.summary as Summary | undefined;
  const sop = runs.latest('sop')?.summary as Summary | undefined;
  const forecast = runs.latest('forecast')?.summary as Summary | undefined;

  const mrpRun = runs.latest('mrp');
  // counted from the messages themselves (the run summary does not always break them down), open ones only
  const messages = useAllPages<z.infer<typeof ActionMessageRow>>(mrpRun ? `/api/v1/planning-runs/${encodeURIComponent(mrpRun.id)}/action-messages` : null, {}, language);
  const actionKinds = useMemo(() => {
    const counts: Record<string, number> = {};
    for (const m of messages.items ?? []) if (m.status === 'open') counts[m.kind] = (counts[m.kind] ?? 0) + 1;
    return counts;
  }, [messages.items]);
  const exceptionKinds = (mrp?.exceptionsByKind ?? {}) as Record<string, number>;
  const chartOption = useMemo(() => {
    const kinds = Object.keys(actionKinds).sort();
    return {
      grid: { left: 90, right: 20, top: 10, bottom: 30 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: kinds.map((k) => t(`action.kind.${k}` as MessageKey)) },
      series: [{ type: 'bar', data: kinds.map((k) => actionKinds[k]), itemStyle: { color: '#2f6db5' }, label: { show: true, position: 'right' } }],
    };
  }, [actionKinds, t]);

  const col = runColumns;
  const columns = useMemo(() => col.columns([
    col.accessor('runType', { header: t('run.type'), cell: (c) => t(`runType.${c.getValue()}` as MessageKey) }),
    col.accessor('id', { header: t('run.id'), cell: (c) => <code>{c.getValue()}</code> }),
    col.accessor('status', { header: t('run.status'), cell: (c) => <span className={`badge ${c.getValue()}`}>{t(`run.status.${c.getValue()}` as MessageKey)}</span> }),
    col.accessor('asOfDate', { header: t('run.asOf'), cell: (c) => formatDate(c.getValue()) }),
    col.accessor('exceptionCount', { header: t('run.exceptions'), cell: (c) => formatNumber(c.getValue(), 0) }),
    col.accessor('durationMs', { header: t('run.durationMs'), cell: (c) => formatNumber(c.getValue(), 0) }),
    col.accessor('finishedAt', { header: t('run.finished'), cell: (c) => formatDateTime(c.getValue()) }),
  ]), [col, t, formatDate, formatNumber, formatDateTime]);

  if (runs.status === 'error' && runs.error) return <ErrorMessage error={runs.error} onRetry={runs.reload} />;
  if (runs.status === 'loading' && runs.runs.length === 0) return <Loading />;

  const peak = num(capacity?.peakUtilization);
  return (
    <>
      <PageHeader title={t('dashboard.title')} subtitle={t('dashboard.subtitle')} actions={<RunCycleButton />} />
      <KpiPanel />
      {runs.runs.length === 0 ? <Empty>{t('dashboard.noRuns')}</Empty> : (
        <>
          <h2 className="section-title">{t('dashboard.planTitle')}</h2>
          <div className="kpi-row" data-testid="dashboard-kpis">
            <Kpi label={t('dashboard.plannedOrders')} value={formatNumber(num(mrp?.plannedOrderCount), 0)}
              hint={t('dashboard.plannedOrdersHint', { make: formatNumber(num(mrp?.makeOrderCount), 0), buy: formatNumber(num(mrp?.buyOrderCount), 0) })} />
            <Kpi label={t('dashboard.actionMessages')} value={formatNumber(num(mrp?.actionMessageCount), 0)} hint={t('dashboard.actionMessagesHint')} tone={num(mrp?.actionMessageCount) ? 'warn' : 'good'} />
            <Kpi label={t('dashboard.mrpExceptions')} value={formatNumber(num(mrp?.exceptionCount), 0)}
              hint={Object.entries(exceptionKinds).map(([k, v]) => `${t(`exception.${k}` as MessageKey)} ${formatNumber(v, 0)}`).join(' · ')} tone={num(mrp?.exceptionCount) ? 'bad' : 'good'} />
            <Kpi label={t('dashboard.peakLoad')} value={formatPercent(peak)} hint={t('dashboard.peakLoadHint', { before: formatNumber(num(capacity?.overloadsBefore), 0), after: formatNumber(num(capacity?.overloadsAfter), 0) })}
              tone={peak === null ? undefined : peak > 1 ? 'bad' : peak > 0.9 ? 'warn' : 'good'} />
            <Kpi label={t('dashboard.proposalValue')} value={formatMoney(num(proposals?.totalValue))} hint={t('dashboard.proposalHint', { lines: formatNumber(num(proposals?.lineCount), 0), suppliers: formatNumber(num(proposals?.supplierCount), 0) })} />
            <Kpi label={t('dashboard.safetyStock')} value={formatNumber(num(inventory?.totalSafetyStockUnits), 0)} hint={t('dashboard.safetyStockHint', { points: formatNumber(num(inventory?.stockPointCount), 0) })} />
            <Kpi label={t('dashboard.sopCost')} value={formatMoney(num(sop?.totalCost))} hint={t('dashboard.sopCostHint', { families: formatNumber(num(sop?.familyCount), 0) })} />
            <Kpi label={t('dashboard.dataQuality')} value={`${formatNumber(num(quality?.errorCount), 0)} / ${formatNumber(num(quality?.warningCount), 0)}`} hint={t('dashboard.dataQualityHint')}
              tone={num(quality?.errorCount) ? 'bad' : num(quality?.warningCount) ? 'warn' : 'good'} />
            <Kpi label={t('dashboard.forecastSeries')} value={formatNumber(num(forecast?.seriesCount), 0)} hint={t('dashboard.forecastHint', { week: formatDate(forecast?.firstWeek as string | undefined) })} />
          </div>
          <div className="two-cols">
            <Section title={t('dashboard.openActionsByKind')} actions={<a href={hrefOf('mrp')}>{t('dashboard.openMrp')}</a>}>
              {messages.status === 'error' && messages.error ? <ErrorMessage error={messages.error} onRetry={messages.reload} /> : !messages.items ? <Loading /> : Object.keys(actionKinds).length === 0 ? <p className="state state-ok">{t('dashboard.noOpenMessages')}</p> : <EChart option={chartOption} label={t('dashboard.actionsByKind')} height={220} testId="actions-by-kind" />}
            </Section>
            <Section title={t('dashboard.runs')}>
              <DataTable rows={runs.runs} columns={columns} getRowId={(r) => r.id} caption={t('dashboard.runs')} numeric={['exceptionCount', 'durationMs']} maxHeightPx={240} />
            </Section>
          </div>
        </>
      )}
    </>
  );
}
