import { useMemo, useState } from 'react';
import type { z } from 'zod';
import type { MpsItemDetail, MpsItemPage, MpsPeriodRow } from '@flowpilot/contract';
import { useApi } from '../api/use-api';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/en';
import { DataTable, gridColumns } from '../components/data-table';
import { PageHeader, Section } from '../components/page';
import { Empty, ErrorMessage, Loaded, Loading } from '../components/states';

type ItemRow = MpsItemPage['items'][number];
type Period = z.infer<typeof MpsPeriodRow>;
const MEASURES = ['forecastUnits', 'customerOrdersUnits', 'demandUnits', 'firmReceiptsUnits', 'plannedReceiptsUnits', 'masterScheduleUnits', 'projectedAvailableUnits', 'availableToPromiseUnits', 'cumulativeAvailableToPromiseUnits'] as const;
type GridRow = { measure: (typeof MEASURES)[number]; periods: Period[] };
const itemCol = gridColumns<ItemRow>();
const gridCol = gridColumns<GridRow>();
const exceptionCol = gridColumns<MpsItemDetail['exceptions'][number] & { index: number }>();

/** MPS / PDP with ATP: the end items of the latest MPS run, and per item the time-phased grid with its time-fence zones. */
export function MpsPage() {
  const { t, formatNumber, formatDate, language } = useI18n();
  const list = useApi<MpsItemPage>('/api/v1/mps?pageSize=500', language);
  const [itemCode, setItemCode] = useState<string | null>(null);
  const current = itemCode ?? list.data?.items[0]?.itemCode ?? null;
  const detail = useApi<MpsItemDetail>(current ? `/api/v1/mps/${encodeURIComponent(current)}` : null, language);
  const itemColumns = useMemo(() => itemCol.columns([
    itemCol.accessor('itemCode', { header: t('common.item') }),
    itemCol.accessor('totalMasterScheduleUnits', { header: t('mps.totalMps'), cell: (c) => formatNumber(c.getValue(), 0) }),
    itemCol.accessor('minProjectedAvailableUnits', { header: t('mps.minPab'), cell: (c) => <span className={c.getValue() < 0 ? 'negative' : undefined}>{formatNumber(c.getValue(), 0)}</span> }),
    // the status badge last: at 1280 px the list is ~390 px wide, so the numbers come first and the badge scrolls in
    itemCol.accessor('status', { header: t('common.status'), cell: (c) => <span className={`badge ${c.getValue() === 'ok' ? 'ok' : 'warning'}`}>{c.getValue() === 'ok' ? t('mps.ok') : t('mps.exceptions', { count: c.row.original.exceptionCount })}</span> }),
  ]), [t, formatNumber]);
  const periods = detail.data?.periods ?? [];
  const rows: GridRow[] = useMemo(() => MEASURES.map((measure) => ({ measure, periods })), [periods]);
  const gridColumnsDef = useMemo(() => gridCol.columns([
    gridCol.accessor('measure', { header: t('mps.measure'), cell: (c) => <strong>{t(`mps.row.${c.getValue()}` as MessageKey)}</strong> }),
    ...periods.map((p, index) => gridCol.accessor((r) => r.periods[index]?.[r.measure] ?? 0, {
      id: `p${index}`,
      header: () => <span className={`zone zone-${p.zone}`} title={t(`mps.zone.${p.zone}` as MessageKey)}>{formatDate(p.period)}</span>,
      cell: (c) => <span className={c.getValue() < 0 ? 'negative' : c.getValue() === 0 ? 'zero' : undefined}>{formatNumber(c.getValue(), 0)}</span>,
    })),
  ]), [periods, t, formatDate, formatNumber]);
  const exceptionColumns = useMemo(() => exceptionCol.columns([
    exceptionCol.accessor('code', { header: t('mps.exceptionCode') }),
    exceptionCol.accessor('period', { header: t('mps.period'), cell: (c) => formatDate(c.getValue()) }),
    exceptionCol.accessor('quantityUnits', { header: t('common.quantity'), cell: (c) => formatNumber(c.getValue(), 0) }),
    exceptionCol.accessor('message', { header: t('data.message'), cell: (c) => <span className="wrap">{c.getValue()}</span> }),
  ]), [t, formatDate, formatNumber]);
  return (
    <>
      <PageHeader title={t('mps.title')} subtitle={list.data ? t('mps.subtitle', { run: list.data.runId, asOf: formatDate(list.data.asOfDate) }) : undefined} />
      <Loaded state={list} isEmpty={(d) => d.items.length === 0}>
        {(data) => (
          <div className="two-cols wide-right">
            <Section title={t('mps.items', { count: data.total })}>
              <div className="wide-grid">
                <DataTable rows={data.items} columns={itemColumns} getRowId={(i) => i.itemCode} caption={t('mps.items', { count: data.total })} numeric={['totalMasterScheduleUnits', 'minProjectedAvailableUnits']} onRowActivate={(i) => setItemCode(i.itemCode)} activeRowId={current} maxHeightPx={600} testId="mps-items" />
              </div>
            </Section>
            <div>
              <Section title={t('mps.grid', { item: current ?? '' })}>
                <p className="legend small"><span className="zone zone-frozen">{t('mps.zone.frozen')}</span> <span className="zone zone-slushy">{t('mps.zone.slushy')}</span> <span className="zone zone-liquid">{t('mps.zone.liquid')}</span> {detail.data && t('mps.fences', { dtf: detail.data.timeFences.demandTimeFencePeriods, ptf: detail.data.timeFences.planningTimeFencePeriods })}</p>
                {detail.status === 'error' ? <ErrorMessage error={detail.error} onRetry={detail.reload} /> : !detail.data ? <Loading /> : (
                  <div className="wide-grid"><DataTable rows={rows} columns={gridColumnsDef} getRowId={(r) => r.measure} caption={t('mps.grid', { item: current ?? '' })} numeric={periods.map((_, i) => `p${i}`)} testId="mps-grid" /></div>
                )}
              </Section>
              <Section title={t('mps.exceptionList')}>
                {!detail.data ? null : detail.data.exceptions.length === 0 ? <Empty>{t('mps.noExceptions')}</Empty> : (
                  <DataTable rows={detail.data.exceptions.map((e, index) => ({ ...e, index }))} columns={exceptionColumns} getRowId={(e) => String(e.index)} caption={t('mps.exceptionList')} numeric={['quantityUnits']} rowHeightPx={44} maxHeightPx={260} />
                )}
              </Section>
            </div>
          </div>
        )}
      </Loaded>
    </>
  );
}
