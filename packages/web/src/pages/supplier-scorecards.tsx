import { useMemo } from 'react';
import type { z } from 'zod';
import type { SupplierScorecardResponse } from '@flowpilot/contract';
import { useApi } from '../api/use-api';
import { useI18n } from '../i18n/i18n-context';
import { DataTable, gridColumns } from '../components/data-table';
import { Section } from '../components/page';
import { Loaded } from '../components/states';

type Scorecard = z.infer<typeof SupplierScorecardResponse>;
type Score = Scorecard['suppliers'][number];
const scoreCol = gridColumns<Score>();

/** Supplier scorecards over the last year of receipts: on time, in full, OTIF, rejects, lead time, price variance. */
export function SupplierScorecards() {
  const { t, formatNumber, formatPercent, formatMoney, language } = useI18n();
  const scorecard = useApi<Scorecard>('/api/v1/suppliers/scorecard', language);
  const columns = useMemo(() => scoreCol.columns([
    scoreCol.accessor('supplierCode', { header: t('procurement.supplier') }),
    scoreCol.accessor('linesReceived', { header: t('scorecard.lines'), cell: (c) => formatNumber(c.getValue(), 0) }),
    scoreCol.accessor('onTimeRate', { header: t('scorecard.onTime'), cell: (c) => formatPercent(c.getValue()) }),
    scoreCol.accessor('inFullRate', { header: t('scorecard.inFull'), cell: (c) => formatPercent(c.getValue()) }),
    scoreCol.accessor('onTimeInFullRate', { header: 'OTIF', cell: (c) => <strong>{formatPercent(c.getValue())}</strong> }),
    scoreCol.accessor('rejectRate', { header: t('scorecard.rejects'), cell: (c) => formatPercent(c.getValue(), 2) }),
    scoreCol.accessor('leadTimeMeanDays', { header: t('scorecard.leadTime'), cell: (c) => formatNumber(c.getValue(), 1) }),
    scoreCol.accessor('leadTimeStdDays', { header: t('scorecard.leadTimeStd'), cell: (c) => formatNumber(c.getValue(), 1) }),
    scoreCol.accessor('meanDaysLate', { header: t('scorecard.daysLate'), cell: (c) => formatNumber(c.getValue(), 1) }),
    scoreCol.accessor('priceVarianceEur', { header: t('scorecard.priceVariance'), cell: (c) => formatMoney(c.getValue()) }),
  ]), [t, formatNumber, formatPercent, formatMoney]);
  return (
    <Section title={t('scorecard.title')} actions={scorecard.data ? <span className="muted small">{t('scorecard.window', { from: scorecard.data.from, to: scorecard.data.to })}</span> : undefined}>
      <Loaded state={scorecard} isEmpty={(d) => d.suppliers.length === 0} empty={t('scorecard.none')}>
        {(d) => <DataTable rows={d.suppliers} columns={columns} getRowId={(s) => s.supplierCode} caption={t('scorecard.title')} testId="scorecards"
          numeric={['linesReceived', 'onTimeRate', 'inFullRate', 'onTimeInFullRate', 'rejectRate', 'leadTimeMeanDays', 'leadTimeStdDays', 'meanDaysLate', 'priceVarianceEur']} />}
      </Loaded>
    </Section>
  );
}
