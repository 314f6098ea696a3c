import { useMemo, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { ForecastOverrideRecord, ForecastSeries } from '@flowpilot/contract';
import { apiRequest } from '../api/api-client';
import { useSubmit } from '../api/use-submit';
import { useI18n } from '../i18n/i18n-context';
import { DataTable, gridColumns } from '../components/data-table';
import { Section } from '../components/page';
import { SubmitFeedback } from '../components/submit-feedback';

type Series = z.infer<typeof ForecastSeries>;
export type Override = z.infer<typeof ForecastOverrideRecord>;
/** An override with the statistical figure of its week (the model's forecast it replaces) and whether the shown run used it. */
export type OverrideRow = Override & { statisticalForecast: number | null; appliedInRun: boolean };
const overrideCol = gridColumns<OverrideRow>();

/** Joins the active overrides of a series with its weeks: statistical value = statisticalForecast when the run used an override, else the forecast. */
export function overrideRowsOf(series: Series, overrides: readonly Override[]): OverrideRow[] {
  const byWeek = new Map(series.values.map((v) => [v.periodStart.slice(0, 10), v]));
  return overrides
    .filter((o) => o.itemCode === series.itemCode && o.locationCode === series.locationCode && o.withdrawnAt === null)
    .map((o) => {
      const value = byWeek.get(o.weekStart.slice(0, 10));
      const statistical = value ? (value.statisticalForecast ?? (value.overrideId ? null : value.forecast)) : null;
      return { ...o, statisticalForecast: statistical === null || statistical === undefined ? null : Number(statistical), appliedInRun: value?.overrideId === o.id };
    })
    .sort((a, b) => a.weekStart.localeCompare(b.weekStart) || a.id.localeCompare(b.id));
}

/**
 * Judgmental overrides of one series: who replaced which week's statistical forecast by what and why; a planner adds one
 * (POST /api/v1/forecast-overrides, it supersedes the week's active one) or withdraws one. The next planning run uses them.
 */
export function ForecastOverrides({ series, overrides, canWrite, onChanged }: { series: Series; overrides: readonly Override[]; canWrite: boolean; onChanged: () => void }) {
  const { t, formatNumber, formatDate, formatDateTime } = useI18n();
  const weeks = series.values.map((v) => v.periodStart.slice(0, 10));
  const [form, setForm] = useState({ weekStart: weeks[0] ?? '', quantity: '', reason: '' });
  const { busy, message, run } = useSubmit();
  const rows = useMemo(() => overrideRowsOf(series, overrides), [series, overrides]);
  const statisticalOfWeek = series.values.find((v) => v.periodStart.slice(0, 10) === form.weekStart);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { itemCode: series.itemCode, locationCode: series.locationCode, weekStart: form.weekStart, quantity: Number(form.quantity.replace(',', '.')), reason: form.reason.trim() };
    void run(() => apiRequest<Override>('/api/v1/forecast-overrides', { method: 'POST', body }), {
      success: (saved) => {
        setForm({ ...form, quantity: '', reason: '' });
        onChanged();
        return t('demand.override.saved', { week: formatDate(saved.weekStart), quantity: formatNumber(saved.quantity) });
      },
    });
  };
  const withdraw = (row: OverrideRow) => run(() => apiRequest<Override>(`/api/v1/forecast-overrides/${encodeURIComponent(row.id)}/withdraw`, { method: 'POST', body: {} }), {
    success: () => {
      onChanged();
      return t('demand.override.withdrawn', { week: formatDate(row.weekStart) });
    },
  });

  const columns = useMemo(() => overrideCol.columns([
    overrideCol.accessor('weekStart', { header: t('demand.override.week'), cell: (c) => formatDate(c.getValue()) }),
    overrideCol.accessor('statisticalForecast', { header: t('demand.override.statistical'), cell: (c) => formatNumber(c.getValue(), 1) }),
    overrideCol.accessor((r) => Number(r.quantity), { id: 'quantity', header: t('demand.override.value'), cell: (c) => <span className="override-mark">{formatNumber(c.getValue(), 1)}</span> }),
    overrideCol.accessor('reason', { header: t('demand.override.reason'), cell: (c) => <span className="ellipsis" title={c.getValue()}>{c.getValue()}</span> }),
    overrideCol.accessor('authorEmail', { header: t('demand.override.author'), cell: (c) => c.getValue() ?? '—' }),
    overrideCol.accessor('createdAt', { header: t('demand.override.created'), cell: (c) => formatDateTime(c.getValue()) }),
    overrideCol.accessor('appliedInRun', { header: t('demand.override.inRun'), cell: (c) => (c.getValue() ? t('common.yes') : t('demand.override.nextRun')) }),
    ...(canWrite ? [overrideCol.display({
      id: 'withdraw', header: t('demand.override.actions'),
      cell: (c) => <button type="button" className="link" disabled={busy} onClick={() => void withdraw(c.row.original)} aria-label={t('demand.override.withdrawOf', { week: formatDate(c.row.original.weekStart) })}>{t('demand.override.withdraw')}</button>,
    })] : []),
  ]), [t, formatNumber, formatDate, formatDateTime, canWrite, busy]);

  return (
    <Section title={t('demand.override.title', { item: series.itemCode, location: series.locationCode })} id="forecast-overrides">
      {rows.length === 0 ? <p className="muted small">{t('demand.override.none')}</p> : (
        <DataTable rows={rows} columns={columns} getRowId={(r) => r.id} caption={t('demand.override.caption')} numeric={['statisticalForecast', 'quantity']} maxHeightPx={220} testId="forecast-overrides" />
      )}
      {canWrite && (
        <form className="toolbar" onSubmit={submit} aria-label={t('demand.override.add')} style={{ marginTop: 8 }}>
          <label className="inline-field">{t('demand.override.week')}
            <select value={form.weekStart} onChange={(e) => setForm({ ...form, weekStart: e.target.value })} data-testid="override-week">
              {weeks.map((w) => <option key={w} value={w}>{formatDate(w)}</option>)}
            </select>
          </label>
          <label className="inline-field">{t('demand.override.value')}
            <input type="number" min={0} step="any" required className="narrow" value={form.quantity} onChange={(e) => setForm({ ...form, quantity: e.target.value })} data-testid="override-quantity" />
          </label>
          <label className="inline-field">{t('demand.override.reason')}
            <input required maxLength={500} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} placeholder={t('demand.override.reasonHint')} data-testid="override-reason" />
          </label>
          <button type="submit" className="primary" disabled={busy || form.weekStart === ''} data-testid="override-save">{t('demand.override.save')}</button>
          {statisticalOfWeek && <span className="muted small">{t('demand.override.current', { value: formatNumber(statisticalOfWeek.statisticalForecast ?? statisticalOfWeek.forecast, 1) })}</span>}
        </form>
      )}
      <SubmitFeedback message={message} testId="override-message" />
    </Section>
  );
}
