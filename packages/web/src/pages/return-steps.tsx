import { useState, type FormEvent } from 'react';
import { INSPECTION_RESULTS, RETURN_DISPOSITIONS, type ReturnOrder } from '@flowpilot/contract';
import { apiRequest } from '../api/api-client';
import { useSubmit } from '../api/use-submit';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/en';
import { Section } from '../components/page';
import { SubmitFeedback } from '../components/submit-feedback';

type Step = 'receive' | 'inspect' | 'dispose';

/** The next step of a return by its status: authorised → receive, received → inspect, inspected → dispose; none after. */
export function nextReturnStep(status: ReturnOrder['status']): Step | null {
  switch (status) {
    case 'authorized': return 'receive';
    case 'received': return 'inspect';
    case 'inspected': return 'dispose';
    case 'closed':
    case 'cancelled':
      return null;
    default: {
      const never: never = status;
      throw new Error(`unknown return status ${String(never)}`);
    }
  }
}

/**
 * One return's life: receive it into quarantine at a location, inspect it (as new, repairable, unusable) and dispose of it
 * (restock, refurbish, return to supplier, recycle, scrap) with the handling cost and the credit given; each step is one
 * POST /api/v1/returns/{rma}/{step} (audited by the server) and shows the server's message when refused.
 */
export function ReturnSteps({ order, today, canWrite, onChanged }: { order: ReturnOrder; today: string; canWrite: boolean; onChanged: (order: ReturnOrder) => void }) {
  const { t, formatDate, formatMoney, formatNumber } = useI18n();
  const step = nextReturnStep(order.status);
  const { busy, message, run } = useSubmit();
  const [receive, setReceive] = useState({ receivedDate: today, locationCode: order.locationCode ?? '' });
  const [inspect, setInspect] = useState({ inspectedDate: today, result: 'as_new' as (typeof INSPECTION_RESULTS)[number], note: '' });
  const [dispose, setDispose] = useState({ disposedDate: today, disposition: 'restock' as (typeof RETURN_DISPOSITIONS)[number], returnCostEur: '', creditAmountEur: '' });

  const post = (path: Step, body: Record<string, unknown>, done: MessageKey) => run(() => apiRequest<ReturnOrder>(`/api/v1/returns/${encodeURIComponent(order.rmaNumber)}/${path}`, { method: 'POST', body }), {
    success: (updated) => {
      onChanged(updated);
      return t(done, { rma: updated.rmaNumber });
    },
  });
  const onReceive = (event: FormEvent) => {
    event.preventDefault();
    void post('receive', { receivedDate: receive.receivedDate, ...(receive.locationCode ? { locationCode: receive.locationCode } : {}) }, 'returns.receivedDone');
  };
  const onInspect = (event: FormEvent) => {
    event.preventDefault();
    void post('inspect', { inspectedDate: inspect.inspectedDate, result: inspect.result, ...(inspect.note.trim() ? { note: inspect.note.trim() } : {}) }, 'returns.inspectedDone');
  };
  const onDispose = (event: FormEvent) => {
    event.preventDefault();
    const money = (text: string) => (text.trim() === '' ? undefined : Number(text.replace(',', '.')));
    const returnCostEur = money(dispose.returnCostEur);
    const creditAmountEur = money(dispose.creditAmountEur);
    void post('dispose', {
      disposition: dispose.disposition, disposedDate: dispose.disposedDate,
      ...(returnCostEur !== undefined ? { returnCostEur } : {}), ...(creditAmountEur !== undefined ? { creditAmountEur } : {}),
    }, 'returns.disposedDone');
  };

  return (
    <Section title={t('returns.detail', { rma: order.rmaNumber })} id="return-steps">
      <dl className="facts" data-testid="return-detail">
        <dt>{t('common.status')}</dt><dd><span className="badge">{t(`returns.status.${order.status}` as MessageKey)}</span></dd>
        <dt>{t('returns.customer')}</dt><dd>{order.customerCode}</dd>
        <dt>{t('common.item')}</dt><dd>{order.itemCode}{order.lotNumber ? ` · ${order.lotNumber}` : ''} · {formatNumber(order.quantity)}</dd>
        <dt>{t('returns.authorized')}</dt><dd>{formatDate(order.authorizedDate)}</dd>
        <dt>{t('returns.receivedOn')}</dt><dd>{order.receivedDate ? `${formatDate(order.receivedDate)} · ${order.locationCode ?? '—'}` : '—'}</dd>
        <dt>{t('returns.inspection')}</dt><dd>{order.inspectionResult ? `${t(`returns.result.${order.inspectionResult}` as MessageKey)} · ${formatDate(order.inspectedDate)}${order.inspectionNote ? ` · ${order.inspectionNote}` : ''}` : '—'}</dd>
        <dt>{t('returns.disposition')}</dt><dd>{order.disposition ? `${t(`returns.disposition.${order.disposition}` as MessageKey)} · ${formatDate(order.disposedDate)} · ${t('returns.cost')} ${formatMoney(order.returnCostEur)}${order.creditAmountEur !== null ? ` · ${t('returns.credit')} ${formatMoney(order.creditAmountEur)}` : ''}` : '—'}</dd>
      </dl>
      {canWrite && step === 'receive' && (
        <form className="toolbar" onSubmit={onReceive} aria-label={t('returns.receive')}>
          <label className="inline-field">{t('returns.receivedOn')}<input type="date" required value={receive.receivedDate} onChange={(e) => setReceive({ ...receive, receivedDate: e.target.value })} /></label>
          <label className="inline-field">{t('common.location')}<input value={receive.locationCode} onChange={(e) => setReceive({ ...receive, locationCode: e.target.value.trim() })} placeholder="WH-PAR" /></label>
          <button type="submit" className="primary" disabled={busy} data-testid="return-receive">{t('returns.receive')}</button>
        </form>
      )}
      {canWrite && step === 'inspect' && (
        <form className="toolbar" onSubmit={onInspect} aria-label={t('returns.inspect')}>
          <label className="inline-field">{t('returns.inspectedOn')}<input type="date" required value={inspect.inspectedDate} onChange={(e) => setInspect({ ...inspect, inspectedDate: e.target.value })} /></label>
          <label className="inline-field">{t('returns.inspection')}
            <select value={inspect.result} onChange={(e) => setInspect({ ...inspect, result: e.target.value as typeof inspect.result })} data-testid="return-result">
              {INSPECTION_RESULTS.map((r) => <option key={r} value={r}>{t(`returns.result.${r}` as MessageKey)}</option>)}
            </select>
          </label>
          <label className="inline-field">{t('returns.note')}<input value={inspect.note} maxLength={2000} onChange={(e) => setInspect({ ...inspect, note: e.target.value })} /></label>
          <button type="submit" className="primary" disabled={busy} data-testid="return-inspect">{t('returns.inspect')}</button>
        </form>
      )}
      {canWrite && step === 'dispose' && (
        <form className="toolbar" onSubmit={onDispose} aria-label={t('returns.dispose')}>
          <label className="inline-field">{t('returns.disposition')}
            <select value={dispose.disposition} onChange={(e) => setDispose({ ...dispose, disposition: e.target.value as typeof dispose.disposition })} data-testid="return-disposition">
              {RETURN_DISPOSITIONS.map((d) => <option key={d} value={d}>{t(`returns.disposition.${d}` as MessageKey)}</option>)}
            </select>
          </label>
          <label className="inline-field">{t('returns.disposedOn')}<input type="date" required value={dispose.disposedDate} onChange={(e) => setDispose({ ...dispose, disposedDate: e.target.value })} /></label>
          <label className="inline-field">{t('returns.handlingCost')}<input type="number" min={0} step="any" className="narrow" value={dispose.returnCostEur} onChange={(e) => setDispose({ ...dispose, returnCostEur: e.target.value })} /></label>
          <label className="inline-field">{t('returns.credit')}<input type="number" min={0} step="any" className="narrow" value={dispose.creditAmountEur} onChange={(e) => setDispose({ ...dispose, creditAmountEur: e.target.value })} /></label>
          <button type="submit" className="primary" disabled={busy} data-testid="return-dispose">{t('returns.dispose')}</button>
        </form>
      )}
      {step === null && <p className="muted small">{t('returns.done')}</p>}
      <SubmitFeedback message={message} testId="return-message" />
    </Section>
  );
}
