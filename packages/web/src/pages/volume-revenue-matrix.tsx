import type { VolumeRevenueMatrixResponse } from '@flowpilot/contract';
import { useApi } from '../api/use-api';
import { useI18n } from '../i18n/i18n-context';
import { Section } from '../components/page';
import { Loaded } from '../components/states';

const CLASSES = ['A', 'B', 'C'] as const;

/** The volume × revenue matrix that frames the S&OP: sales by product revenue class × customer revenue class, and the products' volume × revenue classes. */
export function VolumeRevenueMatrix() {
  const { t, language } = useI18n();
  const matrix = useApi<VolumeRevenueMatrixResponse>('/api/v1/sop/volume-revenue-matrix?months=12', language);
  return (
    <Section title={t('sop.matrix.title')} id="volume-revenue">
      <Loaded state={matrix} isEmpty={(d) => d.lineCount === 0}>{(data) => <MatrixTables data={data} />}</Loaded>
    </Section>
  );
}

function MatrixTables({ data }: { data: VolumeRevenueMatrixResponse }) {
  const { t, formatMoney, formatNumber } = useI18n();
  const share = (revenue: number): string => (data.totalRevenue > 0 ? `${formatNumber((revenue / data.totalRevenue) * 100, 1)} %` : '–');
  const cell = (list: VolumeRevenueMatrixResponse['productByCustomer'], row: string, column: string) => list.find((c) => c.rowClass === row && c.columnClass === column);
  return (
    <>
      <p className="muted small">{t('sop.matrix.subtitle', { from: data.fromDate, to: data.toDate, total: formatMoney(data.totalRevenue), products: data.products.length, customers: data.customers.length })}</p>
      <div className="matrix-pair">
        <table className="matrix matrix-values" data-testid="matrix-product-customer">
          <caption>{t('sop.matrix.productByCustomer')}</caption>
          <thead><tr><th scope="col">{t('sop.matrix.products')} \ {t('sop.matrix.customers')}</th>{CLASSES.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
          <tbody>
            {CLASSES.map((row) => (
              <tr key={row}><th scope="row">{row}</th>{CLASSES.map((column) => {
                const found = cell(data.productByCustomer, row, column);
                return <td key={column}>{found ? `${formatMoney(found.revenue)} (${share(found.revenue)})` : '–'}</td>;
              })}</tr>
            ))}
          </tbody>
        </table>
        <table className="matrix matrix-values" data-testid="matrix-product-volume-revenue">
          <caption>{t('sop.matrix.productVolumeByRevenue')}</caption>
          <thead><tr><th scope="col">{t('sop.matrix.volume')} \ {t('sop.matrix.revenue')}</th>{CLASSES.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
          <tbody>
            {CLASSES.map((row) => (
              <tr key={row}><th scope="row">{row}</th>{CLASSES.map((column) => {
                const found = cell(data.productVolumeByRevenue, row, column);
                return <td key={column}>{found && found.count > 0 ? t('sop.matrix.items', { count: found.count, revenue: share(found.revenue) }) : '–'}</td>;
              })}</tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{data.source}</p>
    </>
  );
}
