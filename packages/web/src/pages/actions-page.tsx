import { useMemo, useState, type FormEvent } from 'react';
import { ACTION_STATUSES, type ImprovementActionSchema } from '@flowpilot/contract';
import { apiRequest } from '../api/api-client';
import { useApi } from '../api/use-api';
import { useSession } from '../auth/session-context';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/en';
import { DataTable, gridColumns } from '../components/data-table';
import { PageHeader, Section } from '../components/page';
import { Loaded } from '../components/states';

type Action = ImprovementActionSchema;
const actionCol = gridColumns<Action>();

/** Improvement actions (PDCA): owner, due date, status moved through plan → do → check → act, baseline and measured effect. */
export function ActionsPage() {
  const { t, formatNumber, formatDate, language } = useI18n();
  const { can } = useSession();
  const actions = useApi<{ items: Action[]; total: number }>('/api/v1/improvement-actions?pageSize=500', language);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const mayWrite = can('improvement:write');
  const reload = actions.reload;
  const columns = useMemo(() => actionCol.columns([
    actionCol.accessor('actionNumber', { header: t('actions.number') }),
    actionCol.accessor('title', { header: t('actions.titleCol'), cell: (c) => <span className="ellipsis" title={c.getValue()}>{c.getValue()}</span> }),
    actionCol.accessor('owner', { header: t('mrp.owner') }),
    actionCol.accessor('dueDate', { header: t('actions.due'), cell: (c) => formatDate(c.getValue()) }),
    actionCol.accessor('status', { header: t('common.status'), cell: (c) => mayWrite && c.getValue() !== 'closed' ? (
      <select value={c.getValue()} aria-label={t('actions.statusOf', { number: c.row.original.actionNumber })} onChange={(e) => {
        apiRequest(`/api/v1/improvement-actions/${encodeURIComponent(c.row.original.actionNumber)}`, { method: 'PATCH', body: { status: e.target.value } })
          .then(() => { setMessage({ tone: 'ok', text: t('admin.saved') }); reload(); }, (error: Error) => setMessage({ tone: 'error', text: error.message }));
      }}>{ACTION_STATUSES.map((s) => <option key={s} value={s}>{t(`actions.status.${s}` as MessageKey)}</option>)}</select>
    ) : t(`actions.status.${c.getValue()}` as MessageKey) }),
    actionCol.accessor('kpiId', { header: 'KPI', cell: (c) => c.getValue() ?? '—' }),
    actionCol.accessor('baselineValue', { header: t('actions.baseline'), cell: (c) => formatNumber(c.getValue(), 3) }),
    actionCol.accessor('measuredValue', { header: t('actions.measured'), cell: (c) => formatNumber(c.getValue(), 3) }),
    actionCol.accessor('improved', { header: t('actions.improved'), cell: (c) => (c.getValue() === null ? '—' : c.getValue() ? t('common.yes') : t('common.no')) }),
  ]), [t, formatNumber, formatDate, mayWrite, reload]);
  return (
    <>
      <PageHeader title={t('actions.title')} subtitle={t('actions.subtitle')} />
      {message && <p className={message.tone === 'error' ? 'state state-error' : 'state state-ok'} role={message.tone === 'error' ? 'alert' : 'status'}>{message.text}</p>}
      <Section title={t('actions.list')}>
        <Loaded state={actions} isEmpty={(d) => d.items.length === 0} empty={t('actions.none')}>
          {(d) => <DataTable rows={d.items} columns={columns} getRowId={(a) => a.actionNumber} caption={t('actions.list')} numeric={['baselineValue', 'measuredValue']} rowHeightPx={32} testId="improvement-actions" />}
        </Loaded>
      </Section>
      {mayWrite && <AddAction onAdded={(number) => { setMessage({ tone: 'ok', text: t('actions.added', { number }) }); reload(); }} />}
    </>
  );
}

function AddAction({ onAdded }: { onAdded: (actionNumber: string) => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ title: '', owner: '', dueDate: '', kpiId: '' });
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const created = await apiRequest<ImprovementActionSchema>('/api/v1/improvement-actions', { method: 'POST', body: { title: form.title, owner: form.owner, dueDate: form.dueDate, ...(form.kpiId ? { kpiId: form.kpiId } : {}) } });
      onAdded(created.actionNumber);
      setForm({ title: '', owner: '', dueDate: '', kpiId: '' });
    } catch (cause) {
      setError((cause as Error).message);
    }
  };
  return (
    <Section title={t('actions.add')}>
      <form className="toolbar" onSubmit={submit}>
        <label className="inline-field">{t('actions.titleCol')}<input required value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} /></label>
        <label className="inline-field">{t('mrp.owner')}<input required value={form.owner} onChange={(e) => setForm({ ...form, owner: e.target.value })} /></label>
        <label className="inline-field">{t('actions.due')}<input type="date" required value={form.dueDate} onChange={(e) => setForm({ ...form, dueDate: e.target.value })} /></label>
        <label className="inline-field">KPI<input value={form.kpiId} onChange={(e) => setForm({ ...form, kpiId: e.target.value })} placeholder="otif" className="narrow" /></label>
        <button type="submit" className="primary">{t('actions.addButton')}</button>
      </form>
      {error && <p className="state state-error" role="alert">{error}</p>}
    </Section>
  );
}
