import { useMemo, useState, type FormEvent } from 'react';
import { RETURN_REASONS, type ReturnOrder } from '@flowpilot/contract';
import { apiRequest, withQuery } from '../api/api-client';
import { useApi } from '../api/use-api';
import { useSession } from '../auth/session-context';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/en';
import { DataTable, gridColumns } from '../components/data-table';
import { PageHeader, Section } from '../components/page';
import { Loaded } from '../components/states';
import { ReturnSteps } from './return-steps';

type ReportRow = { key: string; returnCount: number; returnedQuantity: number; shippedQuantity: number | null; returnRate: number | null; returnCostEur: number };
const returnCol = gridColumns<ReturnOrder>();
const reportCol = gridColumns<ReportRow>();

/**
 * Returns (RMA): authorise a return, then pick it in the list to receive, inspect and dispose of it; the return orders with
 * their status and disposition, and the return rate report.
 */
export function ReturnsPage() {
  const { t, formatNumber, formatMoney, formatPercent, formatDate, language } = useI18n();
  const { can } = useSession();
  const canWrite = can('returns:write');
  const [today] = useState(() => new Date().toISOString().slice(0, 10));
  const [selectedRma, setSelectedRma] = useState<string | null>(null);
  const [by, setBy] = useState<'item' | 'customer' | 'reason'>('reason');
  const list = useApi<{ items: ReturnOrder[]; total: number }>('/api/v1/returns?pageSize=500', language);
  const report = useApi<{ from: string; to: string; rows: ReportRow[] }>(withQuery('/api/v1/returns/report', { by }), language);
  const selected = list.data?.items.find((r) => r.rmaNumber === selectedRma);
  const columns = useMemo(() => returnCol.columns([
    returnCol.accessor('rmaNumber', { header: 'RMA' }),
    returnCol.accessor('customerCode', { header: t('returns.customer') }),
    returnCol.accessor('itemCode', { header: t('common.item') }),
    returnCol.accessor('quantity', { header: t('common.quantity'), cell: (c) => formatNumber(c.getValue()) }),
    returnCol.accessor('reason', { header: t('mrp.reason'), cell: (c) => t(`returns.reason.${c.getValue()}` as MessageKey) }),
    returnCol.accessor('status', { header: t('common.status'), cell: (c) => <span className="badge">{t(`returns.status.${c.getValue()}` as MessageKey)}</span> }),
    returnCol.accessor('disposition', { header: t('returns.disposition'), cell: (c) => (c.getValue() ? t(`returns.disposition.${c.getValue()}` as MessageKey) : '—') }),
    returnCol.accessor('authorizedDate', { header: t('returns.authorized'), cell: (c) => formatDate(c.getValue()) }),
    returnCol.accessor('returnCostEur', { header: t('returns.cost'), cell: (c) => formatMoney(c.getValue()) }),
  ]), [t, formatNumber, formatMoney, formatDate]);
  const reportColumns = useMemo(() => reportCol.columns([
    reportCol.accessor('key', { header: t(`returns.by.${by}` as MessageKey), cell: (c) => (by === 'reason' ? t(`returns.reason.${c.getValue()}` as MessageKey) : c.getValue()) }),
    reportCol.accessor('returnCount', { header: t('returns.count'), cell: (c) => formatNumber(c.getValue(), 0) }),
    reportCol.accessor('returnedQuantity', { header: t('returns.returned'), cell: (c) => formatNumber(c.getValue()) }),
    reportCol.accessor('shippedQuantity', { header: t('returns.shipped'), cell: (c) => formatNumber(c.getValue()) }),
    reportCol.accessor('returnRate', { header: t('returns.rate'), cell: (c) => formatPercent(c.getValue(), 2) }),
    reportCol.accessor('returnCostEur', { header: t('returns.cost'), cell: (c) => formatMoney(c.getValue()) }),
  ]), [t, by, formatNumber, formatPercent, formatMoney]);
  return (
    <>
      <PageHeader title={t('returns.title')} subtitle={t('returns.subtitle')} />
      <Section title={t('returns.report')} actions={
        <label className="inline-field">{t('returns.groupBy')}
          <select value={by} onChange={(e) => setBy(e.target.value as typeof by)}>{(['reason', 'item', 'customer'] as const).map((b) => <option key={b} value={b}>{t(`returns.by.${b}` as MessageKey)}</option>)}</select>
        </label>}>
        <Loaded state={report} isEmpty={(d) => d.rows.length === 0} empty={t('returns.none')}>
          {(d) => <DataTable rows={d.rows} columns={reportColumns} getRowId={(r) => r.key} caption={t('returns.report')} numeric={['returnCount', 'returnedQuantity', 'shippedQuantity', 'returnRate', 'returnCostEur']} maxHeightPx={280} />}
        </Loaded>
      </Section>
      <Section title={t('returns.orders')}>
        <Loaded state={list} isEmpty={(d) => d.items.length === 0} empty={t('returns.none')}>
          {(d) => <DataTable rows={d.items} columns={columns} getRowId={(r) => r.rmaNumber} caption={t('returns.orders')} numeric={['quantity', 'returnCostEur']} testId="returns"
            onRowActivate={(r) => setSelectedRma(r.rmaNumber)} activeRowId={selectedRma} />}
        </Loaded>
        {!selectedRma && list.data && list.data.items.length > 0 && <p className="muted small">{t('returns.pick')}</p>}
      </Section>
      {selected && <ReturnSteps key={selected.rmaNumber} order={selected} today={today} canWrite={canWrite} onChanged={() => { list.reload(); report.reload(); }} />}
      {canWrite && <AuthorizeReturn onDone={(created) => { setSelectedRma(created.rmaNumber); list.reload(); report.reload(); }} />}
    </>
  );
}

function AuthorizeReturn({ onDone }: { onDone: (created: ReturnOrder) => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ customerCode: '', itemCode: '', quantity: 1, reason: 'damaged' as (typeof RETURN_REASONS)[number] });
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    try {
      const created = await apiRequest<ReturnOrder>('/api/v1/returns', { method: 'POST', body: form });
      setMessage({ tone: 'ok', text: t('returns.created', { rma: created.rmaNumber }) });
      onDone(created);
    } catch (error) {
      setMessage({ tone: 'error', text: (error as Error).message });
    }
  };
  return (
    <Section title={t('returns.authorize')}>
      <form className="toolbar" onSubmit={submit}>
        <label className="inline-field">{t('returns.customer')}<input required value={form.customerCode} onChange={(e) => setForm({ ...form, customerCode: e.target.value })} placeholder="CUS-001" /></label>
        <label className="inline-field">{t('common.item')}<input required value={form.itemCode} onChange={(e) => setForm({ ...form, itemCode: e.target.value })} placeholder="FG-IRRIG-01" /></label>
        <label className="inline-field">{t('common.quantity')}<input type="number" min={0.001} step="any" className="narrow" value={form.quantity} onChange={(e) => setForm({ ...form, quantity: Number(e.target.value) })} /></label>
        <label className="inline-field">{t('mrp.reason')}
          <select value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value as typeof form.reason })}>{RETURN_REASONS.map((r) => <option key={r} value={r}>{t(`returns.reason.${r}` as MessageKey)}</option>)}</select>
        </label>
        <button type="submit" className="primary" data-testid="return-authorize">{t('returns.authorizeButton')}</button>
      </form>
      {message && <p className={message.tone === 'error' ? 'state state-error' : 'state state-ok'} role={message.tone === 'error' ? 'alert' : 'status'}>{message.text}</p>}
    </Section>
  );
}
