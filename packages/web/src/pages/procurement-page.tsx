import { useEffect, useMemo, useRef, useState } from 'react';
import type { z } from 'zod';
import type { ApproveProposalsResponse, ProposalLineRow } from '@flowpilot/contract';
import { apiRequest } from '../api/api-client';
import { useAllPages } from '../api/use-all-pages';
import { useLatestRuns } from '../api/latest-runs';
import { useSession } from '../auth/session-context';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/en';
import { DataTable, gridColumns } from '../components/data-table';
import { Kpi, NoRun, PageHeader, RunNote, Section } from '../components/page';
import { Empty, ErrorMessage, Loading } from '../components/states';
import { SupplierScorecards } from './supplier-scorecards';
import { POLICY_BASIS_PANEL_ID, ProposalBasisPanel } from './proposal-basis-panel';

type ProposalLine = z.infer<typeof ProposalLineRow>;
type SupplierTotal = { supplierCode: string; lines: number; open: number; valueEur: number; currency: string; purchaseOrders: string[] };
const lineCol = gridColumns<ProposalLine>();
const lineId = (l: ProposalLine): string => `${l.supplierCode}/${l.plannedOrderId}`;
const supplierCol = gridColumns<SupplierTotal>();
const basisButtonId = (l: ProposalLine): string => `basis-${l.supplierCode}-${l.plannedOrderId}`.replace(/[^A-Za-z0-9_-]/g, '_');

/** Purchase proposals of the latest cycle, grouped by supplier, approved into purchase orders (one per supplier). */
export function ProcurementPage() {
  const { t, formatNumber, formatMoney, formatDate, language } = useI18n();
  const runs = useLatestRuns();
  const { can } = useSession();
  const run = runs.latest('proposals');
  const list = useAllPages<ProposalLine>(run ? `/api/v1/planning-runs/${encodeURIComponent(run.id)}/purchase-proposals` : null, {}, language);
  const [supplier, setSupplier] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  /** Ticked open lines (ids `<supplier>/<plannedOrderId>`) for a partial approval. */
  const [ticked, setTicked] = useState<Set<string>>(() => new Set());
  /** The policy line whose basis is open (id `<supplier>/<plannedOrderId>`). */
  const [basisOf, setBasisOf] = useState<string | null>(null);

  const suppliers = useMemo(() => {
    const totals = new Map<string, SupplierTotal>();
    for (const line of list.items ?? []) {
      const total = totals.get(line.supplierCode) ?? { supplierCode: line.supplierCode, lines: 0, open: 0, valueEur: 0, currency: line.currency, purchaseOrders: [] };
      total.lines++;
      if (line.status === 'proposed') total.open++;
      total.valueEur += Number(line.quantity) * Number(line.unitPrice);
      if (line.purchaseOrderNumber && !total.purchaseOrders.includes(line.purchaseOrderNumber)) total.purchaseOrders.push(line.purchaseOrderNumber);
      totals.set(line.supplierCode, total);
    }
    return [...totals.values()].sort((a, b) => b.valueEur - a.valueEur);
  }, [list.items]);
  const lines = useMemo(() => (list.items ?? []).filter((l) => !supplier || l.supplierCode === supplier), [list.items, supplier]);

  const basisLine = useMemo(() => lines.find((l) => lineId(l) === basisOf && l.policyBasis) ?? null, [lines, basisOf]);
  /** Closing the basis gives the focus back to the line's button, once the table has rendered it again. */
  const focusAfterClose = useRef<string | null>(null);
  const closeBasis = () => {
    focusAfterClose.current = basisLine ? basisButtonId(basisLine) : null;
    setBasisOf(null);
  };
  useEffect(() => {
    if (basisOf !== null || !focusAfterClose.current) return;
    document.getElementById(focusAfterClose.current)?.focus();
    focusAfterClose.current = null;
  }, [basisOf]);

  const tickedLines = useMemo(() => lines.filter((l) => l.status === 'proposed' && ticked.has(lineId(l))), [lines, ticked]);

  /** Approves a supplier's open lines, every open line (null), or only the ticked lines (plannedOrderIds: partial approval). */
  const approve = async (supplierCode: string | null, plannedOrderIds?: string[]) => {
    if (!run) return;
    setBusy(true);
    setFeedback(null);
    try {
      const body = { ...(supplierCode ? { supplierCode } : {}), ...(plannedOrderIds ? { plannedOrderIds } : {}) };
      const result = await apiRequest<ApproveProposalsResponse>(`/api/v1/planning-runs/${encodeURIComponent(run.id)}/purchase-proposals/approve`, { method: 'POST', body });
      setFeedback({ tone: 'ok', text: result.purchaseOrders.length === 0 ? t('procurement.nothingToApprove') : t('procurement.approved', { orders: result.purchaseOrders.map((o) => `${o.orderNumber} (${o.supplierCode}, ${t('procurement.lineCount', { count: o.lineCount })})`).join(', ') }) });
      setTicked(new Set());
      list.reload();
    } catch (error) {
      setFeedback({ tone: 'error', text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const supplierColumns = useMemo(() => supplierCol.columns([
    supplierCol.accessor('supplierCode', { header: t('procurement.supplier') }),
    supplierCol.accessor('lines', { header: t('procurement.lines'), cell: (c) => formatNumber(c.getValue(), 0) }),
    supplierCol.accessor('open', { header: t('procurement.open'), cell: (c) => formatNumber(c.getValue(), 0) }),
    supplierCol.accessor('valueEur', { header: t('procurement.value'), cell: (c) => formatMoney(c.getValue(), c.row.original.currency) }),
    supplierCol.accessor((s) => s.purchaseOrders.join(', '), { id: 'po', header: t('procurement.purchaseOrders') }),
    supplierCol.display({ id: 'approve', header: () => <span className="visually-hidden">{t('procurement.approve')}</span>, cell: (c) => can('procurement:write') && c.row.original.open > 0 ? (
      <button type="button" className="small-button" disabled={busy} onClick={(e) => { e.stopPropagation(); void approve(c.row.original.supplierCode); }}
        data-testid={`approve-${c.row.original.supplierCode}`} aria-label={t('procurement.approveSupplier', { supplier: c.row.original.supplierCode })}>{t('procurement.approve')}</button>
    ) : null }),
  ]), [t, formatNumber, formatMoney, busy, can, run?.id]);

  const lineColumns = useMemo(() => lineCol.columns([
    lineCol.accessor('supplierCode', { header: t('procurement.supplier') }),
    lineCol.accessor('plannedOrderId', { header: t('procurement.plannedOrder') }),
    lineCol.accessor('itemCode', { header: t('common.item') }),
    lineCol.accessor('locationCode', { header: t('common.location') }),
    lineCol.accessor('origin', { header: t('procurement.origin'), cell: (c) => {
      const l = c.row.original;
      const open = basisOf === lineId(l);
      return (
        <span>
          <span className={`badge origin-${l.origin}`}>{t(l.origin === 'policy' ? 'procurement.origin.policy' : 'procurement.origin.mrp')}</span>
          {l.policyBasis && (
            <> <button type="button" className="link" id={basisButtonId(l)} aria-expanded={open} aria-controls={open ? POLICY_BASIS_PANEL_ID : undefined} data-testid={`basis-${l.plannedOrderId}`}
              aria-label={t('procurement.basis.show', { order: l.plannedOrderId, item: l.itemCode })} onClick={(e) => { e.stopPropagation(); setBasisOf(open ? null : lineId(l)); }}>
              {t('procurement.basis.button')}
            </button></>
          )}
        </span>
      );
    } }),
    lineCol.accessor('quantity', { header: t('common.quantity'), cell: (c) => formatNumber(c.getValue()) }),
    lineCol.accessor('unitPrice', { header: t('procurement.unitPrice'), cell: (c) => formatMoney(c.getValue(), c.row.original.currency) }),
    lineCol.accessor('priceBasis', { header: t('procurement.priceBasis') }),
    lineCol.accessor((l) => Number(l.quantity) * Number(l.unitPrice), { id: 'value', header: t('procurement.value'), cell: (c) => formatMoney(c.getValue(), c.row.original.currency) }),
    lineCol.accessor('releaseDate', { header: t('mrp.releaseDate'), cell: (c) => formatDate(c.getValue()) }),
    lineCol.accessor('dueDate', { header: t('procurement.dueDate'), cell: (c) => formatDate(c.getValue()) }),
    lineCol.accessor('status', { header: t('common.status'), cell: (c) => <span className={`badge ${c.getValue()}`} title={c.getValue() === 'proposed' ? undefined : t('procurement.alreadyDecided')}>{t(`proposal.status.${c.getValue()}` as MessageKey)}</span> }),
    lineCol.accessor('purchaseOrderNumber', { header: t('procurement.purchaseOrder'), cell: (c) => c.getValue() ?? '—' }),
  ]), [t, formatNumber, formatMoney, formatDate, basisOf]);

  if (runs.status === 'loading' && !run) return <Loading />;
  const totalValue = suppliers.reduce((sum, s) => sum + s.valueEur, 0);
  const openCount = suppliers.reduce((sum, s) => sum + s.open, 0);
  return (
    <>
      <PageHeader title={t('procurement.title')} subtitle={<RunNote run={run} />} actions={can('procurement:write') && run ? (
        <button type="button" className="primary" disabled={busy || openCount === 0} onClick={() => void approve(null)} data-testid="approve-all">{t('procurement.approveAll', { count: openCount })}</button>
      ) : undefined} />
      {feedback && <p className={feedback.tone === 'error' ? 'state state-error' : 'state state-ok'} role={feedback.tone === 'error' ? 'alert' : 'status'} data-testid="procurement-feedback">{feedback.text}</p>}
      {!run ? <NoRun runType="proposals" /> : list.status === 'error' && list.error ? <ErrorMessage error={list.error} onRetry={list.reload} /> : !list.items ? <Loading /> : list.items.length === 0 ? <Empty>{t('procurement.none')}</Empty> : (
        <>
          <div className="kpi-row">
            <Kpi label={t('procurement.value')} value={formatMoney(totalValue)} hint={t('procurement.valueHint')} />
            <Kpi label={t('procurement.lines')} value={formatNumber(list.items.length, 0)} />
            <Kpi label={t('procurement.open')} value={formatNumber(openCount, 0)} tone={openCount > 0 ? 'warn' : 'good'} />
            <Kpi label={t('procurement.suppliers')} value={formatNumber(suppliers.length, 0)} />
          </div>
          <div className="two-cols">
            <Section title={t('procurement.bySupplier')}>
              <DataTable rows={suppliers} columns={supplierColumns} getRowId={(s) => s.supplierCode} caption={t('procurement.bySupplier')} numeric={['lines', 'open', 'valueEur']}
                onRowActivate={(s) => setSupplier(supplier === s.supplierCode ? null : s.supplierCode)} activeRowId={supplier} testId="suppliers" />
            </Section>
            <Section title={supplier ? t('procurement.linesOf', { supplier }) : t('procurement.allLines')} actions={supplier ? <button type="button" className="link" onClick={() => setSupplier(null)}>{t('common.all')}</button> : undefined}>
              <DataTable rows={lines} columns={lineColumns} getRowId={lineId} caption={t('procurement.allLines')} numeric={['quantity', 'unitPrice', 'value']} testId="proposal-lines"
                rowClassName={(l) => (l.status === 'proposed' ? undefined : 'decided')}
                selection={can('procurement:write') ? { selected: ticked, onChange: setTicked, isSelectable: (l) => l.status === 'proposed', label: (l) => t('procurement.tickLine', { order: l.plannedOrderId, item: l.itemCode }), allLabel: t('common.selectAll') } : undefined}
                footer={can('procurement:write') ? (
                  <div className="toolbar">
                    <button type="button" className="primary" disabled={busy || tickedLines.length === 0} data-testid="approve-ticked"
                      onClick={() => void approve(null, tickedLines.map((l) => l.plannedOrderId))}>{t('procurement.approveTicked', { count: tickedLines.length })}</button>
                    <span className="muted small">{t('procurement.partialHint')}</span>
                  </div>
                ) : undefined} />
              {basisLine && <ProposalBasisPanel line={basisLine} onClose={closeBasis} />}
            </Section>
          </div>
        </>
      )}
      <SupplierScorecards />
    </>
  );
}
