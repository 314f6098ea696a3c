import { useMemo, useState } from 'react';
import type { z } from 'zod';
import type { ActionMessageRow, MrpRecordResponse, PlannedOrderRow } from '@flowpilot/contract';
import { apiRequest } from '../api/api-client';
import { useAllPages } from '../api/use-all-pages';
import { useApi } from '../api/use-api';
import { useLatestRuns } from '../api/latest-runs';
import { useSession } from '../auth/session-context';
import { useI18n, type I18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/en';
import { DataTable, gridColumns } from '../components/data-table';
import { NoRun, PageHeader, RunNote, Section } from '../components/page';
import { Tabs } from '../components/tabs';
import { Empty, ErrorMessage, Loading } from '../components/states';
import { RunCycleButton } from './run-cycle-button';
import type { PageProps } from '../app';
import { navigate } from '../router';

type ActionMessage = z.infer<typeof ActionMessageRow>;
type PlannedOrder = z.infer<typeof PlannedOrderRow>;
type MrpRecord = z.infer<typeof MrpRecordResponse>;

const messageCol = gridColumns<ActionMessage>();
const orderCol = gridColumns<PlannedOrder>();

/** MRP / CBN: action messages to approve, planned orders with pegging, and the time-phased record of one item. */
export function MrpPage({ route }: PageProps) {
  const { t } = useI18n();
  const runs = useLatestRuns();
  const run = runs.latest('mrp');
  const tab = route.params.get('tab') ?? 'messages';
  const item = route.params.get('item') ?? '';
  if (runs.status === 'loading' && !run) return <Loading />;
  return (
    <>
      <PageHeader title={t('mrp.title')} subtitle={<RunNote run={run} />} actions={<RunCycleButton />} />
      {!run ? <NoRun runType="mrp" /> : (
        <Tabs label={t('mrp.title')} current={tab} onChange={(next) => navigate('mrp', { tab: next, ...(item ? { item } : {}) })}
          tabs={[
            { id: 'messages', label: t('mrp.tab.messages'), render: () => <ActionMessages runId={run.id} /> },
            { id: 'orders', label: t('mrp.tab.orders'), render: () => <PlannedOrders runId={run.id} /> },
            { id: 'record', label: t('mrp.tab.record'), render: () => <ItemRecord runId={run.id} initialItem={item} /> },
          ]} />
      )}
    </>
  );
}

function ActionMessages({ runId }: { runId: string }) {
  const i18n = useI18n();
  const { t, formatNumber, formatDate, language } = i18n;
  const { can } = useSession();
  const [filter, setFilter] = useState('');
  const [status, setStatus] = useState<'all' | 'open' | 'approved' | 'dismissed'>('open');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [feedback, setFeedback] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const list = useAllPages<ActionMessage>(`/api/v1/planning-runs/${encodeURIComponent(runId)}/action-messages`, {}, language);
  const mayDecide = (m: ActionMessage) => m.status === 'open' && (can('planning:write') || (m.ownerRole === 'buyer' && can('procurement:write')));
  const rows = useMemo(() => (list.items ?? []).filter((m) => (status === 'all' || m.status === status) && (!filter || m.itemCode.toLowerCase().includes(filter.toLowerCase()) || (m.ownerCode ?? '').toLowerCase().includes(filter.toLowerCase()))), [list.items, filter, status]);
  const columns = useMemo(() => messageCol.columns([
    messageCol.accessor('sequence', { header: '#' }),
    messageCol.accessor('kind', { header: t('mrp.kind'), cell: (c) => <span className={`badge kind-${c.getValue()}`}>{t(`action.kind.${c.getValue()}` as MessageKey)}</span> }),
    messageCol.accessor('itemCode', { header: t('common.item'), cell: (c) => <a href={`#/mrp?tab=record&item=${encodeURIComponent(c.getValue())}`}>{c.getValue()}</a> }),
    messageCol.accessor('ownerCode', { header: t('mrp.owner'), cell: (c) => `${c.getValue() ?? '—'} (${t(`role.${c.row.original.ownerRole}` as MessageKey)})` }),
    messageCol.accessor('orderId', { header: t('mrp.order') }),
    messageCol.accessor('periodDate', { header: t('mrp.date'), cell: (c) => formatDate(c.getValue()) }),
    messageCol.accessor('suggestedDate', { header: t('mrp.suggestedDate'), cell: (c) => formatDate(c.getValue()) }),
    messageCol.accessor('quantity', { header: t('common.quantity'), cell: (c) => formatNumber(c.getValue()) }),
    messageCol.accessor('suggestedQuantity', { header: t('mrp.suggestedQuantity'), cell: (c) => formatNumber(c.getValue()) }),
    messageCol.accessor('reason', { header: t('mrp.reason'), cell: (c) => t(`action.reason.${c.getValue()}` as MessageKey) }),
    messageCol.accessor('status', { header: t('common.status'), cell: (c) => <span className={`badge ${c.getValue()}`}>{t(`action.status.${c.getValue()}` as MessageKey)}</span> }),
  ]), [t, formatDate, formatNumber]);

  const decide = async (decision: 'approved' | 'dismissed') => {
    const sequences = [...selected].map(Number);
    setBusy(true);
    setFeedback(null);
    try {
      await apiRequest(`/api/v1/planning-runs/${encodeURIComponent(runId)}/action-messages/status`, { method: 'POST', body: { sequences, status: decision } });
      setFeedback({ tone: 'ok', text: t(decision === 'approved' ? 'mrp.approvedCount' : 'mrp.dismissedCount', { count: sequences.length }) });
      setSelected(new Set());
      list.reload();
    } catch (error) {
      setFeedback({ tone: 'error', text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('mrp.tab.messages')} actions={
      <div className="toolbar">
        <label className="inline-field">{t('common.filter')}<input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t('mrp.filterHint')} /></label>
        <label className="inline-field">{t('common.status')}
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            {(['open', 'approved', 'dismissed', 'all'] as const).map((s) => <option key={s} value={s}>{s === 'all' ? t('common.all') : t(`action.status.${s}` as MessageKey)}</option>)}
          </select>
        </label>
        <button type="button" className="primary" disabled={busy || selected.size === 0} onClick={() => void decide('approved')} data-testid="approve-messages">{t('mrp.approveSelected', { count: selected.size })}</button>
        <button type="button" disabled={busy || selected.size === 0} onClick={() => void decide('dismissed')}>{t('mrp.dismissSelected')}</button>
      </div>
    }>
      {feedback && <p className={feedback.tone === 'error' ? 'state state-error' : 'state state-ok'} role={feedback.tone === 'error' ? 'alert' : 'status'}>{feedback.text}</p>}
      {list.status === 'error' && list.error ? <ErrorMessage error={list.error} onRetry={list.reload} /> : !list.items ? <Loading /> : rows.length === 0 ? <Empty>{t('mrp.noMessages')}</Empty> : (
        <DataTable rows={rows} columns={columns} getRowId={(m) => String(m.sequence)} caption={t('mrp.tab.messages')} numeric={['sequence', 'quantity', 'suggestedQuantity']} testId="action-messages"
          selection={{ selected, onChange: setSelected, isSelectable: mayDecide, label: (m) => t('mrp.selectMessage', { sequence: m.sequence }), allLabel: t('common.selectAll') }} />
      )}
      <p className="muted small">{t('mrp.count', { shown: formatNumber(rows.length, 0), total: formatNumber(list.total, 0) })}</p>
    </Section>
  );
}

function PlannedOrders({ runId }: { runId: string }) {
  const { t, formatNumber, formatDate, language } = useI18n();
  const [filter, setFilter] = useState('');
  /** Server-side filter on the order kind (PlannedOrderQuery.kind): make, buy, or transfer (DRP's planned transfer orders TR-…). */
  const [kind, setKind] = useState<'' | PlannedOrder['sourcing']>('');
  const [active, setActive] = useState<PlannedOrder | null>(null);
  const list = useAllPages<PlannedOrder>(`/api/v1/planning-runs/${encodeURIComponent(runId)}/planned-orders`, kind ? { kind } : {}, language);
  const byId = useMemo(() => new Map((list.items ?? []).map((o) => [o.orderId, o])), [list.items]);
  const rows = useMemo(() => (list.items ?? []).filter((o) => !filter || o.itemCode.toLowerCase().includes(filter.toLowerCase()) || o.orderId.toLowerCase().includes(filter.toLowerCase())), [list.items, filter]);
  const columns = useMemo(() => orderCol.columns([
    orderCol.accessor('orderId', { header: t('mrp.order') }),
    orderCol.accessor('itemCode', { header: t('common.item') }),
    orderCol.accessor('sourcing', { header: t('mrp.sourcing'), cell: (c) => t(`sourcing.${c.getValue()}` as MessageKey) }),
    orderCol.accessor((o) => (o.sourcing === 'transfer' ? o.fromLocationCode ?? '—' : o.supplierCode ?? o.locationCode ?? '—'), { id: 'source', header: t('mrp.source') }),
    orderCol.accessor((o) => o.locationCode ?? '—', { id: 'destination', header: t('mrp.destination'),
      cell: (c) => (c.row.original.sourcing === 'transfer' ? <span title={t('mrp.transferRoute', { from: c.row.original.fromLocationCode ?? '—', to: c.getValue() })}>{c.row.original.fromLocationCode ?? '—'} → {c.getValue()}</span> : c.getValue()) }),
    orderCol.accessor('releaseDate', { header: t('mrp.releaseDate'), cell: (c) => formatDate(c.getValue()) }),
    orderCol.accessor('receiptDate', { header: t('mrp.receiptDate'), cell: (c) => formatDate(c.getValue()) }),
    orderCol.accessor('quantity', { header: t('common.quantity'), cell: (c) => formatNumber(c.getValue()) }),
    orderCol.accessor((o) => o.pegging.length, { id: 'pegs', header: t('mrp.pegs') }),
  ]), [t, formatDate, formatNumber]);
  if (list.status === 'error' && list.error) return <ErrorMessage error={list.error} onRetry={list.reload} />;
  if (!list.items) return <Loading />;
  return (
    <div className="two-cols wide-left">
      <Section title={t('mrp.tab.orders')} actions={<>
        <label className="inline-field">{t('mrp.orderKind')}
          <select value={kind} onChange={(e) => { setKind(e.target.value as typeof kind); setActive(null); }} data-testid="planned-order-kind">
            <option value="">{t('common.all')}</option>
            {(['make', 'buy', 'transfer'] as const).map((k) => <option key={k} value={k}>{t(`sourcing.${k}`)}</option>)}
          </select>
        </label>
        <label className="inline-field">{t('common.filter')}<input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t('mrp.filterOrdersHint')} /></label>
      </>}>
        {rows.length === 0 ? <Empty /> : (
          <DataTable rows={rows} columns={columns} getRowId={(o) => o.orderId} caption={t('mrp.tab.orders')} numeric={['quantity', 'pegs']} testId="planned-orders"
            onRowActivate={setActive} activeRowId={active?.orderId ?? null} />
        )}
        <p className="muted small">{t('mrp.count', { shown: formatNumber(rows.length, 0), total: formatNumber(list.total, 0) })}</p>
      </Section>
      <Section title={t('mrp.pegging')}>
        {active ? <PeggingTree order={active} byId={byId} i18n={{ t, formatNumber, formatDate }} /> : <Empty>{t('mrp.peggingHint')}</Empty>}
      </Section>
    </div>
  );
}

/** Upward pegging: which demand each order serves, following dependent demand to the parent planned orders up to the end item. */
function PeggingTree({ order, byId, i18n }: { order: PlannedOrder; byId: Map<string, PlannedOrder>; i18n: Pick<I18n, 't' | 'formatNumber' | 'formatDate'> }) {
  const { t, formatNumber, formatDate } = i18n;
  const render = (o: PlannedOrder, depth: number, seen: Set<string>) => (
    <ul className="tree" role={depth === 0 ? 'tree' : 'group'} aria-label={depth === 0 ? t('mrp.pegging') : undefined}>
      {o.pegging.map((peg, index) => {
        const parent = peg.demandKind === 'dependent' && peg.demandId ? byId.get(peg.demandId) : undefined;
        return (
          <li key={`${peg.demandId}-${index}`} role="treeitem" aria-expanded={parent ? true : undefined}>
            <span className={`badge peg-${peg.demandKind}`}>{t(`peg.${peg.demandKind}` as MessageKey)}</span>{' '}
            <strong>{formatNumber(peg.quantity)}</strong> → {peg.demandId ?? '—'}
            {parent && <span className="muted"> ({parent.itemCode}, {formatDate(parent.receiptDate)})</span>}
            {parent && depth < 12 && !seen.has(parent.orderId) && render(parent, depth + 1, new Set([...seen, parent.orderId]))}
          </li>
        );
      })}
    </ul>
  );
  return (
    <div data-testid="pegging">
      <p><strong>{order.orderId}</strong> · {order.itemCode} · {formatNumber(order.quantity)} · {formatDate(order.receiptDate)}</p>
      {order.pegging.length === 0 ? <Empty /> : render(order, 0, new Set([order.orderId]))}
    </div>
  );
}

const RECORD_ROWS = ['grossRequirements', 'scheduledReceipts', 'projectedOnHand', 'netRequirements', 'plannedOrderReceipts', 'plannedOrderReleases'] as const;
type RecordRow = { measure: (typeof RECORD_ROWS)[number]; values: number[] };
const recordCol = gridColumns<RecordRow>();

function ItemRecord({ runId, initialItem }: { runId: string; initialItem: string }) {
  const { t, formatNumber, formatDate, language } = useI18n();
  const [draft, setDraft] = useState(initialItem);
  const [itemCode, setItemCode] = useState(initialItem);
  const items = useApi<{ items: { code: string; name: string }[] }>('/api/v1/items?pageSize=500', language);
  const record = useApi<MrpRecord>(itemCode ? `/api/v1/planning-runs/${encodeURIComponent(runId)}/mrp-records/${encodeURIComponent(itemCode)}` : null, language);
  const data = record.data?.record as { periodStarts?: string[] } & Partial<Record<(typeof RECORD_ROWS)[number], number[]>> | undefined;
  const periods = data?.periodStarts ?? [];
  const rows: RecordRow[] = useMemo(() => RECORD_ROWS.filter((m) => Array.isArray(data?.[m])).map((m) => ({ measure: m, values: data?.[m] ?? [] })), [data]);
  const columns = useMemo(() => recordCol.columns([
    recordCol.accessor('measure', { header: t('mrp.measure'), cell: (c) => <strong>{t(`mrp.row.${c.getValue()}` as MessageKey)}</strong> }),
    ...periods.map((p, index) => recordCol.accessor((r) => r.values[index] ?? 0, { id: `p${index}`, header: formatDate(p), cell: (c) => <span className={c.getValue() < 0 ? 'negative' : c.getValue() === 0 ? 'zero' : undefined}>{formatNumber(c.getValue())}</span> })),
  ]), [periods, t, formatDate, formatNumber]);
  return (
    <Section title={t('mrp.tab.record')}>
      <form className="toolbar" onSubmit={(e) => { e.preventDefault(); setItemCode(draft.trim()); }}>
        <label className="inline-field">{t('common.item')}
          <input list="mrp-items" value={draft} onChange={(e) => setDraft(e.target.value)} required data-testid="record-item" />
        </label>
        <datalist id="mrp-items">{items.data?.items.map((i) => <option key={i.code} value={i.code}>{i.name}</option>)}</datalist>
        <button type="submit">{t('common.show')}</button>
        {record.data && <span className="muted">{t('mrp.lowLevelCode', { code: record.data.lowLevelCode })}</span>}
      </form>
      {!itemCode ? <Empty>{t('mrp.recordHint')}</Empty> : record.status === 'error' ? <ErrorMessage error={record.error} onRetry={record.reload} /> : !record.data ? <Loading /> : (
        <div className="wide-grid"><DataTable rows={rows} columns={columns} getRowId={(r) => r.measure} caption={t('mrp.tab.record')} numeric={periods.map((_, i) => `p${i}`)} testId="mrp-record" /></div>
      )}
    </Section>
  );
}
