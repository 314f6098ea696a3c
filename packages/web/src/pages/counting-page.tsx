import { useMemo, useState } from 'react';
import type { z } from 'zod';
import type { CountAccuracyResponse, CountHeaderPage, CountVarianceAnalysisResponse } from '@flowpilot/contract';
import { useApi } from '../api/use-api';
import { useSession } from '../auth/session-context';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/en';
import { EChart } from '../charts/echart';
import { DataTable, gridColumns } from '../components/data-table';
import { Kpi, PageHeader, Section } from '../components/page';
import { Loaded } from '../components/states';
import { CountPlanForm, CountSheetPanel, StartCountForm } from './count-work';

type Count = z.infer<typeof CountHeaderPage>['items'][number];
type Accuracy = z.infer<typeof CountAccuracyResponse>;
type Variances = z.infer<typeof CountVarianceAnalysisResponse>;
type VarianceRow = Variances['overall'] & { key: string };
const countCol = gridColumns<Count>();
const varianceCol = gridColumns<VarianceRow>();

/** Today as yyyy-mm-dd (UTC), the default date of a plan or count. */
const todayIso = (): string => new Date().toISOString().slice(0, 10);

/**
 * Cycle counting: plan the counts, start a count per location (blind sheet to print or fill in), enter and recount,
 * approve (variances posted as adjustments); counts and their progress, record accuracy, variances by class and cause.
 */
export function CountingPage() {
  const { t, formatNumber, formatPercent, formatMoney, formatDate, language } = useI18n();
  const { can } = useSession();
  const canWrite = can('counting:write');
  const [today] = useState(todayIso);
  const [planNumber, setPlanNumber] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const counts = useApi<{ items: Count[]; total: number }>('/api/v1/counting/counts?pageSize=500', language);
  const accuracy = useApi<Accuracy>('/api/v1/counting/accuracy', language);
  const variances = useApi<Variances>('/api/v1/counting/variances', language);
  const countColumns = useMemo(() => countCol.columns([
    countCol.accessor('countNumber', { header: t('counting.count') }),
    countCol.accessor('locationCode', { header: t('common.location') }),
    countCol.accessor('countDate', { header: t('mrp.date'), cell: (c) => formatDate(c.getValue()) }),
    countCol.accessor('status', { header: t('common.status'), cell: (c) => <span className={`badge ${c.getValue()}`}>{t(`counting.status.${c.getValue()}` as MessageKey)}</span> }),
    countCol.accessor('planNumber', { header: t('counting.plan'), cell: (c) => c.getValue() ?? '—' }),
    countCol.accessor((c) => `${c.linesCounted} / ${c.lineCount}`, { id: 'progress', header: t('counting.progress') }),
    countCol.accessor('linesToRecount', { header: t('counting.recount') }),
    countCol.accessor('approvedBy', { header: t('counting.approvedBy'), cell: (c) => c.getValue() ?? '—' }),
  ]), [t, formatDate]);
  const varianceColumns = useMemo(() => varianceCol.columns([
    varianceCol.accessor('key', { header: t('counting.group') }),
    varianceCol.accessor('lines', { header: t('counting.lines'), cell: (c) => formatNumber(c.getValue(), 0) }),
    varianceCol.accessor('linesWithVariance', { header: t('counting.withVariance'), cell: (c) => formatNumber(c.getValue(), 0) }),
    varianceCol.accessor('linesOutsideTolerance', { header: t('counting.outsideTolerance'), cell: (c) => formatNumber(c.getValue(), 0) }),
    varianceCol.accessor('netVarianceValueEur', { header: t('counting.netValue'), cell: (c) => formatMoney(c.getValue()) }),
    varianceCol.accessor('absoluteVarianceValueEur', { header: t('counting.absValue'), cell: (c) => formatMoney(c.getValue()) }),
  ]), [t, formatNumber, formatMoney]);
  return (
    <>
      <PageHeader title={t('counting.title')} subtitle={t('counting.subtitle')} />
      <Loaded state={accuracy}>
        {(a) => (
          <>
            <div className="kpi-row">
              <Kpi label={t('counting.accuracy')} value={formatPercent(a.overall.accuracy)} hint={t('counting.accuracyHint', { accurate: a.overall.linesAccurate, counted: a.overall.linesCounted })} />
              <Kpi label={t('counting.exactAccuracy')} value={formatPercent(a.overall.exactAccuracy)} />
              {Object.entries(a.byClass).map(([klass, figures]) => <Kpi key={klass} label={t('counting.classAccuracy', { klass })} value={formatPercent(figures.accuracy)} hint={t('counting.accuracyHint', { accurate: figures.linesAccurate, counted: figures.linesCounted })} />)}
            </div>
            {a.byMonth.length > 0 && (
              <Section title={t('counting.byMonth')}>
                <EChart label={t('counting.byMonth')} height={200} option={{
                  grid: { left: 50, right: 20, top: 20, bottom: 30 }, tooltip: { trigger: 'axis' },
                  xAxis: { type: 'category', data: a.byMonth.map((m) => m.month) }, yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => formatPercent(v, 0) } },
                  series: [{ type: 'bar', data: a.byMonth.map((m) => m.accuracy), itemStyle: { color: '#1d5fa8' } }],
                }} />
              </Section>
            )}
          </>
        )}
      </Loaded>
      {canWrite && (
        <div className="two-cols no-print">
          <CountPlanForm today={today} onPlanned={(plan) => setPlanNumber(plan.planNumber)} />
          <StartCountForm key={planNumber} today={today} planNumber={planNumber} onStarted={(sheet) => { setSelected(sheet.countNumber); counts.reload(); }} />
        </div>
      )}
      <datalist id="count-locations">
        {[...new Set((counts.data?.items ?? []).map((c) => c.locationCode))].sort().map((code) => <option key={code} value={code} />)}
      </datalist>
      <Section title={t('counting.counts')}>
        <Loaded state={counts} isEmpty={(d) => d.items.length === 0} empty={t('counting.none')}>
          {(d) => <DataTable rows={d.items} columns={countColumns} getRowId={(c) => c.countNumber} caption={t('counting.counts')} numeric={['linesToRecount']} testId="counts"
            onRowActivate={(c) => setSelected(c.countNumber)} activeRowId={selected} />}
        </Loaded>
        {!selected && counts.data && counts.data.items.length > 0 && <p className="muted small">{t('counting.pickCount')}</p>}
      </Section>
      {selected && <CountSheetPanel key={selected} countNumber={selected} canWrite={canWrite} onChanged={() => { counts.reload(); accuracy.reload(); variances.reload(); }} />}
      <Section title={t('counting.variances')}>
        <Loaded state={variances}>
          {(v) => {
            const rows: VarianceRow[] = [
              { key: t('common.all'), ...v.overall },
              ...Object.entries(v.byClass).map(([k, g]) => ({ key: t('counting.classKey', { klass: k }), ...g })),
              ...Object.entries(v.byCause).map(([k, g]) => ({ key: t('counting.causeKey', { cause: k }), ...g })),
            ];
            return <DataTable rows={rows} columns={varianceColumns} getRowId={(r) => r.key} caption={t('counting.variances')} numeric={['lines', 'linesWithVariance', 'linesOutsideTolerance', 'netVarianceValueEur', 'absoluteVarianceValueEur']} />;
          }}
        </Loaded>
      </Section>
    </>
  );
}
